// LDAP filters built from what the user typed, escaped per RFC 4515 so input like "*)(mail=*"
// stays a literal, and DN values escaped per RFC 4514 for the bind DN template.
//
// Vietnamese names and diacritics: directory servers match cn with caseIgnoreSubstringsMatch,
// which ignores case but not diacritics, so "nguyen" never matches "Nguyễn" on the server.
// Vietnamese consonants carry no marks (except đ), so the server is asked for the consonant
// skeleton of each typed word ("nguyen" → *ng*n*, which "Nguyễn" matches) and the bounded
// result is then folded and checked word by word here (see matchesTokens).
import { foldText } from '../../../shared/text-fold.ts';

/** RFC 4515 §3: `*`, `(`, `)`, `\` and NUL as \XX; everything else (UTF-8 included) as is. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** RFC 4514 §2.4: the characters a DN attribute value must escape. */
export function escapeDnValue(value: string): string {
  let out = value.replace(/[\\"+,;<>=\0]/g, (c) => (c === '\0' ? '\\00' : `\\${c}`));
  if (/^[ #]/.test(out)) out = `\\${out}`;
  if (/ $/.test(out)) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/** The words of a query, folded ("Nguyễn Văn" → ["nguyen", "van"]); at most six. */
export function queryTokens(query: string): string[] {
  return foldText(query.normalize('NFC'))
    .split(/[\s,;]+/)
    .filter((t) => t.length > 0)
    .slice(0, 6);
}

/**
 * The runs of a folded word the server can match exactly whatever the marks: letters that take
 * no diacritic in Vietnamese (vowels and d/đ are wildcards), digits and other symbols.
 */
export function consonantSkeleton(token: string): string[] {
  return token.split(/[aeiouyd]+/).filter((r) => r.length > 0);
}

const isWild = (c: string | undefined): boolean => c === undefined || /[aeiouyd]/.test(c);

/**
 * The substring parts of the whole query in one name: each word's skeleton, in the order typed.
 * A word that starts with a consonant starts after a space, except the first typed word (it may
 * be any word of the name). Word ends are not assumed: "Các sở, ban, ngành" has commas there.
 * "nguyen van a" → `*ng*n* v*n*`, which "Nguyễn Văn An" matches and "Hoàng Minh Nam" does not.
 */
export function orderedSkeleton(tokens: string[]): string[] {
  const parts: string[] = [];
  tokens.forEach((token, i) => {
    const runs = consonantSkeleton(token);
    if (runs.length === 0) return;
    if (i > 0 && !isWild(token[0])) runs[0] = ` ${runs[0] ?? ''}`;
    parts.push(...runs);
  });
  return parts;
}

const substring = (attr: string, parts: string[]): string => `(${attr}=*${parts.map(escapeFilterValue).join('*')}*)`;

export const ENTRY_CLASSES = [
  'person',
  'organizationalUnit',
  'organization',
  'organizationalRole',
  'groupOfNames',
  'groupOfUniqueNames',
];
export const GROUP_CLASSES = ['groupOfNames', 'groupOfUniqueNames'];

const anyClass = (classes: string[]): string => `(|${classes.map((c) => `(objectClass=${c})`).join('')})`;
const and = (clauses: string[]): string => (clauses.length === 1 ? (clauses[0] ?? '') : `(&${clauses.join('')})`);
const or = (clauses: string[]): string => (clauses.length === 1 ? (clauses[0] ?? '') : `(|${clauses.join('')})`);

export interface FilterOptions {
  searchAttributes: string[];
  foldedAttribute?: string | undefined;
  /** Object classes to look in; the people, units and groups by default. */
  classes?: string[];
  /** Also match the words in mail and uid (not for group lookups). */
  matchMail?: boolean;
}

/**
 * The server-side filter for a name search: the words in order in one name attribute (by their
 * skeleton), or every word in the folded attribute, mail or uid. Null when the words give the
 * server nothing to narrow on (only vowels, e.g. "a"): that would list the whole directory.
 */
export function searchFilter(tokens: string[], opts: FilterOptions): string | null {
  const skeleton = orderedSkeleton(tokens);
  const alternatives = skeleton.length > 0 ? opts.searchAttributes.map((a) => substring(a, skeleton)) : [];
  const exactAttrs = [
    ...(opts.foldedAttribute ? [opts.foldedAttribute] : []),
    ...(opts.matchMail === false ? [] : ['mail', 'uid']),
  ];
  // Words of one letter would match nearly every address: they are left to the check here.
  const words = tokens.filter((t) => t.length >= 2);
  if (exactAttrs.length > 0 && words.length > 0) {
    alternatives.push(and(words.map((t) => or(exactAttrs.map((a) => substring(a, [t]))))));
  }
  if (skeleton.length === 0) return null;
  return `(&${anyClass(opts.classes ?? ENTRY_CLASSES)}${or(alternatives)})`;
}

/** Every word is in the folded text (word order free, as on the server). */
export function matchesTokens(haystack: string, tokens: string[]): boolean {
  const folded = foldText(haystack);
  return tokens.every((t) => folded.includes(t));
}

/** The filter that finds the entry a mailbox login belongs to (search, then bind). */
export function loginFilter(login: string): string {
  const v = escapeFilterValue(login);
  const local = escapeFilterValue(login.split('@')[0] ?? login);
  return `(&(objectClass=person)(|(mail=${v})(uid=${v})(uid=${local})))`;
}

/** The bind DN from the configured template: {login} and {local} filled in, DN-escaped. */
export function userDnFromTemplate(template: string, login: string): string {
  const local = login.includes('@') ? login.slice(0, login.lastIndexOf('@')) : login;
  return template.replaceAll('{login}', escapeDnValue(login)).replaceAll('{local}', escapeDnValue(local));
}
