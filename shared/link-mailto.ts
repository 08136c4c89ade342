// A mailto: link (RFC 6068) as a new message for the app's own composer: only the recipients
// (to, cc, bcc), the subject and the body text are kept. Every other field is dropped and
// named: attach=, attachment= and the like (a file the sender chose), from=, in-reply-to=,
// any other header. Addresses that are not addresses (a path, a URL) are dropped too. Pure.
import { normalizeAddress } from './recipients.ts';

export interface MailtoPrefill {
  to: string[];
  cc: string[];
  bcc: string[];
  /** One line: line breaks (header injection) become spaces. */
  subject: string;
  body: string;
  /** Field names dropped (lowercase, once each, in order): "attach", "from"… */
  dropped: string[];
  /** Address values dropped because they are not addresses, as written (decoded). */
  invalid: string[];
}

const KEPT = new Set(['to', 'cc', 'bcc', 'subject', 'body']);
const MAX_ADDRESSES = 100;
const MAX_SUBJECT = 998;
const MAX_BODY = 100_000;

/** Percent-decoding that does not throw on a stray "%" (RFC 6068 leaves "+" as "+"). */
function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function addAddresses(list: string, into: string[], invalid: string[]): void {
  for (const piece of list.split(',')) {
    const value = piece.trim();
    if (value === '') continue;
    const n = normalizeAddress(value);
    if (n === null) invalid.push(value);
    else if (into.length < MAX_ADDRESSES && !into.includes(n.address)) into.push(n.address);
  }
}

/** Parses a mailto: URL (as `new URL().href` gives it). Anything unparsable yields an empty message. */
export function parseMailto(href: string): MailtoPrefill {
  const out: MailtoPrefill = { to: [], cc: [], bcc: [], subject: '', body: '', dropped: [], invalid: [] };
  const rest = href.replace(/^mailto:/i, '').replace(/#.*$/s, '');
  const q = rest.indexOf('?');
  const path = q === -1 ? rest : rest.slice(0, q);
  const query = q === -1 ? '' : rest.slice(q + 1);
  addAddresses(decode(path), out.to, out.invalid);
  let subjectSeen = false;
  let bodySeen = false;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq))
      .trim()
      .toLowerCase();
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
    if (!KEPT.has(key)) {
      const name = key.slice(0, 64) || '?';
      if (!out.dropped.includes(name)) out.dropped.push(name);
      continue;
    }
    if (key === 'to' || key === 'cc' || key === 'bcc') addAddresses(value, out[key], out.invalid);
    else if (key === 'subject' && !subjectSeen) {
      subjectSeen = true;
      out.subject = value
        .replace(/[\r\n\t]+/g, ' ')
        .trim()
        .slice(0, MAX_SUBJECT);
    } else if (key === 'body' && !bodySeen) {
      bodySeen = true;
      out.body = value.replace(/\r\n?/g, '\n').slice(0, MAX_BODY);
    }
  }
  return out;
}
