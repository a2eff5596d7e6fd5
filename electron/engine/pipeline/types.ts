import type { FALLBACK_MODES, SERVING_PATTERNS } from '../scenario/schema';

export type FallbackMode = (typeof FALLBACK_MODES)[number];
export type ServingPattern = (typeof SERVING_PATTERNS)[number];
