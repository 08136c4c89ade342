import type { MessageSignature } from '../../../shared/mail.ts';

/**
 * Whether a message's From domain was authenticated by the user's own mail
 * server (RFC 8601 Authentication-Results) or the sender signed it (S/MIME).
 * "Always load images from this sender" is honoured only then: a From line
 * alone is forgeable.
 */

export interface AuthResult {
  method: string;
  result: string;
  props: Record<string, string>;
}

export interface ParsedAuthResults {
  authservId: string;
  results: AuthResult[];
}

/** Drops RFC 5322 comments (nested parentheses), keeping quoted strings intact. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (quoted) {
      out += c;
      if (c === '\\' && i + 1 < value.length) out += value[++i];
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth === 0) {
      quoted = true;
      out += c;
    } else if (c === '(') depth += 1;
    else if (c === ')' && depth > 0) depth -= 1;
    else if (depth === 0) out += c;
  }
  return out;
}

/** Splits on ';' outside quoted strings. */
function splitClauses(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const unquote = (v: string) => (v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v);

/** Parses one Authentication-Results header value; null when it has no authserv-id. */
export function parseAuthenticationResults(raw: string): ParsedAuthResults | null {
  const [head, ...clauses] = splitClauses(stripComments(raw.replace(/\r?\n[ \t]+/g, ' ')));
  const authservId = head?.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!authservId) return null;
  const results: AuthResult[] = [];
  for (const clause of clauses) {
    const tokens = clause.match(/[^\s=]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^\s]+)/g) ?? [];
    const [first, ...rest] = tokens;
    const m = first && /^([^\s=]+)\s*=\s*(\S+)$/.exec(first);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const token of rest) {
      const eq = token.indexOf('=');
      props[token.slice(0, eq).trim().toLowerCase()] = unquote(token.slice(eq + 1).trim()).toLowerCase();
    }
    results.push({ method: (m[1] as string).toLowerCase(), result: (m[2] as string).toLowerCase(), props });
  }
  return { authservId, results };
}

const domainOf = (value: string) => (value.includes('@') ? (value.split('@').pop() ?? '') : value).toLowerCase();

export type SenderAuthentication =
  { authenticated: true; by: 'dkim' | 'dmarc' | 'spf' | 'smime' } | { authenticated: false; reason: string };

export interface SenderAuthInput {
  /** Every Authentication-Results header, topmost first (as the message carries them). */
  authenticationResults: string[];
  /** The From address (one). */
  from: string;
  /** Host names the user's server stamps as its authserv-id (the account's IMAP and SMTP hosts). */
  serverIds: string[];
  signature?: MessageSignature | null;
}

/**
 * The topmost Authentication-Results header must be the user's server's (a
 * sender can add any header below it); it must say dkim=pass for the From
 * domain (header.d, or header.i in it), dmarc=pass for it (header.from), or
 * spf=pass for a MAIL FROM in the same domain. A valid S/MIME signature by
 * the From address also counts.
 */
export function senderAuthentication(input: SenderAuthInput): SenderAuthentication {
  const from = input.from.trim().toLowerCase();
  const domain = domainOf(from);
  if (!from.includes('@') || !domain) return { authenticated: false, reason: 'no single From address' };
  const sig = input.signature;
  if (sig?.state === 'valid' && sig.signerEmail?.toLowerCase() === from) return { authenticated: true, by: 'smime' };
  const top = input.authenticationResults[0];
  if (top === undefined) return { authenticated: false, reason: 'no Authentication-Results' };
  const parsed = parseAuthenticationResults(top);
  const ids = new Set(input.serverIds.map((h) => h.toLowerCase().replace(/\.$/, '')));
  if (!parsed || !ids.has(parsed.authservId.replace(/\.$/, ''))) {
    return { authenticated: false, reason: `topmost Authentication-Results is not from ${[...ids].join(', ')}` };
  }
  for (const r of parsed.results) {
    if (r.result !== 'pass') continue;
    if (r.method === 'dmarc' && r.props['header.from'] === domain) return { authenticated: true, by: 'dmarc' };
    if (r.method === 'dkim' && (r.props['header.d'] === domain || domainOf(r.props['header.i'] ?? '') === domain)) {
      return { authenticated: true, by: 'dkim' };
    }
    if (r.method === 'spf' && r.props['smtp.mailfrom'] && domainOf(r.props['smtp.mailfrom']) === domain) {
      return { authenticated: true, by: 'spf' };
    }
  }
  return { authenticated: false, reason: `no pass for ${domain} from ${parsed.authservId}` };
}
