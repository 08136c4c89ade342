import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { buildRecordMessage, parseRecordMessage } from '../../electron/services/records/record-message.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';

// The head registers and assigns, a delegate (own account, xu-ly grant) processes, everyone sees
// the same book and the keywords; deadlines on a ManualClock; tampering with raw IMAP is named.
const UNIT: StackUser = { email: 'vpso@binhphuoc.gov.vn', password: 'VpSo#2026!' };
const D1: StackUser = { email: 'xuly1@binhphuoc.gov.vn', password: 'XuLy1#2026!' };
const D2: StackUser = { email: 'xuly2@binhphuoc.gov.vn', password: 'XuLy2#2026!' };
const LEDGER = 'UnitMailbox/Ledger';

let stack: MailStack;
let head: LedgerPc;
let d1: LedgerPc;
let d2: LedgerPc;
let raw: ImapFlow;
const clock = new ManualClock('2026-02-13T02:00:00Z'); // Friday 09:00 in Vietnam, before Tết Bính Ngọ
const asDelegate = (d: LedgerPc) => ({ accountId: d.accountId, mailbox: UNIT.email });

async function deliver(subject: string, id: string): Promise<number> {
  await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, subject, id));
  const lock = await raw.getMailboxLock('INBOX', { readOnly: true });
  try {
    await raw.noop();
    const found = await raw.search({ header: { 'message-id': id } }, { uid: true });
    return (Array.isArray(found) ? found[0] : undefined) ?? Promise.reject(new Error(`no ${id}`));
  } finally {
    lock.release();
  }
}

async function keywordsOf(uid: number): Promise<{ flags: string[]; permanent: string[] }> {
  // Read-write: EXAMINE reports no PERMANENTFLAGS at all (RFC 3501 §6.3.2).
  const box = await raw.mailboxOpen('INBOX');
  const msg = await raw.fetchOne(String(uid), { flags: true }, { uid: true });
  return {
    flags: [...(msg ? (msg.flags ?? []) : [])].filter((f) => f.startsWith('$')).sort(),
    permanent: [...(box.permanentFlags ?? [])],
  };
}

async function code(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT, D1, D2] });
  raw = await connectOther(stack, UNIT.email);
  head = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Trần Văn Chánh', tag: 'head', clock });
  d1 = await ledgerPc(stack, D1.email, { kind: 'personal', name: 'Lê Thị Xử Lý', tag: 'x1', clock });
  d2 = await ledgerPc(stack, D2.email, { kind: 'personal', name: 'Phạm Văn Hai', tag: 'x2', clock });
  for (const d of [d1, d2]) {
    await head.services.delegation.grant(head.accountId, { delegate: d.email, role: 'xu-ly', scope: 'all' });
    expect(await head.ledger.share(head.accountId, d.email)).toBe(LEDGER);
  }
});

afterAll(async () => {
  await raw?.logout().catch(() => undefined);
  await stopPcs([head, d1, d2]);
  await stack?.stop();
});

