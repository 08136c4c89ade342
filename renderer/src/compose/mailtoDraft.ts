// A mailto: link as a new message: only the recipients, the subject and the body text (already
// filtered by shared/link-mailto.ts); never an attachment, whatever the link asked for. Pure.
import type { MailtoPrefill } from '../../../shared/link-mailto.ts';
import { emptyDraft, type ComposeDraft } from './draft.ts';
import { textToHtml } from './plainText.ts';

export function mailtoDraft(m: MailtoPrefill): ComposeDraft {
  return {
    ...emptyDraft(),
    to: [...m.to],
    cc: [...m.cc],
    bcc: [...m.bcc],
    subject: m.subject,
    text: m.body,
    html: m.body ? textToHtml(m.body) : '',
    attachments: [],
  };
}
