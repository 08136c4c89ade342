// What a user types or pastes into To/Cc/Bcc: lists separated by "," ";" or new lines, display
// names quoted or not (Vietnamese, with commas inside quotes), bare addresses, Outlook's
// "Last, First <addr>". Pure: the composer checks as the user types, main checks again on send.
import { toAsciiDomain, toUnicodeDomain } from './idn.ts';
import type { Address } from './mail.ts';

export interface ParsedRecipients {
  /** Valid recipients, NFC, domain in ASCII (punycode) form, without duplicates. */
  recipients: Address[];
  /** The pieces that are not a usable address, as typed (trimmed). */
  invalid: string[];
}

export interface NormalizedAddress {
  /** local@ascii-domain: what SMTP, the policy and duplicate checks use. */
  address: string;
  local: string;
  /** ASCII (punycode) domain, lowercase. */
  domain: string;
  /** The domain in Unicode for display (the ASCII one when it has no IDN label). */
  displayDomain: string;
}

/** RFC 5322 atext: the characters a dot-atom local part may hold. */
const LOCAL_DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * Checks and normalises one address: trimmed, NFC, `mailto:` dropped, the domain lowercased and
 * in ASCII (IDN in Unicode or punycode both accepted); the local part keeps its case (it is the
 * server's to interpret). Local parts must be ASCII dot-atoms: SMTPUTF8 mailboxes are not
 * supported by the province servers, so "nguyễn@…" is reported rather than sent to bounce.
 * Null when the address is not usable.
 */
export function normalizeAddress(input: string): NormalizedAddress | null {
  const raw = input
    .normalize('NFC')
    .trim()
    .replace(/^mailto:/i, '');
  const at = raw.lastIndexOf('@');
  if (at <= 0 || at === raw.length - 1) return null;
  const local = raw.slice(0, at);
  if (local.length > 64 || !LOCAL_DOT_ATOM.test(local)) return null;
  const domain = toAsciiDomain(raw.slice(at + 1));
  if (domain === null) return null;
  const address = `${local}@${domain}`;
  if (address.length > 254) return null;
  return { address, local, domain, displayDomain: toUnicodeDomain(domain) };
}

/** The key two addresses are the same recipient by: normalised, compared case-insensitively. */
export function addressKey(address: string): string {
  return (normalizeAddress(address)?.address ?? address.normalize('NFC').trim()).toLowerCase();
}

/** An address with its domain shown in Unicode ("ubnd@bìnhphước.vn"); as given when invalid. */
export function displayAddress(address: string): string {
  const n = normalizeAddress(address);
  return n ? `${n.local}@${n.displayDomain}` : address;
}

interface Piece {
  text: string;
  /** The separator that ended the piece ('' at the end). */
  sep: string;
}

/** Splits on , ; and line breaks outside quotes, angle brackets and comments. */
function splitList(input: string): Piece[] {
  const parts: Piece[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  let comment = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] ?? '';
    if (quoted && c === '\\' && i + 1 < input.length) {
      current += c + (input[++i] ?? '');
      continue;
    }
    if (c === '"' && !angle && comment === 0) quoted = !quoted;
    else if (!quoted && comment === 0 && (c === '<' || c === '>')) angle = c === '<';
    else if (!quoted && !angle && c === '(') comment++;
    else if (!quoted && !angle && c === ')' && comment > 0) comment--;
    else if (!quoted && !angle && comment === 0 && /[,;\r\n]/.test(c)) {
      parts.push({ text: current.trim(), sep: c });
      current = '';
      continue;
    }
    current += c;
  }
  parts.push({ text: current.trim(), sep: '' });
  return parts.filter((p) => p.text !== '');
}

/**
 * Outlook pastes "Nguyễn, Văn A <a@x>": a capitalised piece without "@", followed by a comma and a
 * named address, is the first half of that name. A lowercase word ("nguyenvana, B <b@x>") is more
 * likely an address missing its domain and stays separate, to be reported.
 */
