import { createContext, useContext } from 'react';

/** Pixels per rem: grows with the presentation zoom so chart margins grow with their labels. */
export const RemContext = createContext(16);

/** Returns the px size of `rem` root-em units at the current zoom. */
export function useRem(): (rem: number) => number {
  const px = useContext(RemContext);
  return (rem) => rem * px;
}
