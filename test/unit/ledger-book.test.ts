import { describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../electron/services/delegation/canonical-json.ts';
import { nextPosition, verifyChain, type ChainItem } from '../../electron/services/ledger/ledger-chain.ts';
import { foldBook } from '../../electron/services/ledger/ledger-fold.ts';
import type { LedgerDraft } from '../../electron/services/ledger/ledger-record.ts';
import { sha256Hex } from '../../electron/services/ledger/ledger-read.ts';
import { LEDGER_FORMAT, type LedgerRecord } from '../../shared/ledger.ts';

const UNIT = 'vanthu@so.vn';
const fields = (ngayDen: string) => ({
  ngayDen,
  tacGia: 'UBND',
  soKyHieu: '1/UBND-VP',
  ngayVanBan: null,
  tenLoai: 'Công văn',
  trichYeu: 'Thử',
  nguoiNhan: '',
  ghiChu: '',
  urgency: 'thuong' as const,
});
const reg = (id: string, day = '2026-03-02'): LedgerDraft => ({
  type: 'register',
  messageId: id,
  message: { folder: 'INBOX', uid: 1, uidValidity: 1, messageId: id },
  fields: fields(day),
});

/** A folder in memory: writers read a snapshot, then append; UIDs grow. */
class Folder {
  items: ChainItem[] = [];
  private uid = 0;
  snapshot(): ChainItem[] {
    return [...this.items];
  }
  append(draft: LedgerDraft, by: string, seen = this.snapshot()): ChainItem {
    const pos = nextPosition(seen);
    const record = {
      ...draft,
      format: LEDGER_FORMAT,
      seq: pos.seq,
      prev: pos.prev,
      prevRef: pos.prevRef,
      ...(pos.merge.length ? { merge: pos.merge } : {}),
      at: '2026-03-02T01:00:00.000Z',
      by: { email: by, certificateSha256: 'x' },
      mailbox: UNIT,
    } as LedgerRecord;
    const item = { uid: ++this.uid, sha256: sha256Hex(canonicalBytes(record)), record };
    this.items.push(item);
    return item;
  }
}

const book = (f: Folder) => foldBook(UNIT, f.items);

describe('ledger book (pure fold) and chain', () => {
  it('numbers per year of ngày đến, first registration of a Message-ID wins, no gap', () => {
    const f = new Folder();
    const seenByB = f.snapshot();
    f.append(reg('<a>'), UNIT);
    f.append(reg('<a>'), 'canbo@so.vn', seenByB); // concurrent duplicate
    f.append(reg('<b>', '2025-12-31'), UNIT);
    f.append(reg('<c>'), UNIT);
    const b = book(f);
    expect(b.entries.map((e) => [e.year, e.number, e.messageId])).toEqual([
      [2025, 1, '<b>'],
      [2026, 1, '<a>'],
      [2026, 2, '<c>'],
    ]);
    expect(b.entries[1]?.history[1]).toMatchObject({ accepted: false, refusedVi: expect.stringContaining('số đến 1') });
    expect(verifyChain(f.items)).toEqual([]);
  });

  it('claims: the first after the entry became free wins; assignment only by the owner; status by the handler', () => {
    const f = new Folder();
    f.append(reg('<a>'), UNIT);
    const seen = f.snapshot();
    f.append({ type: 'claim', messageId: '<a>' }, 'x@so.vn', seen);
    f.append({ type: 'claim', messageId: '<a>' }, 'y@so.vn', seen);
    let e = book(f).entries[0];
    expect(e).toMatchObject({ handler: 'x@so.vn', status: 'dang-xu-ly' });
    expect(e?.history[2]).toMatchObject({ accepted: false, refusedVi: 'x@so.vn đã nhận xử lý trước.' });
    f.append({ type: 'status', messageId: '<a>', status: 'da-xu-ly' }, 'y@so.vn');
    f.append(
      { type: 'assign', messageId: '<a>', to: 'y@so.vn', coHandlers: [], instruction: '', deadline: null },
      'x@so.vn',
    );
    expect(book(f).entries[0]).toMatchObject({ handler: 'x@so.vn', status: 'dang-xu-ly' });
    f.append({ type: 'status', messageId: '<a>', status: 'da-xu-ly', result: { messageId: '<r>' } }, 'x@so.vn');
    expect(book(f).entries[0]).toMatchObject({ status: 'da-xu-ly', result: { messageId: '<r>' } });
    f.append({ type: 'reopen', messageId: '<a>', note: 'Làm lại', release: true }, UNIT);
    f.append({ type: 'claim', messageId: '<a>' }, 'y@so.vn');
    e = book(f).entries[0];
    expect(e).toMatchObject({ handler: 'y@so.vn', status: 'dang-xu-ly', result: null });
    expect(verifyChain(f.items)).toEqual([]);
  });

  it('keeps every concurrent record linked: the next writer merges them', () => {
    const f = new Folder();
    f.append(reg('<a>'), UNIT);
    const seen = f.snapshot();
    const x = f.append(reg('<b>'), UNIT, seen);
    const y = f.append(reg('<c>'), 'p@so.vn', seen);
    expect(x.record.seq).toBe(2);
    expect(y.record.seq).toBe(2);
    const z = f.append(reg('<d>'), UNIT);
    expect(z.record).toMatchObject({ seq: 3, prev: y.sha256, merge: [{ sha256: x.sha256, seq: 2, uid: 2 }] });
    expect(verifyChain(f.items)).toEqual([]);
  });

  it('names a deleted, edited, moved or skipped record', () => {
    const make = () => {
      const f = new Folder();
      for (const id of ['<a>', '<b>', '<c>', '<d>']) f.append(reg(id), UNIT);
      return f;
    };
    const deleted = make();
    deleted.items.splice(1, 1);
    expect(verifyChain(deleted.items)).toEqual([expect.objectContaining({ kind: 'missing', seq: 2, uid: 2 })]);

    const edited = make();
    const victim = edited.items[2] as ChainItem;
    const changed = { ...victim.record, messageId: '<zzz>' } as LedgerRecord;
    edited.items[2] = { ...victim, sha256: sha256Hex(canonicalBytes(changed)), record: changed };
    expect(verifyChain(edited.items)[0]).toMatchObject({ kind: 'missing', seq: 3, uid: 3 });

    const moved = make();
    const [second] = moved.items.splice(1, 1);
    moved.items.push({ ...(second as ChainItem), uid: 9 });
    expect(verifyChain(moved.items)).toContainEqual(expect.objectContaining({ kind: 'reordered', seq: 2, uid: 9 }));

    const skipped = make();
    const seen = skipped.snapshot();
    const x = skipped.append(reg('<e>'), UNIT, seen);
    skipped.append(reg('<f>'), 'p@so.vn', seen);
    skipped.append(
      reg('<g>'),
      UNIT,
      skipped.items.filter((i) => i !== x),
    );
    expect(verifyChain(skipped.items)).toEqual([expect.objectContaining({ kind: 'unlinked', seq: 5, uid: 5 })]);

    const lastGone = make();
    const tail = lastGone.items.pop() as ChainItem;
    expect(verifyChain(lastGone.items)).toEqual([]);
    expect(verifyChain(lastGone.items, [{ sha256: tail.sha256, seq: 4, uid: 4 }])).toEqual([
      expect.objectContaining({ kind: 'missing-last', seq: 4, uid: 4 }),
    ]);
  });
});
