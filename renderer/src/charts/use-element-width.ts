import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * Returns a ref and the current content width of the element it is attached to, in CSS px.
 * Charts size themselves to their container, so panels reflow with the window and the zoom.
 */
export function useElementWidth<T extends HTMLElement>(
  fallback = 400,
): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.floor(el.clientWidth) || fallback);
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      // Ignore zero widths from hidden panels; keep the last real layout.
      if (w > 0) setWidth((prev) => (Math.abs(prev - w) >= 1 ? w : prev));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallback]);
  return [ref, width];
}
