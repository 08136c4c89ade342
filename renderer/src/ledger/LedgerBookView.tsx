// The register tab: filters above, the table (sortable columns, a page of 50 with "N–M / total")
// and the chosen entry's detail with its actions beside it.
import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { LedgerDetail } from './LedgerDetail.tsx';
import { LedgerFiltersBar } from './LedgerFilters.tsx';
import { LedgerTable } from './LedgerTable.tsx';
import { useLedgerT } from './i18n.ts';
import { LedgerPager } from './LedgerPager.tsx';
import { DEFAULT_SORT, NO_FILTERS, nextSort, type BookTarget } from './ledgerQuery.ts';
import { useLedgerPage, type EntryRef } from './useLedgerData.ts';
import { Busy } from '../components/Busy.tsx';

interface Props {
  target: BookTarget;
  /** The acting person's address and the unit mailbox's (lower case): who may do what. */
  me: string;
  owner: string;
  initialEntry: EntryRef | null;
}

export function LedgerBookView({ target, me, owner, initialEntry }: Props) {
  const { t } = useLedgerT();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<EntryRef | null>(initialEntry);
  const book = useLedgerPage(target, filters, sort, page);
  const value = book.value;
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <div className="ledger-book">
      <LedgerFiltersBar
        filters={filters}
        onChange={(f) => {
          setFilters(f);
          setPage(0);
        }}
      />
      {value && !value.intact && (
        <div className="notice notice-warning" role="alert" data-testid="ledger-not-intact">
          {t('notIntact')}
        </div>
      )}
      <div className="ledger-columns">
        <section className="ledger-table-pane" aria-label={t('title')}>
          <LedgerPager
            testId="ledger"
            page={page}
            shown={value && { total: value.total, offset: value.offset, count: value.rows.length }}
            onPage={setPage}
          />
          {book.error && <ErrorNotice error={book.error} testId="ledger-error" />}
          {book.loading && !value && <Busy text={t('loading')} testId="ledger-loading" />}
          {value && (
            <LedgerTable
              rows={value.rows}
              sort={sort}
              selected={selected}
              onSort={(key) => {
                setSort((s) => nextSort(s, key));
                setPage(0);
              }}
              onSelect={setSelected}
            />
          )}
          {value && value.total === 0 && (
            <p className="muted pane-empty" data-testid="ledger-empty">
              {filtered ? t('empty') : t('emptyBook')}
            </p>
          )}
        </section>
        <LedgerDetail target={target} which={selected} me={me} owner={owner} />
      </div>
    </div>
  );
}
