import {
  LEGACY_ENCODINGS,
  chooseEncoding,
  convertLegacyText,
  passes,
  scoreLegacy,
  type LegacyEncoding,
  type LegacyScore,
} from './detect.ts';
import { convertLegacyHtmlWith, htmlText } from './html.ts';

export type LegacyPart = 'subject' | 'text' | 'html';

/** What the reading pane reports: "Văn bản đã được chuyển từ mã TCVN3 sang Unicode". */
export interface LegacyConversion {
  from: LegacyEncoding;
  parts: LegacyPart[];
}

export interface MessageTexts {
  subject: string;
  text: string;
  html: string | null;
}

/** Converts a legacy HTML document's text to Unicode, keeping the markup. */
export function convertLegacyHtml(html: string, encoding: LegacyEncoding): string {
  return convertLegacyHtmlWith(html, (text) => convertLegacyText(text, encoding)).normalize('NFC');
}

const add = (a: LegacyScore, b: LegacyScore): LegacyScore => ({
  relevant: a.relevant + b.relevant,
  good: a.good + b.good,
});

/**
 * Detects TCVN3/VNI across a message's subject, text and HTML, and converts
 * each part that shows it. The decision is made on the parts together (a
 * two-word subject alone is too little evidence); each part is then converted
 * only if it carries the encoding's marks itself, so a Unicode subject over a
 * TCVN3 body is left alone. `hint`: an encoding the message's headers were
 * found in, which lowers the bar for it. Input is expected in NFC; output is NFC.
 */
export function convertLegacyParts(
  texts: MessageTexts,
  hint: LegacyEncoding | null = null,
): MessageTexts & { legacy: LegacyConversion | null } {
  const sources: Record<LegacyPart, string> = {
    subject: texts.subject,
    text: texts.text,
    // Detection reads the start only (see scoreLegacy); no need to strip markup from all of it.
    html: texts.html === null ? '' : htmlText(texts.html.slice(0, 1024 * 1024)),
  };
  const parts: LegacyPart[] = ['subject', 'text', 'html'];
  const scores = Object.fromEntries(
    LEGACY_ENCODINGS.map((e) => [e, Object.fromEntries(parts.map((p) => [p, scoreLegacy(sources[p], e)]))]),
  ) as Record<LegacyEncoding, Record<LegacyPart, LegacyScore>>;
  const totals = Object.fromEntries(
    LEGACY_ENCODINGS.map((e) => [e, parts.map((p) => scores[e][p]).reduce(add)]),
  ) as Record<LegacyEncoding, LegacyScore>;
  const { encoding } = chooseEncoding(totals, hint);
  if (!encoding) return { ...texts, legacy: null };

  const converted: LegacyPart[] = [];
  const out: MessageTexts = { ...texts };
  for (const part of parts) {
    if (!passes(scores[encoding][part], true)) continue;
    converted.push(part);
    if (part === 'html' && texts.html !== null) out.html = convertLegacyHtml(texts.html, encoding);
    else if (part === 'subject') out.subject = convertLegacyText(texts.subject, encoding);
    else if (part === 'text') out.text = convertLegacyText(texts.text, encoding);
  }
  return { ...out, legacy: converted.length ? { from: encoding, parts: converted } : null };
}
