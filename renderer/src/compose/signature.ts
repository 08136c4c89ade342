// The signature (chữ ký) in the composer's body: one paragraph marked data-signature, put below
// the typing point and above any quote, that the user can edit or delete like any text. The
// editor keeps the mark through editing (SignatureBlock.ts), so changing From can find the block
// and swap it for the other address's signature. Pure.
import { renderSignature, type MailSignature } from '../../../shared/mail-signature.ts';

export interface RenderedSignature {
  text: string;
  html: string;
}

/** The signature to insert for an address, or null (none, or not to be put in automatically). */
export function autoSignature(sig: MailSignature | null): RenderedSignature | null {
  return sig && sig.auto ? renderSignature(sig) : null;
}

/**
 * The opening body with the signature under the (empty) first paragraph, where the user starts
 * to write, and above the quote or the forwarded message.
 */
export function withSignature(
  body: { html: string; text: string },
  sig: RenderedSignature | null,
): { html: string; text: string } {
  if (!sig) return body;
  const html = body.html.startsWith('<p></p>')
    ? `<p></p>${sig.html}${body.html.slice('<p></p>'.length)}`
    : `<p></p>${sig.html}${body.html}`;
  const text = body.text.startsWith('\n\n')
    ? `\n\n${sig.text}\n${body.text.slice(1)}`
    : `\n\n${sig.text}${body.text === '' ? '' : `\n\n${body.text}`}`;
  return { html, text };
}

/** Plain-text mode: the previous signature's text replaced by the next one's (or left when edited away). */
export function swapSignatureText(
  text: string,
  prev: RenderedSignature | null,
  next: RenderedSignature | null,
): string {
  if (prev && text.includes(prev.text)) return text.replace(prev.text, next?.text ?? '');
  if (!prev && next)
    return text.startsWith('\n\n') ? withSignature({ html: '', text }, next).text : `${text.trimEnd()}\n\n${next.text}`;
  return text;
}
