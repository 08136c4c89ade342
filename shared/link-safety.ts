// What a link in a mail really points at, and what about it may deceive the reader: the host in
// Unicode and in punycode, the visible text naming another address, bidi controls, invisible
// characters, look-alike slashes and dots, mixed scripts in one label, credentials before the
// host. Pure (no Node, no DOM): the WHATWG URL parser is in both the renderer and main.
import { toUnicodeDomain } from './idn.ts';
import { parseMailto, type MailtoPrefill } from './link-mailto.ts';

export type { MailtoPrefill } from './link-mailto.ts';

export type LinkWarning =
  /** The visible text is a URL, domain or address other than the real target. */
  | 'text-differs'
  /** Bidirectional controls (RLO U+202E and friends) in the target or its text. */
  | 'bidi'
  /** Zero-width or other invisible characters in the target or its text. */
  | 'invisible'
  /** Characters that imitate "/", "." "@" and the like (fraction slash U+2044, full-width dot…). */
  | 'lookalike'
  /** One host label written in several scripts (a Cyrillic "а" in "pаypal"). */
  | 'mixed-script'
  /** A user name or password before the host (https://bank.vn@evil.example/). */
  | 'credentials'
  /** The host is a bare IP address. */
  | 'ip-host'
  /** The host has internationalised labels (shown in Unicode and punycode). */
  | 'idn'
  /** Plain http: the page travels unencrypted. */
  | 'insecure';

/** Warnings that by themselves mean the link is likely built to deceive. */
export const DECEPTIVE_WARNINGS: readonly LinkWarning[] = [
  'text-differs',
  'bidi',
  'invisible',
  'lookalike',
  'mixed-script',
  'credentials',
];

export type LinkAnalysis =
  | { kind: 'refused'; scheme: string; warnings: LinkWarning[] }
  | {
      kind: 'web';
      /** The normalised URL (`new URL(x).href`): ASCII, what is opened and shown. */
      href: string;
      scheme: 'http:' | 'https:';
      /** The host as the network sees it (punycode for IDN). */
      host: string;
      /** The same host in Unicode, for reading. Equals `host` unless it is an IDN. */
      hostUnicode: string;
      warnings: LinkWarning[];
    }
  | { kind: 'mailto'; href: string; mailto: MailtoPrefill; warnings: LinkWarning[] };

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Zero-width and other default-ignorable characters (soft hyphen, ZWSP, ZWJ, variation selectors…), bidi controls aside. */
const INVISIBLE = /(?![\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069])\p{Default_Ignorable_Code_Point}/u;
/**
 * Characters that read as URL punctuation but are not: slashes (fraction, division, big and
 * full-width solidus), dots (one-dot leader, small and full-width full stops, ideographic full
 * stops), colons, at signs, number signs and question marks in their full-width and small forms.
 */
const LOOKALIKE_PUNCTUATION =
  /[\u2044\u2215\u29f8\u2571\u27cb\u3033\uff0f\u2024\u2027\ufe52\uff0e\u3002\uff61\u0701\u0702\ua4f8\u2236\ua789\ufe55\uff1a\uff20\ufe6b\uff03\ufe5f\uff1f\ufe56\u2049\u2048]/u;
/** Cyrillic and Greek letters drawn like Latin ones: a label of only these reads as Latin. */
const LATIN_LOOKALIKES = new Set([...'аеорсухіјѕԁԛԝһӏԍɡοαρνιυκτχϲϳ']);

const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];
/** Script sets one label may mix (UTS 39 "highly restrictive"). */
const ALLOWED_MIXES = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

function scriptOf(char: string): string | null {
  if (!/\p{L}/u.test(char)) return null;
  for (const [name, re] of SCRIPTS) if (re.test(char)) return name;
  return 'Other';
}

/** Whether one (Unicode) host label mixes scripts, or is all Cyrillic/Greek letters that look Latin. */
function labelWarnings(label: string): LinkWarning[] {
  const scripts = new Set<string>();
  for (const c of label) {
    const s = scriptOf(c);
    if (s) scripts.add(s);
  }
  if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s)))) {
    return ['mixed-script'];
  }
  const letters = [...label].filter((c) => /\p{L}/u.test(c));
  const wholeScriptFake =
    (scripts.has('Cyrillic') || scripts.has('Greek')) &&
    letters.length > 0 &&
    letters.every((c) => LATIN_LOOKALIKES.has(c.toLowerCase()));
  return wholeScriptFake ? ['lookalike'] : [];
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** What the visible text of a link names, if it names an address at all. */
type Named = { kind: 'host'; host: string } | { kind: 'email'; address: string };

