import type { FieldSpec, PipelineSpec } from '../scenario/schema';
import type { CleanPayload } from '../pipeline/validation';
import { ROW_BOOLEAN, ROW_NUMBER, ROW_STRING, type PayloadRow } from '../pipeline/payload-row';
import { categoriesOf } from '../world/field-sampler';

type Transform = PipelineSpec['transforms'][number];

interface Column {
  field: string;
  kind: 'number' | 'boolean' | 'category';
  transforms: Transform[];
  mean: number;
  sd: number;
  categories: string[];
  /** Payload row slot of the field (its index among the declared fields), -1 if undeclared. */
  slot: number;
  /** Category columns: position in `categories` of each baseline category, -1 if absent. */
  byBaseline: Int32Array;
}

/** How a model turns a clean payload into numbers; fitted on its training rows. */
export interface FeatureEncoder {
  columns: Column[];
  width: number;
}

function transformed(value: number, transforms: readonly Transform[]): number {
  let x = value;
  for (const t of transforms) {
    if (t.op === 'log1p') x = Math.log1p(Math.max(x, 0));
    else if (t.op === 'clip') x = Math.min(t.max, Math.max(t.min, x));
    else x *= t.factor;
  }
  return x;
}

/**
 * Fits an encoder: numbers are transformed then standardised on the training rows,
 * categories one-hot over the values seen in training (sorted, so order never depends on
 * arrival), booleans 0/1.
 */
export function fitEncoder(
  features: readonly string[],
  fields: readonly FieldSpec[],
  transforms: readonly Transform[],
  rows: readonly CleanPayload[],
): FeatureEncoder {
  const columns: Column[] = features.map((name) => {
    const slot = fields.findIndex((f) => f.name === name);
    const spec = slot >= 0 ? fields[slot] : undefined;
    const kind = spec?.type ?? 'number';
    const own = transforms.filter((t) => t.field === name);
    const noBaseline = new Int32Array(0);
    if (kind === 'number') {
      let sum = 0;
      let sumSq = 0;
      let n = 0;
      for (const r of rows) {
        const v = r[name];
        if (typeof v !== 'number' || !Number.isFinite(v)) continue;
        const x = transformed(v, own);
        sum += x;
        sumSq += x * x;
        n++;
      }
      const mean = n > 0 ? sum / n : 0;
      const sd = n > 1 ? Math.sqrt(Math.max(sumSq / n - mean * mean, 0)) : 1;
      return {
        field: name,
        kind,
        transforms: own,
        mean,
        sd: sd > 1e-12 ? sd : 1,
        categories: [],
        slot,
        byBaseline: noBaseline,
      };
    }
    const categories =
      kind === 'category'
        ? [
            ...new Set(
              rows
                .map((r) => r[name])
                .filter((v): v is string => typeof v === 'string' && v !== ''),
            ),
          ].sort()
        : [];
    const byBaseline =
      spec !== undefined && kind === 'category'
        ? Int32Array.from(categoriesOf(spec), (c) => categories.indexOf(c))
        : noBaseline;
    return { field: name, kind, transforms: own, mean: 0, sd: 1, categories, slot, byBaseline };
  });
  const width = columns.reduce((w, c) => w + (c.kind === 'category' ? c.categories.length : 1), 0);
  return { columns, width };
}

/** Writes the encoded row for `payload` into `out` (length `encoder.width`). */
export function encodeRow(
  encoder: FeatureEncoder,
  payload: CleanPayload,
  out: Float64Array,
  offset = 0,
): void {
  let j = offset;
  for (const c of encoder.columns) {
    const v = payload[c.field];
    if (c.kind === 'number') {
      const x = typeof v === 'number' && !Number.isNaN(v) ? transformed(v, c.transforms) : c.mean;
      out[j++] = Number.isFinite(x) ? (x - c.mean) / c.sd : 0;
    } else if (c.kind === 'boolean') {
      out[j++] = v === true ? 1 : 0;
    } else {
      for (const cat of c.categories) out[j++] = v === cat ? 1 : 0;
    }
  }
}

/**
 * `encodeRow` for a payload row (a valid one: see PayloadRow), writing the same numbers: the
 * hot path scores rows without building payload objects.
 */
export function encodePayloadRow(
  encoder: FeatureEncoder,
  row: PayloadRow,
  out: Float64Array,
): void {
  let j = 0;
  const columns = encoder.columns;
  for (let ci = 0; ci < columns.length; ci++) {
    const c = columns[ci];
    const slot = c.slot;
    const kind = slot >= 0 ? row.kind[slot] : -1;
    if (c.kind === 'number') {
      const v = row.num[slot];
      const x = kind === ROW_NUMBER && !Number.isNaN(v) ? transformed(v, c.transforms) : c.mean;
      out[j++] = Number.isFinite(x) ? (x - c.mean) / c.sd : 0;
    } else if (c.kind === 'boolean') {
      out[j++] = kind === ROW_BOOLEAN && row.num[slot] === 1 ? 1 : 0;
    } else {
      const start = j;
      const n = c.categories.length;
      for (let k = 0; k < n; k++) out[j++] = 0;
      if (kind === ROW_STRING) {
        const baseline = row.cat[slot];
        const at = baseline >= 0 ? c.byBaseline[baseline] : c.categories.indexOf(row.str[slot]);
        if (at >= 0) out[start + at] = 1;
      }
    }
  }
}
