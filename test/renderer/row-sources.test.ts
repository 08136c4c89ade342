// The message list's row sources keep optimistic flag changes on screen
// while pages that were requested before the server applied them come back
// (the race behind "press S twice quickly and the flag comes back").
import { describe, expect, it } from 'vitest';
import type { CachedSummary, MessagePage } from '../../shared/mail.ts';
import { PendingPatches } from '../../renderer/src/list/pending-patches.ts';
import { rowKey, withFlags } from '../../renderer/src/list/rows.ts';
import { PagedSource, ThreadSource } from '../../renderer/src/list/sources.ts';

const FLAGGED = '\\Flagged';

function summary(uid: number, flags: string[]): CachedSummary {
  return {
    folder: 'INBOX',
    uid,
    date: new Date(Date.UTC(2026, 10, 1) + uid * 60_000).toISOString(),
    from: [{ name: 'Sở Nội vụ', address: 'sonoivu@binhphuoc.gov.vn' }],
    to: [{ name: '', address: 'vanphong@binhphuoc.gov.vn' }],
    subject: `Công văn ${uid}`,
    flags,
    size: 2048,
    hasAttachments: false,
    threadId: `t-${uid}`,
    isDirective: false,
    urgency: 0,
    snippet: '',
  };
}

/** A server whose answers the test releases one by one, each with the flags it had when asked. */
class ScriptedServer {
  flags: string[] = [];
  readonly waiting: Array<{ answer: MessagePage; release(): void }> = [];

  fetch = (offset: number, limit: number): Promise<MessagePage> =>
    new Promise((resolve) => {
      const answer = { total: 1, offset, rows: offset === 0 && limit > 0 ? [summary(7, [...this.flags])] : [] };
      this.waiting.push({ answer, release: () => resolve(answer) });
    });

  async releaseNext(): Promise<void> {
    this.waiting.shift()?.release();
    await new Promise((r) => setTimeout(r, 0));
  }
}

const KEY = rowKey('INBOX', 7);
const flag = (m: CachedSummary) => ({ ...m, flags: withFlags(m.flags, [FLAGGED], []) });
const unflag = (m: CachedSummary) => ({ ...m, flags: withFlags(m.flags, [], [FLAGGED]) });

describe('PagedSource with optimistic changes', () => {
  it('keeps a change while a page asked for before it comes back, and lets later pages speak', async () => {
    const server = new ScriptedServer();
    const source = new PagedSource(server.fetch);
    await server.releaseNext();
    expect(source.row(0)?.msg.flags).toEqual([]);

    source.invalidate(); // something else changed: a reload is on its way, with the old flags
    const patch = source.patch(new Set([KEY]), flag);
    expect(source.row(0)?.msg.flags).toEqual([FLAGGED]);
    await server.releaseNext();
    expect(source.row(0)?.msg.flags).toEqual([FLAGGED]);

    server.flags = [FLAGGED]; // the server applied it
    source.invalidate(); // asked for before the call came back: still covered
    patch.settle(true);
    server.flags = []; // someone else removes the flag on the server afterwards
    source.invalidate();
    await server.releaseNext();
    expect(source.row(0)?.msg.flags).toEqual([FLAGGED]);
    await server.releaseNext();
    expect(source.row(0)?.msg.flags).toEqual([]);
    source.dispose();
  });

  it('drops a failed change: the next answer shows the server as it is', async () => {
    const server = new ScriptedServer();
    server.flags = [FLAGGED];
    const source = new PagedSource(server.fetch);
    await server.releaseNext();
    const patch = source.patch(new Set([KEY]), unflag);
    source.invalidate();
    patch.settle(false);
    await server.releaseNext();
    expect(source.row(0)?.msg.flags).toEqual([FLAGGED]);
    source.dispose();
  });

  it('applies the change to rows fetched for a range (load) while the call runs', async () => {
    const server = new ScriptedServer();
    const source = new PagedSource(server.fetch);
    await server.releaseNext();
    source.invalidate();
    const patch = source.patch(new Set([KEY]), flag);
    const loading = source.load(0, 1);
    await server.releaseNext(); // the reload
    await server.releaseNext(); // the range
    expect((await loading).map((r) => r.msg.flags)).toEqual([[FLAGGED]]);
    patch.settle(true);
    source.dispose();
  });
});

describe('ThreadSource with optimistic changes', () => {
  it('keeps a change through a reload that was asked for before the server applied it', async () => {
    const server = new ScriptedServer();
    const source = new ThreadSource(server.fetch, async () => [], 10);
    await server.releaseNext();
    source.invalidate();
    const patch = source.patch(new Set([KEY]), flag);
    await server.releaseNext();
    expect(source.row(0)?.msg.flags).toEqual([FLAGGED]);
    patch.settle(true);
    source.dispose();
  });
});

describe('PendingPatches', () => {
  it('forgets a settled change once no fetch from before it is running', () => {
    const pending = new PendingPatches();
    const before = pending.begin();
    const patch = pending.add(new Set([KEY]), flag);
    patch.settle(true);
    expect(pending.size()).toBe(1);
    const after = pending.begin();
    expect(pending.end(after, [summary(7, [])])[0]?.flags).toEqual([]);
    expect(pending.end(before, [summary(7, [])])[0]?.flags).toEqual([FLAGGED]);
    expect(pending.size()).toBe(0);
  });

  it('applies changes in the order they were made', () => {
    const pending = new PendingPatches();
    pending.add(new Set([KEY]), flag);
    pending.add(new Set([KEY]), unflag);
    const ticket = pending.begin();
    expect(pending.end(ticket, [summary(7, [])])[0]?.flags).toEqual([]);
  });
});
