import type { FallbackMode, ServingPattern } from '../../../electron/engine/pipeline/types';

// Kept here, typed against the engine, so the page bundle does not pull in the scenario schema.

export const FALLBACK_CHOICES: { value: FallbackMode; label: string; help: string }[] = [
  {
    value: 'rule',
    label: 'Rule-based answer',
    help: 'A fixed business rule decides when the model cannot.',
  },
  {
    value: 'manual-review',
    label: 'Manual review',
    help: 'People decide; costs review capacity and time.',
  },
  {
    value: 'fail-open',
    label: 'Fail open (skip the check)',
    help: 'Requests pass unchecked: fast, but harm goes unseen.',
  },
  {
    value: 'error',
    label: 'Return an error',
    help: 'The caller gets an error and must retry or give up.',
  },
];

export const PATTERN_CHOICES: { value: ServingPattern; label: string; help: string }[] = [
  {
    value: 'sync',
    label: 'Synchronous with a timeout',
    help: 'Fresh answers; latency and timeouts hit the caller.',
  },
  {
    value: 'async-queue',
    label: 'Asynchronous queue',
    help: 'No caller timeouts; decisions arrive later.',
  },
  { value: 'batch', label: 'Precomputed batch scores', help: 'Cheap and fast; scores go stale.' },
  {
    value: 'cache',
    label: 'Cached answers',
    help: 'Repeat requests are cheap; new ones pay full price.',
  },
];
