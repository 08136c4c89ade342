// Sanitises CSS from style attributes and <style> blocks. The frame's CSP
// already blocks remote loads; this removes them up front so nothing is even
// attempted, and records them for the "remote content blocked" bar. Remote
// images the user chose to load arrive as data: URLs and are put in place of
// their url(), in image properties only.
import { isRemoteUrl, normalizeContentId, remoteImageUrl } from './urls.ts';

export type RemoteKind = 'image' | 'stylesheet' | 'font' | 'frame' | 'media' | 'other';

/** A remote reference that was removed from the message. */
export interface RemoteRef {
  url: string;
  kind: RemoteKind;
  /** An absolute http(s) image URL: main may fetch it when the reader asks. */
  loadable: boolean;
}

export interface CssContext {
  /** Normalised Content-ID → raster data: URL (see inlineImageMap). */
  inline: Map<string, string>;
  /** Canonical http(s) URL → raster data: URL fetched by main on request (see loadedImageMap). */
  loaded: Map<string, string>;
  /** Remote references removed so far (not replaced by a loaded image). */
  refs: RemoteRef[];
  /** Remote references replaced by a loaded image. */
  loadedUsed: number;
  /** Content-IDs actually used, so they are not listed again as attachments. */
  usedCids: Set<string>;
}

/** CSS properties whose url() is an image the reader may choose to load. */
const IMAGE_PROPERTIES =
  /^(?:background|background-image|list-style|list-style-image|border-image|border-image-source)$/;

/**
 * Decodes CSS escapes (\75 rl( → url() and drops comments so the checks
 * below can't be dodged by obfuscation. One pass, so a decoded character is
 * never decoded again; then every backslash left (one that came out of
 * decoding, "\5c") goes too, so the browser finds no escape in our output and
 * reads exactly the text the checks below saw. Mail CSS rarely needs escapes.
 */
function normalizeCss(css: string): string {
  const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ');
  const decoded = withoutComments(css).replace(
    /\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\r\n|[\s\S])|$)/g,
    (_m, hex: string | undefined, other: string | undefined) => {
      if (hex !== undefined) {
        const code = Number.parseInt(hex, 16);
        return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
      }
      // An escaped newline is a line continuation; anything else stands for itself.
      return other === undefined || /^[\r\n\f]/.test(other) ? '' : other;
    },
  );
  return withoutComments(decoded.replace(/\\/g, ''));
}

/** Anything still able to load or run after rewriting (the only url() left is ours: url("data:…")). */
function stillActive(css: string): boolean {
  const rest = css.replace(/url\("data:[^"]*"\)/gi, '');
  return /url\s*\(|image-set|@import|(^|[^-\w])src\s*\(|\\/i.test(rest);
}

/** The property a url() at `offset` belongs to ("" when it can't be told). */
function propertyAt(css: string, offset: number): string {
  const start = Math.max(css.lastIndexOf(';', offset), css.lastIndexOf('{', offset), css.lastIndexOf('}', offset)) + 1;
  const match = /^\s*([-a-z]+)\s*:/i.exec(css.slice(start, offset));
  return match?.[1]?.toLowerCase() ?? '';
}

function rewriteUrl(raw: string, property: string, ctx: CssContext): string {
  const value = raw
    .trim()
    .replace(/^(['"])(.*)\1$/s, '$2')
    .trim();
  if (/^cid:/i.test(value)) {
    const id = normalizeContentId(value);
    const data = ctx.inline.get(id);
    if (data) {
      ctx.usedCids.add(id);
      return `url("${data}")`;
    }
    return 'none';
  }
  if (/^data:/i.test(value) && !/["\\]/.test(value)) return `url("${value}")`;
  if (isRemoteUrl(value)) {
    const image = IMAGE_PROPERTIES.test(property);
    const canonical = remoteImageUrl(value);
    const data = image && canonical ? ctx.loaded.get(canonical) : undefined;
    if (data) {
      ctx.loadedUsed += 1;
      return `url("${data}")`;
    }
    ctx.refs.push({
      url: canonical ?? value,
      kind: image ? 'image' : property === 'src' ? 'font' : 'other',
      loadable: image && canonical !== null,
    });
  }
  return 'none';
}

export function sanitizeCss(css: string, ctx: CssContext): string {
  let out = normalizeCss(css);
  // @import pulls a remote stylesheet; never allowed.
  out = out.replace(/@import\s*(url\()?\s*(['"]?)([^'";)]*)\2\s*\)?[^;]*;?/gi, (_m, _u, _q, target: string) => {
    if (isRemoteUrl(target)) ctx.refs.push({ url: target.trim(), kind: 'stylesheet', loadable: false });
    return '';
  });
  // image-set("https://…" 1x) loads strings without url(); neutralise wholesale.
  out = out.replace(/(-webkit-)?image-set\(((?:[^()]|\([^()]*\))*)\)/gi, (_m, _p, inner: string) => {
    const refs = (inner.match(/(['"])(.*?)\1|url\(([^)]*)\)/gi) ?? []).map((r) =>
      r.replace(/^url\(|\)$/gi, '').replace(/^['"]|['"]$/g, ''),
    );
    const remote = refs.find((r) => isRemoteUrl(r));
    if (remote !== undefined) ctx.refs.push({ url: remote.trim(), kind: 'image', loadable: false });
    return 'none';
  });
  // url( … ) — or left open: the end of the style closes it, as in a browser.
  out = out.replace(
    /url\(\s*((?:"[^"]*"|'[^']*'|[^)])*)(?:\)|$)/gi,
    (_m, inner: string, offset: number, whole: string) => rewriteUrl(inner, propertyAt(whole, offset), ctx),
  );
  // src("…") (CSS Values 4) takes a plain string like image-set(); not in Chromium yet, never wanted.
  out = out.replace(/(^|[^-\w])src\(/gi, '$1none(');
  // Legacy script hooks (IE expression, XBL bindings, HTC behaviours).
  out = out.replace(/expression\s*\(/gi, 'none(').replace(/-moz-binding|behavior\s*:/gi, 'x-removed:');
  // No "<" at all: "</style" or "<!--" inside a block would let markup escape when
  // re-parsed (and removing just "</style" can form a new one: "<</style/style").
  out = out.replace(/</g, '');
  // Fail closed: if a rewrite above missed a form, drop this CSS rather than ship it.
  return stillActive(out) ? '' : out;
}
