// "N–M / total" with the previous and next page, for the register and the audit log (pages of
// PAGE_SIZE). `shown` is undefined until the first answer: the count stays empty, next is off.
import { useLedgerT } from './i18n.ts';
import { lastPage, pageRange } from './ledgerQuery.ts';

interface Props {
  /** Test ids: `${testId}-count`, `-prev`, `-next`. */
  testId: string;
  page: number;
  shown: { total: number; offset: number; count: number } | undefined;
  onPage(page: number): void;
}

export function LedgerPager({ testId, page, shown, onPage }: Props) {
  const { t } = useLedgerT();
  const range = shown ? pageRange(shown.total, shown.offset, shown.count) : null;
  return (
    <div className="ledger-pager">
      <span data-testid={`${testId}-count`} aria-live="polite" data-total={shown?.total ?? ''}>
        {shown && (range ? t('count', { ...range, total: shown.total }) : t('countEmpty', { total: shown.total }))}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid={`${testId}-prev`}
        disabled={page === 0}
        onClick={() => onPage(Math.max(0, page - 1))}
      >
        {t('prev')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid={`${testId}-next`}
        disabled={!shown || page >= lastPage(shown.total)}
        onClick={() => onPage(page + 1)}
      >
        {t('next')}
      </button>
    </div>
  );
}
