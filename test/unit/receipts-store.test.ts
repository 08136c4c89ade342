// Read receipts kept locally: which receipt wins, UIDs looked at per UIDVALIDITY, the view per
// recipient (waiting only for messages sent with a request), and the sent log's new column added
// to an outbox file written before it existed.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReceiptStore } from '../../electron/services/receipts/receipt-store.ts';
import { receiptsView } from '../../electron/services/receipts/receipts-view.ts';
import { OutboxStore, type SentRecord } from '../../electron/services/send/outbox-store.ts';
import { tempDir } from '../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dir(): string {
  const t = tempDir('um-receipts-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function store(): ReceiptStore {
  const s = new ReceiptStore(join(dir(), 'receipts.sqlite'));
  cleanups.unshift(() => s.close());
  return s;
}

const receipt = (state: 'displayed' | 'deleted' | 'dispatched' | 'processed', at: string) => ({
  messageId: '<m1@binhphuoc.gov.vn>',
  recipient: 'canbo3@binhphuoc.gov.vn',
  state,
  at,
  mdnMessageId: null,
});

describe('ReceiptStore', () => {
  it('keeps "displayed" once it came; a stronger receipt replaces a weaker one', () => {
    const s = store();
    expect(s.record('a', receipt('dispatched', '2026-12-01T01:00:00.000Z'))).toBe(true);
    expect(s.record('a', receipt('displayed', '2026-12-01T02:00:00.000Z'))).toBe(true);
    expect(s.record('a', receipt('deleted', '2026-12-01T03:00:00.000Z'))).toBe(false);
    expect(s.record('a', receipt('displayed', '2026-12-01T04:00:00.000Z'))).toBe(false);
    expect(s.list('a')).toEqual([receipt('displayed', '2026-12-01T02:00:00.000Z')]);
    expect(s.list('b')).toEqual([]);
  });

  it('forgets the UIDs looked at when UIDVALIDITY changes', () => {
    const s = store();
    s.markScanned('a', 'INBOX', '7', 3);
    s.markScanned('a', 'INBOX', '7', 5);
    expect([...s.scanned('a', 'INBOX', '7')].sort()).toEqual([3, 5]);
    expect(s.scanned('a', 'INBOX', '8').size).toBe(0);
    expect(s.scanned('a', 'INBOX', '7').size).toBe(0);
  });
});

const record = (messageId: string, receiptRequested: boolean, sentAt: string): SentRecord => ({
  messageId,
  accountId: 'a',
  sentAt,
  sender: 'vanphong@binhphuoc.gov.vn',
  from: 'vanphong@binhphuoc.gov.vn',
  recipients: ['CanBo3@binhphuoc.gov.vn', 'canbo4@binhphuoc.gov.vn'],
  subject: messageId,
  receiptRequested,
});

describe('receiptsView', () => {
  it('lists messages sent with a request, newest first, each recipient read or waiting', () => {
    const view = receiptsView(
      [
        record('<m1@binhphuoc.gov.vn>', true, '2026-12-01T00:00:00.000Z'),
        record('<m2@binhphuoc.gov.vn>', false, '2026-12-02T00:00:00.000Z'),
        record('<m3@binhphuoc.gov.vn>', true, '2026-12-03T00:00:00.000Z'),
      ],
      [
        receipt('displayed', '2026-12-01T02:00:00.000Z'),
        { ...receipt('deleted', '2026-12-01T05:00:00.000Z'), recipient: 'bi-danh@binhphuoc.gov.vn' },
      ],
    );
    expect(view.map((m) => m.messageId)).toEqual(['<m3@binhphuoc.gov.vn>', '<m1@binhphuoc.gov.vn>']);
    expect(view[1]?.recipients).toEqual([
      { recipient: 'canbo3@binhphuoc.gov.vn', state: 'displayed', at: '2026-12-01T02:00:00.000Z' },
      { recipient: 'canbo4@binhphuoc.gov.vn', state: 'waiting', at: null },
      { recipient: 'bi-danh@binhphuoc.gov.vn', state: 'deleted', at: '2026-12-01T05:00:00.000Z' },
    ]);
    expect(view[0]?.recipients.map((r) => r.state)).toEqual(['waiting', 'waiting']);
  });
});

describe('the sent log records receipt requests', () => {
  it('adds the column to a file made before it, and keeps its rows', () => {
    const file = join(dir(), 'outbox.sqlite');
    const old = new DatabaseSync(file);
    old.exec(`CREATE TABLE sent_log (message_id TEXT NOT NULL, account_id TEXT NOT NULL, sent_at TEXT NOT NULL,
      sender TEXT NOT NULL, from_address TEXT NOT NULL, recipients TEXT NOT NULL, subject TEXT NOT NULL,
      PRIMARY KEY (message_id, account_id))`);
    old
      .prepare('INSERT INTO sent_log VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('<old@binhphuoc.gov.vn>', 'a', '2026-11-30T00:00:00.000Z', 'x', 'x', '["y@binhphuoc.gov.vn"]', 'Cũ');
    old.close();
    const s = new OutboxStore(file);
    cleanups.unshift(() => s.close());
    expect(s.sentLog('a')).toEqual([
      expect.objectContaining({ messageId: '<old@binhphuoc.gov.vn>', receiptRequested: false }),
    ]);
    s.markSent(
      'nope',
      '2026-12-01T00:00:00.000Z',
      [],
      record('<new@binhphuoc.gov.vn>', true, '2026-12-01T00:00:00.000Z'),
    );
    expect(s.sentLog('a').map((r) => r.receiptRequested)).toEqual([false, true]);
    // Opening it again does not add the column twice.
    new OutboxStore(file).close();
  });
});
