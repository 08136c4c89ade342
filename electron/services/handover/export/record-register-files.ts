// The readable derivatives of the ledger and the audit in data/registers/ (the book and the
// audit as CSV rows), and the open items the record lists. Pure: same records and `now`, same text.
import type { AuditRecord } from '../../../../shared/audit.ts';
import type { HandoverOpenItem } from '../../../../shared/handover-ledger.ts';
import { ENTRY_STATUS_LABELS, URGENCY_LABELS, isOverdue, type LedgerEntry } from '../../../../shared/ledger.ts';
import {
  decreeCells,
  doneDateOf,
  kindAndSubject,
  nfcCsvRow,
  registerRow,
  type CsvCell,
} from '../../ledger/report/register-rows.ts';

const row = (cells: readonly CsvCell[]): string => nfcCsvRow(cells).replace(/\r\n$/, '');

const bySoDen = (a: LedgerEntry, b: LedgerEntry) => a.year - b.year || a.number - b.number;

/** The book, one row per entry in (year, số đến) order; columns as LEDGER_BOOK_COLUMNS. */
export function bookCsv(entries: readonly LedgerEntry[], now: Date): { lines: string[] } {
  const lines = [...entries].sort(bySoDen).map((e) => {
    const r = registerRow(e, now);
    return row([
      e.year,
      ...decreeCells(r),
      e.fields.ghiChu.trim(),
      r.urgencyLabel,
      r.handler,
      e.coHandlers.join(' '),
      r.deadline,
      ENTRY_STATUS_LABELS[e.status],
      r.overdue ? 'Quá hạn' : '',
      doneDateOf(e),
      e.messageId,
    ]);
  });
  return { lines };
}

/** The audit, one row per record in UID order; columns as AUDIT_LOG_COLUMNS. */
export function auditCsv(items: ReadonlyArray<{ uid: number; record: AuditRecord }>): { lines: string[] } {
  const lines = [...items]
    .sort((a, b) => a.uid - b.uid)
    .map(({ uid, record: r }) =>
      row([
        r.seq,
        uid,
        r.at,
        r.by.email,
        r.kind,
        r.message?.folder ?? '',
        r.message?.uid ?? null,
        r.message?.messageId ?? '',
        Object.keys(r.details).length > 0 ? JSON.stringify(r.details) : '',
      ]),
    );
  return { lines };
}

/**
 * Việc đang dở dang: entries neither Đã xử lý nor Lưu. Overdue first, then by deadline (none
 * last), then by số đến, so the most urgent work heads the list.
 */
export function openItemsOf(entries: readonly LedgerEntry[], now: Date): HandoverOpenItem[] {
  const open = entries.filter((e) => e.status !== 'da-xu-ly' && e.status !== 'luu');
  const items = open.map((e): HandoverOpenItem => ({
    year: e.year,
    number: e.number,
    ngayDen: e.fields.ngayDen,
    soKyHieu: e.fields.soKyHieu.trim(),
    tacGia: e.fields.tacGia.trim(),
    trichYeu: kindAndSubject(e.fields.tenLoai, e.fields.trichYeu).normalize('NFC'),
    urgency: URGENCY_LABELS[e.fields.urgency],
    status: e.status,
    statusLabel: ENTRY_STATUS_LABELS[e.status],
    assignee: e.handler,
    coHandlers: [...e.coHandlers],
    deadline: e.deadline,
    overdue: isOverdue(e, now),
    messageId: e.messageId,
  }));
  const day = (d: string | null) => d ?? '9999-12-31';
  return items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      day(a.deadline).localeCompare(day(b.deadline)) ||
      a.year - b.year ||
      a.number - b.number,
  );
}
