// Message list, newest first. One focusable listbox with aria-activedescendant:
// ↑/↓ (and Home/End) move the selection, Enter opens, a click does both.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageSummary } from '../../../shared/mail.ts';
import { Icon } from '../components/Icon.tsx';
import { senderLabel } from '../format/address.ts';
import { formatListDate } from '../format/date.ts';
import { formatSize } from '../format/size.ts';
import { localeOf } from '../i18n/index.ts';

interface Props {
  messages: MessageSummary[];
  selected: number | null;
  opened: number | null;
  onSelect(uid: number): void;
  onOpen(uid: number): void;
}

export const isUnread = (m: { flags: string[] }) => !m.flags.includes('\\Seen');
const isFlagged = (m: { flags: string[] }) => m.flags.includes('\\Flagged');
const rowId = (uid: number) => `message-${uid}`;

export function MessageList({ messages, selected, opened, onSelect, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (selected === null) return;
    document.getElementById(rowId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  if (messages.length === 0) return <p className="muted pane-empty">{t('main.noMessages')}</p>;

  const move = (delta: number | 'first' | 'last') => {
    const index = messages.findIndex((m) => m.uid === selected);
    const next =
      delta === 'first'
        ? 0
        : delta === 'last'
          ? messages.length - 1
          : Math.min(messages.length - 1, Math.max(0, index + delta));
    const target = messages[index === -1 && typeof delta === 'number' ? 0 : next];
    if (target) onSelect(target.uid);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      Home: () => move('first'),
      End: () => move('last'),
      Enter: () => selected !== null && onOpen(selected),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  return (
    <div
      ref={listRef}
      className="message-list"
      data-testid="message-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('main.messages')}
      aria-description={t('main.listHelp')}
      aria-activedescendant={selected !== null ? rowId(selected) : undefined}
      onKeyDown={onKeyDown}
    >
      {messages.map((m) => {
        const unread = isUnread(m);
        const classes = [
          'message-row',
          unread && 'is-unread',
          m.uid === selected && 'is-selected',
          m.uid === opened && 'is-open',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <div
            key={m.uid}
            id={rowId(m.uid)}
            className={classes}
            role="option"
            aria-selected={m.uid === selected}
            data-testid="message-row"
            data-uid={m.uid}
            data-unread={unread}
            onClick={() => {
              listRef.current?.focus();
              onSelect(m.uid);
              onOpen(m.uid);
            }}
          >
            <div className="row-line">
              <span className="row-from" data-testid="message-from">
                {unread && <span className="unread-dot" title={t('main.unread')} />}
                {senderLabel(m.from) || t('main.unknownSender')}
              </span>
              <time className="row-date" dateTime={m.date ?? undefined}>
                {formatListDate(m.date, locale)}
              </time>
            </div>
            <div className="row-line">
              <span className="row-subject" data-testid="message-subject">
                {m.subject || t('main.noSubject')}
              </span>
              <span className="row-markers">
                {isFlagged(m) && <Icon name="flag" className="marker-flag" label={t('main.flagged')} />}
                {m.hasAttachments && (
                  <Icon name="paperclip" className="marker-attachment" label={t('main.hasAttachment')} />
                )}
                <span className="row-size">{formatSize(m.size, locale)}</span>
              </span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
