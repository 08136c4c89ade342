import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors/app-error.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { connectOther } from '../support/fixtures.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';

// Số đến and claims with several computers at once and no lock (real Dovecot, real keychain).
// Users of their own: keychain entries never collide with other test files.
const UNIT: StackUser = { email: 'sovanban@binhphuoc.gov.vn', password: 'SoVanBan#2026!' };
const X1: StackUser = { email: 'chuyenvien1@binhphuoc.gov.vn', password: 'ChuyenVien1#2026!' };
const X2: StackUser = { email: 'chuyenvien2@binhphuoc.gov.vn', password: 'ChuyenVien2#2026!' };
const ROUNDS = 20;

let stack: MailStack;
let pc1: LedgerPc;
let pc2: LedgerPc;
let d1: LedgerPc;
let d2: LedgerPc;
let raw: ImapFlow;
let serial = 0;

async function deliver(subject: string): Promise<number> {
  const id = `ledger-${process.pid}-${++serial}`;
  await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, subject, id));
  const lock = await raw.getMailboxLock('INBOX', { readOnly: true });
  try {
    await raw.noop();
    const found = await raw.search({ header: { 'message-id': id } }, { uid: true });
    const uid = Array.isArray(found) ? found[0] : undefined;
    if (!uid) throw new Error(`message ${id} not found`);
    return uid;
  } finally {
    lock.release();
  }
}

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT, X1, X2] });
  raw = await connectOther(stack, UNIT.email);
  pc1 = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Văn thư máy 1', tag: 'pc1' });
  pc2 = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Văn thư máy 2', tag: 'pc2' });
  d1 = await ledgerPc(stack, X1.email, { kind: 'personal', name: 'Chuyên viên 1', tag: 'd1' });
  d2 = await ledgerPc(stack, X2.email, { kind: 'personal', name: 'Chuyên viên 2', tag: 'd2' });
  for (const d of [d1, d2]) {
    await pc1.services.delegation.grant(pc1.accountId, { delegate: d.email, role: 'xu-ly', scope: 'all' });
    await pc1.ledger.share(pc1.accountId, d.email);
  }
});

afterAll(async () => {
  await raw?.logout().catch(() => undefined);
  await stopPcs([pc1, pc2, d1, d2]);
  await stack?.stop();
});

describe('ledger without a lock (real Dovecot)', { timeout: 600_000 }, () => {
  it(`two computers registering the same messages at once, ${ROUNDS} times: same book, no gap, no duplicate`, async () => {
    let total = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const uids: number[] = [];
      for (let i = 0; i < 3; i++) uids.push(await deliver(`Công văn số ${round * 10 + i}/UBND-VP V/v đợt ${round}`));
      const run = async (pc: LedgerPc, order: number[]) => {
        for (const uid of order) await pc.ledger.register(pc.accountId, { folder: 'INBOX', uid });
      };
      // Same order on odd rounds (every message contested), opposite order on even ones.
      await Promise.all([run(pc1, uids), run(pc2, round % 2 ? uids : [...uids].reverse())]);
      total += uids.length;
      const [a, b] = await Promise.all([pc1.ledger.book(pc1.accountId), pc2.ledger.book(pc2.accountId)]);
      const view = (book: typeof a) => book.entries.map((e) => `${e.year}/${e.number} ${e.messageId} ${e.link.uid}`);
      expect(view(a)).toEqual(view(b));
      expect(a.intact && b.intact).toBe(true);
      const byYear = new Map<number, number[]>();
      for (const e of a.entries) byYear.set(e.year, [...(byYear.get(e.year) ?? []), e.number]);
      for (const numbers of byYear.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      expect(a.entries).toHaveLength(total);
      expect(new Set(a.entries.map((e) => e.messageId)).size).toBe(total);
    }
    // How often both computers really wrote a register record for the same message (the race this proves).
    const raced = (await pc1.ledger.book(pc1.accountId)).entries.filter((e) => e.history.some((h) => !h.accepted));
    console.info(`registration races where both records reached the server: ${raced.length} of ${total}`);
    const check = await pc2.ledger.verify(pc2.accountId);
    expect(check).toMatchObject({ intact: true, problems: [] });
  });

  it(`two delegates claiming the same entry at once, ${ROUNDS} times: exactly one winner, named to the loser`, async () => {
    let contested = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const uid = await deliver(`Kế hoạch ${round}/KH-SNV V/v nhận xử lý ${round}`);
      const { entry } = await pc1.ledger.register(pc1.accountId, { folder: 'INBOX', uid });
      const which = { year: entry.year, number: entry.number };
      const results = await Promise.allSettled(
        [d1, d2].map((d) => d.ledger.claim({ accountId: d.accountId, mailbox: UNIT.email }, which)),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = won[0]!.value.entry.handler;
      expect([X1.email, X2.email]).toContain(winner);
      const error = lost[0]!.reason as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('LEDGER_CLAIM_LOST');
      expect(error.data?.winner).toBe(winner);
      expect(error.messageVi).toContain(`đã do ${winner} nhận xử lý trước`);
      const seen = await Promise.all(
        [d1, d2].map((d) => d.ledger.entry({ accountId: d.accountId, mailbox: UNIT.email }, which)),
      );
      const head = await pc2.ledger.entry(pc2.accountId, which);
      expect(seen.map((e) => e.handler)).toEqual([winner, winner]);
      expect(head).toMatchObject({ handler: winner, status: 'dang-xu-ly' });
      if (head.history.some((h) => h.type === 'claim' && !h.accepted)) contested += 1;
    }
    console.info(`claim races where both claims reached the server: ${contested} of ${ROUNDS}`);
    expect(await pc1.ledger.verify(pc1.accountId)).toMatchObject({ intact: true });
  });
});
