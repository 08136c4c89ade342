// The left pane: the pinned directives view, the account's folder tree, the
// unit mailboxes shared with it, and (personal accounts) importing a sealed
// credential for a unit mailbox.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';
import type { CachedSummary } from '../../../shared/mail.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { ImportCredential } from '../delegation/ImportCredential.tsx';
import { SharedMailboxGroups } from '../delegation/SharedMailboxGroups.tsx';
import type { Live } from '../hooks/useLive.ts';
import { ReceiptsEntry } from '../receipts/ReceiptsEntry.tsx';
import { isUnread } from '../list/rows.ts';
import { FolderTree } from './FolderTree.tsx';
import type { Folders } from './model/useFolders.ts';
import type { MailView } from './model/useMailView.ts';
import { PinnedViews } from './PinnedViews.tsx';
import { Busy } from '../components/Busy.tsx';

interface Props {
  account: AccountSummary;
  folders: Folders;
  view: MailView;
  directives: Live<CachedSummary[]>;
  syncing: boolean;
  onOpenIdentity?(): void;
  /** Shown first: "Soạn thư" and the outbox (compose/ComposeEntry). */
  top?: ReactNode;
  /** Under the pinned views: "Sổ văn bản đến" (ledger/LedgerButton). */
  ledger?: ReactNode;
}

export function FolderPane({ account, folders, view, directives, syncing, onOpenIdentity, top, ledger }: Props) {
  const { t } = useTranslation();
  const { cached, shared, list } = folders;
  const unreadDirectives = (directives.value ?? []).filter(isUnread).length;
  return (
    <nav className="pane pane-folders" aria-label={t('main.folders')}>
      {top}
      <ReceiptsEntry accountId={account.id} />
      <PinnedViews active={view.mode === 'directives'} unread={unreadDirectives} onSelect={view.showDirectives} />
      {ledger}
      <h2 className="pane-title">{t('main.folders')}</h2>
      {cached.error && !cached.value && <ErrorNotice error={cached.error} testId="folders-error" />}
      {cached.value && list.length > 0 && (
        <FolderTree folders={shared.personal} selected={view.shownFolder} onSelect={view.selectFolder} />
      )}
      <SharedMailboxGroups
        units={shared.units}
        folders={list}
        selected={view.shownFolder}
        onSelect={view.selectFolder}
      />
      {account.kind === 'personal' && <ImportCredential {...(onOpenIdentity ? { onOpenIdentity } : {})} />}
      {(cached.loading || (cached.value && list.length === 0)) &&
        (syncing || cached.loading ? (
          <Busy text={t('list.firstSyncFolders')} testId="folders-loading" />
        ) : (
          <p className="muted pane-empty">{t('main.noFolders')}</p>
        ))}
    </nav>
  );
}