function joinSplitNames(pieces: Piece[]): string[] {
  const out: string[] = [];
  let carried = '';
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? { text: '', sep: '' };
    const text = carried === '' ? piece.text : `${carried}, ${piece.text}`;
    const next = pieces[i + 1]?.text ?? '';
    const namePart = piece.sep === ',' && !text.includes('@') && /^["']?\p{Lu}/u.test(text);
    if (namePart && /^[^<@"]+<[^>]*@[^>]*>$/.test(next)) {
      carried = text;
      continue;
    }
    carried = '';
    out.push(text);
  }
  return out;
}

function cleanName(name: string): string {
  let n = name.trim();
  if (n.length >= 2 && n.startsWith('"') && n.endsWith('"')) n = n.slice(1, -1).replace(/\\(.)/g, '$1');
  else if (n.length >= 2 && n.startsWith("'") && n.endsWith("'")) n = n.slice(1, -1);
  return n.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** One piece: "Name <addr>", "addr (Name)", a bare address, or several bare ones separated by spaces. */
function parsePiece(piece: string): Array<{ name: string; address: string } | null> {
  const angled = /^(.*?)<([^<>]*)>\s*(?:\([^()]*\))?$/s.exec(piece);
  if (angled) return [{ name: cleanName(angled[1] ?? ''), address: (angled[2] ?? '').trim() }];
  if (piece.includes('<') || piece.includes('>')) return [null];
  const commented = /^(\S+)\s*\(([^()]*)\)$/.exec(piece);
  if (commented) return [{ name: cleanName(commented[2] ?? ''), address: commented[1] ?? '' }];
  const words = piece.split(/\s+/);
  if (words.length === 1) return [{ name: '', address: piece }];
  if (words.every((w) => w.includes('@'))) return words.map((w) => ({ name: '', address: w }));
  // "Nguyễn Văn A a@x.gov.vn": a name typed before an address without brackets.
  const last = words[words.length - 1] ?? '';
  if (last.includes('@') && words.slice(0, -1).every((w) => !w.includes('@'))) {
    return [{ name: cleanName(words.slice(0, -1).join(' ')), address: last }];
  }
  return [null];
}

/**
 * Parses a To/Cc/Bcc field (or several, as an array). Duplicates go, case-insensitively: the first
 * occurrence stays, taking a later display name when it had none.
 */
export function parseRecipients(input: string | readonly string[]): ParsedRecipients {
  const text = typeof input === 'string' ? input : input.join('\n');
  const recipients: Address[] = [];
  const invalid: string[] = [];
  const seen = new Map<string, Address>();
  for (const piece of joinSplitNames(splitList(text.normalize('NFC')))) {
    const parsed = parsePiece(piece);
    for (const candidate of parsed) {
      const normalized = candidate ? normalizeAddress(candidate.address) : null;
      if (!candidate || !normalized) {
        invalid.push(parsed.length > 1 && candidate ? candidate.address : piece);
        continue;
      }
      const key = normalized.address.toLowerCase();
      const name = candidate.name.toLowerCase() === key ? '' : candidate.name;
      const earlier = seen.get(key);
      if (earlier) {
        if (earlier.name === '' && name !== '') earlier.name = name;
        continue;
      }
      const recipient = { name, address: normalized.address };
      seen.set(key, recipient);
      recipients.push(recipient);
    }
  }
  return { recipients, invalid };
}

/** RFC 5322 specials: a display name holding any of them must be quoted. */
const NEEDS_QUOTES = /[()<>[\]:;@\\,."]/;

/**
 * "Name <address>" for display and headers (the name quoted when it holds specials, e.g. a comma;
 * non-ASCII names are left for the mail library to encode as RFC 2047). With `unicodeDomain`, the
 * domain is shown in Unicode (for the screen; headers keep punycode).
 */
export function formatRecipient(recipient: Address, options: { unicodeDomain?: boolean } = {}): string {
  const address = options.unicodeDomain ? displayAddress(recipient.address) : recipient.address;
  const name = recipient.name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name === '' || name.toLowerCase() === recipient.address.toLowerCase()) return address;
  const shown = NEEDS_QUOTES.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
  return `${shown} <${address}>`;
}
