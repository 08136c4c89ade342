// The ledger screens' strings: `ledger.*` of the 'app' namespace (i18n/vi/ledger.ts), with the
// words for statuses and urgencies (shared/ledger.ts has them in Vietnamese only, for the CLI).
import type { LedgerStatusFilter } from '../../../shared/contract-ledger.ts';
import type { EntryStatus, Urgency } from '../../../shared/ledger.ts';
import type { Leaves, TValues } from '../i18n/types.ts';
import { useT } from '../i18n/useT.ts';
import type { ledgerVi } from '../i18n/vi/ledger.ts';

export type LedgerKey = Leaves<typeof ledgerVi>;
export type LedgerT = (key: LedgerKey, values?: TValues) => string;

export interface LedgerWords {
  t: LedgerT;
  locale: string;
  status(s: EntryStatus): string;
  statusFilter(s: LedgerStatusFilter): string;
  urgency(u: Urgency): string;
}

export function useLedgerT(): LedgerWords {
  const { t, locale } = useT('app');
  const lt: LedgerT = (key, values) => t(`ledger.${key}`, values);
  return {
    t: lt,
    locale,
    status: (s) => lt(`status.${s}`),
    statusFilter: (s) => lt(`statusFilter.${s}`),
    urgency: (u) => lt(`urgency.${u}`),
  };
}
