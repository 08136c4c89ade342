/**
 * String-level HTML handling for legacy conversion: text outside tags,
 * comments, <script> and <style> is converted, markup is kept byte for byte.
 * No DOM: this runs in the main process, before the renderer's sanitizer.
 */

export interface HtmlSegment {
  text: boolean;
  value: string;
}

const RAW_TEXT_ELEMENT = /^<(script|style|textarea|title)[\s>/]/i;

/** Index just past the '>' that closes the tag opened at `start`, honouring quoted attribute values. */
function tagEnd(html: string, start: number): number {
  let quote: string | null = null;
  // No real tag is this long; past it, a quote was never closed.
  const limit = Math.min(html.length, start + 64 * 1024);
  for (let i = start + 1; i < limit; i++) {
    const ch = html[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      // Only a quote right after '=' (and spaces) opens a value; a stray one in a broken tag does not.
      if (/=\s*$/.test(html.slice(Math.max(start, i - 8), i))) quote = ch;
    } else if (ch === '>') {
      return i + 1;
    }
  }
  // Unterminated tag or quote: fall back to the first '>' so one bad quote cannot swallow the document.
  const gt = html.indexOf('>', start);
  return gt === -1 ? html.length : gt + 1;
}

export function splitHtml(html: string): HtmlSegment[] {
  const segments: HtmlSegment[] = [];
  let textStart = 0;
  let i = 0;
  const push = (text: boolean, value: string) => {
    if (value) segments.push({ text, value });
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const next = html.charAt(lt + 1);
    if (!/[a-zA-Z/!?]/.test(next)) {
      i = lt + 1;
      continue;
    }
    push(true, html.slice(textStart, lt));
    let end: number;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      end = close === -1 ? html.length : close + 3;
    } else {
      end = tagEnd(html, lt);
      const raw = RAW_TEXT_ELEMENT.exec(html.slice(lt, lt + 12));
      if (raw) {
        // Script and style bodies are not text to convert; keep them with the tag.
        const name = raw[1]!.toLowerCase();
        const closeTag = new RegExp(`</${name}`, 'gi');
        closeTag.lastIndex = end;
        const closing = closeTag.exec(html)?.index ?? -1;
        if (name === 'title' || name === 'textarea') {
          push(false, html.slice(lt, end));
          const closeAt = closing === -1 ? html.length : closing;
          push(true, html.slice(end, closeAt));
          textStart = i = closeAt;
          continue;
        }
        end = closing === -1 ? html.length : tagEnd(html, closing);
      }
    }
    push(false, html.slice(lt, end));
    textStart = i = end;
  }
  push(true, html.slice(textStart));
  return segments;
}

/** Latin-1 named entities, U+00A1..U+00FF in order: TCVN3 letters often arrive this way ("&sect;" = Đ). */
const LATIN1_NAMES = [
  'iexcl',
  'cent',
  'pound',
  'curren',
  'yen',
  'brvbar',
  'sect',
  'uml',
  'copy',
  'ordf',
  'laquo',
  'not',
  'shy',
  'reg',
  'macr',
  'deg',
  'plusmn',
  'sup2',
  'sup3',
  'acute',
  'micro',
  'para',
  'middot',
  'cedil',
  'sup1',
  'ordm',
  'raquo',
  'frac14',
  'frac12',
  'frac34',
  'iquest',
  'Agrave',
  'Aacute',
  'Acirc',
  'Atilde',
  'Auml',
  'Aring',
  'AElig',
  'Ccedil',
  'Egrave',
  'Eacute',
  'Ecirc',
  'Euml',
  'Igrave',
  'Iacute',
  'Icirc',
  'Iuml',
  'ETH',
  'Ntilde',
  'Ograve',
  'Oacute',
  'Ocirc',
  'Otilde',
  'Ouml',
  'times',
  'Oslash',
  'Ugrave',
  'Uacute',
  'Ucirc',
  'Uuml',
  'Yacute',
  'THORN',
  'szlig',
  'agrave',
  'aacute',
  'acirc',
  'atilde',
  'auml',
  'aring',
  'aelig',
  'ccedil',
  'egrave',
  'eacute',
  'ecirc',
  'euml',
  'igrave',
  'iacute',
  'icirc',
  'iuml',
  'eth',
  'ntilde',
  'ograve',
  'oacute',
  'ocirc',
  'otilde',
  'ouml',
  'divide',
  'oslash',
  'ugrave',
  'uacute',
  'ucirc',
  'uuml',
  'yacute',
  'thorn',
  'yuml',
];
const LATIN1_ENTITY = new Map(LATIN1_NAMES.map((name, i) => [name, String.fromCharCode(0xa1 + i)]));

