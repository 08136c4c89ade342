// The register's filters: status (Quá hạn included), handler (everyone, mine, an address),
// urgency, a deadline up to a day, and text (number, reference, summary, issuer; no diacritics
// needed). Each change asks for the first page again.
import { useId, useState } from 'react';
import { LEDGER_STATUS_FILTERS, type LedgerStatusFilter } from '../../../shared/contract-ledger.ts';
import { URGENCIES, type Urgency } from '../../../shared/ledger.ts';
import { useLedgerT } from './i18n.ts';
import { NO_FILTERS, type LedgerFilters } from './ledgerQuery.ts';

interface Props {
  filters: LedgerFilters;
  onChange(filters: LedgerFilters): void;
}

export function LedgerFiltersBar({ filters, onChange }: Props) {
  const { t, statusFilter, urgency } = useLedgerT();
  const id = useId();
  const set = (patch: Partial<LedgerFilters>) => onChange({ ...filters, ...patch });
  const [someone, setSomeone] = useState(filters.assignee !== '' && filters.assignee !== 'me');
  return (
    <form
      className="ledger-filters"
      role="search"
      aria-label={t('filter.label')}
      data-testid="ledger-filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <label htmlFor={`${id}-text`}>{t('filter.text')}</label>
      <input
        id={`${id}-text`}
        type="search"
        data-testid="ledger-filter-text"
        placeholder={t('filter.textPlaceholder')}
        value={filters.text}
        onChange={(e) => set({ text: e.target.value })}
      />
      <label htmlFor={`${id}-status`}>{t('filter.status')}</label>
      <select
        id={`${id}-status`}
        data-testid="ledger-filter-status"
        value={filters.status}
        onChange={(e) => set({ status: e.target.value as LedgerStatusFilter | '' })}
      >
        <option value="">{t('filter.all')}</option>
        {LEDGER_STATUS_FILTERS.map((s) => (
          <option key={s} value={s}>
            {statusFilter(s)}
          </option>
        ))}
      </select>
      <AssigneeFilter
        value={filters.assignee}
        someone={someone}
        onSomeone={setSomeone}
        onChange={(assignee) => set({ assignee })}
      />
      <label htmlFor={`${id}-urgency`}>{t('filter.urgency')}</label>
      <select
        id={`${id}-urgency`}
        data-testid="ledger-filter-urgency"
        value={filters.urgency}
        onChange={(e) => set({ urgency: e.target.value as Urgency | '' })}
      >
        <option value="">{t('filter.all')}</option>
        {URGENCIES.map((u) => (
          <option key={u} value={u}>
            {urgency(u)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-deadline`}>{t('filter.deadlineTo')}</label>
      <input
        id={`${id}-deadline`}
        type="date"
        data-testid="ledger-filter-deadline"
        value={filters.deadlineTo}
        onChange={(e) => set({ deadlineTo: e.target.value })}
      />
      <button
        type="button"
        className="btn btn-ghost btn-small"
        data-testid="ledger-filter-clear"
        onClick={() => {
          setSomeone(false);
          onChange(NO_FILTERS);
        }}
      >
        {t('filter.clear')}
      </button>
    </form>
  );
}

function AssigneeFilter(props: {
  value: string;
  someone: boolean;
  onSomeone(on: boolean): void;
  onChange(value: string): void;
}) {
  const { t } = useLedgerT();
  const id = useId();
  const { someone } = props;
  return (
    <>
      <label htmlFor={`${id}-assignee`}>{t('filter.assignee')}</label>
      <select
        id={`${id}-assignee`}
        data-testid="ledger-filter-assignee"
        value={someone ? 'someone' : props.value}
        onChange={(e) => {
          const v = e.target.value;
          props.onSomeone(v === 'someone');
          props.onChange(v === 'someone' ? '' : v);
        }}
      >
        <option value="">{t('filter.all')}</option>
        <option value="me">{t('filter.mine')}</option>
        <option value="someone">{t('filter.someone')}</option>
      </select>
      {someone && (
        <input
          type="email"
          aria-label={t('filter.address')}
          data-testid="ledger-filter-address"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </>
  );
}
