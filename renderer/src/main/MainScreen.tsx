// The mail view: folders (with the pinned directives view) | the virtualized
// message list | the reading pane, a command bar above and the sync status
// below. Everything shown comes from the local cache (model/useMailboxData),
// so the list works offline and at 100,000 messages. Opening a message never
// marks it read: that is an explicit action (or an opt-in delay).
//
// This file only assembles: the model (model/useMailbox) holds the state and
// the behaviour, each pane shows one part of it, and MailboxLayout places
// them. Overlay windows open one at a time over the view.
import { useState } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import { ComposeEntry } from '../compose/ComposeEntry.tsx';
import { ComposeLayer } from '../compose/ComposeLayer.tsx';
import { ReplyBar } from '../compose/ReplyBar.tsx';
import { mailtoDraft } from '../compose/mailtoDraft.ts';
import { useComposeHost } from '../compose/useComposeHost.ts';
import { useOutbox } from '../compose/useOutbox.ts';
import { useReplyCommands } from '../compose/useReplyCommands.ts';
import type { HandoverTab } from '../handover/tabs.ts';
import { useLedgerHost } from '../ledger/useLedgerHost.tsx';
import { MailtoOpenerContext } from '../mail/mailtoOpener.ts';
import { useUiPrefs } from '../prefs/uiPrefs.ts';
import { CommandBar } from './CommandBar.tsx';
import { FolderPane } from './FolderPane.tsx';
import { ListPane } from './ListPane.tsx';
import { MailboxBanners } from './MailboxBanners.tsx';
import { MailboxLayout } from './MailboxLayout.tsx';
import { MainOverlays, type Overlay } from './MainOverlays.tsx';
import { useMailbox } from './model/useMailbox.ts';
import { ReaderPane } from './ReaderPane.tsx';
import { SyncStatusBar } from './SyncStatusBar.tsx';
import { Toasts, useToasts } from './Toasts.tsx';
import { TopBar } from './TopBar.tsx';

interface Props {
  accounts: AccountSummary[];
  account: AccountSummary;
  domain: string;
  onSwitchAccount(id: string): void;
  onAccountAdded(account: AccountSummary): void;
  onAccountUpdated(account: AccountSummary): void;
  onAccountRemoved(accountId: string): void;
  /** Opens the handover and digital-signature window. */
  onOpenHandover?(tab: HandoverTab): void;
}

export function MainScreen(props: Props) {
  const { account, onOpenHandover } = props;
  const [prefs, setPrefs] = useUiPrefs();
  const toasts = useToasts();
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const compose = useComposeHost(account.id, toasts, account.email);
  // A mailto: link in a message opens this composer, with no attachment whatever the link asked.
  const openMailto = (m: Parameters<typeof mailtoDraft>[0]) => compose.open('new', mailtoDraft(m));
  const outbox = useOutbox(account.id);
  const box = useMailbox({ accountId: account.id, prefs, toasts, overlayOpen: overlay !== null || compose.busy });
  const replies = useReplyCommands({ account, box, host: compose, suspended: overlay !== null });
  const openIdentity = onOpenHandover ? { onOpenIdentity: () => onOpenHandover('identity') } : {};
  const { folders, sync } = box;
  const ledger = useLedgerHost(account, box, () => setOverlay('ledger'));
  const panes = (
    <>
      <FolderPane
        account={account}
        folders={folders}
        view={box.view}
        directives={box.directives}
        syncing={sync.syncing}
        top={
          <ComposeEntry
            waiting={outbox.waiting}
            outboxOpen={compose.outboxOpen}
            onNew={replies.newMessage}
            onOutbox={() => compose.showOutbox(true)}
            draftsOpen={compose.panel === 'drafts'}
            onDrafts={() => compose.showPanel('drafts')}
          />
        }
        ledger={ledger.button}
        {...openIdentity}
      />
      <ListPane box={box} prefs={prefs} onPrefs={setPrefs} replies={replies} />
      <ReaderPane box={box} replyBar={<ReplyBar commands={replies} />} ledgerBar={ledger.readerBar} />
    </>
  );
  const floating = (
    <>
      <Toasts api={toasts} />
      <ComposeLayer account={account} units={folders.shared.units} host={compose} outbox={outbox} {...openIdentity} />
      <MainOverlays
        overlay={overlay}
        onClose={() => setOverlay(null)}
        account={account}
        domain={props.domain}
        toasts={toasts}
        onAccountAdded={props.onAccountAdded}
        onAccountUpdated={props.onAccountUpdated}
        onAccountRemoved={props.onAccountRemoved}
        sendingAddresses={[account.email, ...box.folders.shared.units.filter((u) => !u.lost).map((u) => u.owner)]}
        ledger={ledger.overlay}
        {...openIdentity}
      />
    </>
  );
  return (
    <MailboxLayout
      topBar={
        <TopBar
          accounts={props.accounts}
          account={account}
          onSwitchAccount={props.onSwitchAccount}
          onOverlay={setOverlay}
          {...(onOpenHandover ? { onOpenHandover } : {})}
        />
      }
      banners={<MailboxBanners account={account} rights={box.rights} folder={box.view.folderPath} />}
      commandBar={<CommandBar box={box} prefs={prefs} onPrefs={setPrefs} />}
      panes={<MailtoOpenerContext value={openMailto}>{panes}</MailtoOpenerContext>}
      statusBar={
        <SyncStatusBar state={sync.state} folderLabelOf={folders.labelOf} onCancel={sync.cancel} onRetry={sync.start} />
      }
      floating={floating}
    />
  );
}
