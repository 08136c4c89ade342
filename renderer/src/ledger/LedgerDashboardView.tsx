// The head's dashboard: how many entries in each status (and overdue), the overdue list (longest
// overdue first), the load of each handler, and the on-time rate of the current month.
import type { LedgerDashboard } from '../../../shared/contract-ledger.ts';
import { ENTRY_STATUSES } from '../../../shared/ledger.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLedgerT } from './i18n.ts';
import { showDay, type BookTarget } from './ledgerQuery.ts';
import { useLedgerDashboard } from './useLedgerData.ts';
import { Busy } from '../components/Busy.tsx';

export function LedgerDashboardView({ target }: { target: BookTarget }) {
  const { t } = useLedgerT();
  const live = useLedgerDashboard(target, true);
  const d = live.value;
  return (
    <section className="ledger-dashboard" aria-label={t('dashboard.label')} data-testid="ledger-dashboard">
      {live.error && <ErrorNotice error={live.error} testId="ledger-dashboard-error" />}
      {live.loading && !d && <Busy text={t('loading')} />}
      {d && (
        <>
          <p className="muted">{t('dashboard.asOf', { day: showDay(d.today) })}</p>
          <StatusCounts d={d} />
          <MonthRate d={d} />
          <OverdueList d={d} />
          <LoadTable d={d} />
        </>
      )}
    </section>
  );
}

function StatusCounts({ d }: { d: LedgerDashboard }) {
  const { t, status } = useLedgerT();
  return (
    <>
      <h2>{t('dashboard.byStatus')}</h2>
      <ul className="ledger-counts" data-testid="ledger-counts">
        <li data-testid="ledger-count-total" data-count={d.total}>
          <span className="ledger-count-number">{d.total}</span> {t('dashboard.total')}
        </li>
        {ENTRY_STATUSES.map((s) => (
          <li key={s} data-testid={`ledger-count-${s}`} data-count={d.byStatus[s]}>
            <span className="ledger-count-number">{d.byStatus[s]}</span> {status(s)}
          </li>
        ))}
        <li className="is-overdue" data-testid="ledger-count-qua-han" data-count={d.overdue}>
          <span className="ledger-count-number">{d.overdue}</span> {t('overdue')}
        </li>
      </ul>
    </>
  );
}

function MonthRate({ d }: { d: LedgerDashboard }) {
  const { t } = useLedgerT();
  const m = d.month;
  const [year, month] = m.month.split('-');
  return (
    <>
      <h2>{t('dashboard.month', { month: `${month ?? ''}/${year ?? ''}` })}</h2>
      <p data-testid="ledger-month-rate" data-done={m.done} data-on-time={m.onTime}>
        {m.rate === null
          ? t('dashboard.rateNone', { done: m.done })
          : t('dashboard.rate', {
              percent: Math.round(m.rate * 100),
              onTime: m.onTime,
              due: m.onTime + m.late,
              done: m.done,
            })}
        {m.late > 0 && <> · {t('dashboard.late', { count: m.late })}</>}
      </p>
    </>
  );
}

function OverdueList({ d }: { d: LedgerDashboard }) {
  const { t } = useLedgerT();
  return (
    <>
      <h2>{t('dashboard.overdueList')}</h2>
      {d.overdueRows.length === 0 ? (
        <p className="muted" data-testid="ledger-overdue-none">
          {t('dashboard.overdueNone')}
        </p>
      ) : (
        <ul className="ledger-overdue" data-testid="ledger-overdue">
          {d.overdueRows.map((r) => (
            <li key={`${r.year}/${r.number}`} data-testid="ledger-overdue-item" data-number={r.number}>
              <strong>
                {r.number}/{r.year}
              </strong>{' '}
              {r.subject} — {r.assignee ?? t('nobody')} ({t('dashboard.daysLate', { day: showDay(r.deadline) })})
            </li>
          ))}
        </ul>
      )}
      {d.overdue > d.overdueRows.length && (
        <p className="muted">{t('dashboard.overdueMore', { count: d.overdue - d.overdueRows.length })}</p>
      )}
    </>
  );
}

function LoadTable({ d }: { d: LedgerDashboard }) {
  const { t } = useLedgerT();
  return (
    <>
      <h2>{t('dashboard.load')}</h2>
      {d.load.length === 0 ? (
        <p className="muted">{t('dashboard.loadNone')}</p>
      ) : (
        <table className="ledger-table ledger-load" data-testid="ledger-load">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.person')}</th>
              <th scope="col">{t('dashboard.assigned')}</th>
              <th scope="col">{t('dashboard.inProgress')}</th>
              <th scope="col">{t('dashboard.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {d.load.map((l) => (
              <tr key={l.person} data-testid="ledger-load-row" data-person={l.person}>
                <th scope="row">{l.person}</th>
                <td data-testid="ledger-load-assigned">{l.assigned}</td>
                <td data-testid="ledger-load-in-progress">{l.inProgress}</td>
                <td data-testid="ledger-load-overdue">{l.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
