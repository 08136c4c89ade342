// Chooses how to show a message body: sanitized HTML in the sandboxed frame,
// or escaped plain text. Notices about the body (remote content) go above it.
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDetail } from '../../../shared/mail.ts';
import { LinkList } from './LinkList.tsx';
import { MailFrame } from './MailFrame.tsx';
import { PlainTextBody } from './PlainTextBody.tsx';
import type { SanitizedMail } from './sanitize.ts';

interface Props {
  message: MessageDetail;
  sanitized: SanitizedMail | null;
  /** Shown above the HTML frame (the remote-content bar). */
  notices?: ReactNode;
}

export function MessageBody({ message, sanitized, notices }: Props) {
  const { t } = useTranslation();
  const text = useMemo(() => message.text.replace(/\r\n?/g, '\n'), [message.text]);
  if (sanitized) {
    return (
      <>
        {notices}
        <MailFrame safeHtml={sanitized.html} />
        <LinkList links={sanitized.links} />
      </>
    );
  }
  return text.trim() ? <PlainTextBody text={text} /> : <p className="muted empty-body">{t('reader.empty')}</p>;
}
