// The open message: headers, attachments, then the body (sandboxed HTML or
// plain text). Sanitizing happens here so attachments already shown inline
// (cid: images) are not listed twice.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address, MessageDetail } from '../../../shared/mail.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatAddressList } from '../format/address.ts';
import { formatFullDate } from '../format/date.ts';
import type { AsyncState } from '../hooks/useAsync.ts';
import { localeOf } from '../i18n/index.ts';
import { MessageBody } from '../mail/MessageBody.tsx';
import { sanitizeMailHtml } from '../mail/sanitize.ts';
import { normalizeContentId } from '../mail/urls.ts';
import { AttachmentList } from './AttachmentList.tsx';

export function ReadingPane({ state }: { state: AsyncState<MessageDetail> }) {
  const { t } = useTranslation();
  if (state.status === 'idle') return <p className="muted pane-empty">{t('main.selectMessage')}</p>;
  if (state.status === 'loading') return <p className="muted pane-empty">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorNotice error={state.error} testId="reader-error" />;
  return <OpenMessage message={state.value} />;
}

function HeaderRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

function OpenMessage({ message }: { message: MessageDetail }) {
  const { t, i18n } = useTranslation();
  const sanitized = useMemo(
    () => (message.html ? sanitizeMailHtml(message.html, message.inlineImages) : null),
    [message.html, message.inlineImages],
  );
  const attachments = message.attachments.filter(
    (a) => !(a.contentId && sanitized?.usedCids.has(normalizeContentId(a.contentId))),
  );
  const list = (addresses: Address[]) => formatAddressList(addresses);

  return (
    <article className="reader" data-testid="reading-pane" data-uid={message.uid}>
      <header className="reader-header">
        <h2 className="reader-subject" data-testid="reader-subject">
          {message.subject || t('main.noSubject')}
        </h2>
        <dl className="reader-meta">
          <HeaderRow label={t('reader.from')} value={list(message.from)} testId="reader-from" />
          <HeaderRow label={t('reader.to')} value={list(message.to)} testId="reader-to" />
          <HeaderRow label={t('reader.cc')} value={list(message.cc)} testId="reader-cc" />
          <HeaderRow
            label={t('reader.date')}
            value={formatFullDate(message.date, localeOf(i18n.language))}
            testId="reader-date"
          />
        </dl>
      </header>
      {message.parseWarning && (
        <div className="notice notice-warning" data-testid="parse-warning">
          {t('reader.parseWarning')}
        </div>
      )}
      <AttachmentList attachments={attachments} />
      <MessageBody message={message} sanitized={sanitized} />
      {message.rawSource && (
        <details className="raw-source">
          <summary>{t('reader.rawSource')}</summary>
          <pre className="plain-body">{message.rawSource}</pre>
        </details>
      )}
    </article>
  );
}
