import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../shared/contract-notices.ts';
import { EventBus } from '../../electron/services/api/event-bus.ts';
import { ManualClock } from '../../electron/services/clock/clock.ts';
import { sessionRunner } from '../../electron/services/delegation/mailbox-session.ts';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { holidayFilePath, loadHolidayCalendar } from '../../electron/services/ledger/holidays-file.ts';
import { QueuedLedgerService, type SettledAction } from '../../electron/services/ledger/ledger-queue.ts';
import { LedgerQueueStore } from '../../electron/services/ledger/ledger-queue-store.ts';
import { LedgerNotifier } from '../../electron/services/ledger/notify/ledger-notifier.ts';
import { NoticeStore } from '../../electron/services/ledger/notify/notice-store.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';
import { tempDir } from '../support/temp-dir.ts';

// Ledger actions while Dovecot is down: queued durably on the computer (acknowledged as queued),
// applied in order when it is back, after a restart of the app too; the book is the same on every
// computer; a queued claim that another delegate's claim beat on the server is kept as lost,
// naming the winner, and told as a notice.
const UNIT: StackUser = { email: 'sotuphap@binhphuoc.gov.vn', password: 'SoTuPhap#2026!' };
const D1: StackUser = { email: 'tuphap.a@binhphuoc.gov.vn', password: 'TuPhapA#2026!' };
const D2: StackUser = { email: 'tuphap.b@binhphuoc.gov.vn', password: 'TuPhapB#2026!' };
const RESOURCES = new URL('../../resources/', import.meta.url).pathname;

let stack: MailStack;
let head: LedgerPc;
let d1: LedgerPc;
let d2: LedgerPc;
const clock = new ManualClock('2026-03-09T01:00:00Z'); // Monday 08:00 in Vietnam
const dirs: Array<() => void> = [];
const stores: Array<{ close(): void }> = [];
const asDelegate = (d: LedgerPc) => ({ accountId: d.accountId, mailbox: UNIT.email });

/** A computer's queued ledger: its own queue file (reopened on "restart"). */
function queued(pc: LedgerPc, file?: string, onSettled?: (s: SettledAction[]) => void) {
  let path = file;
  if (!path) {
    const { dir, cleanup } = tempDir('um-ledger-offline-');
    dirs.push(cleanup);
    path = `${dir}/ledger-queue.sqlite`;
  }
  const queue = new LedgerQueueStore(path);
  stores.push(queue);
  const ledger = new QueuedLedgerService({
    sessions: sessionRunner(pc.services.accounts),
    identity: pc.services.identity,
    clock,
    holidays: () => loadHolidayCalendar(holidayFilePath(RESOURCES)),
    queue,
    ...(onSettled ? { onSettled } : {}),
  });
  return { ledger, queue, file: path };
}

/** Delivers a message to the unit's INBOX; its UID, read on a fresh connection (Dovecot may have restarted). */
async function deliver(subject: string, id: string): Promise<number> {
  await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, subject, id));
  const raw = await connectOther(stack, UNIT.email);
  try {
    await raw.mailboxOpen('INBOX', { readOnly: true });
    const found = await raw.search({ header: { 'message-id': id } }, { uid: true });
    return (Array.isArray(found) ? found[0] : undefined) ?? Promise.reject(new Error(`no ${id}`));
  } finally {
    await raw.logout().catch(() => raw.close());
  }
}

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT, D1, D2] });
  head = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Trần Văn Chánh', tag: 'offline-head', clock });
  d1 = await ledgerPc(stack, D1.email, { kind: 'personal', name: 'Lê Thị Một', tag: 'offline-d1', clock });
  d2 = await ledgerPc(stack, D2.email, { kind: 'personal', name: 'Phạm Văn Hai', tag: 'offline-d2', clock });
  for (const d of [d1, d2]) {
    await head.services.delegation.grant(head.accountId, { delegate: d.email, role: 'xu-ly', scope: 'all' });
    await head.ledger.share(head.accountId, d.email);
  }
}, 180_000);

afterAll(async () => {
  stores.forEach((s) => s.close());
  dirs.forEach((c) => c());
  await stopPcs([head, d1, d2]);
  await stack?.stop();
});

