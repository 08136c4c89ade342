// Which rows an action applies to, and what to select once rows have left
// the view. Pure over the row source, so the same rules serve the toolbar,
// the reader's buttons and the shortcuts.
import type { ListRow } from '../../list/rows.ts';
import { EMPTY_SELECTION, selectOnly, type Selection } from '../../list/selection.ts';
import type { RowSource } from '../../list/sources.ts';

/** The rows the toolbar and shortcuts act on: the selection, else the open message. */
export async function targetRows(
  source: RowSource,
  selection: Selection,
  known: ReadonlyMap<string, ListRow>,
  openedRow: () => ListRow | null,
): Promise<ListRow[]> {
  let rows: ListRow[];
  if (selection.all) {
    const total = source.total() ?? 0;
    rows = (await source.load(0, total)).filter((r) => !selection.keys.has(r.key));
  } else if (selection.keys.size > 0) {
    rows = [];
    for (const key of selection.keys) {
      const row = source.rowByKey(key) ?? known.get(key);
      if (row) rows.push(row);
    }
  } else {
    const row = openedRow();
    rows = row ? [row] : [];
  }
  return withConversations(source, rows);
}

/** A folded conversation stands for all its messages. */
function withConversations(source: RowSource, rows: ListRow[]): ListRow[] {
  if (!source.members) return rows;
  const seen = new Map<string, ListRow>();
  for (const r of rows) {
    const group = r.depth === 0 && !r.expanded && (r.threadSize ?? 1) > 1 ? source.members(r.key) : [r];
    for (const m of group) seen.set(m.key, m);
  }
  return [...seen.values()];
}

export interface Replacement {
  selection: Selection;
  /** The row to open in the reader instead of the one that left, if it left and one took its place. */
  open: ListRow | null;
  /** The open message left and nothing took its place. */
  closeOpened: boolean;
}

/**
 * After rows left the view: select (and, if the open one left, open) what
 * took their place. Only a folder's list closes up; search hits and
 * directives just lose their selection.
 */
export async function replacementFor(
  source: RowSource,
  selection: Selection,
  gone: readonly ListRow[],
  openedKey: string | null,
  folderMode: boolean,
): Promise<Replacement> {
  // Where the first of them was: the selection's ends, and a few rows looked up (not 100,000).
  const indexes = [
    ...(selection.all ? [] : [selection.anchor, selection.focus]),
    ...gone.slice(0, 50).map((r) => source.indexOf(r.key)),
  ].filter((i): i is number => i !== null && i !== -1);
  const openedGone = openedKey !== null && gone.some((r) => r.key === openedKey);
  const nothing: Replacement = { selection: EMPTY_SELECTION, open: null, closeOpened: openedGone };
  if (indexes.length === 0 || !folderMode) return nothing;
  const index = Math.min(...indexes);
  const [next] = await source.load(index, index + 1);
  const fallback = next ?? (index > 0 ? (await source.load(index - 1, index))[0] : undefined);
  if (!fallback) return nothing;
  return {
    selection: selectOnly(source.indexOf(fallback.key), fallback.key),
    open: openedGone ? fallback : null,
    closeOpened: false,
  };
}
