import { CSSProperties, forwardRef, ReactNode, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';

export interface VirtualListHandle {
  scrollToIndex(index: number): void;
}

interface Props<T> {
  items: readonly T[];
  itemKey: (item: T, index: number) => string;
  /** estimated height of an item not yet measured, px */
  estimate: (item: T) => number;
  render: (item: T, index: number) => ReactNode;
  height: number | string;
  overscan?: number;
  className?: string;
  'aria-label'?: string;
  style?: CSSProperties;
}

/**
 * Windowing for long lists of rows of different heights (a 1,000-clause draft): only the rows in
 * view (plus a margin) are in the DOM; each rendered row is measured and its height remembered.
 */
function VirtualListInner<T>(props: Props<T>, ref: React.ForwardedRef<VirtualListHandle>) {
  const { items, itemKey, estimate, render, height, overscan = 600, className, style } = props;
  const outer = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const [tick, setTick] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);
  const observer = useRef<ResizeObserver | null>(null);
  const pending = useRef(false);
  const topIndex = useRef(0);

  const offsets = useMemo(() => {
    const out = new Array<number>(items.length + 1);
    out[0] = 0;
    for (let i = 0; i < items.length; i++) out[i + 1] = out[i] + (heights.current.get(itemKey(items[i], i)) ?? estimate(items[i]));
    return out;
    // tick: a row was measured
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, tick, itemKey, estimate]);

  useEffect(() => {
    observer.current = new ResizeObserver((entries) => {
      let changed = false;
      let shift = 0;
      for (const e of entries) {
        const el = e.target as HTMLElement;
        const key = el.dataset.vkey;
        if (!key) continue;
        const h = Math.ceil(el.getBoundingClientRect().height);
        const before = heights.current.get(key) ?? Number(el.dataset.vest);
        if (h > 0 && heights.current.get(key) !== h) {
          heights.current.set(key, h);
          changed = true;
          // a row above the one at the top changed height: keep what the reader sees where it is
          if (Number(el.dataset.vindex) < topIndex.current) shift += h - before;
        }
      }
      if (shift && outer.current) {
        outer.current.scrollTop += shift;
        setScrollTop(outer.current.scrollTop);
      }
      if (changed && !pending.current) {
        pending.current = true;
        requestAnimationFrame(() => {
          pending.current = false;
          setTick((t) => t + 1);
        });
      }
    });
    return () => observer.current?.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = outer.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const total = offsets[items.length];
  const top = Math.max(0, scrollTop - overscan);
  const bottom = scrollTop + viewport + overscan;
  let start = 0;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1] <= top) lo = mid + 1;
    else hi = mid;
  }
  start = lo;
  // the row at the top edge of the viewport (rows above it are overscan)
  let atTop = start;
  while (atTop < items.length && offsets[atTop + 1] <= scrollTop) atTop++;
  topIndex.current = atTop;
  let end = start;
  while (end < items.length && offsets[end] < bottom) end++;

  const measure = useCallback((el: HTMLDivElement) => {
    observer.current?.observe(el);
    return () => observer.current?.unobserve(el);
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      scrollToIndex(index: number) {
        const el = outer.current;
        if (!el) return;
        el.scrollTop = offsets[Math.max(0, Math.min(index, items.length - 1))] ?? 0;
        setScrollTop(el.scrollTop);
        // rows measured on the way move the target: align again until it stays put (a few frames at most),
        // unless the reader has scrolled meanwhile (then the list is theirs)
        let tries = 8;
        let placed = el.scrollTop;
        const settle = () => {
          const again = outer.current;
          if (!again || Math.abs(again.scrollTop - placed) >= 1) return;
          const row = again.querySelector<HTMLElement>(`[data-vindex="${index}"]`);
          const delta = row ? row.getBoundingClientRect().top - again.getBoundingClientRect().top : 0;
          if (Math.abs(delta) >= 1) {
            again.scrollTop += delta;
            placed = again.scrollTop;
            setScrollTop(again.scrollTop);
          }
          if ((Math.abs(delta) >= 1 || !row) && --tries > 0) requestAnimationFrame(settle);
        };
        requestAnimationFrame(settle);
      },
    }),
    [offsets, items.length],
  );

  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const item = items[i];
    const key = itemKey(item, i);
    rows.push(
      <Measured key={key} vkey={key} index={i} total={items.length} estimate={offsets[i + 1] - offsets[i]} observe={measure}>
        {render(item, i)}
      </Measured>,
    );
  }

  return (
    <div
      ref={outer}
      className={`vlist ${className ?? ''}`}
      style={{ height, overflowY: 'auto', position: 'relative', ...style }}
      onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)}
      tabIndex={0}
      role="list"
      aria-label={props['aria-label']}
    >
      <div style={{ height: total, position: 'relative' }}>
        <div style={{ position: 'absolute', top: offsets[start] ?? 0, left: 0, right: 0 }}>{rows}</div>
      </div>
    </div>
  );
}

function Measured({ vkey, index, total, estimate, observe, children }: { vkey: string; index: number; total: number; estimate: number; observe: (el: HTMLDivElement) => () => void; children: ReactNode }) {
  const el = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => (el.current ? observe(el.current) : undefined), [observe]);
  return (
    <div ref={el} data-vkey={vkey} data-vindex={index} data-vest={estimate} role="listitem" aria-posinset={index + 1} aria-setsize={total}>
      {children}
    </div>
  );
}

export const VirtualList = forwardRef(VirtualListInner) as <T>(props: Props<T> & { ref?: React.Ref<VirtualListHandle> }) => ReturnType<typeof VirtualListInner>;
