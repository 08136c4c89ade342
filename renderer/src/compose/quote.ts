// The quoted original under a reply, and the original's header block in a forward: as editor
// HTML (the original's HTML already sanitized by the reader's sanitizer) and as text with "> "
// markers for plain-text mode. Pure: the words and the date come in from the caller, so the
// Node tests run it as it is.
import { escapeHtml, textToHtml } from './plainText.ts';

/** The original's body as the caller prepared it: sanitized HTML when it has some, and its text. */
export interface QuotedBody {
  safeHtml: string | null;
  text: string;
}

/** The editor's opening content: HTML for rich mode, text for plain mode. */
export interface BodyInit {
  html: string;
  text: string;
}

/** "> " in front of every line; a line already quoted gets one more ">" (RFC 3676 style). */
export function quoteText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => (line.startsWith('>') ? `>${line}` : line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/**
 * A reply's body: an empty first paragraph to write in, the header line ("Vào …, … đã viết:")
 * and the original in a blockquote (its sanitized HTML, else its text as paragraphs).
 */
export function replyBody(headerLine: string, original: QuotedBody): BodyInit {
  const quoted = original.safeHtml ?? textToHtml(original.text);
  return {
    html: `<p></p><p>${escapeHtml(headerLine)}</p><blockquote>${quoted}</blockquote>`,
    text: `\n\n${headerLine}\n${quoteText(original.text)}\n`,
  };
}

/**
 * A forward's body: an empty first paragraph, the original's header block (one line each:
 * the separator, from, date, subject, to…) and the original's body as it is, not quoted.
 */
export function forwardBody(headerLines: string[], original: QuotedBody): BodyInit {
  const body = original.safeHtml ?? textToHtml(original.text);
  return {
    html: `<p></p><p>${headerLines.map(escapeHtml).join('<br>')}</p>${body}`,
    text: `\n\n${headerLines.join('\n')}\n\n${original.text.replace(/\r\n?/g, '\n').replace(/\s+$/, '')}\n`,
  };
}
