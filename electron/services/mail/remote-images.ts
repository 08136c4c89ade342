import { AppError } from '../errors/app-error.ts';

export type ImageFetch = (
  url: string,
  init: { signal: AbortSignal; redirect: 'follow' },
) => Promise<{
  ok: boolean;
  url?: string;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;
const ALLOWED_TYPES = /^image\/(png|jpe?g|gif|webp|bmp|avif|x-icon|vnd\.microsoft\.icon)$/i;

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
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') continue;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await fetchFn(parsed.href, { signal: controller.signal, redirect: 'follow' });
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
