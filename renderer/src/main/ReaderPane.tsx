// The right pane: the open message's own buttons (read, flag) over the
// message itself.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox } from './model/useMailbox.ts';
import { ReceiptBar } from '../receipts/ReceiptBar.tsx';
import { ReadingPane } from './ReadingPane.tsx';
import { ReaderActions } from './SelectionBars.tsx';

/** replyBar: the open message's Reply / Forward buttons (compose/ReplyBar); ledgerBar: "Vào sổ" (ledger/RegisterEntry). */
export function ReaderPane({
  box,
  replyBar,
  ledgerBar,
}: {
  box: Mailbox;
  replyBar?: ReactNode;
  ledgerBar?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message, commands } = box;
  const { state } = message.detail;
  return (
    <section className="pane pane-reader" aria-label={t('main.reader')}>
      {replyBar}
      <ReaderActions
        source={box.source}
        openedKey={message.opened?.key ?? null}
        openedRow={message.row}
        detailFlags={state.status === 'ok' ? state.value.flags : null}
        busy={box.actions.busy}
        permits={box.rights.permits}
        onMarkRead={(row, read) => void commands.markRead(read, [row])}
        onToggleFlag={(row) => void commands.toggleFlag([row])}
      />
      <ReceiptBar accountId={box.accountId} opened={message.opened} />
      {ledgerBar}
      <ReadingPane state={state} accountId={box.accountId} />
    </section>
  );
}
