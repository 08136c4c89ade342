// Chooses how to show a message body: sanitized HTML in the sandboxed frame,
// or escaped plain text. Sanitizing is memoised per message.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDetail } from '../../../shared/mail.ts';
import { LinkList } from './LinkList.tsx';
import { MailFrame } from './MailFrame.tsx';
import { PlainTextBody } from './PlainTextBody.tsx';
import { RemoteContentBar } from './RemoteContentBar.tsx';
import type { SanitizedMail } from './sanitize.ts';

export function MessageBody({ message, sanitized }: { message: MessageDetail; sanitized: SanitizedMail | null }) {
  const { t } = useTranslation();
  const text = useMemo(() => message.text.replace(/\r\n?/g, '\n'), [message.text]);
  if (sanitized) {
    return (
      <>
        <RemoteContentBar count={sanitized.remoteBlocked} />
        <MailFrame safeHtml={sanitized.html} />
        <LinkList links={sanitized.links} />
      </>
    );
  }
  return text.trim() ? <PlainTextBody text={text} /> : <p className="muted empty-body">{t('reader.empty')}</p>;
}
