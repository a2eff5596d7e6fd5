/** Branded units: mixing them up is a type error, not a silent bug. */
export type Millis = number & { readonly __unit: 'ms' };
export type Usd = number & { readonly __unit: 'usd' };
export type Probability = number & { readonly __unit: 'probability' };

export const MINUTE = 60_000 as Millis;
export const HOUR = 3_600_000 as Millis;
export const DAY = 86_400_000 as Millis;
