// The open items (việc đang dở dang) of an accepted handover, printed before anything else, and
// the chain heads the package's record states.
import type { HandoverChainHead, HandoverLedgerSummary } from '../../../shared/handover-ledger.ts';

const dmy = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

function chainLine(name: string, c: HandoverChainHead): string {
  if (c.head === null) return `  ${name}: chưa có bản ghi / no records`;
  const state = c.intact ? 'nguyên vẹn / intact' : `BỊ PHÁ VỠ / BROKEN (${c.problems})`;
  return `  ${name}: ${c.records} bản ghi / records, ${state}, đầu chuỗi / head ${c.head}`;
}

export function formatOpenItems(ledger: HandoverLedgerSummary | null): string[] {
  if (!ledger) return ['Gói không có thông tin sổ đăng ký / the package states no ledger'];
  const lines =
    ledger.open === 0
      ? [`Việc đang dở dang / open items: không có / none (${ledger.entries} văn bản trong sổ / entries)`]
      : [
          `VIỆC ĐANG DỞ DANG / OPEN ITEMS: ${ledger.open}` +
            (ledger.overdue > 0 ? `, quá hạn / overdue ${ledger.overdue}` : ''),
          ...ledger.openItems.map((o) => {
            const who = o.assignee ?? 'chưa giao / unassigned';
            const due = o.deadline
              ? `hạn / due ${dmy(o.deadline)}${o.overdue ? ' QUÁ HẠN / OVERDUE' : ''}`
              : 'không hạn / no deadline';
            const doc = [o.soKyHieu, o.trichYeu].filter(Boolean).join(' – ');
            return `  ${o.number}/${o.year}  ${doc}  | ${who} | ${due} | ${o.statusLabel}`;
          }),
        ];
  return [
    ...lines,
    chainLine('Sổ đăng ký / ledger', ledger.chains.ledger),
    chainLine('Nhật ký / audit', ledger.chains.audit),
  ];
}
