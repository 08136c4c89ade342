// The notices bell of the top bar: the number of unread notices, and on click the list (newest
// first) of what main told: assigned to me, due tomorrow, overdue, returned for rework, a queued
// action lost or applied, the head's digest. Opening the list marks them read.
import { useId, useRef, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { noticeLines, noticeTitle } from './noticeText.ts';
import { clearNotices, markAllRead, useNotices } from './noticeStore.ts';
import './notices.css';

export function NoticesBell() {
  const { t, locale } = useT('app');
  const { items, unread } = useNotices();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const toggle = () => {
    if (!open) markAllRead();
    setOpen(!open);
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="notices">
      <button
        ref={button}
        type="button"
        className="btn btn-ghost notices-button"
        data-testid="btn-notices"
        data-count={items.length}
        aria-expanded={open}
        aria-controls={panelId}
        title={unread > 0 ? t('notices.unread', { count: unread }) : t('notices.open')}
        onClick={toggle}
      >
        <svg className="icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 17V11a6 6 0 1 1 12 0v6l2 2H4l2-2zm4 3a2 2 0 0 0 4 0" />
        </svg>{' '}
        {t('notices.open')}
        {unread > 0 && (
          <span className="notices-count" data-testid="notices-unread">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <section
          id={panelId}
          className="notices-panel"
          role="dialog"
          aria-label={t('notices.title')}
          data-testid="notices-panel"
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          <header className="notices-head">
            <h2>{t('notices.title')}</h2>
            <button type="button" className="btn btn-ghost" onClick={clearNotices} disabled={items.length === 0}>
              {t('notices.clear')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={close}>
              {t('notices.close')}
            </button>
          </header>
          {items.length === 0 ? (
            <p className="muted">{t('notices.empty')}</p>
          ) : (
            <ul className="notices-list">
              {items.map((n) => (
                <li key={n.id} className={n.urgent ? 'notice-item urgent' : 'notice-item'} data-testid="notice">
                  <strong>{noticeTitle(n, t, locale)}</strong>
                  {n.urgent && <span className="notice-flag">{t('notices.urgent')}</span>}
                  <span className="notice-mailbox muted">{n.mailbox}</span>
                  {noticeLines(n, t, locale).map((line, i) => (
                    <span key={i} className="notice-line">
                      {line}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
