// "Xác nhận đã đọc" in the folder pane, under the outbox: opens the receipts window.
import { useState } from 'react';
import { Icon } from '../components/Icon.tsx';
import { useT } from '../i18n/useT.ts';
import { ReceiptsPanel } from './ReceiptsPanel.tsx';

export function ReceiptsEntry({ accountId }: { accountId: string }) {
  const { t } = useT('receipts');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`folder-row pinned-row receipts-entry${open ? ' is-selected' : ''}`}
        data-testid="receipts-entry"
        onClick={() => setOpen(true)}
      >
        <Icon name="mailOpen" className="folder-icon" />
        <span className="folder-name">{t('view.entry')}</span>
      </button>
      {open && <ReceiptsPanel accountId={accountId} onClose={() => setOpen(false)} />}
    </>
  );
}
