import { AppError } from '../errors/app-error.ts';
import { sniffImageType } from '../net/image-sniff.ts';
import { SafeFetcher, type SafeResponse } from '../net/safe-fetch.ts';

/**
 * The guarded fetch remote images go through: a SafeFetcher's `get` (public
 * addresses only, pinned connection, capped size, time and redirects). Tests
 * inject one built with their own resolver.
 */
export type ImageFetch = (url: string) => Promise<SafeResponse>;

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;
const MAX_IMAGES = 50;
const DECLARED_TYPES = /^image\/(png|jpe?g|pjpeg|gif|webp|bmp|x-ms-bmp|avif|x-icon|vnd\.microsoft\.icon)$/;

let defaultFetcher: SafeFetcher | null = null;

/** The app's fetch for remote images: the system resolver, public addresses only. */
export function defaultImageFetch(): ImageFetch {
  defaultFetcher ??= new SafeFetcher({ maxBytes: MAX_IMAGE_BYTES, accept: 'image/*' });
  const fetcher = defaultFetcher;
  return (url) => fetcher.get(url);
}

/** A data: URL for an answer that is really a raster image, else null. */
export function imageDataUrl(res: SafeResponse): string | null {
  if (res.status < 200 || res.status >= 300 || !DECLARED_TYPES.test(res.contentType)) return null;
  const real = sniffImageType(res.body);
  if (!real) return null;
  return `data:${real};base64,${res.body.toString('base64')}`;
}

/**
 * Fetches a message's remote images in main, on the user's explicit request,
 * and returns them as data: URLs. The mail frame itself never gets network
 * access; SVG is refused because it is a document, not a picture.
 */
export async function fetchRemoteImages(urls: string[], fetchFn: ImageFetch): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let total = 0;
  for (const url of [...new Set(urls)].slice(0, MAX_IMAGES)) {
    try {
      const res = await fetchFn(url);
      if (res.body.length > MAX_IMAGE_BYTES || total + res.body.length > MAX_TOTAL_BYTES) continue;
      const data = imageDataUrl(res);
      if (!data) continue;
      total += res.body.length;
      out[url] = data;
    } catch {
      // One refused or broken image must not stop the others.
    }
  }
  if (urls.length > 0 && Object.keys(out).length === 0) {
    throw new AppError('HOST_UNREACHABLE', 'no remote image could be loaded', {
      messageVi: 'Không tải được nội dung từ xa.',
    });
  }
  return out;
}