const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
/** Private-use characters stand in for entities we must not touch; they are never word characters. */
const PLACEHOLDER_BASE = 0xf0000;

function latin1Entity(body: string): string | null {
  if (!body.startsWith('#')) return LATIN1_ENTITY.get(body) ?? null;
  const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return code >= 0xa1 && code <= 0xff ? String.fromCharCode(code) : null;
}

/**
 * Applies `convert` to a run of HTML text. Latin-1 entities are decoded first
 * (they are part of the legacy word: "Vi&Ouml;t"); every other entity is
 * swapped for a placeholder and put back unchanged afterwards.
 */
export function convertHtmlText(value: string, convert: (text: string) => string): string {
  const kept: string[] = [];
  const prepared = value.replace(ENTITY, (entity, body: string) => {
    const ch = latin1Entity(body);
    if (ch !== null) return ch;
    kept.push(entity);
    return String.fromCodePoint(PLACEHOLDER_BASE + kept.length - 1);
  });
  const converted = convert(prepared);
  // A conversion only ever produces letters, but keep markup characters escaped all the same.
  return converted
    .replace(/[<&]/g, (ch) => (ch === '<' ? '&lt;' : '&amp;'))
    .replace(/[\u{f0000}-\u{fffff}]/gu, (ch) => kept[ch.codePointAt(0)! - PLACEHOLDER_BASE] ?? ch);
}

/** The text of an HTML document for detection: markup dropped, Latin-1 entities decoded. */
export function htmlText(html: string): string {
  return splitHtml(html)
    .filter((s) => s.text)
    .map((s) => s.value.replace(ENTITY, (entity, body: string) => latin1Entity(body) ?? ' '))
    .join(' ');
}

/** Converts the text of an HTML document and points legacy font names at Unicode fonts. */
export function convertLegacyHtmlWith(html: string, convert: (text: string) => string): string {
  return splitHtml(html)
    .map((s) => (s.text ? convertHtmlText(s.value, convert) : replaceLegacyFonts(s.value)))
    .join('');
}

/**
 * Legacy font families: TCVN3's ".VnTime", ".VnArial", ".VnTimeH" ... and VNI's
 * "VNI-Times", "VNI-Helve" .... Once the text is Unicode these fonts would draw
 * the wrong glyphs on machines that still have them installed, so they are
 * replaced by a Unicode family of the same style. TCVN3's uppercase "H" fonts
 * also get `text-transform: uppercase` where they are set in a style
 * declaration, since their text is stored in lowercase code points.
 */
const LEGACY_FONT = /(["']?)(\.Vn[A-Za-z][A-Za-z0-9]*(?: [A-Z][A-Za-z0-9]*)*|VNI[- ][A-Za-z][A-Za-z0-9-]*)\1/g;

function unicodeFamily(name: string, quoted: boolean): string {
  const sans = /arial|helve|univer|avant|swiss|aptima|tahoma|verdana/i.test(name);
  const mono = /courier|typewriter/i.test(name);
  if (quoted) return mono ? 'Courier New' : sans ? 'Arial' : 'Times New Roman';
  return mono ? 'monospace' : sans ? 'sans-serif' : 'serif';
}

function isUppercaseFont(name: string): boolean {
  return /^\.Vn[A-Za-z0-9]*H$/.test(name.split(' ')[0]!);
}

const FONT_DECLARATION = /font-family\s*:\s*(?:"[^"]*"|'[^']*'|[^;"'}<>])*/gi;

function namesUppercaseFont(text: string): boolean {
  return [...text.matchAll(LEGACY_FONT)].some((m) => isUppercaseFont(m[2]!));
}

export function replaceLegacyFonts(markup: string): string {
  if (!/\.Vn|VNI[- ]/.test(markup)) return markup;
  let out = markup.replace(FONT_DECLARATION, (decl) =>
    namesUppercaseFont(decl) ? `${decl};text-transform:uppercase` : decl,
  );
  if (/^<font\s/i.test(out) && !/\sstyle\s*=/i.test(out) && namesUppercaseFont(out)) {
    out = out.replace(/\s*\/?>$/, (end) => ` style="text-transform:uppercase"${end.trim()}`);
  }
  return out.replace(
    LEGACY_FONT,
    (_m, quote: string, name: string) => `${quote}${unicodeFamily(name, quote !== '')}${quote}`,
  );
}
