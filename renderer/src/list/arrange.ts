// Filtering and sorting for lists held whole in memory (search hits,
// directives); folder lists are sorted and filtered by the cache instead.
import type { SortKey } from '../../../shared/mail.ts';
import { senderLabel } from '../format/address.ts';
import { dateValue } from '../format/date.ts';
import { isFlagged, isUnread, toRow, type ListRow, type RowMessage } from './rows.ts';

export type RowFilter = 'all' | 'unread' | 'flagged' | 'attachments';

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
const REPLY_PREFIX = /^((re|fw|fwd|tl|tr|chuyển tiếp)\s*:\s*)+/i;

const compareNumbers = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);

export function matchesFilter(m: RowMessage, filter: RowFilter): boolean {
  if (filter === 'unread') return isUnread(m);
  if (filter === 'flagged') return isFlagged(m);
  if (filter === 'attachments') return m.hasAttachments;
  return true;
}

export function arrangeRows(
  list: readonly RowMessage[],
  filter: RowFilter,
  sort: SortKey,
  descending: boolean,
): ListRow[] {
  const compare =
    sort === 'from'
      ? (a: RowMessage, b: RowMessage) => collator.compare(senderLabel(a.from), senderLabel(b.from))
      : sort === 'subject'
        ? (a: RowMessage, b: RowMessage) =>
            collator.compare(a.subject.replace(REPLY_PREFIX, ''), b.subject.replace(REPLY_PREFIX, ''))
        : (a: RowMessage, b: RowMessage) => compareNumbers(dateValue(a.date), dateValue(b.date));
  const sign = descending ? -1 : 1;
  return list
    .filter((m) => matchesFilter(m, filter))
    .sort((a, b) => sign * (compare(a, b) || compareNumbers(a.uid, b.uid)))
    .map(toRow);
}

/** Search hits: in the order the index ranked them (relevance, then date), filtered. */
export function arrangeRanked(list: readonly RowMessage[], filter: RowFilter): ListRow[] {
  return list.filter((m) => matchesFilter(m, filter)).map(toRow);
}

/** Directives: most urgent first (Hỏa tốc, Thượng khẩn, Khẩn), then newest. */
export function arrangeDirectives(list: readonly RowMessage[], filter: RowFilter): ListRow[] {
  return list
    .filter((m) => matchesFilter(m, filter))
    .sort((a, b) => b.urgency - a.urgency || compareNumbers(dateValue(b.date), dateValue(a.date)))
    .map(toRow);
}

/** Adds new rows to a list, replacing those with the same key. */
export function mergeRows<T extends RowMessage>(list: readonly T[], added: readonly T[]): T[] {
  const keys = new Set(added.map((m) => toRow(m).key));
  return [...added, ...list.filter((m) => !keys.has(toRow(m).key))];
}
