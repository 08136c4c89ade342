// The mail view: folders (with the pinned directives view) | the virtualized
// message list | the reading pane, a command bar above and the sync status
// below. Everything shown comes from the local cache (cache.*), kept fresh by
// sync.start and cache.changed events, so the list works offline and at
// 100,000 messages. Opening a message never marks it read: that is an
// explicit action (or an opt-in delay).
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/account.ts';
import type { SortKey } from '../../../shared/mail.ts';
import { invoke, onEvent } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Icon } from '../components/Icon.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { DelegateBanner } from '../delegation/DelegateBanner.tsx';
import { DelegationButton } from '../delegation/DelegationButton.tsx';
import { DelegationPanel } from '../delegation/DelegationPanel.tsx';
import { ImportCredential } from '../delegation/ImportCredential.tsx';
import { SharedMailboxGroups } from '../delegation/SharedMailboxGroups.tsx';
import { useDelegateGuard } from '../delegation/useDelegateGuard.ts';
import { useSharedMailboxes } from '../delegation/useSharedMailboxes.ts';
import { AccountForm } from '../firstrun/AccountForm.tsx';
import { HandoverEntry } from '../handover/HandoverEntry.tsx';
import type { HandoverTab } from '../handover/tabs.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useLive } from '../hooks/useLive.ts';
import { useStable } from '../hooks/useStable.ts';
import { arrangeDirectives, arrangeRows, mergeRows } from '../list/arrange.ts';
import { isFlagged, isUnread, withFlags, type ListRow, type RowMessage } from '../list/rows.ts';
import {
  EMPTY_SELECTION,
  moveFocus,
  rangeBounds,
  selectAll,
  selectOnly,
  selectRange,
  toggleRow,
  type Selection,
} from '../list/selection.ts';
import { commandFor, isEditable, type Command, type MoveTarget } from '../list/shortcuts.ts';
import { ArraySource, PagedSource, ThreadSource, type RowSource } from '../list/sources.ts';
import type { VirtualListHandle } from '../list/VirtualList.tsx';
import { useUiPrefs } from '../prefs/uiPrefs.ts';
import { AccountSettings } from '../settings/AccountSettings.tsx';
import { AccountSwitcher } from './AccountSwitcher.tsx';
import { FolderTree } from './FolderTree.tsx';
import { defaultFolder } from './folderTree.ts';
import { folderLabel } from './folderLabel.ts';
import { InsecureBanner } from './InsecureBanner.tsx';
import { ListPane, type Filter, type ListMode } from './ListPane.tsx';
import { MoveMenu } from './MoveMenu.tsx';
import { PinnedViews } from './PinnedViews.tsx';
import { ReaderActions, SelectionToolbar } from './SelectionBars.tsx';
import { ReadingPane } from './ReadingPane.tsx';
import { SyncStatusBar } from './SyncStatusBar.tsx';
import { Toasts, useToasts } from './Toasts.tsx';
import { UrgencyBadge } from './UrgencyBadge.tsx';
import { useMailActions } from './useMailActions.ts';
import { useSync } from './useSync.ts';

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

type View = { kind: 'folder'; path: string } | { kind: 'directives' };
type Opened = { key: string; folder: string; uid: number };

const SEARCH_DELAY_MS = 300;
const REFRESH_DELAY_MS = 120;

