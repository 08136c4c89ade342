// The chosen entry: its register fields, who handles it, the instruction and result, the link to
// the original message, its history (every record: who, when, what; a refused one says why) and
// the actions the acting person may take (LedgerActions).
import type { LedgerEntryView } from '../../../shared/contract-ledger.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { LedgerActions } from './LedgerActions.tsx';
import { useLedgerT } from './i18n.ts';
import { showDay, type BookTarget } from './ledgerQuery.ts';
import { useLedgerEntry, type EntryRef } from './useLedgerData.ts';
import { Busy } from '../components/Busy.tsx';

interface Props {
  target: BookTarget;
  which: EntryRef | null;
  me: string;
  owner: string;
}

export function LedgerDetail({ target, which, me, owner }: Props) {
  const { t } = useLedgerT();
  const entry = useLedgerEntry(target, which);
  return (
    <section className="ledger-detail" aria-label={t('detail.label')} data-testid="ledger-detail">
      {!which && <p className="muted pane-empty">{t('detail.none')}</p>}
      {which && entry.error && <ErrorNotice error={entry.error} testId="ledger-entry-error" />}
      {which && entry.loading && !entry.value && <Busy text={t('loading')} />}
      {which && entry.value && (
        <>
          <EntryFields entry={entry.value} />
          <LedgerActions target={target} entry={entry.value} me={me} owner={owner} onDone={entry.refresh} />
          <EntryHistory entry={entry.value} />
        </>
      )}
    </section>
  );
}

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

function EntryFields({ entry: e }: { entry: LedgerEntryView }) {
  const { t, status, urgency } = useLedgerT();
  const f = e.fields;
  const result = [e.result?.messageId ? t('detail.resultMessage', { id: e.result.messageId }) : '', e.result?.note]
    .filter(Boolean)
    .join(' — ');
  return (
    <>
      <h2 data-testid="ledger-detail-heading">{t('detail.heading', { number: e.number, year: e.year })}</h2>
      <p className="ledger-detail-status">
        <span className={`ledger-status status-${e.status}`} data-testid="ledger-detail-status">
          {status(e.status)}
        </span>
        {e.overdue && <span className="ledger-status status-overdue">{t('overdue')}</span>}
      </p>
      <dl className="ledger-fields">
        <Field label={t('col.subject')} value={f.trichYeu} testId="ledger-detail-subject" />
        <Field label={t('col.soKyHieu')} value={f.soKyHieu} />
        <Field label={t('detail.tenLoai')} value={f.tenLoai} />
        <Field label={t('col.tacGia')} value={f.tacGia} />
        <Field label={t('col.ngayDen')} value={showDay(f.ngayDen)} />
        <Field label={t('detail.ngayVanBan')} value={showDay(f.ngayVanBan)} />
        <Field label={t('col.urgency')} value={urgency(f.urgency)} />
        <Field label={t('detail.nguoiNhan')} value={f.nguoiNhan} />
        <Field label={t('detail.ghiChu')} value={f.ghiChu} />
        <Field label={t('detail.registeredBy')} value={e.registeredBy} />
        <Field label={t('col.assignee')} value={e.handler ?? ''} testId="ledger-detail-handler" />
        <Field label={t('detail.coHandlers')} value={e.coHandlers.join(', ')} />
        <Field label={t('detail.instruction')} value={e.instruction} testId="ledger-detail-instruction" />
        <Field label={t('col.deadline')} value={showDay(e.deadline)} testId="ledger-detail-deadline" />
        <Field label={t('detail.result')} value={result} testId="ledger-detail-result" />
        <Field label={t('detail.message')} value={t('detail.messageAt', { folder: e.link.folder, uid: e.link.uid })} />
      </dl>
    </>
  );
}

function EntryHistory({ entry }: { entry: LedgerEntryView }) {
  const { t, locale, status } = useLedgerT();
  const when = (at: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(
      Date.parse(at),
    );
  return (
    <>
      <h3>{t('detail.history')}</h3>
      <ol className="ledger-history" data-testid="ledger-history">
        {entry.history.map((h) => (
          <li
            key={h.uid}
            className={h.accepted ? '' : 'is-refused'}
            data-testid="ledger-history-item"
            data-type={h.type}
            data-accepted={h.accepted}
          >
            <time dateTime={h.at}>{when(h.at)}</time> <strong>{t(`record.${h.type}`)}</strong>
            {h.status && `: ${status(h.status)}`}
            {h.to && ` → ${h.to}`} — {h.by}
            {!h.accepted && h.refusedVi && (
              <div className="ledger-refused">{t('detail.refused', { why: h.refusedVi })}</div>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
