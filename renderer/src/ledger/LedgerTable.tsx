// The register table: the columns of NĐ 30/2020 (Số đến, Ngày đến, Tác giả, Số ký hiệu, Trích
// yếu, Độ khẩn, Người xử lý, Hạn, Trạng thái). Each heading sorts (again: the other way); the
// number of a row is a button that opens its detail, so the table is walked with Tab.
import type { LedgerRow, LedgerSortKey } from '../../../shared/contract-ledger.ts';
import { useLedgerT } from './i18n.ts';
import { ariaSort, showDay, type LedgerSort } from './ledgerQuery.ts';
import type { EntryRef } from './useLedgerData.ts';

const COLUMNS: LedgerSortKey[] = [
  'number',
  'ngayDen',
  'tacGia',
  'soKyHieu',
  'subject',
  'urgency',
  'assignee',
  'deadline',
  'status',
];

interface Props {
  rows: LedgerRow[];
  sort: LedgerSort;
  selected: EntryRef | null;
  onSort(key: LedgerSortKey): void;
  onSelect(entry: EntryRef): void;
}

export function LedgerTable({ rows, sort, selected, onSort, onSelect }: Props) {
  const { t } = useLedgerT();
  return (
    <table className="ledger-table" data-testid="ledger-table">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c} scope="col" aria-sort={ariaSort(sort, c)}>
              <button
                type="button"
                className="ledger-sort"
                data-testid={`ledger-sort-${c}`}
                title={t('sortBy', { column: t(`col.${c}`) })}
                onClick={() => onSort(c)}
              >
                {t(`col.${c}`)}
                <span aria-hidden="true" className="ledger-sort-mark">
                  {sort.key === c ? (sort.descending ? '▼' : '▲') : ''}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Row
            key={`${r.year}/${r.number}`}
            row={r}
            selected={selected?.year === r.year && selected.number === r.number}
            onSelect={onSelect}
          />
        ))}
      </tbody>
    </table>
  );
}

function Row({ row: r, selected, onSelect }: { row: LedgerRow; selected: boolean; onSelect(e: EntryRef): void }) {
  const { t, status, urgency } = useLedgerT();
  const select = () => onSelect({ year: r.year, number: r.number });
  return (
    <tr
      className={`ledger-row${selected ? ' is-selected' : ''}${r.overdue ? ' is-overdue' : ''}`}
      data-testid="ledger-row"
      data-number={r.number}
      data-year={r.year}
      data-status={r.overdue ? 'qua-han' : r.status}
      onClick={select}
    >
      <td>
        <button
          type="button"
          className="btn-link ledger-number"
          data-testid="ledger-open"
          aria-current={selected ? 'true' : undefined}
          onClick={(e) => {
            e.stopPropagation();
            select();
          }}
        >
          {r.number}/{r.year}
        </button>
      </td>
      <td>{showDay(r.ngayDen)}</td>
      <td>{r.tacGia}</td>
      <td className="ledger-ref">{r.soKyHieu}</td>
      <td className="ledger-subject">{r.subject}</td>
      <td>
        <span className={`ledger-urgency urgency-${r.urgency}`}>{urgency(r.urgency)}</span>
      </td>
      <td data-testid="ledger-row-assignee">{r.assignee ?? <span className="muted">{t('nobody')}</span>}</td>
      <td>{showDay(r.deadline)}</td>
      <td>
        <span className={`ledger-status status-${r.status}`} data-testid="ledger-row-status">
          {status(r.status)}
        </span>
        {r.overdue && (
          <span className="ledger-status status-overdue" data-testid="ledger-row-overdue">
            {t('overdue')}
          </span>
        )}
      </td>
    </tr>
  );
}
