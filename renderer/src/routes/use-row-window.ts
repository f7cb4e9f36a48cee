import { type RefObject, useCallback, useLayoutEffect, useState } from 'react';

export interface RowWindow {
  /** The rows to draw, first to last (exclusive), overscan included. */
  first: number;
  last: number;
  /** Height of all the rows: what the body is, so the scrollbar spans the whole table. */
  height: number;
  /** Scrolls the least that brings a row into view below the sticky header. */
  scrollToRow(index: number): void;
}

/**
 * Which rows of a fixed-height table are on screen, worked out from the scroll position alone:
 * O(1) whatever the row count. A general virtualizer measures every row again whenever the count
 * changes (a million-route table grows every 100 ms while it loads, and a filter changes it).
 */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  options: { count: number; rowHeight: number; headerHeight: number; overscan: number },
): RowWindow {
  const { count, rowHeight, headerHeight, overscan } = options;
  const [view, setView] = useState({ top: 0, height: 0 });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const read = () => setView({ top: element.scrollTop, height: element.clientHeight });
    read();
    element.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', read);
      resize.disconnect();
    };
  }, [scrollRef]);

  const shownFrom = Math.floor(view.top / rowHeight);
  const shownTo = Math.ceil((view.top + Math.max(0, view.height - headerHeight)) / rowHeight);
  const first = Math.max(0, Math.min(count, shownFrom - overscan));
  const last = Math.max(first, Math.min(count, shownTo + overscan));

  const scrollToRow = useCallback(
    (index: number) => {
      const element = scrollRef.current;
      if (!element) return;
      // Rows sit below the header in the scrolled content; the header stays on top of them.
      const top = headerHeight + index * rowHeight;
      if (top < element.scrollTop + headerHeight) element.scrollTop = top - headerHeight;
      else if (top + rowHeight > element.scrollTop + element.clientHeight)
        element.scrollTop = top + rowHeight - element.clientHeight;
    },
    [scrollRef, rowHeight, headerHeight],
  );

  return { first, last, height: count * rowHeight, scrollToRow };
}
