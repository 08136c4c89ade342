// The ledger's places in the mail view, for MainScreen: the "Sổ văn bản đến" button of the folder
// pane, "Vào sổ" on the open message, and what the ledger overlay opens on.
import { useState, type ReactNode } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import type { Mailbox } from '../main/model/useMailbox.ts';
import { LedgerButton } from './LedgerButton.tsx';
import { RegisterEntry } from './RegisterEntry.tsx';
import type { LedgerAt } from './useLedgerData.ts';

export interface LedgerHost {
  button: ReactNode;
  readerBar: ReactNode;
  overlay: { units: string[]; at?: LedgerAt | undefined };
}

/** `showOverlay` opens the ledger overlay (MainOverlays' 'ledger'). */
export function useLedgerHost(account: AccountSummary, box: Mailbox, showOverlay: () => void): LedgerHost {
  const [at, setAt] = useState<LedgerAt | undefined>(undefined);
  const open = (where?: LedgerAt) => {
    setAt(where);
    showOverlay();
  };
  const { units } = box.folders.shared;
  const detail = box.message.detail.state;
  return {
    button: <LedgerButton onOpen={() => open()} />,
    readerBar: (
      <RegisterEntry
        account={account}
        units={units}
        message={detail.status === 'ok' ? detail.value : null}
        onOpenLedger={open}
      />
    ),
    overlay: { units: units.filter((u) => !u.lost).map((u) => u.owner), at },
  };
}
