// URL classification shared by the HTML and CSS sanitizers. DOM-free.

/** Drops what browsers ignore inside a URL's scheme: ASCII control characters and spaces. */
function compact(value: string): string {
  return [...value]
    .filter((c) => c.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();
}

/**
 * Would the browser fetch this from the network? http(s), protocol-relative
 * ("//host", also written with backslashes, which URL parsing turns into
 * slashes), or another network scheme (ftp:, file: — a UNC path on Windows —,
 * ws:). Fetching it would tell the sender the mail was read.
 */
export function isRemoteUrl(value: string): boolean {
  const v = compact(value).replace(/\\/g, '/');
  return v.startsWith('//') || /^(?:https?|ftps?|sftp|wss?|file|smb|gopher):/.test(v);
}

/**
 * The form of a remote image URL that main may fetch on request: absolute
 * http(s) only, no credentials, canonical (as the URL parser writes it), at
 * most 4096 characters. Anything else (protocol-relative, ftp:, file:, …)
 * gives null: it stays blocked for good.
 */
export function remoteImageUrl(value: string): string | null {
  // Like a browser: tab and newline vanish anywhere, C0 controls and spaces at the ends.
  let v = value.replace(/[\t\n\r]/g, '');
  let start = 0;
  let end = v.length;
  while (start < end && v.charCodeAt(start) <= 0x20) start += 1;
  while (end > start && v.charCodeAt(end - 1) <= 0x20) end -= 1;
  v = v.slice(start, end);
  if (!/^https?:\/\//i.test(v)) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href.length <= 4096 ? url.href : null;
}

/** Raster images only: an SVG data: URL is a document with its own tricks. */
export function isSafeImageDataUrl(value: string): boolean {
  return /^data:image\/(png|gif|jpe?g|webp|bmp|x-icon|vnd\.microsoft\.icon|avif)(;[^,]*)?,/i.test(value.trim());
}

/** Largest remote image accepted back from main, as data: URL text (about 6 MB of image). */
const MAX_REMOTE_DATA_URL = 8 * 1024 * 1024;

/**
 * What main may hand back for a remote image: a base64 raster data: URL and
 * nothing else (no SVG, no quotes or parentheses that could break out of a
 * CSS url("…") or an attribute).
 */
export function isSafeRemoteImageDataUrl(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_REMOTE_DATA_URL &&
    /^data:image\/(?:png|gif|jpeg|webp|bmp|avif);base64,[A-Za-z0-9+/]+={0,2}$/.test(value)
  );
}

/** Normalises a Content-ID ("<a@b>", "a@b", cid:a%40b) for lookup. */
export function normalizeContentId(id: string): string {
  let v = id.trim();
  if (/^cid:/i.test(v)) {
    v = v.slice(4);
    try {
      v = decodeURIComponent(v);
    } catch {
      // keep the raw text: a malformed escape just won't match
    }
  }
  return v.replace(/^<|>$/g, '').trim().toLowerCase();
}

/** Content-ID → data: URL, keyed by normalised id, keeping only raster images. */
export function inlineImageMap(inlineImages: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [id, url] of Object.entries(inlineImages)) {
    if (isSafeImageDataUrl(url)) map.set(normalizeContentId(id), url);
  }
  return map;
}

/**
 * Remote images main fetched (canonical URL → data: URL), keeping only the
 * URLs that were asked for and answers that are base64 raster images.
 */
export function loadedImageMap(loaded: Record<string, string>, requested?: readonly string[]): Map<string, string> {
  const asked = requested ? new Set(requested) : null;
  const map = new Map<string, string>();
  for (const [url, data] of Object.entries(loaded)) {
    const canonical = remoteImageUrl(url);
    if (canonical === null || (asked && !asked.has(canonical))) continue;
    if (isSafeRemoteImageDataUrl(data)) map.set(canonical, data);
  }
  return map;
}
