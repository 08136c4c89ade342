// The message list's context menu (model/useRowMenu): Trả lời, Trả lời tất cả, Chuyển tiếp,
// Chuyển tiếp dạng tệp đính kèm, then read/unread, flag, "Chuyển tới…" and "Xóa". A WAI-ARIA
// menu: the focus moves into it, ↑/↓ (and Home/End) walk it, Enter or Space chooses, Esc or Tab
// closes it with the focus back on the list; a click elsewhere closes it too. Its keys stay in
// it: the list's shortcuts (Delete, M, S…) do not fire behind it.
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isFlagged, isUnread } from '../list/rows.ts';
import type { RowAction, RowMenuApi, RowMenuState } from './model/useRowMenu.ts';
import './row-menu.css';

const REPLIES = ['reply', 'reply-all', 'forward', 'forward-attachment'] as const;

function useItems(state: RowMenuState): Array<{ action: RowAction; label: string } | 'separator'> {
  const { t } = useTranslation();
  const m = state.row.msg;
  return [
    ...REPLIES.map((mode) => ({ action: mode, label: t(`rowMenu.${mode}`) })),
    'separator',
    isUnread(m)
      ? { action: 'markRead', label: t('rowMenu.markRead') }
      : { action: 'markUnread', label: t('rowMenu.markUnread') },
    { action: 'toggleFlag', label: isFlagged(m) ? t('rowMenu.unflag') : t('rowMenu.flag') },
    { action: 'moveMenu', label: t('rowMenu.move') },
    'separator',
    { action: 'trash', label: t('rowMenu.trash') },
  ];
}

export function RowMenu({ api }: { api: RowMenuApi }) {
  if (!api.state) return null;
  return <OpenRowMenu key={`${api.state.row.key}|${api.state.x}|${api.state.y}`} api={api} state={api.state} />;
}

function OpenRowMenu({ api, state }: { api: RowMenuApi; state: RowMenuState }) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDivElement>(null);
  const items = useItems(state);
  // Kept inside the window: flipped up or left when it would overflow.
  useLayoutEffect(() => {
    const el = menu.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const { x, y } = state;
    el.style.left = `${x + width > window.innerWidth ? Math.max(0, x - width) : x}px`;
    el.style.top = `${y + height > window.innerHeight ? Math.max(0, y - height) : y}px`;
  }, [state]);
  const buttons = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus(), []);
  useEffect(() => {
    const outside = (e: MouseEvent) => {
      if (menu.current && !menu.current.contains(e.target as Node)) api.close();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [api]);

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    const list = buttons();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab' || e.key === 'F10' || e.key === 'ContextMenu') api.close();
    else return;
    e.preventDefault();
  };
  const subject = state.row.msg.subject || t('rowMenu.noSubject');
  return (
    <div
      ref={menu}
      className="row-menu"
      role="menu"
      aria-label={t('rowMenu.label', { subject })}
      data-testid="row-menu"
      style={{ left: state.x, top: state.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {items.map((item, i) =>
        item === 'separator' ? (
          <div key={`sep-${i}`} role="separator" className="row-menu-separator" />
        ) : (
          <button
            key={item.action}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="row-menu-item"
            data-testid={`row-menu-${item.action}`}
            onClick={() => api.run(item.action)}
          >
            {item.label}
          </button>
        ),
      )}
    </div>
  );
}
