import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Returns a ref that always holds the latest `value`, updated after each render. Callbacks that
 * read it stay stable (so memoised children and listeners are not replaced on every snapshot)
 * yet never act on stale state.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
