import type { MessageSignature } from '../../../shared/mail.ts';
import { AppError } from '../errors/app-error.ts';
import { simpleParser } from './lazy-mailparser.ts';
import { senderAuthentication } from './sender-auth.ts';

export interface RemoteImageRequest {
  folder: string;
  uid: number;
  urls: string[];
  /** Asked without a click, because the sender is on the "always load" list. */
  auto: boolean;
}

export interface RemoteImageRequestDeps {
  /** The message's bytes (mail.source): a missing folder or UID fails here. */
  source(folder: string, uid: number): Promise<Buffer>;
  /** The message's S/MIME signature state, if it is signed. */
  signature(folder: string, uid: number): Promise<MessageSignature | null>;
  /** Host names the account's server stamps as its authserv-id. */
  serverIds: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

/** The HTML with character references decoded (enough to find the URLs a parser would see). */
function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Every absolute http(s) URL in the message's HTML, in the canonical form the renderer asks with. */
export function urlsInHtml(html: string): Set<string> {
  const found = new Set<string>();
  const text = decodeEntities(html).replace(/[\t\n\r]/g, (c) => (c === '\n' ? ' ' : ''));
  // Whole quoted attribute values (a URL may hold spaces the parser percent-encodes) and bare runs.
  const quoted = [...text.matchAll(/(["'])\s*(https?:\/\/[^"']*)\1/gi)].map((m) => m[2] ?? '');
  const bare = [...text.matchAll(/https?:\/\/[^\s"'<>`()\\]+/gi)].map((m) => m[0]);
  for (const raw of [...quoted, ...bare]) {
    for (const candidate of [raw.trim(), raw.trim().replace(/,+$/, '')]) {
      try {
        found.add(new URL(candidate).href);
      } catch {
        // not a URL after all
      }
    }
  }
  return found;
}

/**
 * What main fetches for a mail.remoteImages call: only URLs that are in that
 * message (folder and UID honoured), and, for an automatic load, only when
 * the sender is authenticated by the user's server or signed the message.
 */
export async function checkRemoteImageRequest(
  req: RemoteImageRequest,
  deps: RemoteImageRequestDeps,
): Promise<string[]> {
  const parsed = await simpleParser(await deps.source(req.folder, req.uid), { skipImageLinks: true });
  const inMessage = urlsInHtml(typeof parsed.html === 'string' ? parsed.html : '');
  const urls = req.urls.filter((u) => {
    try {
      return inMessage.has(new URL(u).href);
    } catch {
      return false;
    }
  });
  if (!req.auto) return urls;
  const from = parsed.from?.value.length === 1 ? (parsed.from.value[0]?.address ?? '') : '';
  const authenticationResults = parsed.headerLines
    .filter((h) => h.key === 'authentication-results')
    .map((h) => h.line.replace(/^[^:]*:/, ''));
  const first = senderAuthentication({ authenticationResults, from, serverIds: deps.serverIds });
  const verdict = first.authenticated
    ? first
    : senderAuthentication({
        authenticationResults,
        from,
        serverIds: deps.serverIds,
        signature: await deps.signature(req.folder, req.uid),
      });
  if (!verdict.authenticated) {
    throw new AppError('VALIDATION', `remote images not loaded automatically: ${verdict.reason}`, {
      messageVi:
        'Chưa tự tải ảnh: máy chủ thư chưa xác thực được người gửi này (có thể là thư giả mạo). Hãy bấm tải ảnh nếu bạn tin thư này.',
      data: { reason: 'sender-not-authenticated' },
    });
  }
  return urls;
}
