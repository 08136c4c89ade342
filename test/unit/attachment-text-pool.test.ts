// The attachment-text pool keeps one 'error' listener on its piscina however many documents it
// reads (it used to add one per document: MaxListenersExceededWarning after ten).
import type { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { AttachmentTextPool } from '../../electron/services/index/attachment-text.ts';

const pool = new AttachmentTextPool();
afterAll(() => pool.close());

describe('AttachmentTextPool', () => {
  it('adds one error listener per pool, not one per document', async () => {
    const empty = Buffer.from('%PDF-1.4\n%%EOF\n');
    for (let i = 0; i < 12; i++) await pool.extract('pdf', `van-ban-${i}.pdf`, empty);
    const threads = (pool as unknown as { pool: EventEmitter }).pool;
    expect(threads.listenerCount('error')).toBe(1);
  });
});
