// Sanitises CSS from style attributes and <style> blocks. The frame's CSP
// already blocks remote loads; this removes them up front so nothing is even
// attempted, and counts them for the "remote content blocked" bar.
import { isRemoteUrl, normalizeContentId } from './urls.ts';

export interface CssContext {
  /** Normalised Content-ID → raster data: URL (see inlineImageMap). */
  inline: Map<string, string>;
  /** Remote references removed so far. */
  remote: number;
  /** Content-IDs actually used, so they are not listed again as attachments. */
  usedCids: Set<string>;
}

/**
 * Decodes CSS escapes (\75 rl( → url() and drops comments so the checks
 * below can't be dodged by obfuscation. Mail CSS rarely needs escapes.
 */
function normalizeCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ')
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_m, hex: string) => {
      const code = Number.parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/\\(.)/g, '$1');
}

function rewriteUrl(raw: string, ctx: CssContext): string {
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
  if (isRemoteUrl(value)) ctx.remote += 1;
  return 'none';
}

export function sanitizeCss(css: string, ctx: CssContext): string {
  let out = normalizeCss(css);
  // @import pulls a remote stylesheet; never allowed.
  out = out.replace(/@import\s+(url\()?\s*(['"]?)([^'";)]*)\2\s*\)?[^;]*;?/gi, (_m, _u, _q, target: string) => {
    if (isRemoteUrl(target)) ctx.remote += 1;
    return '';
  });
  // image-set("https://…" 1x) loads strings without url(); neutralise wholesale.
  out = out.replace(/(-webkit-)?image-set\(((?:[^()]|\([^()]*\))*)\)/gi, (_m, _p, inner: string) => {
    const refs = inner.match(/(['"])(.*?)\1|url\(([^)]*)\)/gi) ?? [];
    if (refs.some((r) => isRemoteUrl(r.replace(/^url\(|\)$/gi, '').replace(/^['"]|['"]$/g, '')))) {
      ctx.remote += 1;
    }
    return 'none';
  });
  out = out.replace(/url\(\s*((?:"[^"]*"|'[^']*'|[^)])*)\)/gi, (_m, inner: string) => rewriteUrl(inner, ctx));
  // Legacy script hooks (IE expression, XBL bindings, HTC behaviours).
  out = out.replace(/expression\s*\(/gi, 'none(').replace(/-moz-binding|behavior\s*:/gi, 'x-removed:');
  // A "</style" inside a block would let markup escape when re-parsed.
  return out.replace(/<\/?style/gi, '');
}
