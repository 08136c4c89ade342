// A hand-written virtualized list: fixed row height, rows absolutely
// positioned inside a spacer as tall as the whole list, and only the rows in
// (and a little around) the viewport rendered. Scrolling through 100,000
// rows therefore costs the same as scrolling through 30.
import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type HTMLAttributes,
  type ReactNode,
  type Ref,
} from 'react';

export interface VirtualListHandle {
  /** Scrolls the least needed to show row `index`. */
  scrollToIndex(index: number): void;
  /** Rows that fit in the viewport (for PageUp/PageDown). */
  pageSize(): number;
  focus(): void;
  element(): HTMLDivElement | null;
}

interface Props extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'onScroll'> {
  count: number;
  rowHeight: number;
  /** Extra rows rendered above and below the viewport. */
  overscan?: number;
  /** Hard cap on rendered rows, whatever the viewport height. */
  maxRows?: number;
  renderRow(index: number, top: number): ReactNode;
  onRangeChange?(start: number, end: number): void;
  ref?: Ref<VirtualListHandle>;
}

export function VirtualList({
  count,
  rowHeight,
  overscan = 5,
  maxRows = 60,
  renderRow,
  onRangeChange,
  className,
  ref,
  ...rest
}: Props) {
  const el = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const node = el.current;
    if (!node) return;
    setHeight(node.clientHeight || 600);
    const observer = new ResizeObserver(() => setHeight(node.clientHeight || 600));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  const visible = Math.ceil(height / rowHeight) + 1;
  const pad = Math.max(0, Math.min(overscan, Math.floor((maxRows - visible) / 2)));
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - pad);
  const last = Math.min(count, first + Math.min(maxRows, visible + 2 * pad));

  // Announced again when the listener changes: a new data source must learn
  // which rows are on screen even if the user has not scrolled since.
  useEffect(() => {
    onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  useImperativeHandle(
    ref,
    () => ({
      scrollToIndex(index: number) {
        const node = el.current;
        if (!node) return;
        const top = index * rowHeight;
        if (top < node.scrollTop) node.scrollTop = top;
        else if (top + rowHeight > node.scrollTop + node.clientHeight)
          node.scrollTop = top + rowHeight - node.clientHeight;
      },
      pageSize: () => Math.max(1, Math.floor((el.current?.clientHeight ?? height) / rowHeight) - 1),
      focus: () => el.current?.focus({ preventScroll: true }),
      element: () => el.current,
    }),
    [rowHeight, height],
  );

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i, i * rowHeight));

  return (
    <div
      ref={el}
      className={`vlist${className ? ` ${className}` : ''}`}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      {...rest}
    >
      <div className="vlist-spacer" role="presentation" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
