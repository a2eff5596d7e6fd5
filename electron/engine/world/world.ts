import type { FieldSpec, Scenario } from '../scenario/schema';
import { Rng, STREAM } from '../rng';
import type { Payload } from '../pipeline/request-record';
import { PayloadRow, ROW_STRING, rowsFaithful } from '../pipeline/payload-row';
import { FaultTimeline, inScope, type ActiveFault } from '../faults/active-faults';
import {
  categoriesOf,
  cumulativeWeights,
  sampleFieldInto,
  type FieldDraw,
  type NumericDrift,
} from './field-sampler';
import { positiveProbability, RowGroundTruth } from './ground-truth';
import { Traffic } from './traffic';

/** One request as it happens in the world, before the service's pipeline touches it. */
export interface WorldRequest {
  source: string;
  truth: Payload;
  label: 0 | 1;
}

/**
 * The request drawn last, in a form reused from draw to draw: read it (or let the pipeline
 * change its row in place) before drawing the next one.
 */
export interface WorldDraw {
  sourceIndex: number;
  source: string;
  /** True inputs, one slot per declared field. */
  row: PayloadRow;
  label: 0 | 1;
}

interface FieldPlan extends FieldDraw {
  newCategory: { name: string; share: number; index: number } | null;
}

type DriftFault = ActiveFault<'covariate-drift'> | ActiveFault<'benign-change'>;

const NONE: readonly never[] = [];

/**
 * The simulated world: who sends requests, what they contain and what really happens.
 * Faults that change the world (drift, new categories, prior and concept shifts) act here;
 * faults that corrupt data on its way in act in the pipeline.
 */
export class World {
  readonly traffic: Traffic;
  private readonly payloadRng: Rng;
  private readonly labelRng: Rng;
  private readonly sources: string[];
  private readonly categories = new Map<string, string[]>();
  private sourceCumulative: Float64Array;
  private plans: FieldPlan[][] = [];
  private planSignature = '';
  /** Odds factor of a positive outcome per source (prior shift), 1 = unchanged. */
  private priorFactors: Float64Array;
  private conceptDrift: readonly ActiveFault<'concept-drift'>[] = [];
  /** Per source: whether a concept drift acts on it this step (its outcomes take the slow path). */
  private readonly conceptBySource: Uint8Array;
  private faultsActive = true;
  private readonly rowTruth: RowGroundTruth;
  /** Whether the label model may read rows (see rowsFaithful). */
  private readonly rowsOk: boolean;
  private readonly drawn: WorldDraw;

  constructor(
    private readonly scenario: Scenario,
    seed: number,
  ) {
    this.traffic = new Traffic(scenario.service.traffic, Rng.stream(seed, STREAM.traffic));
    this.payloadRng = Rng.stream(seed, STREAM.payload);
    this.labelRng = Rng.stream(seed, STREAM.labels);
    this.sources = scenario.service.traffic.sources.map((s) => s.name);
    for (const f of scenario.service.fields) this.categories.set(f.name, categoriesOf(f));
    this.sourceCumulative = this.baseSourceCumulative();
    this.priorFactors = new Float64Array(this.sources.length).fill(1);
    this.conceptBySource = new Uint8Array(this.sources.length);
    this.rowTruth = new RowGroundTruth(scenario, (field) => this.categoriesOf(field));
    this.rowsOk = rowsFaithful(scenario.service.fields, [...this.categories.values()].flat());
    this.drawn = {
      sourceIndex: 0,
      source: this.sources[0] ?? '',
      row: new PayloadRow(scenario.service.fields.map((f) => f.name)),
      label: 0,
    };
    this.prepareStep(new FaultTimeline([]));
  }

  /** Baseline categories of each category field, in declaration order. */
  categoriesOf(field: string): readonly string[] {
    return this.categories.get(field) ?? [];
  }

  private baseSourceCumulative(mix?: Record<string, number>, intensity = 0): Float64Array {
    const shares = this.scenario.service.traffic.sources.map((s) => {
      const target = mix?.[s.name] ?? s.share;
      return s.share + (target - s.share) * intensity;
    });
    const total = shares.reduce((a, b) => a + b, 0);
    let acc = 0;
    return Float64Array.from(shares, (s) => (acc += s / total));
  }

