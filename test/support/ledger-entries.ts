// Synthetic book entries (as LedgerService.book returns them) for tests and the benchmark of the
// local copy: no server, no signatures, just the shapes.
import type { LedgerBookRead } from '../../electron/services/ledger/ledger-service.ts';
import type { BookEntry } from '../../electron/services/ledger/ledger-view.ts';
import { URGENCIES, type EntryStatus } from '../../shared/ledger.ts';

const STATUSES: EntryStatus[] = ['da-vao-so', 'da-giao', 'dang-xu-ly', 'da-xu-ly', 'luu'];
const PEOPLE = ['a@so.vn', 'b@so.vn', 'c@so.vn'];

/** Entry `n` of `year`; its records have UIDs from `firstUid`. */
export function syntheticEntry(year: number, n: number, firstUid = n * 3): BookEntry {
  const status = STATUSES[n % STATUSES.length] as EntryStatus;
  const handler = status === 'da-vao-so' ? null : (PEOPLE[n % PEOPLE.length] as string);
  const messageId = `<e-${year}-${n}@so.vn>`;
  const event = (uid: number, type: 'register' | 'assign') => ({
    uid,
    seq: uid,
    type,
    at: `${year}-03-02T01:00:00.000Z`,
    by: 'vanthu@so.vn',
    accepted: true,
  });
  return {
    year,
    number: n,
    messageId,
    link: { folder: 'INBOX', uid: n, uidValidity: 7, messageId },
    fields: {
      ngayDen: `${year}-03-02`,
      tacGia: n % 2 ? 'UBND tỉnh' : 'Sở Nội vụ',
      soKyHieu: `${n}/UBND-VX`,
      ngayVanBan: null,
      tenLoai: 'Công văn',
      trichYeu: n % 7 === 0 ? `Về việc chuyển đổi số đợt ${n}` : `Báo cáo tháng ${n}`,
      nguoiNhan: '',
      ghiChu: '',
      urgency: URGENCIES[n % URGENCIES.length] as BookEntry['fields']['urgency'],
    },
    registeredBy: 'vanthu@so.vn',
    registeredAt: `${year}-03-02T01:00:00.000Z`,
    status,
    handler,
    coHandlers: n % 5 === 0 ? ['d@so.vn'] : [],
    instruction: '',
    deadline: handler ? `${year}-03-${String((n % 27) + 1).padStart(2, '0')}` : null,
    result: null,
    history: handler ? [event(firstUid, 'register'), event(firstUid + 1, 'assign')] : [event(firstUid, 'register')],
    overdue: false,
  };
}

export function syntheticBook(count: number, opts: { year?: number; uidValidity?: number } = {}): LedgerBookRead {
  const entries = Array.from({ length: count }, (_, i) => syntheticEntry(opts.year ?? 2026, i + 1));
  const lastUid = entries.reduce((m, e) => Math.max(m, ...e.history.map((h) => h.uid)), 0);
  return { mailbox: 'vanthu@so.vn', entries, intact: true, uidValidity: opts.uidValidity ?? 11, lastUid };
}
