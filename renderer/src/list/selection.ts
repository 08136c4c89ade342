// Multi-selection for a list that is never fully loaded. Rows are selected by
// key (folder + UID), so a selection survives pages being refetched or
// dropped; "select all" is a flag (with exceptions) rather than 100,000 keys.
// The anchor (start of Shift ranges) and the focus (the keyboard cursor) are
// row indexes in the current view.

export interface Selection {
  /** When true every row is selected except those in `keys`; else exactly `keys`. */
  all: boolean;
  keys: ReadonlySet<string>;
  anchor: number | null;
  focus: number | null;
  focusKey: string | null;
}

export const EMPTY_SELECTION: Selection = { all: false, keys: new Set(), anchor: null, focus: null, focusKey: null };

export function isSelected(sel: Selection, key: string): boolean {
  return sel.all ? !sel.keys.has(key) : sel.keys.has(key);
}

export function selectedCount(sel: Selection, total: number): number {
  return sel.all ? Math.max(0, total - sel.keys.size) : sel.keys.size;
}

/** Plain click or arrow key: this row only. */
export function selectOnly(index: number, key: string): Selection {
  return { all: false, keys: new Set([key]), anchor: index, focus: index, focusKey: key };
}

/** Ctrl/Cmd+click: add or remove one row, keep the rest. */
export function toggleRow(sel: Selection, index: number, key: string): Selection {
  const keys = new Set(sel.keys);
  if (keys.has(key)) keys.delete(key);
  else keys.add(key);
  return { ...sel, keys, anchor: index, focus: index, focusKey: key };
}

/**
 * Shift+click or Shift+arrow: the rows from the anchor to `index` (whose keys
 * the caller loaded); with Ctrl also kept the previous selection.
 */
export function selectRange(
  sel: Selection,
  index: number,
  focusKey: string,
  rangeKeys: readonly string[],
  additive: boolean,
): Selection {
  const keys = new Set(additive && !sel.all ? sel.keys : []);
  for (const k of rangeKeys) keys.add(k);
  return { all: false, keys, anchor: sel.anchor ?? index, focus: index, focusKey };
}

/** Ctrl+A. */
export function selectAll(sel: Selection): Selection {
  return { ...sel, all: true, keys: new Set() };
}

/** Moves the keyboard cursor without changing what is selected (Ctrl+arrow). */
export function moveFocus(sel: Selection, index: number, key: string): Selection {
  return { ...sel, focus: index, focusKey: key };
}

/** The anchor..index interval, in order. */
export function rangeBounds(sel: Selection, index: number): [number, number] {
  const anchor = sel.anchor ?? index;
  return anchor <= index ? [anchor, index] : [index, anchor];
}