const EMAIL_TEXT = /^(?:mailto:)?([^\s@<>()"']+@[^\s@<>()"']+\.[^\s@<>()"'.]+)$/iu;
const DOMAIN_TEXT = /^(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}(?::\d+)?(?:[/?#]\S*)?$/u;

/** Strips what hides or reorders characters, and folds full-width forms (NFKC) so "ｅｘａｍｐｌｅ．ｃｏｍ" is read. */
function plainText(text: string): string {
  return text
    .replace(new RegExp(BIDI.source, 'gu'), '')
    .replace(new RegExp(INVISIBLE.source, 'gu'), '')
    .normalize('NFKC')
    .trim();
}

function namedBy(text: string): Named | null {
  const t = plainText(text).replace(/^[<(["']+|[>)\]"'.,;:]+$/gu, '');
  if (t === '' || /\s/u.test(t)) return null;
  const email = EMAIL_TEXT.exec(t);
  if (email?.[1]) return { kind: 'email', address: email[1].toLowerCase() };
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : DOMAIN_TEXT.test(t) ? `http://${t}` : null;
  if (candidate === null) return null;
  try {
    const host = new URL(candidate).hostname;
    return host ? { kind: 'host', host } : null;
  } catch {
    return null;
  }
}

const bareHost = (host: string) => host.replace(/\.$/, '').replace(/^www\./, '');

function textDiffers(text: string, target: { host: string } | { address: string }): boolean {
  const named = namedBy(text);
  if (named === null) return false;
  if ('host' in target) return named.kind !== 'host' || bareHost(named.host) !== bareHost(target.host);
  if (named.kind !== 'email') return true;
  const [local, domain = ''] = named.address.split('@');
  try {
    const ascii = new URL(`http://${domain}`).hostname;
    return `${local}@${ascii}`.toLowerCase() !== target.address.toLowerCase();
  } catch {
    return true;
  }
}

/** Warnings the raw strings carry before the parser hides them (it percent-encodes or maps them). */
function rawWarnings(raw: string, text: string): LinkWarning[] {
  const found: LinkWarning[] = [];
  if (BIDI.test(raw) || BIDI.test(text)) found.push('bidi');
  if (INVISIBLE.test(raw) || INVISIBLE.test(text)) found.push('invisible');
  if (LOOKALIKE_PUNCTUATION.test(raw)) found.push('lookalike');
  return found;
}

function webWarnings(url: URL, raw: string, text: string): LinkWarning[] {
  const found = rawWarnings(raw, text);
  if (url.username !== '' || url.password !== '') found.push('credentials');
  const host = url.hostname;
  if (IPV4.test(host) || host.startsWith('[')) found.push('ip-host');
  const labels = host.split('.');
  if (labels.some((l) => l.startsWith('xn--'))) {
    found.push('idn');
    for (const label of toUnicodeDomain(host).split('.')) found.push(...labelWarnings(label));
  }
  if (textDiffers(text, { host })) found.push('text-differs');
  if (url.protocol === 'http:') found.push('insecure');
  return [...new Set(found)];
}

/** The scheme of a string that may not parse, for messages ("javascript:", "file:"). */
export function schemeOf(raw: string): string {
  return /^\s*([a-z][a-z0-9+.-]*:)/i.exec(raw)?.[1]?.toLowerCase() ?? '';
}

/**
 * Analyses a link from a mail: `raw` is its target as written, `text` what the reader sees.
 * Only http:, https: and mailto: come out openable; everything else is `refused`.
 */
export function analyzeLink(raw: string, text = ''): LinkAnalysis {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'refused', scheme: schemeOf(raw), warnings: rawWarnings(raw, text) };
  }
  if (url.protocol === 'mailto:') {
    const mailto = parseMailto(url.href);
    const warnings = rawWarnings(raw, text);
    const first = mailto.to[0];
    if (first !== undefined && textDiffers(text, { address: first })) warnings.push('text-differs');
    return { kind: 'mailto', href: url.href, mailto, warnings };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return { kind: 'refused', scheme: url.protocol, warnings: rawWarnings(raw, text) };
  }
  return {
    kind: 'web',
    href: url.href,
    scheme: url.protocol,
    host: url.hostname,
    hostUnicode: url.hostname.startsWith('[') ? url.hostname : toUnicodeDomain(url.hostname),
    warnings: webWarnings(url, raw, text),
  };
}

/** Whether any warning means the link is likely deceptive (not only IDN or plain http). */
export function isDeceptive(warnings: readonly LinkWarning[]): boolean {
  return warnings.some((w) => DECEPTIVE_WARNINGS.includes(w));
}

/**
 * What may be handed to the operating system: the normalised URL (`new URL(x).href`) of an
 * http(s) link with a host or of a mailto: link; null for anything else. Main calls this again
 * on whatever the renderer sends, so a compromised renderer cannot widen it.
 */
export function normalizeOpenable(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url.href;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url.href;
  return null;
}

/**
 * Text for display with what hides or reorders characters made visible: each bidi control or
 * invisible character becomes "[U+202E]", so the reader sees it instead of its effect.
 */
export function revealHidden(text: string): string {
  const hidden = new RegExp(`${BIDI.source}|${INVISIBLE.source}`, 'gu');
  return text.replace(hidden, (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`);
}