describe('ledger actions offline (real Dovecot, head and two delegates)', { timeout: 240_000 }, () => {
  it('with Dovecot down an assign is queued, survives a restart, is applied when back; both see the same', async () => {
    const pc = queued(head);
    const uid = await deliver('Công văn số 12/STP-HCTP V/v rà soát văn bản', 'off-1');
    const reg = await pc.ledger.register(head.accountId, { folder: 'INBOX', uid });
    expect(reg.queued).toBeNull();
    const which = { year: reg.entry.year, number: reg.entry.number };
    await pc.ledger.book(head.accountId);
    let queuedAssign;
    let assignedAt: string;
    await stack.crashImap();
    try {
      clock.advance(60_000);
      assignedAt = clock.now().toISOString();
      queuedAssign = await pc.ledger.assign(head.accountId, which, { to: D1.email, deadline: '2026-03-13' });
      clock.advance(60_000);
      const status = await pc.ledger.reopen(head.accountId, which, { note: 'Bổ sung' });
      expect([queuedAssign.recordUid, queuedAssign.queued?.pending, status.queued?.pending]).toEqual([null, 1, 2]);
      // The answer is the entry as last read (assigned to nobody yet), marked queued.
      expect(queuedAssign.entry).toMatchObject({ number: which.number, status: 'da-vao-so', handler: null });
      expect(pc.ledger.pendingCount(head.accountId)).toBe(2);
    } finally {
      pc.queue.close();
      await stack.restartImap();
    }
    // The app restarts: a new service on the same queue file applies what waited, in order.
    const settled: SettledAction[] = [];
    const again = queued(head, pc.file, (s) => settled.push(...s));
    expect(again.ledger.pendingCount(head.accountId)).toBe(2);
    await again.ledger.flushAll();
    expect(again.ledger.pendingCount(head.accountId)).toBe(0);
    expect(settled.map((s) => [s.action.kind, s.state])).toEqual([
      ['assign', 'applied'],
      ['reopen', 'applied'],
    ]);
    const mine = await head.ledger.entry(head.accountId, which);
    expect(mine).toMatchObject({ status: 'da-giao', handler: D1.email, deadline: '2026-03-13' });
    const types = mine.history.map((h) => [h.type, h.accepted]);
    expect(types).toEqual([
      ['register', true],
      ['assign', true],
      ['reopen', true],
    ]);
    // "When" is when the head acted, not when the server got it.
    expect(mine.history[1]!.at).toBe(assignedAt);
    const theirs = await d1.ledger.book(asDelegate(d1));
    const ours = await head.ledger.book(head.accountId);
    expect(theirs.entries).toEqual(ours.entries);
    expect(theirs.lastUid).toBe(ours.lastUid);
    // Applying the queue again writes nothing more.
    await again.ledger.flushAll();
    expect((await head.ledger.book(head.accountId)).lastUid).toBe(ours.lastUid);
  });

  it('a queued claim that lost to another delegate’s claim is kept as lost, names the winner, is told', async () => {
    const uid = await deliver('Giấy mời họp V/v tổng kết công tác tư pháp', 'off-2');
    const reg = await head.ledger.register(head.accountId, { folder: 'INBOX', uid });
    const which = { year: reg.entry.year, number: reg.entry.number };
    const { dir, cleanup } = tempDir('um-ledger-notices-');
    dirs.push(cleanup);
    const noticeStore = new NoticeStore(`${dir}/notices.sqlite`);
    stores.push(noticeStore);
    const events = new EventBus();
    const told: Notice[] = [];
    events.on('notices.new', ({ notices }) => told.push(...notices));
    const notifier = new LedgerNotifier({
      store: noticeStore,
      events,
      clock,
      holidays: () => loadHolidayCalendar(holidayFilePath(RESOURCES)),
      emailOf: () => D1.email,
    });
    const one = queued(d1, undefined, (s) => notifier.settled(d1.accountId, s));
    const two = queued(d2);
    await stack.crashImap();
    let mine;
    try {
      clock.advance(60_000);
      mine = await one.ledger.claim(asDelegate(d1), which);
    } finally {
      await stack.restartImap();
    }
    expect(mine.queued).not.toBeNull();
    clock.advance(60_000);
    // D2, online, claims after D1 but reaches the server first: the server's order decides.
    const won = await two.ledger.claim(asDelegate(d2), which);
    expect(won).toMatchObject({ queued: null, entry: { handler: D2.email, status: 'dang-xu-ly' } });
    await one.ledger.flush(asDelegate(d1));
    const kept = one.queue.get(mine.queued!.id);
    expect(kept).toMatchObject({
      state: 'lost',
      outcome: { code: 'LEDGER_CLAIM_LOST', winner: D2.email, number: which.number, recordUid: null },
    });
    expect(kept?.outcome?.messageVi).toContain(D2.email);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'queue-lost', urgent: true, params: { by: D2.email, action: 'claim' } });
    expect(told[0]!.body).toContain(D2.email);
    // Every computer computes the same: D2 handles it; D1's claim was never written.
    for (const pc of [head, d1, d2]) {
      const target = pc === head ? head.accountId : asDelegate(pc);
      const e = await pc.ledger.entry(target, which);
      expect(e).toMatchObject({ handler: D2.email });
      expect(e.history.filter((h) => h.type === 'claim').map((h) => h.by)).toEqual([D2.email]);
    }
    // Online, a lost claim is the caller's error, as before, and nothing stays queued.
    const late = await one.ledger.claim(asDelegate(d1), which).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(AppError);
    expect(late).toMatchObject({ code: 'LEDGER_CLAIM_LOST', data: expect.objectContaining({ winner: D2.email }) });
    expect(one.ledger.pendingCount(asDelegate(d1))).toBe(0);
  });
});