describe('LedgerService (real Dovecot, head and delegates)', { timeout: 180_000 }, () => {
  let which: { year: number; number: number };
  let uid: number;

  it('the head registers: NĐ 30 fields parsed, số đến 1, $DaVaoSo over raw IMAP', async () => {
    uid = await deliver('KHẨN: Công văn số 123/UBND-VX V/v triển khai chuyển đổi số', 'flow-1');
    const r = await head.ledger.register(head.accountId, { folder: 'INBOX', uid }, { nguoiNhan: 'Phòng Tổng hợp' });
    expect(r.keywords).toBe('set');
    expect(r.entry).toMatchObject({
      number: 1,
      status: 'da-vao-so',
      link: { folder: 'INBOX', uid, messageId: '<flow-1@binhphuoc.gov.vn>' },
      fields: {
        soKyHieu: '123/UBND-VX',
        tenLoai: 'Công văn',
        trichYeu: 'Triển khai chuyển đổi số',
        urgency: 'khan',
        tacGia: 'Sở Nội vụ',
        nguoiNhan: 'Phòng Tổng hợp',
      },
    });
    which = { year: r.entry.year, number: r.entry.number };
    const again = await head.ledger.register(head.accountId, { folder: 'INBOX', uid });
    expect(again).toMatchObject({ recordUid: null, entry: { number: 1 } });
    const k = await keywordsOf(uid);
    expect(k.permanent).toContain('\\*');
    expect(k.flags).toEqual(['$DaVaoSo']);
  });

  it('assigns to a delegate with a deadline counted across the weekend and Tết', async () => {
    const r = await head.ledger.assign(head.accountId, which, {
      to: D1.email,
      instruction: 'Đề nghị tham mưu trả lời.',
    });
    // Khẩn = 2 working days from Friday 13 Feb 2026: 14–15 weekend, 16–20 Tết, 21–22 weekend → Tue 24 Feb.
    expect(r.entry).toMatchObject({ status: 'da-giao', handler: D1.email, deadline: '2026-02-24', overdue: false });
  });

  it('the delegate sees it, works on it and marks it done with the reply; the head sees it done', async () => {
    const seen = await d1.ledger.entry(asDelegate(d1), which);
    expect(seen).toMatchObject({ handler: D1.email, instruction: 'Đề nghị tham mưu trả lời.', deadline: '2026-02-24' });
    await d1.ledger.setStatus(asDelegate(d1), which, 'dang-xu-ly');
    expect((await keywordsOf(uid)).flags).toEqual(['$DaVaoSo', '$DangXuLy']);
    const other = await code(d2.ledger.setStatus(asDelegate(d2), which, 'da-xu-ly'));
    expect(other.code).toBe('LEDGER_NOT_ALLOWED');
    const claim = await code(d2.ledger.claim(asDelegate(d2), which));
    expect(claim).toMatchObject({ code: 'LEDGER_CLAIM_LOST', data: expect.objectContaining({ winner: D1.email }) });
    clock.set('2026-02-23T03:00:00Z');
    await d1.ledger.setStatus(asDelegate(d1), which, 'da-xu-ly', {
      messageId: '<reply-1@binhphuoc.gov.vn>',
      note: 'Đã trả lời.',
    });
    const done = await head.ledger.entry(head.accountId, which);
    expect(done).toMatchObject({
      status: 'da-xu-ly',
      result: { messageId: '<reply-1@binhphuoc.gov.vn>' },
      overdue: false,
    });
    expect((await keywordsOf(uid)).flags).toEqual(['$DaVaoSo', '$DaXuLy']);
    const reopened = await head.ledger.reopen(head.accountId, which, { note: 'Bổ sung số liệu.' });
    expect(reopened.entry).toMatchObject({ status: 'da-giao', handler: D1.email, result: null });
    expect((await keywordsOf(uid)).flags).toEqual(['$DaVaoSo']);
  });

  it('Quá hạn appears when the clock passes the deadline day', async () => {
    clock.set('2026-02-13T02:00:00Z');
    const u = await deliver('Giấy mời họp V/v giao ban', 'flow-2');
    const r = await head.ledger.register(head.accountId, { folder: 'INBOX', uid: u });
    const w = { year: r.entry.year, number: r.entry.number };
    await head.ledger.assign(head.accountId, w, { to: D2.email }); // Thường: 7 working days → 3 Mar
    clock.set('2026-03-03T16:59:00Z');
    expect(await head.ledger.entry(head.accountId, w)).toMatchObject({ deadline: '2026-03-03', overdue: false });
    clock.set('2026-03-03T17:00:00Z');
    expect(await head.ledger.entry(head.accountId, w)).toMatchObject({ overdue: true });
    const book = await d2.ledger.book(asDelegate(d2), w.year);
    expect(book.entries.find((e) => e.number === w.number)).toMatchObject({ overdue: true, handler: D2.email });
  });

  it('a delegate cannot delete ledger records (ACL lri)', async () => {
    const client = await connectOther(stack, D1.email);
    try {
      await client.mailboxOpen(`shared/${UNIT.email}/${LEDGER}`);
      expect(await client.messageFlagsAdd('1', ['\\Deleted'], { uid: true })).toBe(false);
      await expect(client.messageDelete('1', { uid: true })).resolves.toBe(false);
    } finally {
      await client.logout();
    }
  });

  it('editing one record and deleting another with raw IMAP: verify names both', async () => {
    expect(await head.ledger.verify(head.accountId)).toMatchObject({ intact: true, problems: [] });
    await raw.mailboxOpen(LEDGER);
    const all = [];
    for await (const m of raw.fetch('1:*', { uid: true, source: true }))
      all.push({ uid: m.uid, source: m.source as Buffer });
    const seqOf = async (source: Buffer) =>
      (JSON.parse(Buffer.from((await parseRecordMessage(source)).json).toString()) as { seq: number }).seq;
    const deleted = all[2]!;
    const edited = all[4]!;
    const parsed = await parseRecordMessage(edited.source);
    const json = Buffer.from(Buffer.from(parsed.json).toString().replace('"at":"', '"at":"1'));
    const copy = buildRecordMessage({
      from: UNIT.email,
      subject: parsed.subject,
      date: new Date(),
      note: 'sửa',
      json,
      signature: parsed.signature!,
    });
    const appended = await raw.append(LEDGER, copy);
    await raw.messageDelete(`${deleted.uid},${edited.uid}`, { uid: true });
    const v = await head.ledger.verify(head.accountId);
    expect(v.intact).toBe(false);
    const ds = await seqOf(deleted.source);
    const es = await seqOf(edited.source);
    expect(v.problems).toContainEqual(expect.objectContaining({ kind: 'missing', seq: ds, uid: deleted.uid }));
    expect(v.problems).toContainEqual(expect.objectContaining({ kind: 'missing', seq: es, uid: edited.uid }));
    expect(v.problems.map((p) => p.uid)).toContain(appended && appended.uid);
    expect(v.first).toMatchObject({ kind: 'missing', seq: ds, uid: deleted.uid });
    expect(v.first?.messageVi).toContain(`Bản ghi số ${ds} (thư UID ${deleted.uid})`);
  });
});
