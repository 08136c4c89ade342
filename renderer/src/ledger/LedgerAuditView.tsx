// "Nhật ký": the audit log of the unit mailbox the ledger is open on, newest first, a page at a
// time: when, who (or "ngoài ứng dụng" for a change another client made), what, on which message,
// and the chain's state as read now (intact, or the first problem). Read again when the book
// changes (an action here or on another computer).
import { useId, useState } from 'react';
import { AUDIT_KINDS, type AuditDetailValue, type AuditEntry, type AuditKind } from '../../../shared/audit.ts';
import { ENTRY_STATUSES, type EntryStatus } from '../../../shared/ledger.ts';
import { invoke } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLive } from '../hooks/useLive.ts';
import { useLedgerT, type LedgerWords } from './i18n.ts';
import { LedgerPager } from './LedgerPager.tsx';
import { PAGE_SIZE, queryKey, type BookTarget } from './ledgerQuery.ts';
import { useLedgerChanged } from './useLedgerData.ts';
import { Busy } from '../components/Busy.tsx';

export function LedgerAuditView({ target }: { target: BookTarget }) {
  const { t, locale } = useLedgerT();
  const [page, setPage] = useState(0);
  const [filter, setFilter] = useState<AuditFilter>({ kind: '', actor: '' });
  const query = {
    ...target,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.actor.trim() ? { actor: filter.actor.trim() } : {}),
  };
  const live = useLive(queryKey(query), () => invoke('audit.page', query));
  useLedgerChanged(target.accountId, live.refresh);
  const v = live.value;
  return (
    <section className="ledger-audit" aria-label={t('audit.label')} data-testid="ledger-audit">
      {live.error && <ErrorNotice error={live.error} testId="ledger-audit-error" />}
      {live.loading && !v && <Busy text={t('audit.loading')} />}
      {v && (
        <>
          <p className="muted">{t('audit.intro', { folder: v.folder })}</p>
          <div
            className={v.intact ? 'notice notice-ok' : 'notice notice-error'}
            role={v.intact ? 'status' : 'alert'}
            data-testid="ledger-audit-chain"
            data-intact={v.intact}
          >
            {v.intact
              ? t('audit.intact', { count: v.records })
              : t('audit.broken', { count: v.problems, first: v.first?.messageVi ?? '' })}
          </div>
          <AuditFilters
            filter={filter}
            onChange={(f) => {
              setFilter(f);
              setPage(0);
            }}
          />
          {v.pending > 0 && (
            <p className="muted" data-testid="ledger-audit-pending">
              {t('audit.pending', { count: v.pending })}
            </p>
          )}
          <LedgerPager
            testId="ledger-audit"
            page={page}
            shown={{ total: v.total, offset: v.offset, count: v.entries.length }}
            onPage={setPage}
          />
          {v.total === 0 ? (
            <p className="muted" data-testid="ledger-audit-empty">
              {t(v.records === 0 ? 'audit.empty' : 'audit.noMatch')}
            </p>
          ) : (
            <AuditTable entries={v.entries} locale={locale} />
          )}
        </>
      )}
    </section>
  );
}

interface AuditFilter {
  kind: AuditKind | '';
  actor: string;
}

/**
 * Which records to show: one action, what one person did (applied on Enter or on leaving the
 * field: each reading goes through the whole log on the server). Each change shows the first page.
 */
function AuditFilters({ filter, onChange }: { filter: AuditFilter; onChange(f: AuditFilter): void }) {
  const { t } = useLedgerT();
  const id = useId();
  const [actor, setActor] = useState(filter.actor);
  const applyActor = () => {
    if (actor.trim() !== filter.actor.trim()) onChange({ ...filter, actor });
  };
  return (
    <form
      className="ledger-filters"
      role="search"
      aria-label={t('audit.filter.label')}
      onSubmit={(e) => {
        e.preventDefault();
        applyActor();
      }}
    >
      <label htmlFor={`${id}-kind`}>{t('audit.col.kind')}</label>
      <select
        id={`${id}-kind`}
        data-testid="ledger-audit-kind"
        value={filter.kind}
        onChange={(e) => onChange({ ...filter, actor, kind: e.target.value as AuditKind | '' })}
      >
        <option value="">{t('audit.filter.allKinds')}</option>
        {AUDIT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`audit.kind.${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-actor`}>{t('audit.col.by')}</label>
      <input
        id={`${id}-actor`}
        type="search"
        data-testid="ledger-audit-actor"
        placeholder={t('audit.filter.actorPlaceholder')}
        value={actor}
        onChange={(e) => setActor(e.target.value)}
        onBlur={applyActor}
      />
    </form>
  );
}

function AuditTable({ entries, locale }: { entries: AuditEntry[]; locale: string }) {
  const words = useLedgerT();
  const { t } = words;
  const when = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  return (
    <table className="ledger-table ledger-audit-table" data-testid="ledger-audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.col.at')}</th>
          <th scope="col">{t('audit.col.by')}</th>
          <th scope="col">{t('audit.col.kind')}</th>
          <th scope="col">{t('audit.col.message')}</th>
          <th scope="col">{t('audit.col.details')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const outside = e.details.outside === true;
          return (
            <tr
              key={`${e.seq}:${e.uid}`}
              data-testid="ledger-audit-row"
              data-kind={e.kind}
              data-seq={e.seq}
              data-by={e.by.email}
              data-outside={outside}
              title={t('audit.seq', { seq: e.seq })}
            >
              <td>{when.format(new Date(e.at))}</td>
              <td>
                {outside ? t('audit.outside', { by: e.by.email }) : e.by.email}
                {!e.trusted && <span className="badge badge-untrusted">{t('audit.untrusted')}</span>}
              </td>
              <td>{t(`audit.kind.${e.kind satisfies AuditKind}`)}</td>
              <td>{e.message ? t('audit.message', { folder: e.message.folder, uid: e.message.uid }) : '—'}</td>
              <td>{auditDetails(e, words)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The details a person reads: the entry, its new status, whom to, the deadline, the subject, the
 * delegate; an outside change says what it was.
 */
function auditDetails(e: AuditEntry, { t, status }: LedgerWords): string {
  const d = e.details;
  if (d.outside === true && typeof d.messageVi === 'string') return d.messageVi;
  const value = (k: string) => (d[k] === undefined || d[k] === null || d[k] === '' ? null : String(d[k]));
  const parts = [
    value('number') && value('year')
      ? t('audit.detail.entry', { number: String(d.number), year: String(d.year) })
      : null,
    e.kind === 'status' && isStatus(d.status) ? status(d.status) : null,
    e.kind === 'assign' && value('to') ? t('audit.detail.to', { value: String(d.to) }) : null,
    value('delegate') ? t('audit.detail.delegate', { value: String(d.delegate) }) : null,
    value('deadline') ? t('audit.detail.deadline', { value: String(d.deadline) }) : null,
    value('subject') ? t('audit.detail.subject', { value: String(d.subject) }) : null,
    e.kind !== 'assign' && value('to') ? t('audit.detail.recipients', { value: String(d.to) }) : null,
    d.queued === true ? t('audit.detail.queued') : null,
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}

const isStatus = (v: AuditDetailValue | undefined): v is EntryStatus => ENTRY_STATUSES.includes(v as EntryStatus);
