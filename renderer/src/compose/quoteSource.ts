// The original's body for a reply or a forward, through the reading side's sanitizer with
// remote content blocked (no image of a tracker is fetched because a reply was opened).
import type { MessageDetail } from '../../../shared/mail.ts';
import { sanitizeMailHtml } from '../mail/sanitize.ts';
import type { QuotedBody } from './quote.ts';

export function quoteSource(message: MessageDetail): QuotedBody {
  return {
    safeHtml: message.html ? sanitizeMailHtml(message.html, message.inlineImages).html : null,
    text: message.text,
  };
}
