// vCard 2.1 / 3.0 / 4.0 (RFC 2426, RFC 6350) as phones, Outlook, Thunderbird and Gmail export it:
// folded lines, grouped properties ("item1.EMAIL"), several EMAILs per card, and the old Outlook
// style of quoted-printable names with soft line breaks and a CHARSET (UTF-8 or Windows-1258).
import type { ParseOutcome, ParsedContact } from './contact-record.ts';
import { cleanText, joinName } from './contact-record.ts';

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

const isQuotedPrintable = (head: string): boolean => /(^|;)\s*(ENCODING=)?QUOTED-PRINTABLE\s*(;|$)/i.test(head);

/**
 * Logical lines: a line starting with a space or tab continues the previous one (the space
 * removed); in a quoted-printable property a line ending in "=" continues on the next.
 */
export function unfold(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    const last = out.length - 1;
    const prev = out[last];
    if (prev !== undefined && /^[ \t]/.test(line)) out[last] = prev + line.slice(1);
    else if (prev !== undefined && prev.endsWith('=') && isQuotedPrintable(prev.slice(0, prev.indexOf(':')))) {
      out[last] = prev.slice(0, -1) + line;
    } else out.push(line);
  }
  return out;
}

/** The index of the ':' that ends the name and parameters (a quoted parameter may hold one). */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) return i;
  }
  return -1;
}

function parseProperty(line: string): Property | null {
  const colon = valueStart(line);
  if (colon <= 0) return null;
  const [rawName = '', ...rawParams] = line.slice(0, colon).split(';');
  const name = (rawName.split('.').pop() ?? '').trim().toUpperCase();
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    // vCard 2.1 allows bare parameters: "EMAIL;INTERNET;PREF:" and "N;QUOTED-PRINTABLE:".
    const key = (eq < 0 ? (/^(QUOTED-PRINTABLE|BASE64|8BIT|7BIT)$/i.test(p) ? 'ENCODING' : 'TYPE') : p.slice(0, eq))
      .trim()
      .toUpperCase();
    const value = (eq < 0 ? p : p.slice(eq + 1)).replace(/^"|"$/g, '').trim();
    params.set(key, [...(params.get(key) ?? []), ...value.split(',')]);
  }
  return { name, params, value: line.slice(colon + 1) };
}

/** Quoted-printable (RFC 2045 §6.7) to bytes, decoded with the property's CHARSET. */
function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    const hex = c === '=' ? /^[0-9A-Fa-f]{2}/.exec(value.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(Number.parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset || 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(Buffer.from(bytes));
}

/** The value as text: quoted-printable decoded, then \n \, \; \\ unescaped (3.0/4.0). */
function text(p: Property): string {
  const encoding = (p.params.get('ENCODING')?.[0] ?? '').toUpperCase();
  const charset = p.params.get('CHARSET')?.[0] ?? 'utf-8';
  const raw = encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(p.value, charset) : p.value;
  return raw.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}

/** A structured value's components (N, ORG), split on unescaped ';'. */
function components(p: Property): string[] {
  const encoding = (p.params.get('ENCODING')?.[0] ?? '').toUpperCase();
  const charset = p.params.get('CHARSET')?.[0] ?? 'utf-8';
  const raw = encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(p.value, charset) : p.value;
  return raw.split(/(?<!\\);/).map((c) => text({ ...p, params: new Map(), value: c }));
}

function toContact(props: Property[], where: string): ParsedContact {
  const first = (name: string) => props.find((p) => p.name === name);
  const fn = first('FN');
  const n = first('N');
  let name = fn ? cleanText(text(fn)) : '';
  if (!name && n) {
    const [family = '', given = '', middle = ''] = components(n);
    name = joinName(family, middle, given);
  }
  const org = first('ORG');
  const tel = first('TEL');
  const titleProp = first('TITLE');
  // EMAIL;PREF first, then in file order.
  const emails = props
    .filter((p) => p.name === 'EMAIL')
    .sort((a, b) => Number(isPreferred(b)) - Number(isPreferred(a)))
    .map((p) => cleanText(text(p), 320).replace(/^mailto:/i, ''))
    .filter((e) => e.length > 0);
  return {
    name,
    addresses: [...new Set(emails)],
    organization: org ? cleanText(components(org).filter(Boolean).join(' · ')) : '',
    title: titleProp ? cleanText(text(titleProp)) : '',
    phone: tel ? cleanText(text(tel).replace(/^tel:/i, ''), 50) : '',
    where,
  };
}

const isPreferred = (p: Property): boolean =>
  (p.params.get('TYPE') ?? []).some((t) => t.toUpperCase() === 'PREF') || p.params.has('PREF');

/** Every card of a .vcf file; lines outside BEGIN/END and cards without END are reported. */
export function parseVCards(input: string): ParseOutcome {
  const out: ParseOutcome = { contacts: [], skipped: [] };
  let card: Property[] | null = null;
  let count = 0;
  for (const line of unfold(input.replace(/^\uFEFF/, ''))) {
    if (line.trim().length === 0) continue;
    const prop = parseProperty(line);
    if (prop?.name === 'BEGIN' && /^vcard$/i.test(prop.value.trim())) {
      if (card) out.skipped.push({ reason: 'malformed', example: `thẻ ${count} (thiếu END:VCARD)` });
      card = [];
      count += 1;
    } else if (prop?.name === 'END' && /^vcard$/i.test(prop.value.trim())) {
      if (card) out.contacts.push(toContact(card, `thẻ ${count}`));
      card = null;
    } else if (card && prop) card.push(prop);
  }
  if (card) out.skipped.push({ reason: 'malformed', example: `thẻ ${count} (thiếu END:VCARD)` });
  return out;
}
