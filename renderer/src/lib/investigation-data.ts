/**
 * Shapes of the `data` each investigation tool returns (see electron/engine/response/
 * investigations.ts). The host sends them as `unknown`; these guards check before drawing.
 */
import type { StageLatency } from '../../../electron/engine/pipeline/request-record';

export interface NumericDistribution {
  kind: 'numeric';
  field: string;
  unit: string;
  lo: number;
  hi: number;
  bins: number;
  reference: number[];
  current: number[];
  missingNow: number;
}

export interface CategoricalDistribution {
  kind: 'categorical';
  field: string;
  reference: Record<string, number>;
  current: Record<string, number>;
}

export interface SampleRow {
  id: number;
  t: number;
  source: string;
  payload: Record<string, number | string | boolean | null>;
  version: string;
  score: number | null;
  flagged: boolean;
  fallback: string;
  outcome: string;
  latencyMs: number;
  costUsd: number;
  label: 0 | 1 | null;
  correct?: boolean;
}

export interface ChangeEntry {
  id: string;
  at: number;
  kind: string;
  title: string;
  detail: string;
  revertible: boolean;
}

export interface Trace {
  id: number;
  t: number;
  source: string;
  outcome: string;
  attempts: number;
  fallback: string;
  latency: StageLatency;
}

export interface CostData {
  totalUsd: number;
  byStage: Record<string, number>;
  bySource: Record<string, { requests: number; costUsd: number; tokens: number; attempts: number }>;
}

export interface PerformanceData {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  accuracy: number | null;
  precision: number | null;
  recall: number | null;
  newestLabelledRequest: number | null;
  labelDelayMs: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const numbers = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'number');

export function asDistribution(d: unknown): NumericDistribution | CategoricalDistribution | null {
  if (!isRecord(d)) return null;
  if (
    d.kind === 'numeric' &&
    numbers(d.reference) &&
    numbers(d.current) &&
    typeof d.lo === 'number' &&
    typeof d.hi === 'number'
  ) {
    return d as unknown as NumericDistribution;
  }
  if (d.kind === 'categorical' && isRecord(d.reference) && isRecord(d.current))
    return d as unknown as CategoricalDistribution;
  return null;
}

export function asRows(d: unknown, key: 'rows' | 'cases'): SampleRow[] | null {
  return isRecord(d) && Array.isArray(d[key]) ? (d[key] as SampleRow[]) : null;
}

export function asChanges(d: unknown): ChangeEntry[] | null {
  return isRecord(d) && Array.isArray(d.entries) ? (d.entries as ChangeEntry[]) : null;
}

export function asTraces(d: unknown): Trace[] | null {
  return isRecord(d) && Array.isArray(d.traces) ? (d.traces as Trace[]) : null;
}

export function asCost(d: unknown): CostData | null {
  return isRecord(d) &&
    typeof d.totalUsd === 'number' &&
    isRecord(d.byStage) &&
    isRecord(d.bySource)
    ? (d as unknown as CostData)
    : null;
}

export function asPerformance(d: unknown): PerformanceData | null {
  return isRecord(d) && typeof d.n === 'number' ? (d as unknown as PerformanceData) : null;
}
