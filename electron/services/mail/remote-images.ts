import { AppError } from '../errors/app-error.ts';

export type ImageFetch = (
  url: string,
  init: { signal: AbortSignal; redirect: 'manual' },
) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

const MAX_REDIRECTS = 3;

/**
 * A mail must not make the user's own machine fetch from itself (a local
 * admin page, a dev server): loopback hosts are refused, at every redirect.
 * Intranet hosts stay allowed: a province's own servers host its images.
 */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    host === '::1' ||
    host === '0.0.0.0' ||
    /^::ffff:(127\.|7f)/.test(host)
  );
}

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;
const ALLOWED_TYPES = /^image\/(png|jpe?g|gif|webp|bmp|avif|x-icon|vnd\.microsoft\.icon)$/i;

/** Follows redirects by hand so every hop is checked; null when a hop is not allowed. */
async function fetchFollowing(url: string, fetchFn: ImageFetch, signal: AbortSignal) {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      return null;
    }
    if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || isLoopbackUrl(parsed)) return null;
    const res = await fetchFn(parsed.href, { signal, redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      current = new URL(location, parsed).href;
      continue;
    }
    return res;
  }
  return null;
}

/**
 * Fetches a message's remote images in main, on the user's explicit request,
 * and returns them as data: URLs. The mail frame itself never gets network
 * access; SVG is refused because it is a document, not a picture.
 */
export async function fetchRemoteImages(
  urls: string[],
  fetchFn: ImageFetch,
  timeoutMs = 10_000,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let total = 0;
  for (const url of [...new Set(urls)].slice(0, 50)) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await fetchFollowing(url, fetchFn, controller.signal);
      if (!res) continue;
      const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      const length = Number(res.headers.get('content-length') ?? '0');
      if (!res.ok || !ALLOWED_TYPES.test(type) || length > MAX_IMAGE_BYTES) continue;
      const body = Buffer.from(await res.arrayBuffer());
      if (body.length > MAX_IMAGE_BYTES || total + body.length > MAX_TOTAL_BYTES) continue;
      total += body.length;
      out[url] = `data:${type.toLowerCase()};base64,${body.toString('base64')}`;
    } catch {
      // One broken image must not stop the others.
    } finally {
      clearTimeout(timer);
    }
  }
  if (urls.length > 0 && Object.keys(out).length === 0) {
    throw new AppError('HOST_UNREACHABLE', 'no remote image could be loaded', {
      messageVi: 'Không tải được nội dung từ xa.',
    });
  }
  return out;
}
