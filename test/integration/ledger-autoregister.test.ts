import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/services/api/dispatcher.ts';
import type { LedgerPage } from '../../shared/contract-ledger.ts';
import { startMailStack, type MailStack, type StackUser } from '../stack/mail-stack.ts';
import { incoming, ledgerPc, stopPcs, type LedgerPc } from '../support/ledger-sides.ts';

// Registration on arrival: a sync of the unit account registers the directives that arrived with
// it (not its history, not other mail). Two computers of the unit syncing the same mailbox at the
// same moment, 20 times: every arrival gets exactly one số đến, numbers gapless, the same on both.
const UNIT: StackUser = { email: 'tiepnhan@binhphuoc.gov.vn', password: 'TiepNhan#2026!' };
const ROUNDS = 20;

let stack: MailStack;
let pcA: LedgerPc;
let pcB: LedgerPc;
let serial = 0;

async function deliver(subject: string): Promise<string> {
  serial += 1;
  const id = `auto-${serial}`;
  await stack.appendMessage(UNIT.email, 'INBOX', incoming(UNIT.email, subject, id));
  return `<${id}@binhphuoc.gov.vn>`;
}

beforeAll(async () => {
  stack = await startMailStack({ users: [UNIT] });
  await deliver('Công văn số 1/UBND-VP V/v đã có từ trước');
  pcA = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Văn thư A', tag: 'auto-a' });
  pcB = await ledgerPc(stack, UNIT.email, { kind: 'unit', name: 'Văn thư B', tag: 'auto-b' });
  // The first sync brings the mailbox's history: nothing of it is registered automatically.
  for (const pc of [pcA, pcB]) await pc.services.sync.start(pc.accountId);
}, 120_000);

afterAll(async () => {
  await stopPcs([pcA, pcB]);
  await stack?.stop();
});

describe('automatic registration after sync (real Dovecot, two computers)', { timeout: 600_000 }, () => {
  it('history is not registered; a new directive is, other mail is not', async () => {
    expect((await pcA.services.ledger.book(pcA.accountId)).entries).toEqual([]);
    const directive = await deliver('Quyết định số 5/QĐ-UBND V/v thành lập tổ công tác');
    await deliver('Chúc mừng sinh nhật');
    await pcA.services.sync.start(pcA.accountId);
    const book = await pcA.services.ledger.book(pcA.accountId);
    expect(book.entries.map((e) => [e.number, e.messageId, e.status])).toEqual([[1, directive, 'da-vao-so']]);
    expect(book.intact).toBe(true);
  });

  it(`two computers syncing at once, ${ROUNDS} times: no duplicate, no missing số đến`, async () => {
    const expected = [...(await pcA.services.ledger.book(pcA.accountId)).entries.map((e) => e.messageId)];
    for (let round = 1; round <= ROUNDS; round += 1) {
      expected.push(await deliver(`Công văn số ${round * 2}/SNV-VP V/v lượt ${round}`));
      expected.push(await deliver(`Thông báo số ${round * 2 + 1}/TB-SNV lượt ${round}`));
      await Promise.all([pcA, pcB].map((pc) => pc.services.sync.start(pc.accountId)));
      const [a, b] = await Promise.all([pcA, pcB].map((pc) => pc.services.ledger.book(pc.accountId)));
      const label = `round ${round}`;
      expect(
        a!.entries.map((e) => e.number),
        label,
      ).toEqual(expected.map((_, i) => i + 1));
      expect(new Set(a!.entries.map((e) => e.messageId)), label).toEqual(new Set(expected));
      expect(
        b!.entries.map((e) => [e.number, e.messageId]),
        label,
      ).toEqual(a!.entries.map((e) => [e.number, e.messageId]));
      expect(a!.intact && b!.intact, label).toBe(true);
    }
    // How often both computers wrote a register record for the same arrival (the race happened).
    const book = await pcA.services.ledger.book(pcA.accountId);
    const raced = book.entries.filter((e) => e.history.filter((h) => h.type === 'register').length > 1).length;
    process.stderr.write(`ledger-autoregister: ${raced} of ${book.entries.length} arrivals registered by both\n`);
  });

  it('the contract: ledger.book pages from the local copy, refreshed behind; an action announces ledger.changed', async () => {
    const dispatch = createDispatcher(pcB.services);
    const total = (await pcB.services.ledger.book(pcB.accountId)).entries.length;
    const first = await dispatch('ledger.book', { accountId: pcB.accountId, limit: 5, fresh: true });
    expect(first.ok).toBe(true);
    const page = (first as { value: LedgerPage }).value;
    expect(page).toMatchObject({ mailbox: UNIT.email, total, offset: 0, intact: true });
    expect(page.rows.map((r) => r.number)).toEqual([total, total - 1, total - 2, total - 3, total - 4]);
    const changed = new Promise<unknown>((resolve) => {
      const off = pcB.services.events.on('ledger.changed', (e) => {
        off();
        resolve(e);
      });
    });
    const claim = await dispatch('ledger.claim', { accountId: pcB.accountId, year: page.rows[0]!.year, number: total });
    expect(claim.ok, JSON.stringify(claim)).toBe(true);
    expect(await changed).toEqual({ accountId: pcB.accountId, mailbox: null });
    const mine = await dispatch('ledger.book', { accountId: pcB.accountId, assignee: 'me', status: 'dang-xu-ly' });
    expect((mine as { value: LedgerPage }).value.rows.map((r) => r.number)).toEqual([total]);
    const bad = await dispatch('ledger.book', { accountId: pcB.accountId, status: 'xong' });
    expect(bad.ok).toBe(false);
  });
});
