// What the mail view's actions act on and what it selects afterwards
// (renderer/src/main/model/targetRows.ts): the selection (also rows whose
// page was dropped since), "select all" with exceptions, else the open
// message; after a move, the row that took the place of the first one moved.
import { describe, expect, it } from 'vitest';
import type { CachedSummary } from '../../shared/mail.ts';
import { replacementFor, targetRows } from '../../renderer/src/main/model/targetRows.ts';
import { toRow, type ListRow } from '../../renderer/src/list/rows.ts';
import { EMPTY_SELECTION, selectAll, selectOnly, toggleRow } from '../../renderer/src/list/selection.ts';
import { ArraySource } from '../../renderer/src/list/sources.ts';

function row(uid: number): ListRow {
  const msg: CachedSummary = {
    folder: 'INBOX',
    uid,
    date: new Date(Date.UTC(2026, 10, 1) + uid * 60_000).toISOString(),
    from: [{ name: 'Văn phòng UBND tỉnh', address: 'vanphong@binhphuoc.gov.vn' }],
    to: [],
    subject: `Công văn ${uid}`,
    flags: [],
    size: 1024,
    hasAttachments: false,
    threadId: `t-${uid}`,
    isDirective: false,
    urgency: 0,
    snippet: '',
  };
  return toRow(msg);
}

const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(row) as [ListRow, ListRow, ListRow, ListRow, ListRow];
const uids = (rows: readonly ListRow[]) => rows.map((r) => r.msg.uid);
const none = () => null;

describe('targetRows', () => {
  it('takes the selected rows, also one only remembered from a page dropped since', async () => {
    const source = new ArraySource([a, b, c]);
    const selection = toggleRow(selectOnly(0, a.key), 3, d.key);
    expect(uids(await targetRows(source, selection, new Map([[d.key, d]]), none))).toEqual([1, 4]);
  });

  it('"select all" takes every row but the exceptions', async () => {
    const source = new ArraySource([a, b, c, d]);
    const selection = toggleRow(selectAll(selectOnly(0, a.key)), 1, b.key);
    expect(uids(await targetRows(source, selection, new Map(), none))).toEqual([1, 3, 4]);
  });

  it('without a selection, the open message; without one either, nothing', async () => {
    const source = new ArraySource([a, b]);
    expect(uids(await targetRows(source, EMPTY_SELECTION, new Map(), () => e))).toEqual([5]);
    expect(await targetRows(source, EMPTY_SELECTION, new Map(), none)).toEqual([]);
  });
});

describe('replacementFor', () => {
  it('selects, and opens if the open one left, the row now where the first moved one was', async () => {
    const after = new ArraySource([a, b, d, e]); // c (index 2) was moved away
    const next = await replacementFor(after, selectOnly(2, c.key), [c], c.key, true);
    expect(next.selection).toEqual(selectOnly(2, d.key));
    expect(next.open?.key).toBe(d.key);
    expect(next.closeOpened).toBe(false);
  });

  it('keeps the reader on a message that did not move', async () => {
    const after = new ArraySource([a, b, d, e]);
    const next = await replacementFor(after, selectOnly(2, c.key), [c], a.key, true);
    expect(next.selection).toEqual(selectOnly(2, d.key));
    expect(next.open).toBeNull();
    expect(next.closeOpened).toBe(false);
  });

  it('at the end of the list, takes the row before', async () => {
    const after = new ArraySource([a, b]); // c, the last row, was moved away
    const next = await replacementFor(after, selectOnly(2, c.key), [c], c.key, true);
    expect(next.selection).toEqual(selectOnly(1, b.key));
    expect(next.open?.key).toBe(b.key);
  });

  it('search hits and directives only lose the selection, and the reader closes if its message left', async () => {
    const after = new ArraySource([a, b, d]);
    const next = await replacementFor(after, selectOnly(2, c.key), [c], c.key, false);
    expect(next).toEqual({ selection: EMPTY_SELECTION, open: null, closeOpened: true });
  });

  it('an emptied folder selects nothing', async () => {
    const next = await replacementFor(new ArraySource([]), selectOnly(0, a.key), [a], null, true);
    expect(next).toEqual({ selection: EMPTY_SELECTION, open: null, closeOpened: false });
  });
});
