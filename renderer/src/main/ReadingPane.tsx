// The open message: headers, then attachments and the body (sandboxed HTML or
// plain text, remote content on request), which mail/MessageContent renders.
import { useTranslation } from 'react-i18next';
import type { Address, MessageDetail } from '../../../shared/mail.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatAddressList } from '../format/address.ts';
import { formatFullDate } from '../format/date.ts';
import type { AsyncState } from '../hooks/useAsync.ts';
import { localeOf } from '../i18n/index.ts';
import { MessageContent } from '../mail/MessageContent.tsx';
import { SignedBadge } from './SignedBadge.tsx';

/** accountId: the account the message belongs to (remote images, saving attachments need it). */
export function ReadingPane({ state, accountId }: { state: AsyncState<MessageDetail>; accountId?: string }) {
  const { t } = useTranslation();
  if (state.status === 'idle') return <p className="muted pane-empty">{t('main.selectMessage')}</p>;
  if (state.status === 'loading') return <p className="muted pane-empty">{t('app.loading')}</p>;
  if (state.status === 'error') return <ErrorNotice error={state.error} testId="reader-error" />;
  return <OpenMessage message={state.value} accountId={accountId} />;
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

function OpenMessage({ message, accountId }: { message: MessageDetail; accountId?: string }) {
  const { t, i18n } = useTranslation();
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
        <SignedBadge signature={message.signature} />
      </header>
      {message.parseWarning && (
        <div className="notice notice-warning" data-testid="parse-warning">
          {t('reader.parseWarning')}
        </div>
      )}
      <MessageContent message={message} accountId={accountId} />
      {message.rawSource && (
        <details className="raw-source">
          <summary>{t('reader.rawSource')}</summary>
          <pre className="plain-body">{message.rawSource}</pre>
        </details>
      )}
    </article>
  );
}
