// What an LDAP entry of a province directory says, as the app shows it: an official (person), a
// unit (organizationalUnit / organization, often with the unit's mailbox) or a group.
// Attribute names are matched case-insensitively, as LDAP does.
import type { Entry } from 'ldapts';
import type { DirectoryEntry, DirectoryEntryKind } from '../../../shared/directory.ts';
import { normalizeAddress } from '../../../shared/recipients.ts';
import { GROUP_CLASSES } from './ldap-filter.ts';

/** The attributes a lookup asks for. */
export const ENTRY_ATTRIBUTES = [
  'objectClass',
  'cn',
  'displayName',
  'sn',
  'givenName',
  'mail',
  'uid',
  'title',
  'ou',
  'o',
  'departmentNumber',
  'telephoneNumber',
  'member',
  'uniqueMember',
];

/** Every value of an attribute as text, whatever case the server spelled its name in. */
export function values(entry: Entry, attribute: string): string[] {
  const want = attribute.toLowerCase();
  for (const [key, value] of Object.entries(entry)) {
    if (key.toLowerCase() !== want || key === 'dn') continue;
    const list = Array.isArray(value) ? value : [value];
    return list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)).normalize('NFC').trim());
  }
  return [];
}

const first = (entry: Entry, ...attributes: string[]): string => {
  for (const a of attributes) {
    const v = values(entry, a).find((x) => x.length > 0);
    if (v) return v;
  }
  return '';
};

/** Of several values (cn: "Nguyễn Văn An" and cn: "Nguyen Van An"), the one written with marks. */
function bestName(list: string[]): string {
  return list.find((v) => /[^\p{ASCII}]/u.test(v)) ?? list[0] ?? '';
}

export function kindOf(entry: Entry): DirectoryEntryKind {
  const classes = values(entry, 'objectClass').map((c) => c.toLowerCase());
  if (GROUP_CLASSES.some((g) => classes.includes(g.toLowerCase()))) return 'group';
  if (classes.includes('organizationalunit') || classes.includes('organization')) return 'unit';
  return 'person';
}

/** The value of the first RDN of a DN ("ou=Sở Nội vụ,dc=…" → "Sở Nội vụ"), unescaped (RFC 4514). */
export function rdnValue(dn: string): string {
  const bytes: number[] = [];
  const push = (c: string) => bytes.push(...Buffer.from(c, 'utf8'));
  const start = dn.indexOf('=') + 1;
  if (start <= 0) return '';
  for (let i = start; i < dn.length; i++) {
    const c = dn[i] ?? '';
    if (c === '\\') {
      // \XX is one byte of the UTF-8 value; \c is the character c.
      const hex = /^[0-9a-fA-F]{2}/.exec(dn.slice(i + 1, i + 3));
      if (hex) bytes.push(Number.parseInt(hex[0], 16));
      else push(dn[i + 1] ?? '');
      i += hex ? 2 : 1;
      continue;
    }
    if (c === ',' || c === '+') break;
    const pair = c >= '\ud800' && c <= '\udbff';
    push(pair ? dn.slice(i, i + 2) : c);
    if (pair) i++;
  }
  return Buffer.from(bytes).toString('utf8').trim();
}

/** The parent's DN (everything after the first unescaped comma). */
export function parentDn(dn: string): string {
  for (let i = 0; i < dn.length; i++) {
    if (dn[i] === '\\') i++;
    else if (dn[i] === ',') return dn.slice(i + 1).trim();
  }
  return '';
}

export function toDirectoryEntry(entry: Entry): DirectoryEntry {
  const kind = kindOf(entry);
  const mail = values(entry, 'mail')
    .map((m) => normalizeAddress(m)?.address)
    .find((m): m is string => m !== undefined);
  const name =
    kind === 'unit'
      ? bestName(values(entry, 'displayName')) || bestName(values(entry, 'ou')) || first(entry, 'o', 'cn')
      : bestName(values(entry, 'displayName')) || bestName(values(entry, 'cn')) || rdnValue(entry.dn);
  const parentUnit = /^(ou|o)=/i.test(parentDn(entry.dn)) ? rdnValue(parentDn(entry.dn)) : '';
  const ownUnit = kind === 'unit' ? '' : bestName(values(entry, 'ou')) || first(entry, 'departmentNumber', 'o');
  return {
    dn: entry.dn,
    kind,
    name: name || mail || entry.dn,
    address: mail ?? null,
    title: first(entry, 'title'),
    unit: ownUnit || parentUnit,
    phone: first(entry, 'telephoneNumber'),
  };
}

/** "Phó Giám đốc · Sở Nội vụ": what the suggestion list shows under the name. */
export function entryDetail(e: Pick<DirectoryEntry, 'title' | 'unit'>): string | undefined {
  const detail = [e.title, e.unit].filter((x) => x.length > 0).join(' · ');
  return detail.length > 0 ? detail : undefined;
}
