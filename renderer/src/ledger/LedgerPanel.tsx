// "Sổ văn bản đến": the processing ledger of a unit mailbox over the mail view. The register table
// (filters, sort, pages) with the chosen entry's detail and actions beside it, the head's
// dashboard, reports and the mailbox's audit log. A unit account opens its own book; a delegate
// picks the unit mailbox it acts on (the shared mailboxes of the folder pane). Esc closes it; the
// focus returns to the opener.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { AccountSummary } from '../../../shared/account.ts';
import { Icon } from '../components/Icon.tsx';
import { useModalFocus } from '../components/useModalFocus.ts';
import { LedgerAuditView } from './LedgerAuditView.tsx';
import { LedgerBookView } from './LedgerBookView.tsx';
import { LedgerDashboardView } from './LedgerDashboardView.tsx';
import { LedgerReportView } from './LedgerReportView.tsx';
import { LedgerRulesView } from './LedgerRulesView.tsx';
import { useLedgerT } from './i18n.ts';
import type { BookTarget } from './ledgerQuery.ts';
import { ledgerBooks } from './ledgerRules.ts';
import type { LedgerAt } from './useLedgerData.ts';
import './ledger.css';

type Tab = 'book' | 'dashboard' | 'report' | 'audit' | 'rules';
const TABS: Tab[] = ['book', 'dashboard', 'report', 'audit', 'rules'];

interface Props {
  account: AccountSummary;
  /** Unit mailboxes shared with this account (their owners' addresses). */
  units: readonly string[];
  onClose(): void;
  /** Opens on this book and entry (e.g. right after "Vào sổ"). */
  initial?: LedgerAt;
}

export function LedgerPanel({ account, units, onClose, initial }: Props) {
  const { t } = useLedgerT();
  const card = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const tabIds = useId();
  useModalFocus(card, onClose);
  const books = ledgerBooks(account, units);
  const [mailbox, setMailbox] = useState<string | null>(initial?.mailbox ?? books[0] ?? null);
  const [tab, setTab] = useState<Tab>('book');
  const target: BookTarget = mailbox ? { accountId: account.id, mailbox } : { accountId: account.id };
  const owner = (mailbox ?? account.email).toLowerCase();
  const label = (m: string | null) => (m ? m : t('ownMailbox', { email: account.email }));
  return (
    <div className="overlay" data-testid="ledger-panel">
      <div ref={card} className="overlay-card ledger-card" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="first-run-header">
          <div>
            <div className="brand-small">{t('title')}</div>
            <h1 id={titleId} data-testid="ledger-mailbox">
              {mailbox ?? account.email}
            </h1>
          </div>
          <div className="inline-row">
            {books.length > 1 && (
              <label className="ledger-inline-field">
                <span>{t('mailbox')}</span>
                <select
                  data-testid="ledger-mailbox-select"
                  value={mailbox ?? ''}
                  onChange={(e) => setMailbox(e.target.value || null)}
                >
                  {books.map((m) => (
                    <option key={m ?? ''} value={m ?? ''}>
                      {label(m)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" className="btn btn-ghost" data-testid="ledger-close" onClick={onClose}>
              <Icon name="close" /> {t('close')}
            </button>
          </div>
        </header>
        <LedgerTabs tab={tab} ids={tabIds} onTab={setTab} />
        <div id={`${tabIds}-panel`} role="tabpanel" aria-labelledby={`${tabIds}-${tab}`}>
          {tab === 'book' ? (
            <LedgerBookView
              key={mailbox ?? ''}
              target={target}
              me={account.email.toLowerCase()}
              owner={owner}
              initialEntry={mailbox === (initial?.mailbox ?? null) ? (initial?.entry ?? null) : null}
            />
          ) : tab === 'dashboard' ? (
            <LedgerDashboardView key={mailbox ?? ''} target={target} />
          ) : tab === 'report' ? (
            <LedgerReportView key={mailbox ?? ''} target={target} />
          ) : tab === 'audit' ? (
            <LedgerAuditView key={mailbox ?? ''} target={target} />
          ) : (
            <LedgerRulesView />
          )}
        </div>
      </div>
    </div>
  );
}

/** The tabs: ← and → move between them (the focus follows), as in the handover window. */
function LedgerTabs({ tab, ids, onTab }: { tab: Tab; ids: string; onTab(tab: Tab): void }) {
  const { t } = useLedgerT();
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const step = e.key === 'ArrowRight' ? 1 : TABS.length - 1;
    const next = TABS[(TABS.indexOf(tab) + step) % TABS.length] as Tab;
    onTab(next);
    document.getElementById(`${ids}-${next}`)?.focus();
  };
  return (
    <div className="ledger-tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKey}>
      {TABS.map((k) => (
        <button
          key={k}
          id={`${ids}-${k}`}
          type="button"
          role="tab"
          className={`ledger-tab${tab === k ? ' is-selected' : ''}`}
          data-testid={`ledger-tab-${k}`}
          aria-selected={tab === k}
          aria-controls={`${ids}-panel`}
          tabIndex={tab === k ? 0 : -1}
          onClick={() => onTab(k)}
        >
          {t(`tabs.${k}`)}
        </button>
      ))}
    </div>
  );
}
