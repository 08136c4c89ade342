// The 3-pane mail view: folders | messages | reading pane. Which folder and
// message are shown is remembered per account/folder key, so switching the
// account or folder never shows stale data from the previous one.
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';
import { invoke } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { AccountForm } from '../firstrun/AccountForm.tsx';
import { dateValue } from '../format/date.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { AccountSwitcher } from './AccountSwitcher.tsx';
import { FolderTree } from './FolderTree.tsx';
import { defaultFolder } from './folderTree.ts';
import { folderLabel } from './folderLabel.ts';
import { InsecureBanner } from './InsecureBanner.tsx';
import { isUnread, MessageList } from './MessageList.tsx';
import { ReadingPane } from './ReadingPane.tsx';

const MESSAGE_LIMIT = 100;

interface Props {
  accounts: AccountSummary[];
  account: AccountSummary;
  domain: string;
  onSwitchAccount(id: string): void;
  onAccountAdded(account: AccountSummary): void;
}

export function MainScreen({ accounts, account, domain, onSwitchAccount, onAccountAdded }: Props) {
  const { t } = useTranslation();
  const accountId = account.id;
  const [chosenFolder, setChosenFolder] = useState<{ accountId: string; path: string } | null>(null);
  const [selection, setSelection] = useState<{ key: string; selected: number | null; opened: number | null } | null>(
    null,
  );
  const [adding, setAdding] = useState(false);

  const folders = useAsync(accountId, () => invoke('mail.folders', { accountId }));
  const folderList = folders.state.status === 'ok' ? folders.state.value : [];
  const folder =
    chosenFolder?.accountId === accountId
      ? chosenFolder.path
      : folders.state.status === 'ok'
        ? defaultFolder(folderList)
        : null;

  const listKey = folder === null ? null : JSON.stringify([accountId, folder]);
  const messages = useAsync(listKey, () =>
    invoke('mail.messages', { accountId, folder: folder ?? '', limit: MESSAGE_LIMIT }),
  );
  const sorted = useMemo(() => {
    const list = messages.state.status === 'ok' ? [...messages.state.value] : [];
    return list.sort((a, b) => dateValue(b.date) - dateValue(a.date) || b.uid - a.uid);
  }, [messages.state]);

  const current = selection && selection.key === listKey ? selection : { selected: null, opened: null };
  const detailKey = listKey !== null && current.opened !== null ? JSON.stringify([listKey, current.opened]) : null;
  const detail = useAsync(detailKey, () =>
    invoke('mail.message', { accountId, folder: folder ?? '', uid: current.opened ?? 0 }),
  );

  // Opening a message marks it read on the server; mirror that locally
  // instead of re-listing the folder.
  const markReadLocally = useEffectEvent((uid: number, flags: string[]) => {
    if (!flags.includes('\\Seen')) return;
    const row = sorted.find((m) => m.uid === uid);
    if (!row || !isUnread(row)) return;
    messages.update((list) => list.map((m) => (m.uid === uid ? { ...m, flags: [...m.flags, '\\Seen'] } : m)));
    folders.update((list) => list.map((f) => (f.path === folder && f.unseen ? { ...f, unseen: f.unseen - 1 } : f)));
  });
  useEffect(() => {
    if (detail.state.status === 'ok') markReadLocally(detail.state.value.uid, detail.state.value.flags);
  }, [detail.state]);

  const select = (uid: number) => listKey && setSelection({ key: listKey, selected: uid, opened: current.opened });
  const open = (uid: number) => listKey && setSelection({ key: listKey, selected: uid, opened: uid });
  const folderInfo = folderList.find((f) => f.path === folder);

  return (
    <div className="main-screen" data-testid="main-screen">
      <header className="topbar">
        <div className="brand">{t('app.title')}</div>
        <AccountSwitcher accounts={accounts} current={accountId} onChange={onSwitchAccount} />
        <button type="button" className="btn btn-ghost" data-testid="btn-add-account" onClick={() => setAdding(true)}>
          <Icon name="plus" /> {t('main.addAccount')}
        </button>
        <div className="topbar-spacer" />
        <LanguageSwitch />
      </header>
      <InsecureBanner account={account} />
      <div className="panes">
        <nav className="pane pane-folders" aria-label={t('main.folders')}>
          <h2 className="pane-title">{t('main.folders')}</h2>
          {folders.state.status === 'loading' && <p className="muted pane-empty">{t('app.loading')}</p>}
          {folders.state.status === 'error' && <ErrorNotice error={folders.state.error} testId="folders-error" />}
          {folders.state.status === 'ok' && (
            <FolderTree
              folders={folderList}
              selected={folder}
              onSelect={(path) => setChosenFolder({ accountId, path })}
            />
          )}
        </nav>
        <section className="pane pane-list" aria-label={t('main.messages')}>
          <h2 className="pane-title" data-testid="list-title">
            {folderInfo ? folderLabel(folderInfo, t) : t('main.messages')}
          </h2>
          {messages.state.status === 'idle' && <p className="muted pane-empty">{t('main.chooseFolder')}</p>}
          {messages.state.status === 'loading' && <p className="muted pane-empty">{t('app.loading')}</p>}
          {messages.state.status === 'error' && <ErrorNotice error={messages.state.error} testId="messages-error" />}
          {messages.state.status === 'ok' && (
            <MessageList
              messages={sorted}
              selected={current.selected}
              opened={current.opened}
              onSelect={select}
              onOpen={open}
            />
          )}
        </section>
        <section className="pane pane-reader">
          <ReadingPane state={detail.state} />
        </section>
      </div>
      {adding && (
        <div className="overlay" data-testid="add-account-overlay">
          <div className="overlay-card">
            <header className="first-run-header">
              <h1>{t('firstRun.title')}</h1>
              <button type="button" className="btn btn-ghost" onClick={() => setAdding(false)}>
                {t('main.closeAddAccount')}
              </button>
            </header>
            <AccountForm
              domain={domain}
              onCancel={() => setAdding(false)}
              onSaved={(added) => {
                setAdding(false);
                onAccountAdded(added);
              }}
            />
          </div>
        </div>
      )}
    </div>
  );
}
