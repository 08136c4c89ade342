// URL classification shared by the HTML and CSS sanitizers.

/** http(s) or protocol-relative: fetching it would tell the sender we read the mail. */
export function isRemoteUrl(value: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("ht\ttp:"),
  // so drop them before looking at it.
  const v = [...value]
    .filter((c) => c.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();
  return v.startsWith('http:') || v.startsWith('https:') || v.startsWith('//');
}

/** Raster images only: an SVG data: URL is a document with its own tricks. */
export function isSafeImageDataUrl(value: string): boolean {
  return /^data:image\/(png|gif|jpe?g|webp|bmp|x-icon|vnd\.microsoft\.icon|avif)(;[^,]*)?,/i.test(value.trim());
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