export function MainScreen({
  accounts,
  account,
  domain,
  onSwitchAccount,
  onAccountAdded,
  onAccountUpdated,
  onAccountRemoved,
  onOpenHandover,
}: Props) {
  const { t } = useTranslation();
  const accountId = account.id;
  const [prefs, setPrefs] = useUiPrefs();
  const toasts = useToasts();
  const [view, setView] = useState<View | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [overlay, setOverlay] = useState<'add' | 'settings' | 'delegation' | null>(null);
  const [moveOpen, setMoveOpen] = useState(false);
  const listRef = useRef<VirtualListHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  /** Rows seen while building a selection, for acting on rows whose page was dropped since. */
  const knownRows = useRef(new Map<string, ListRow>());

  // ---- folders, directives, search (all from the cache) ----------------------
  const folders = useLive(accountId, () => invoke('cache.folders', { accountId }));
  const cachedFolders = useMemo(() => folders.value ?? [], [folders.value]);
  // Unit mailboxes shared with this account (delegation): their folders get a group and rights of their own.
  const shared = useSharedMailboxes({ accountId, cached: cachedFolders });
  const folderList = shared.folders;
  const folderByPath = useMemo(() => new Map(folderList.map((f) => [f.path, f])), [folderList]);
  const folderLabelOf = useCallback(
    (path: string) => {
      const f = folderByPath.get(path);
      return f ? folderLabel(f, t) : path;
    },
    [folderByPath, t],
  );

  const directives = useLive(accountId, () => invoke('cache.directives', { accountId, limit: 500 }));
  const searchKey = query ? JSON.stringify([accountId, query]) : null;
  const search = useLive(searchKey, () => invoke('cache.search', { accountId, query, limit: 1000 }));

  const fallbackPath = defaultFolder(shared.personal);
  const current: View | null = view ?? (fallbackPath ? { kind: 'folder', path: fallbackPath } : null);
  const folderPath = current?.kind === 'folder' ? current.path : null;
  const mode: ListMode = query ? 'search' : current?.kind === 'directives' ? 'directives' : 'folder';
  const { sort, descending, conversations } = prefs;

  // ---- the rows of the list --------------------------------------------------
  // One source per kind of view, each rebuilt only when what it shows changes
  // (a refreshed directives list must not reset the folder's pages).
  const folderMode = mode === 'folder' && folderPath !== null;
  const folderSource = useMemo<RowSource | null>(() => {
    if (!folderMode || folderPath === null) return null;
    const only = {
      ...(filter === 'unread' ? { unread: true } : {}),
      ...(filter === 'flagged' ? { flagged: true } : {}),
      ...(filter === 'attachments' ? { withAttachments: true } : {}),
    };
    const fetchPage = (offset: number, limit: number) =>
      invoke('cache.list', { accountId, folder: folderPath, sort, descending, offset, limit, ...only });
    if (conversations)
      return new ThreadSource(fetchPage, (threadId) => invoke('cache.thread', { accountId, threadId }));
    return new PagedSource(fetchPage);
  }, [folderMode, accountId, folderPath, filter, sort, descending, conversations]);
  const searchMode = mode === 'search';
  const searchSource = useMemo<RowSource | null>(() => {
    if (!searchMode) return null;
    return new ArraySource(
      search.value ? arrangeRows(search.value, filter, sort, descending) : null,
      search.value ? null : search.error,
    );
  }, [searchMode, search.value, search.error, filter, sort, descending]);
  const directivesMode = mode === 'directives';
  const directivesSource = useMemo<RowSource | null>(() => {
    if (!directivesMode) return null;
    return new ArraySource(
      directives.value ? arrangeDirectives(directives.value, filter) : null,
      directives.value ? null : directives.error,
    );
  }, [directivesMode, directives.value, directives.error, filter]);
  const idleSource = useMemo<RowSource>(() => new ArraySource(null), []);
  const source = folderSource ?? searchSource ?? directivesSource ?? idleSource;
  useEffect(() => () => folderSource?.dispose(), [folderSource]);

  // A different view starts with nothing selected (rows are keyed, so a
  // refreshed list of the same view keeps its selection).
  const viewKey = JSON.stringify([mode, folderPath, query, filter, sort, descending, conversations]);
  const [selectionView, setSelectionView] = useState(viewKey);
  if (selectionView !== viewKey) {
    setSelectionView(viewKey);
    setSelection(EMPTY_SELECTION);
    setMoveOpen(false);
  }

  const sync = useSync(accountId, () => {
    folders.refresh();
    directives.refresh();
    source.invalidate();
  });
  const syncing = sync.state.status === 'running';
  // A unit mailbox was shared or revoked since the last sync: fetch its folders, or drop them.
  const { start: startSync } = sync;
  useEffect(() => {
    if (shared.stale > 0) startSync();
  }, [shared.stale, startSync]);

  // ---- cache.changed / directives.new ----------------------------------------
  // Events come in bursts (a sync batch, an action on many folders): coalesced.
  const pending = useRef<{ folders: Set<string>; timer: ReturnType<typeof setTimeout> | null }>({
    folders: new Set(),
    timer: null,
  });
  const applyChanges = useEffectEvent(() => {
    const changed = pending.current.folders;
    pending.current.folders = new Set();
    pending.current.timer = null;
    folders.refresh();
    directives.refresh();
    if (mode === 'search') search.refresh();
    if (mode === 'folder' && folderPath !== null && changed.has(folderPath)) source.invalidate();
  });
  useEffect(() => {
    const off = onEvent('cache.changed', (event) => {
      if (event.accountId !== accountId) return;
      for (const f of event.folders) pending.current.folders.add(f);
      pending.current.timer ??= setTimeout(() => applyChanges(), REFRESH_DELAY_MS);
    });
    const state = pending.current;
    return () => {
      off();
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      state.folders.clear();
    };
  }, [accountId]);

  const refreshAll = useStable(() => {
    folders.refresh();
    directives.refresh();
    if (mode === 'search') search.refresh();
    source.invalidate();
  });

  const showDirectives = useStable(() => {
    setQuery('');
    setSearchText('');
    setView({ kind: 'directives' });
  });
  const onNewDirectives = useEffectEvent((messages: RowMessage[]) => {
    if (messages.length === 0) return;
    directives.update((list) => mergeRows(list, messages));
    const top = [...messages].sort((a, b) => b.urgency - a.urgency)[0] as RowMessage;
    toasts.push({
      kind: 'directive',
      lead: <UrgencyBadge level={top.urgency} />,
      text:
        messages.length === 1
          ? t('directives.newOne', { subject: top.subject || t('main.noSubject') })
          : t('directives.newMany', { n: messages.length }),
      action: { label: t('directives.view'), run: showDirectives, testId: 'toast-view-directives' },
      testId: 'toast-directive',
      timeout: 15_000,
    });
  });
  useEffect(
    () =>
      onEvent('directives.new', (event) => {
        if (event.accountId === accountId) onNewDirectives(event.messages);
      }),
    [accountId],
  );

  // Push: main keeps IDLE on INBOX and on the folder shown (changes come as cache.changed).
  useEffect(() => {
    invoke('sync.watch', { accountId, ...(folderPath ? { folder: folderPath } : {}) }).catch(() => undefined);
  }, [accountId, folderPath]);

  // ---- search ------------------------------------------------------------------
  useEffect(() => {
    const wanted = searchText.trim();
    const timer = setTimeout(() => setQuery(wanted), wanted ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [searchText]);
  const clearSearch = useStable(() => {
    setSearchText('');
    setQuery('');
    listRef.current?.focus();
  });

  // ---- the open message --------------------------------------------------------
  const detailKey = opened ? JSON.stringify([accountId, opened.folder, opened.uid]) : null;
  const detail = useAsync(detailKey, () =>
    invoke('mail.message', { accountId, folder: opened?.folder ?? '', uid: opened?.uid ?? 1 }),
  );
  const openRow = useStable((row: ListRow) => setOpened({ key: row.key, folder: row.msg.folder, uid: row.msg.uid }));

  /** The open message as a list row (from the list when it is there, else from the reader). */
  const openedRow = useStable((): ListRow | null => {
    if (!opened) return null;
    const row = source.rowByKey(opened.key);
    if (row) return row;
    if (detail.state.status !== 'ok') return null;
    const d = detail.state.value;
    return {
      key: opened.key,
      depth: 0,
      msg: {
        folder: opened.folder,
        uid: d.uid,
        date: d.date,
        from: d.from,
        to: d.to,
        subject: d.subject,
        flags: d.flags,
        size: 0,
        hasAttachments: d.attachments.length > 0,
        threadId: d.messageId ?? opened.key,
        isDirective: false,
        urgency: 0,
        snippet: '',
      },
    };
  });

  // ---- actions -----------------------------------------------------------------
  const actions = useMailActions({
    accountId,
    source,
    toasts,
    folderLabelOf,
    refresh: refreshAll,
    canTrash: (folder) => shared.permits(folder).trash,
    onRefused: shared.refresh,
  });
  /** In a unit mailbox: what its rights let this account do (everything elsewhere). */
  const unit = mode === 'folder' ? shared.unitOf(folderPath) : null;
  const permits = shared.permits(mode === 'folder' ? folderPath : null);
  const allowedHere = useDelegateGuard(unit, permits, toasts);

  /** The rows the toolbar and shortcuts act on: the selection, else the open message. */
  const targetRows = useStable(async (): Promise<ListRow[]> => {
    const total = source.total() ?? 0;
    let rows: ListRow[];
    if (selection.all) {
      rows = (await source.load(0, total)).filter((r) => !selection.keys.has(r.key));
    } else if (selection.keys.size > 0) {
      rows = [];
      for (const key of selection.keys) {
        const row = source.rowByKey(key) ?? knownRows.current.get(key);
        if (row) rows.push(row);
      }
    } else {
      const row = openedRow();
      rows = row ? [row] : [];
    }
    // A folded conversation stands for all its messages.
    if (source.members) {
      const seen = new Map<string, ListRow>();
      for (const r of rows) {
        const group = r.depth === 0 && !r.expanded && (r.threadSize ?? 1) > 1 ? source.members(r.key) : [r];
        for (const m of group) seen.set(m.key, m);
      }
      rows = [...seen.values()];
    }
    return rows;
  });

  /** Flags through the actions, keeping the rows remembered for a large selection in step. */
  const setFlags = useStable(async (rows: ListRow[], add: string[], remove: string[]) => {
    const done = actions.setFlags(rows, add, remove);
    for (const r of rows) {
      const known = knownRows.current.get(r.key);
      if (known)
        knownRows.current.set(r.key, {
          ...known,
          msg: { ...known.msg, flags: withFlags(known.msg.flags, add, remove) },
        });
    }
    await done;
  });
  const markRead = useStable(async (read: boolean, rows?: ListRow[]) => {
    const list = rows ?? (await targetRows());
    await setFlags(list, read ? ['\\Seen'] : [], read ? [] : ['\\Seen']);
  });
  const toggleRead = useStable(async () => {
    const rows = await targetRows();
    await markRead(
      rows.some((r) => isUnread(r.msg)),
      rows,
    );
  });
  const toggleFlag = useStable(async (rows?: ListRow[]) => {
    const list = rows ?? (await targetRows());
    const flag = !list.every((r) => isFlagged(r.msg));
    await setFlags(list, flag ? ['\\Flagged'] : [], flag ? [] : ['\\Flagged']);
  });

  /** After rows left the view: select (and, if the open one left, open) what took their place. */
  const reselect = useStable(async (gone: ListRow[]) => {
    // Where the first of them was: the selection's ends, and a few rows looked up (not 100,000).
    const indexes = [
      ...(selection.all ? [] : [selection.anchor, selection.focus]),
      ...gone.slice(0, 50).map((r) => source.indexOf(r.key)),
    ].filter((i): i is number => i !== null && i !== -1);
    const openedGone = opened !== null && gone.some((r) => r.key === opened.key);
    if (indexes.length === 0 || mode !== 'folder') {
      setSelection(EMPTY_SELECTION);
      if (openedGone) setOpened(null);
      return;
    }
    const index = Math.min(...indexes);
    const [next] = await source.load(index, index + 1);
    const fallback = next ?? (index > 0 ? (await source.load(index - 1, index))[0] : undefined);
    if (!fallback) {
      setSelection(EMPTY_SELECTION);
      if (openedGone) setOpened(null);
      return;
    }
    setSelection(selectOnly(source.indexOf(fallback.key), fallback.key));
    if (openedGone) openRow(fallback);
  });
  const trash = useStable(async () => {
    const rows = await targetRows();
    if (await actions.trash(rows)) await reselect(rows);
  });
  const moveTo = useStable(async (target: string) => {
    setMoveOpen(false);
    const rows = await targetRows();
    if (await actions.move(rows, target)) await reselect(rows);
    listRef.current?.focus();
  });

  // ---- selection and keyboard --------------------------------------------------
  const rangeTo = useStable(async (index: number, key: string, additive: boolean) => {
    const [a, b] = rangeBounds(selection, index);
    const rows = await source.load(a, b + 1);
    if (!additive) knownRows.current = new Map();
    for (const r of rows) knownRows.current.set(r.key, r);
    setSelection((s) =>
      selectRange(
        s,
        index,
        key,
        rows.map((r) => r.key),
        additive,
      ),
    );
  });

  const onRowClick = useStable((index: number, row: ListRow, event: MouseEvent) => {
    listRef.current?.focus();
    if (event.shiftKey) void rangeTo(index, row.key, event.ctrlKey || event.metaKey);
    else if (event.ctrlKey || event.metaKey) setSelection((s) => toggleRow(s, index, row.key));
    else {
      setSelection(selectOnly(index, row.key));
      openRow(row);
    }
  });
  const onToggleThread = useStable((row: ListRow) => void source.toggleThread?.(row.key));

  const moveCursor = useStable(async (to: MoveTarget, extend: boolean, cursorOnly: boolean) => {
    const total = source.total() ?? 0;
    if (total === 0) return;
    const cur = selection.focus;
    const page = listRef.current?.pageSize() ?? 10;
    const steps: Record<MoveTarget, number> = {
      up: cur === null ? 0 : cur - 1,
      down: cur === null ? 0 : cur + 1,
      home: 0,
      end: total - 1,
      pageUp: (cur ?? 0) - page,
      pageDown: (cur ?? 0) + page,
    };
    const next = Math.max(0, Math.min(total - 1, steps[to]));
    listRef.current?.scrollToIndex(next);
    const row = source.row(next) ?? (await source.load(next, next + 1))[0];
    if (!row) return;
    if (extend) await rangeTo(next, row.key, false);
    else if (cursorOnly) setSelection((s) => moveFocus(s, next, row.key));
    else setSelection(selectOnly(next, row.key));
  });

  const focusedRow = useStable((): ListRow | undefined =>
    selection.focus === null ? undefined : source.row(selection.focus),
  );

  const run = useStable((cmd: Command) => {
    if (!allowedHere(cmd.type)) return;
    switch (cmd.type) {
      case 'move':
        return void moveCursor(cmd.to, cmd.extend, cmd.cursorOnly);
      case 'open': {
        const row = focusedRow();
        if (row) openRow(row);
        return;
      }
      case 'trash':
        return void trash();
      case 'undo':
        return void actions.undo();
      case 'toggleRead':
        return void toggleRead();
      case 'markRead':
        return void markRead(true);
      case 'markUnread':
        return void markRead(false);
      case 'toggleFlag':
        return void toggleFlag();
      case 'moveMenu':
        return setMoveOpen(true);
      case 'search':
        searchRef.current?.focus();
        searchRef.current?.select();
        return;
      case 'selectAll':
        return setSelection((s) => selectAll(s));
      case 'expand':
      case 'collapse': {
        const row = focusedRow();
        if (row && source.toggleThread) void source.toggleThread(row.key, cmd.type === 'expand');
        return;
      }
    }
  });

  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (overlay !== null || moveOpen || document.querySelector('dialog[open]')) return;
    const list = listRef.current?.element();
    const inList = list !== null && list !== undefined && list.contains(e.target as Node);
    const cmd = commandFor(e, inList, isEditable(e.target));
    if (!cmd) return;
    e.preventDefault();
    run(cmd);
  });
  useEffect(() => {
    const handler = (e: KeyboardEvent) => onKeyDown(e);
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);

  // ---- "mark read after N seconds" (opt-in) -------------------------------------
  const autoRead = useEffectEvent(() => {
    const row = openedRow();
    if (row && isUnread(row.msg)) void markRead(true, [row]);
  });
  const detailReady = detail.state.status === 'ok';
  useEffect(() => {
    if (!prefs.autoMarkRead || !detailReady || !opened) return;
    const timer = setTimeout(() => autoRead(), prefs.autoMarkReadSeconds * 1000);
    return () => clearTimeout(timer);
  }, [prefs.autoMarkRead, prefs.autoMarkReadSeconds, detailReady, opened]);

  // ---- layout ------------------------------------------------------------------
  const title =
    mode === 'directives'
      ? t('directives.title')
      : folderPath !== null
        ? folderLabelOf(folderPath)
        : t('main.messages');
  const unreadDirectives = (directives.value ?? []).filter(isUnread).length;
  const selectFolder = (path: string) => {
    // Opening a unit mailbox's folder asks the server again what is still shared (a revocation shows at once).
    if (shared.unitOf(path)) shared.refresh();
    setQuery('');
    setSearchText('');
    setView({ kind: 'folder', path });
  };
  const sortBy = (key: SortKey) =>
    setPrefs(key === sort ? { descending: !descending } : { sort: key, descending: key === 'date' });

  const moveExclude = useMemo(
    () => new Set(mode === 'folder' && folderPath !== null ? [folderPath] : []),
    [mode, folderPath],
  );

  return (
    <div className="main-screen" data-testid="main-screen">
      <header className="topbar">
        <div className="brand">{t('app.title')}</div>
        <AccountSwitcher accounts={accounts} current={accountId} onChange={onSwitchAccount} />
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="btn-account-settings"
          title={t('settings.open')}
          onClick={() => setOverlay('settings')}
        >
          <Icon name="settings" /> {t('settings.open')}
        </button>
        <button type="button" className="btn btn-ghost" data-testid="btn-add-account" onClick={() => setOverlay('add')}>
          <Icon name="plus" /> {t('main.addAccount')}
        </button>
        {onOpenHandover && <HandoverEntry onOpen={onOpenHandover} />}
        {account.kind === 'unit' && <DelegationButton onOpen={() => setOverlay('delegation')} />}
        <div className="topbar-spacer" />
        <LanguageSwitch />
      </header>
      <InsecureBanner account={account} />
      {unit && folderPath !== null && <DelegateBanner unit={unit} folder={folderPath} permits={permits} />}
      <SelectionToolbar
        source={source}
        selection={selection}
        openedRow={openedRow}
        actions={actions}
        prefs={prefs}
        onPrefs={setPrefs}
        onMarkRead={() => void markRead(true)}
        onMarkUnread={() => void markRead(false)}
        onToggleFlag={() => void toggleFlag()}
        onMove={() => setMoveOpen((o) => !o)}
        onTrash={() => void trash()}
        permits={permits}
        moveMenu={
          moveOpen ? (
            <MoveMenu
              folders={shared.moveTargets(mode === 'folder' ? folderPath : null)}
              exclude={moveExclude}
              count={Math.max(1, selection.all ? (source.total() ?? 0) - selection.keys.size : selection.keys.size)}
              onPick={(path) => void moveTo(path)}
              onClose={() => setMoveOpen(false)}
            />
          ) : null
        }
      />
      <div className="mailbox-panes">
        <nav className="pane pane-folders" aria-label={t('main.folders')}>
          <PinnedViews active={mode === 'directives'} unread={unreadDirectives} onSelect={showDirectives} />
          <h2 className="pane-title">{t('main.folders')}</h2>
          {folders.error && !folders.value && <ErrorNotice error={folders.error} testId="folders-error" />}
          {folders.value && folderList.length > 0 && (
            <FolderTree
              folders={shared.personal}
              selected={mode === 'folder' ? folderPath : null}
              onSelect={selectFolder}
            />
          )}
          <SharedMailboxGroups
            units={shared.units}
            folders={folderList}
            selected={mode === 'folder' ? folderPath : null}
            onSelect={selectFolder}
          />
          {account.kind === 'personal' && (
            <ImportCredential {...(onOpenHandover ? { onOpenIdentity: () => onOpenHandover('identity') } : {})} />
          )}
          {(folders.loading || (folders.value && folderList.length === 0)) &&
            (syncing || folders.loading ? (
              <div className="busy" role="status" data-testid="folders-loading">
                <span className="spinner" aria-hidden="true" />
                <span className="muted">{t('list.firstSyncFolders')}</span>
              </div>
            ) : (
              <p className="muted pane-empty">{t('main.noFolders')}</p>
            ))}
        </nav>
        <ListPane
          source={source}
          mode={mode}
          title={title}
          folder={folderPath}
          filter={filter}
          onFilter={setFilter}
          sort={sort}
          descending={descending}
          onSort={sortBy}
          conversations={conversations}
          onConversations={(on) => setPrefs({ conversations: on })}
          searchText={searchText}
          onSearchText={setSearchText}
          onSearchSubmit={() => setQuery(searchText.trim())}
          onSearchClear={clearSearch}
          searchRef={searchRef}
          selection={selection}
          openedKey={opened?.key ?? null}
          removing={actions.removing}
          syncing={syncing}
          listRef={listRef}
          folderLabelOf={folderLabelOf}
          onRowClick={onRowClick}
          onToggleThread={onToggleThread}
        />
        <section className="pane pane-reader">
          <ReaderActions
            source={source}
            openedKey={opened?.key ?? null}
            openedRow={openedRow}
            detailFlags={detail.state.status === 'ok' ? detail.state.value.flags : null}
            busy={actions.busy}
            permits={permits}
            onMarkRead={(row, read) => void markRead(read, [row])}
            onToggleFlag={(row) => void toggleFlag([row])}
          />
          <ReadingPane state={detail.state} accountId={accountId} />
        </section>
      </div>
      <SyncStatusBar state={sync.state} folderLabelOf={folderLabelOf} onCancel={sync.cancel} onRetry={sync.start} />
      <Toasts api={toasts} />
      {overlay === 'add' && (
        <div className="overlay" data-testid="add-account-overlay">
          <div className="overlay-card">
            <header className="first-run-header">
              <h1>{t('firstRun.title')}</h1>
              <button type="button" className="btn btn-ghost" onClick={() => setOverlay(null)}>
                {t('main.closeAddAccount')}
              </button>
            </header>
            <AccountForm
              domain={domain}
              onCancel={() => setOverlay(null)}
              onSaved={(added) => {
                setOverlay(null);
                onAccountAdded(added);
              }}
            />
          </div>
        </div>
      )}
      {overlay === 'delegation' && (
        <DelegationPanel
          account={account}
          onClose={() => setOverlay(null)}
          {...(onOpenHandover
            ? {
                onOpenIdentity: () => {
                  setOverlay(null);
                  onOpenHandover('identity');
                },
              }
            : {})}
        />
      )}
      {overlay === 'settings' && (
        <AccountSettings
          account={account}
          domain={domain}
          onClose={() => setOverlay(null)}
          onSaved={(updated) => {
            setOverlay(null);
            onAccountUpdated(updated);
            toasts.push({ text: t('settings.saved', { email: updated.email }), testId: 'toast-settings-saved' });
          }}
          onRemoved={onAccountRemoved}
        />
      )}
    </div>
  );
}
