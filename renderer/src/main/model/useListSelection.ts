// Multi-selection in the list as mail clients do it: click, Ctrl+click,
// Shift+click, the arrow keys with Shift (extend) or Ctrl (cursor only), and
// select all. A different view starts with nothing selected (rows are keyed,
// so a refreshed list of the same view keeps its selection).
import { useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useStable } from '../../hooks/useStable.ts';
import type { ListRow } from '../../list/rows.ts';
import {
  EMPTY_SELECTION,
  moveFocus,
  rangeBounds,
  selectAll,
  selectOnly,
  selectRange,
  toggleRow,
  type Selection,
} from '../../list/selection.ts';
import type { MoveTarget } from '../../list/shortcuts.ts';
import type { RowSource } from '../../list/sources.ts';
import type { VirtualListHandle } from '../../list/VirtualList.tsx';

export interface ListSelection {
  selection: Selection;
  set(selection: Selection): void;
  /** Rows seen while building a selection, for acting on rows whose page was dropped since. */
  known: RefObject<Map<string, ListRow>>;
  onRowClick(index: number, row: ListRow, event: MouseEvent): void;
  /** Arrow keys, Home/End, PageUp/PageDown: move, extend (Shift) or move the cursor only (Ctrl). */
  moveCursor(to: MoveTarget, extend: boolean, cursorOnly: boolean): Promise<void>;
  selectAll(): void;
  /** The row under the keyboard cursor, if loaded. */
  focusedRow(): ListRow | undefined;
}

function cursorTarget(to: MoveTarget, cur: number | null, total: number, page: number): number {
  const steps: Record<MoveTarget, number> = {
    up: cur === null ? 0 : cur - 1,
    down: cur === null ? 0 : cur + 1,
    home: 0,
    end: total - 1,
    pageUp: (cur ?? 0) - page,
    pageDown: (cur ?? 0) + page,
  };
  return Math.max(0, Math.min(total - 1, steps[to]));
}

export function useListSelection(opts: {
  source: RowSource;
  /** Identifies what the list shows; the selection is cleared when it changes. */
  viewKey: string;
  listRef: RefObject<VirtualListHandle | null>;
  onOpen(row: ListRow): void;
}): ListSelection {
  const { source, viewKey, listRef } = opts;
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const knownRows = useRef(new Map<string, ListRow>());
  const [selectionView, setSelectionView] = useState(viewKey);
  if (selectionView !== viewKey) {
    setSelectionView(viewKey);
    setSelection(EMPTY_SELECTION);
  }

  const rangeTo = useStable(async (index: number, key: string, additive: boolean) => {
    const [a, b] = rangeBounds(selection, index);
    const rows = await source.load(a, b + 1);
    if (!additive) knownRows.current = new Map();
    for (const r of rows) knownRows.current.set(r.key, r);
    const keys = rows.map((r) => r.key);
    setSelection((s) => selectRange(s, index, key, keys, additive));
  });

  const onRowClick = useStable((index: number, row: ListRow, event: MouseEvent) => {
    listRef.current?.focus();
    if (event.shiftKey) void rangeTo(index, row.key, event.ctrlKey || event.metaKey);
    else if (event.ctrlKey || event.metaKey) setSelection((s) => toggleRow(s, index, row.key));
    else {
      setSelection(selectOnly(index, row.key));
      opts.onOpen(row);
    }
  });

  const moveCursor = useStable(async (to: MoveTarget, extend: boolean, cursorOnly: boolean) => {
    const total = source.total() ?? 0;
    if (total === 0) return;
    const next = cursorTarget(to, selection.focus, total, listRef.current?.pageSize() ?? 10);
    listRef.current?.scrollToIndex(next);
    const row = source.row(next) ?? (await source.load(next, next + 1))[0];
    if (!row) return;
    if (extend) await rangeTo(next, row.key, false);
    else if (cursorOnly) setSelection((s) => moveFocus(s, next, row.key));
    else setSelection(selectOnly(next, row.key));
  });

  return {
    selection,
    set: setSelection,
    known: knownRows,
    onRowClick,
    moveCursor,
    selectAll: () => setSelection((s) => selectAll(s)),
    focusedRow: () => (selection.focus === null ? undefined : source.row(selection.focus)),
  };
}
