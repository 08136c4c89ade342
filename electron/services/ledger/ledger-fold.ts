// The book as a pure fold of the trusted records in UID order, so every
// computer that reads the same folder computes the same book, without a lock:
// - Số đến: the first register record of a Message-ID wins; numbers follow
//   record order, from 1 in each calendar year of ngày đến.
// - Handler: an assignment (by the unit mailbox's owner) names it; when there
//   is none, the first claim after the entry was registered or released wins.
// - Status: set by the handler, a co-handler or the owner.
import type { EntryEvent, LedgerBook, LedgerEntry, LedgerRecord } from '../../../shared/ledger.ts';

export interface FoldItem {
  uid: number;
  record: LedgerRecord;
}

export function foldBook(mailbox: string, items: readonly FoldItem[]): LedgerBook {
  const sorted = [...items].sort((a, b) => a.uid - b.uid);
  const counters = new Map<number, number>();
  const entries = new Map<string, LedgerEntry>();
  const orphans: EntryEvent[] = [];
  const owner = mailbox.toLowerCase();
  for (const { uid, record: r } of sorted) {
    const event: EntryEvent = { uid, seq: r.seq, type: r.type, at: r.at, by: r.by.email, accepted: true };
    if (r.type === 'status') event.status = r.status;
    if (r.type === 'assign') event.to = r.to;
    if (r.mailbox.toLowerCase() !== owner) {
      orphans.push({ ...event, accepted: false, refusedVi: `Bản ghi thuộc hộp thư khác (${r.mailbox}).` });
      continue;
    }
    const entry = entries.get(r.messageId);
    if (r.type === 'register') {
      if (entry) {
        entry.history.push({ ...event, accepted: false, refusedVi: `Đã vào sổ trước đó với số đến ${entry.number}.` });
        continue;
      }
      const year = Number(r.fields.ngayDen.slice(0, 4));
      const number = (counters.get(year) ?? 0) + 1;
      counters.set(year, number);
      entries.set(r.messageId, {
        year,
        number,
        messageId: r.messageId,
        link: r.message,
        fields: r.fields,
        registeredBy: r.by.email,
        registeredAt: r.at,
        status: 'da-vao-so',
        handler: null,
        coHandlers: [],
        instruction: '',
        deadline: null,
        result: null,
        history: [event],
      });
      continue;
    }
    if (!entry) {
      orphans.push({ ...event, accepted: false, refusedVi: 'Văn bản chưa được vào sổ.' });
      continue;
    }
    const refused = apply(entry, r, owner);
    entry.history.push(refused ? { ...event, accepted: false, refusedVi: refused } : event);
  }
  const list = [...entries.values()].sort((a, b) => a.year - b.year || a.number - b.number);
  return { mailbox, entries: list, orphans };
}

/** Applies one action; returns why it was refused, or null. */
function apply(entry: LedgerEntry, r: Exclude<LedgerRecord, { type: 'register' }>, owner: string): string | null {
  const actor = r.by.email.toLowerCase();
  const isOwner = actor === owner;
  const handles = actor === entry.handler?.toLowerCase() || entry.coHandlers.some((c) => c.toLowerCase() === actor);
  switch (r.type) {
    case 'assign':
      if (!isOwner) return 'Chỉ chủ hộp thư đơn vị (lãnh đạo) được giao xử lý.';
      entry.handler = r.to;
      entry.coHandlers = r.coHandlers;
      entry.instruction = r.instruction;
      entry.deadline = r.deadline;
      entry.status = 'da-giao';
      entry.result = null;
      return null;
    case 'claim':
      if (entry.handler) return `${entry.handler} đã nhận xử lý trước.`;
      entry.handler = r.by.email;
      entry.status = 'dang-xu-ly';
      return null;
    case 'status':
      if (!isOwner && !handles) return 'Chỉ người xử lý hoặc lãnh đạo được cập nhật trạng thái.';
      entry.status = r.status;
      entry.result = r.status === 'da-xu-ly' ? (r.result ?? {}) : null;
      return null;
    case 'reopen':
      if (!isOwner && !handles) return 'Chỉ người xử lý hoặc lãnh đạo được mở lại.';
      if (r.release) {
        entry.handler = null;
        entry.coHandlers = [];
      }
      entry.status = entry.handler ? 'da-giao' : 'da-vao-so';
      entry.result = null;
      return null;
  }
}

/** The entry of a number of a year. */
export function entryByNumber(book: LedgerBook, year: number, number: number): LedgerEntry | undefined {
  return book.entries.find((e) => e.year === year && e.number === number);
}
