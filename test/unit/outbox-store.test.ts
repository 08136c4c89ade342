// The outbox's durable store on a real SQLite file: one claim wins, due times, crash phases.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { OutboxStore, publicEntry, type NewOutboxEntry } from '../../electron/services/send/outbox-store.ts';
import { tempDir } from '../support/temp-dir.ts';

const open: Array<{ store: OutboxStore; cleanup: () => void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.store.close();
    o.cleanup();
  }
});

function newStore(): { store: OutboxStore; file: string } {
  const { dir, cleanup } = tempDir('um-outbox-');
  const file = join(dir, 'outbox.sqlite');
  const store = new OutboxStore(file);
  open.push({ store, cleanup });
  return { store, file };
}

const entry = (id: string, sendAfter: string): NewOutboxEntry => ({
  id,
  accountId: 'acc',
  queuedAt: '2026-12-01T08:00:00.000Z',
  sendAfter,
  messageId: `<${id}@binhphuoc.gov.vn>`,
  from: 'vanphong@binhphuoc.gov.vn',
  sender: null,
  to: ['canbo1@binhphuoc.gov.vn'],
  cc: [],
  bcc: ['bi-mat@binhphuoc.gov.vn'],
  subject: 'Thử',
  size: 3,
  envelope: { from: 'vanphong@binhphuoc.gov.vn', to: ['canbo1@binhphuoc.gov.vn', 'bi-mat@binhphuoc.gov.vn'] },
  copy: { accountId: 'acc', folder: null },
  original: null,
  input: { subject: 'Thử' },
  raw: Buffer.from('abc'),
  copyRaw: Buffer.from('abcd'),
});

describe('OutboxStore', () => {
  it('keeps the bytes and the entry across a reopen (what kill -9 leaves is what the next run reads)', () => {
    const { store, file } = newStore();
    store.insert(entry('a', '2026-12-01T08:00:10.000Z'));
    store.close();
    const again = new OutboxStore(file);
    open.push({ store: again, cleanup: () => undefined });
    expect(again.raw('a')).toEqual({ raw: Buffer.from('abc'), copyRaw: Buffer.from('abcd') });
    expect(publicEntry(again.get('a')!)).toMatchObject({ id: 'a', status: 'queued', bcc: ['bi-mat@binhphuoc.gov.vn'] });
    expect(publicEntry(again.get('a')!)).not.toHaveProperty('envelope');
  });

  it('claims only what is due, and only once', () => {
    const { store } = newStore();
    store.insert(entry('a', '2026-12-01T08:00:10.000Z'));
    expect(store.claim('a', 1, '2026-12-01T08:00:09.999Z')).toBe(false); // still in the undo delay
    expect(store.claim('a', 1, '2026-12-01T08:00:10.000Z')).toBe(true);
    expect(store.claim('a', 2, '2026-12-01T08:00:10.000Z')).toBe(false);
    expect(store.claim('a', 2, '2026-12-01T08:00:10.000Z', true)).toBe(false); // held: not even forced
    expect(store.removeIfIdle('a')).toBe(false); // nobody removes it mid-delivery
    store.release('a', 'retry', { nextAttemptAt: '2026-12-01T08:01:00.000Z' });
    expect(store.claim('a', 2, '2026-12-01T08:00:59.000Z')).toBe(false);
    expect(store.claim('a', 2, '2026-12-01T08:01:00.000Z')).toBe(true);
    expect(store.get('a')).toMatchObject({ attempts: 2, claimedBy: 2, phase: 'connecting' });
  });

  it('tells a crash before the data from one after it', () => {
    const { store } = newStore();
    store.insert(entry('before', '2026-12-01T08:00:00.000Z'));
    store.insert(entry('after', '2026-12-01T08:00:00.000Z'));
    store.claim('before', 111, '2026-12-01T09:00:00.000Z');
    store.claim('after', 111, '2026-12-01T09:00:00.000Z');
    store.markData('after');
    expect(store.orphans(() => true)).toEqual([]);
    const orphans = store.orphans((pid) => pid !== 111);
    expect(orphans.map((o) => [o.id, o.phase])).toEqual([
      ['after', 'data'],
      ['before', 'connecting'],
    ]);
  });

  it('records a sent message in the sent log once, with who sent it', () => {
    const { store } = newStore();
    store.insert(entry('a', '2026-12-01T08:00:00.000Z'));
    const record = {
      messageId: '<a@binhphuoc.gov.vn>',
      accountId: 'acc',
      sentAt: '2026-12-01T08:00:01.000Z',
      sender: 'canbo1@binhphuoc.gov.vn',
      from: 'vanphong@binhphuoc.gov.vn',
      recipients: ['canbo1@binhphuoc.gov.vn'],
      subject: 'Thử',
      receiptRequested: true,
    };
    store.markSent('a', record.sentAt, [], record);
    store.markSent('a', record.sentAt, [], record);
    expect(store.sentLog('acc')).toEqual([record]);
    expect(store.get('a')).toMatchObject({ status: 'sent', sentCopy: 'pending', claimedBy: null });
  });
});
