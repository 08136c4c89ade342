import { afterEach, describe, expect, it } from 'vitest';
import { LedgerQueueStore } from '../../electron/services/ledger/ledger-queue-store.ts';
import { tempDir } from '../support/temp-dir.ts';

// The local queue of ledger actions: durable across a reopen, oldest first per account and
// mailbox, settled actions kept with their outcome, a refused live action forgotten.
const dirs: Array<() => void> = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));

function open(): { file: string; store: LedgerQueueStore } {
  const { dir, cleanup } = tempDir('um-ledger-queue-');
  dirs.push(cleanup);
  const file = `${dir}/ledger-queue.sqlite`;
  return { file, store: new LedgerQueueStore(file) };
}

const which = (number: number) => ({ year: 2026, number });

describe('LedgerQueueStore', () => {
  it('keeps queued actions across a reopen, oldest first, per account and mailbox', () => {
    const { file, store } = open();
    store.enqueue({
      id: 'a',
      accountId: 'd1',
      mailbox: 'VanPhong@so.vn',
      at: '2026-03-06T02:00:00.000Z',
      action: { kind: 'claim', which: which(3) },
    });
    store.enqueue({
      id: 'b',
      accountId: 'd1',
      mailbox: '',
      at: '2026-03-06T02:01:00.000Z',
      action: { kind: 'claim', which: which(4) },
    });
    store.enqueue({
      id: 'c',
      accountId: 'd1',
      mailbox: 'vanphong@so.vn',
      at: '2026-03-06T02:02:00.000Z',
      action: { kind: 'assign', which: which(3), input: { to: 'x@so.vn', deadline: '2026-03-10' } },
    });
    store.close();
    const again = new LedgerQueueStore(file);
    expect(again.pending('d1', 'vanphong@so.vn').map((i) => [i.id, i.action.kind])).toEqual([
      ['a', 'claim'],
      ['c', 'assign'],
    ]);
    expect(again.pendingTargets()).toEqual([
      { accountId: 'd1', mailbox: '' },
      { accountId: 'd1', mailbox: 'vanphong@so.vn' },
    ]);
    expect(again.pending('d1', 'vanphong@so.vn')[1]?.action).toEqual({
      kind: 'assign',
      which: which(3),
      input: { to: 'x@so.vn', deadline: '2026-03-10' },
    });
    again.close();
  });

  it('keeps the outcome of a settled action, a failure reason of a waiting one, forgets a refused live one', () => {
    const { store } = open();
    const at = '2026-03-06T02:00:00.000Z';
    for (const id of ['a', 'b', 'c'])
      store.enqueue({ id, accountId: 'd1', mailbox: '', at, action: { kind: 'claim', which: which(1) } });
    store.settle('a', 'applied', { recordUid: 12, year: 2026, number: 1 });
    store.settle('b', 'lost', {
      recordUid: null,
      year: 2026,
      number: 1,
      code: 'LEDGER_CLAIM_LOST',
      winner: 'd2@so.vn',
    });
    // A settled action is never settled again.
    store.settle('a', 'lost', { recordUid: null, year: null, number: null });
    store.failed('c', 'connect ECONNREFUSED');
    expect(store.pending('d1', '').map((i) => [i.id, i.lastError])).toEqual([['c', 'connect ECONNREFUSED']]);
    expect(store.settled('d1').map((i) => [i.id, i.state, i.outcome?.recordUid, i.outcome?.winner])).toEqual([
      ['b', 'lost', null, 'd2@so.vn'],
      ['a', 'applied', 12, undefined],
    ]);
    store.forget('c');
    expect(store.get('c')).toBeNull();
    expect(store.pendingTargets()).toEqual([]);
    store.close();
  });
});