  /** Recomputes sampling plans for the faults acting this step (after `faults.update`). */
  prepareStep(faults: FaultTimeline): void {
    const covariate = faults.ofType('covariate-drift');
    const benign = faults.ofType('benign-change');
    const schema = faults.ofType('schema-change');
    // Most steps have none of these faults: skip building lists for them.
    const drift: readonly DriftFault[] =
      covariate.length + benign.length === 0 ? NONE : [...covariate, ...benign];
    const newCategories =
      schema.length === 0 ? NONE : schema.filter((f) => f.spec.change === 'new-category');
    this.faultsActive = drift.length > 0 || newCategories.length > 0;

    // Plans only change when the world-changing faults or their intensities do; most steps
    // reuse the previous plans.
    let signature = '';
    for (const f of drift) signature += `${f.spec.id}:${f.intensity};`;
    for (const f of newCategories) signature += `${f.spec.id}:${f.intensity};`;
    if (signature !== this.planSignature || this.plans.length === 0) {
      this.planSignature = signature;
      const mixFault = drift.find((f) => f.spec.sourceMix !== undefined);
      this.sourceCumulative = mixFault
        ? this.baseSourceCumulative(mixFault.spec.sourceMix, mixFault.intensity)
        : this.baseSourceCumulative();
      this.plans = this.sources.map((source) =>
        this.scenario.service.fields.map((field) =>
          this.planField(field, source, drift, newCategories),
        ),
      );
    }

    const prior = faults.ofType('prior-shift');
    // Per source: a prior shift scoped to one source leaves the others' outcomes alone.
    this.priorFactors.fill(1);
    for (const p of prior) {
      const factor = 1 + (p.spec.positiveRateFactor - 1) * p.intensity;
      this.sources.forEach((source, i) => {
        if (inScope(p.spec, source)) this.priorFactors[i] *= factor;
      });
    }
    this.conceptDrift = faults.ofType('concept-drift');
    this.conceptBySource.fill(0);
    for (const f of this.conceptDrift) {
      for (let i = 0; i < this.sources.length; i++) {
        if (inScope(f.spec, this.sources[i])) this.conceptBySource[i] = 1;
      }
    }
  }

  private planField(
    field: FieldSpec,
    source: string,
    drift: readonly DriftFault[],
    newCategories: readonly ActiveFault<'schema-change'>[],
  ): FieldPlan {
    const override = field.bySource[source];
    const distribution = override?.distribution ?? field.distribution;
    const nullRate = override?.nullRate ?? field.nullRate;
    const categories = this.categories.get(field.name) ?? [];
    let weights = distribution.kind === 'categorical' ? distribution.weights : null;
    let numeric = null as NumericDrift | null;

    for (const f of drift) {
      if (f.spec.field !== field.name || !inScope(f.spec, source)) continue;
      const i = f.intensity;
      if (f.spec.meanShift !== undefined || f.spec.sdScale !== undefined) {
        numeric = {
          meanShift: (numeric?.meanShift ?? 0) + (f.spec.meanShift ?? 0) * i,
          sdScale: (numeric?.sdScale ?? 1) * (1 + ((f.spec.sdScale ?? 1) - 1) * i),
        };
      }
      if (f.spec.weights && weights) {
        const target = f.spec.weights;
        const base = weights;
        const blended: Record<string, number> = {};
        for (const c of categories) blended[c] = (base[c] ?? 0) * (1 - i) + (target[c] ?? 0) * i;
        weights = blended;
      }
    }

    const nc = newCategories.find((f) => f.spec.field === field.name && inScope(f.spec, source));
    return {
      field,
      distribution,
      nullRate,
      drift: numeric,
      categories,
      cumulative: weights ? cumulativeWeights(categories, weights) : null,
      newCategory: nc
        ? {
            name: nc.spec.category ?? 'unknown',
            share: (nc.spec.share ?? 0.2) * nc.intensity,
            index: categories.indexOf(nc.spec.category ?? 'unknown'),
          }
        : null,
    };
  }

  /** Draws the next request of this step: its source, true inputs and real outcome. */
  nextRequest(): WorldRequest {
    const d = this.nextDraw();
    return { source: d.source, truth: d.row.toPayload(), label: d.label };
  }

  /** Draws the next request into the reused draw (see WorldDraw); allocates nothing. */
  nextDraw(): WorldDraw {
    const sourceIndex = this.payloadRng.pickCumulative(this.sourceCumulative);
    const factor = this.priorFactors[sourceIndex];
    const drawn = this.drawn;
    // Prior shift is rejection sampling on the outcome within the request's source: the source
    // mix and P(inputs | outcome) stay as they were, only the odds of a positive change.
    for (let attempt = 0; attempt < 64; attempt++) {
      this.drawFor(sourceIndex);
      if (factor === 1) return drawn;
      const keep =
        factor > 1
          ? drawn.label === 1 || this.labelRng.uniform() < 1 / factor
          : drawn.label === 0 || this.labelRng.uniform() < factor;
      if (keep) return drawn;
    }
    this.drawFor(sourceIndex);
    return drawn;
  }

  private drawFor(sourceIndex: number): void {
    const rng = this.payloadRng;
    const drawn = this.drawn;
    const row = drawn.row;
    const plans = this.plans[sourceIndex];
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i];
      sampleFieldInto(row, i, p, rng);
      const nc = p.newCategory;
      if (nc !== null && rng.uniform() < nc.share) {
        row.kind[i] = ROW_STRING;
        row.cat[i] = nc.index;
        row.str[i] = nc.name;
      }
    }
    const source = this.sources[sourceIndex];
    // Concept drift and odd field names take the general path over a payload object.
    const probability =
      this.conceptBySource[sourceIndex] === 0 && this.rowsOk
        ? this.rowTruth.probability(row)
        : positiveProbability(this.scenario, row.toPayload(), source, this.conceptDrift);
    drawn.sourceIndex = sourceIndex;
    drawn.source = source;
    drawn.label = this.labelRng.uniform() < probability ? 1 : 0;
  }

  /** Whether any world-changing fault acts this step (for diagnostics and tests). */
  get disturbed(): boolean {
    return this.faultsActive;
  }
}
