// The right pane: the open message's own buttons (read, flag) over the
// message itself.
import { useTranslation } from 'react-i18next';
import type { Mailbox } from './model/useMailbox.ts';
import { ReadingPane } from './ReadingPane.tsx';
import { ReaderActions } from './SelectionBars.tsx';

export function ReaderPane({ box }: { box: Mailbox }) {
  const { t } = useTranslation();
  const { message, commands } = box;
  const { state } = message.detail;
  return (
    <section className="pane pane-reader" aria-label={t('main.reader')}>
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
      <ReadingPane state={state} accountId={box.accountId} />
    </section>
  );
}
