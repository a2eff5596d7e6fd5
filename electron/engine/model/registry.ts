import type { ModelSpec, Scenario } from '../scenario/schema';
import { World } from '../world/world';
import { compileFieldRules, validatePayload, type CleanPayload } from '../pipeline/validation';
import { encodePayloadRow, encodeRow, fitEncoder, type FeatureEncoder } from './feature-encoder';
import type { PayloadRow } from '../pipeline/payload-row';
import { fitLogistic, predictProbability, type LogisticModel } from './logistic-regression';

/** One trained model version: what rollback and releases point at. */
export interface ModelVersion {
  version: string;
  description: string;
  origin: 'scenario' | 'retrain';
  features: readonly string[];
  threshold: number;
  encoder: FeatureEncoder;
  model: LogisticModel;
  trainedRows: number;
  positiveShare: number;
  /** Virtual time it became available (0 for scenario versions). */
  availableAt: number;
  /** For retrained versions: the window of traffic it learned from. */
  trainedOn: { from: number; to: number } | null;
  /** Scratch row reused for scoring so the hot path does not allocate. */
  scratch: Float64Array;
}

export interface TrainingRow {
  clean: CleanPayload;
  label: 0 | 1;
}

/** Fits a version on rows; applies a release defect if the spec ships one. */
export function trainVersion(
  scenario: Scenario,
  spec: Pick<ModelSpec, 'version' | 'features' | 'threshold' | 'training' | 'defect'> & {
    description?: string;
  },
  rows: readonly TrainingRow[],
  meta: Pick<ModelVersion, 'origin' | 'availableAt' | 'trainedOn'>,
): ModelVersion {
  const encoder = fitEncoder(
    spec.features,
    scenario.service.fields,
    scenario.service.pipeline.transforms,
    rows.map((r) => r.clean),
  );
  const matrix = new Float64Array(rows.length * encoder.width);
  const labels = new Uint8Array(rows.length);
  rows.forEach((r, i) => {
    encodeRow(encoder, r.clean, matrix, i * encoder.width);
    labels[i] = r.label;
  });
  const model = fitLogistic(matrix, labels, encoder.width, {
    iterations: spec.training.iterations,
    l2: spec.training.l2,
  });
  let threshold = spec.threshold;
  if (spec.defect) {
    let col = 0;
    for (const c of encoder.columns) {
      const w = c.kind === 'category' ? c.categories.length : 1;
      if (c.field === (spec.defect as { field?: string }).field) {
        for (let j = col; j < col + w; j++) {
          model.weights[j] = spec.defect.kind === 'inverted-feature' ? -model.weights[j] : 0;
        }
      }
      col += w;
    }
    if (spec.defect.kind === 'threshold') threshold = spec.defect.threshold;
  }
  const positives = labels.reduce((a, b) => a + b, 0);
  return {
    version: spec.version,
    description: spec.description ?? '',
    features: spec.features,
    threshold,
    encoder,
    model,
    trainedRows: rows.length,
    positiveShare: rows.length > 0 ? positives / rows.length : 0,
    scratch: new Float64Array(encoder.width),
    ...meta,
  };
}

/** Generates a scenario version's training set from the baseline world (no faults). */
export function baselineTrainingRows(scenario: Scenario, spec: ModelSpec): TrainingRow[] {
  const world = new World(scenario, spec.training.seed * 7919 + 17);
  const rules = compileFieldRules(scenario.service.fields);
  const rows: TrainingRow[] = [];
  for (let i = 0; i < spec.training.samples; i++) {
    const r = world.nextRequest();
    rows.push({ clean: validatePayload(r.truth, rules, 'impute').clean, label: r.label });
  }
  return rows;
}

/** Probability of the positive class that `v` gives a clean payload. */
export function scoreWith(v: ModelVersion, clean: CleanPayload): number {
  encodeRow(v.encoder, clean, v.scratch);
  return predictProbability(v.model, v.scratch);
}

/** `scoreWith` for a valid payload row (see PayloadRow): the same probability, no payload object. */
export function scoreRowWith(v: ModelVersion, row: PayloadRow): number {
  encodePayloadRow(v.encoder, row, v.scratch);
  return predictProbability(v.model, v.scratch);
}

/** The model registry: every version the service could serve, in creation order. */
export class ModelRegistry {
  private readonly versions = new Map<string, ModelVersion>();

  /** Trains every version the scenario ships. */
  static forScenario(scenario: Scenario): ModelRegistry {
    const registry = new ModelRegistry();
    for (const spec of scenario.service.models) {
      registry.add(
        trainVersion(scenario, spec, baselineTrainingRows(scenario, spec), {
          origin: 'scenario',
          availableAt: 0,
          trainedOn: null,
        }),
      );
    }
    return registry;
  }

  add(v: ModelVersion): void {
    this.versions.set(v.version, v);
  }

  get(version: string): ModelVersion | undefined {
    return this.versions.get(version);
  }

  has(version: string): boolean {
    return this.versions.has(version);
  }

  list(): ModelVersion[] {
    return [...this.versions.values()];
  }
}
