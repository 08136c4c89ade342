// Section III of the handover record: the registers with their true counts, the head of each
// hash chain (so that a later rewrite of the ledger or the audit is visible against this signed
// record), and the open items (việc đang dở dang) with assignee and deadline, overdue marked.
import type { HandoverChainHead, HandoverOpenItem } from '../../../../shared/handover-ledger.ts';
import { isRecordFolder } from '../../../../shared/records.ts';
import { MM, type AdminDocLayout, type TableRow } from './pdf-layout.ts';
import { INDENT, SMALL, digestLines, hexLines, item, label, section, strong } from './record-pdf-parts.ts';
import { formatInteger } from './record-text.ts';
import type { HandoverRecord } from './record-types.ts';

const dmy = (day: string | null): string => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '—');

function chainState(chain: HandoverChainHead): string {
  if (chain.intact) return 'chuỗi băm nguyên vẹn';
  return `chuỗi băm BỊ PHÁ VỠ (${formatInteger(chain.problems)} lỗi)`;
}

function writeChain(layout: AdminDocLayout, name: string, records: number, chain: HandoverChainHead, extra = ''): void {
  if (records === 0 || chain.head === null) {
    item(layout, [label(`- ${name}: `), strong('chưa có bản ghi nào'), label(' (hộp thư chưa dùng sổ này);')]);
    return;
  }
  item(layout, [
    label(`- ${name}: `),
    strong(`${formatInteger(records)} bản ghi`),
    label(`${extra}; ${chainState(chain)}.`),
  ]);
  if (!chain.intact && chain.firstProblem) {
    layout.paragraph(`+ Lỗi đầu tiên: ${chain.firstProblem}`, { size: SMALL, inset: INDENT, gapAfter: 1 });
  }
  item(layout, [
    label(
      `  Mã băm đầu chuỗi (SHA-256 của bản ghi số ${formatInteger(chain.headSeq ?? 0)}, thư UID ${chain.headUid ?? '—'}):`,
    ),
  ]);
  digestLines(layout, hexLines(layout, chain.head));
  for (const tip of chain.tips) {
    item(layout, [label('  Bản ghi ghi cùng lúc, chưa được bản ghi sau nối tới (SHA-256):')]);
    digestLines(layout, hexLines(layout, tip));
  }
}

/** Open items as table rows; an overdue one says so in its deadline and its status. */
function openRows(items: readonly HandoverOpenItem[]): TableRow[] {
  return items.map((o, i) => ({
    cells: [
      String(i + 1),
      `${o.number}/${o.year}`,
      [o.soKyHieu, o.trichYeu].filter(Boolean).join(' – ') || '—',
      [o.assignee ?? 'Chưa giao', ...o.coHandlers.map((c) => `(phối hợp: ${c})`)].join(' '),
      o.overdue ? `${dmy(o.deadline)} (quá hạn)` : dmy(o.deadline),
      o.overdue ? `${o.statusLabel}, QUÁ HẠN` : o.statusLabel,
    ],
  }));
}

function writeOpenItems(layout: AdminDocLayout, record: HandoverRecord): void {
  const { ledger } = record;
  if (ledger.openItems.length === 0) return;
  layout.gap(3);
  layout.paragraph('Danh sách việc đang dở dang (văn bản chưa xử lý xong, quá hạn xếp trước):', {
    font: 'bold',
    indent: INDENT,
    gapAfter: 3,
  });
  layout.table(
    [
      { header: 'TT', align: 'center' },
      { header: 'Số đến', align: 'center' },
      { header: 'Số, ký hiệu – Trích yếu', fill: true },
      { header: 'Người xử lý', width: 40 * MM },
      { header: 'Hạn xử lý', width: 23 * MM, align: 'center' },
      { header: 'Trạng thái', width: 25 * MM },
    ],
    openRows(ledger.openItems),
    { size: 10, headerSize: 10, padding: 3 },
  );
  layout.gap(3);
}

/**
 * Open directives as far as they are known: the app's count when it has one; 0 for a mailbox
 * that holds no mail at all (nothing can be open); null only when neither tells.
 */
export function knownOpenDirectives(record: HandoverRecord): number | null {
  if (record.openDirectives !== null) return record.openDirectives;
  // The app's own record folders (UnitMailbox/…) hold registers, not mail; the record does not
  // keep each folder's delimiter, so both usual ones are tried.
  const isRecords = (name: string) => isRecordFolder(name, '/') || isRecordFolder(name, '.');
  const mail = record.folders.filter((f) => !isRecords(f.name)).reduce((n, f) => n + f.messages, 0);
  return mail === 0 ? 0 : null;
}

export function writeRegisters(layout: AdminDocLayout, record: HandoverRecord): void {
  const { registers, ledger } = record;
  section(layout, 'III. SỔ SÁCH, NHẬT KÝ VÀ VIỆC ĐANG DỞ DANG');
  item(layout, [
    label('- Sổ ủy quyền xử lý thư: '),
    strong(registers.delegation > 0 ? `${formatInteger(registers.delegation)} bản ghi` : 'chưa có bản ghi nào'),
    label(';'),
  ]);
  const entries = ledger.entries > 0 ? ` về ${formatInteger(ledger.entries)} văn bản đến` : '';
  writeChain(layout, 'Sổ đăng ký và theo dõi xử lý văn bản đến', registers.ledger, ledger.chains.ledger, entries);
  writeChain(layout, 'Nhật ký thao tác', registers.audit, ledger.chains.audit);
  layout.paragraph('Các sổ và trạng thái chuỗi băm nằm trong thư mục data/registers/ của gói.', {
    font: 'italic',
    size: SMALL,
    gapAfter: 1,
  });
  if (ledger.entries > 0) {
    item(layout, [
      label('- Việc đang dở dang theo sổ (văn bản chưa xử lý xong): '),
      strong(formatInteger(ledger.open)),
      label(ledger.overdue > 0 ? `, trong đó ${formatInteger(ledger.overdue)} quá hạn.` : '.'),
    ]);
  }
  const openDirectives = knownOpenDirectives(record);
  if (ledger.entries === 0 || openDirectives !== null) {
    item(layout, [
      label('- Văn bản chỉ đạo chưa xử lý xong: '),
      strong(openDirectives === null ? 'chưa xác định' : formatInteger(openDirectives)),
      label(ledger.entries > 0 ? ' (theo các cờ của thư).' : '.'),
    ]);
  }
  writeOpenItems(layout, record);
}

/** What section VI lists as exceptions about the registers. */
export function ledgerExceptions(record: HandoverRecord): string[] {
  const out: string[] = [];
  const { chains, entries } = record.ledger;
  if (!chains.ledger.intact) out.push('chuỗi băm của sổ đăng ký văn bản đến bị phá vỡ (xem mục III)');
  if (!chains.audit.intact) out.push('chuỗi băm của nhật ký thao tác bị phá vỡ (xem mục III)');
  if (knownOpenDirectives(record) === null && entries === 0)
    out.push('chưa xác định được số văn bản chỉ đạo chưa xử lý xong');
  return out;
}
