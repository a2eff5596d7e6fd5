import { z } from 'zod';
import { DURATION_PATTERN, parseDuration } from './duration';
import {
  COMMAND_TYPES,
  INVESTIGATION_TOOLS,
  commandMs,
  commandSchema,
  type Command,
} from '../commands';
import { METRIC_NAMES } from '../monitor/metric-names';

/** Limits on what a scenario may ask for: files come from strangers. */
export const LIMITS = {
  maxFields: 60,
  maxCategories: 200,
  maxSources: 20,
  maxModels: 20,
  maxFaults: 100,
  maxChangeLog: 200,
  maxAlertRules: 200,
  maxTrainingSamples: 200_000,
  maxRatePerMinute: 600_000,
  maxDurationMs: 30 * 86_400_000,
  maxTextLength: 20_000,
  maxNameLength: 80,
} as const;

const text = z.string().max(LIMITS.maxTextLength);
const name = z
  .string()
  .min(1)
  .max(LIMITS.maxNameLength)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]*$/,
    'a name of letters, digits, "_", "-" or "." starting with a letter or "_"',
  );
const probability = z.number().min(0).max(1);
const finite = z.number().finite();
const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);

function durationOf(allowZero: boolean) {
  return z
    .union([
      nonNegative.describe('seconds'),
      z
        .string()
        .regex(new RegExp(DURATION_PATTERN), 'a duration such as "90s", "5m", "1h30m" or "2d"'),
    ])
    .transform((value, ctx) => {
      const ms = typeof value === 'number' ? value * 1000 : (parseDuration(value) as number);
      if (!allowZero && ms <= 0) {
        ctx.addIssue({ code: 'custom', message: 'expected a positive duration' });
        return z.NEVER;
      }
      if (ms > LIMITS.maxDurationMs) {
        ctx.addIssue({ code: 'custom', message: 'expected a duration of at most 30d' });
        return z.NEVER;
      }
      return ms;
    });
}
/** A time offset from the scenario start, in ms after parsing ("6h", 3600). */
export const offset = durationOf(true);
/** A positive length of time, in ms after parsing. */
export const duration = durationOf(false);

export const distributionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('normal'), mean: finite, sd: positive }),
  z.strictObject({ kind: z.literal('lognormal'), median: positive, sigma: positive }),
  z.strictObject({ kind: z.literal('uniform'), min: finite, max: finite }),
  z.strictObject({
    kind: z.literal('categorical'),
    weights: z
      .record(name, nonNegative)
      .refine((w) => Object.keys(w).length <= LIMITS.maxCategories, {
        message: `expected at most ${LIMITS.maxCategories} categories`,
      }),
  }),
  z.strictObject({ kind: z.literal('bernoulli'), p: probability }),
]);
export type Distribution = z.infer<typeof distributionSchema>;

export const fieldSchema = z.strictObject({
  name,
  type: z.enum(['number', 'category', 'boolean']),
  description: text.optional(),
  unit: z.string().max(40).optional(),
  required: z.boolean().default(true),
  range: z.tuple([finite, finite]).optional(),
  distribution: distributionSchema,
  nullRate: probability.default(0),
  bySource: z
    .record(
      name,
      z.strictObject({
        distribution: distributionSchema.optional(),
        nullRate: probability.optional(),
      }),
    )
    .default({}),
});
export type FieldSpec = z.infer<typeof fieldSchema>;

const sourceSchema = z.strictObject({
  name,
  share: positive,
  description: text.optional(),
});

const trafficSchema = z.strictObject({
  ratePerMinute: positive.max(LIMITS.maxRatePerMinute),
  /** Peak-to-mean swing of the daily cycle, 0 = flat. */
  dailyAmplitude: z.number().min(0).max(0.95).default(0.3),
  peakHour: z.number().min(0).max(24).default(14),
  /** Relative noise on the rate per window. */
  noise: z.number().min(0).max(1).default(0.05),
  sources: z.array(sourceSchema).min(1).max(LIMITS.maxSources),
});

const labelTermSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('linear'),
    field: name,
    weight: finite,
    center: finite.default(0),
  }),
  z.strictObject({ kind: z.literal('hinge'), field: name, above: finite, weight: finite }),
  z.strictObject({ kind: z.literal('category'), field: name, effects: z.record(name, finite) }),
  z.strictObject({ kind: z.literal('boolean'), field: name, weight: finite }),
]);
export type LabelTerm = z.infer<typeof labelTermSchema>;

const labelsSchema = z.strictObject({
  intercept: finite,
  terms: z.array(labelTermSchema).max(200),
  delay: offset.default(3_600_000),
  coverage: probability.default(1),
});

const modelSchema = z.strictObject({
  version: name,
  description: text.optional(),
  algorithm: z.literal('logistic-regression').default('logistic-regression'),
  features: z.array(name).min(1).max(LIMITS.maxFields),
  training: z
    .strictObject({
      samples: z.number().int().min(100).max(LIMITS.maxTrainingSamples).default(20_000),
      /** Newton (IRLS) steps; logistic regression converges in a handful. */
      iterations: z.number().int().min(1).max(100).default(25),
      l2: nonNegative.max(10).default(0.001),
      seed: z.number().int().min(0).default(7),
    })
    .prefault({}),
  threshold: probability.default(0.5),
  /** A defect shipped with this version (bad releases). */
  defect: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('inverted-feature'), field: name }),
      z.strictObject({ kind: z.literal('dropped-feature'), field: name }),
      z.strictObject({ kind: z.literal('threshold'), threshold: probability }),
    ])
    .optional(),
});
export type ModelSpec = z.infer<typeof modelSchema>;

const latencySchema = z
  .strictObject({ median: positive.max(600_000), p95: positive.max(600_000) })
  .refine((l) => l.p95 >= l.median, { message: 'expected p95 ≥ median', path: ['p95'] });

export const FALLBACK_MODES = ['rule', 'manual-review', 'fail-open', 'error'] as const;
export const SERVING_PATTERNS = ['sync', 'async-queue', 'batch', 'cache'] as const;

const pipelineSchema = z.strictObject({
  validation: z.enum(['reject', 'impute', 'pass-through']).default('impute'),
  transforms: z
    .array(
      z.discriminatedUnion('op', [
        z.strictObject({ op: z.literal('log1p'), field: name }),
        z.strictObject({ op: z.literal('clip'), field: name, min: finite, max: finite }),
        z.strictObject({ op: z.literal('scale'), field: name, factor: finite }),
      ]),
    )
    .max(200)
    .default([]),
  retrieval: z
    .strictObject({
      k: z.number().int().min(0).max(200),
      tokensPerDoc: z.number().int().min(0).max(20_000),
      latencyMs: latencySchema,
      usdPerDoc: nonNegative.default(0),
      errorRate: probability.default(0),
    })
    .optional(),
  model: z.strictObject({
    latencyMs: latencySchema,
    promptTokens: z.number().int().min(0).max(1_000_000).default(0),
    usdPerThousandTokens: nonNegative.default(0),
    usdPerCall: nonNegative.default(0),
    errorRate: probability.default(0),
  }),
  timeoutMs: positive.max(600_000),
  retries: z
    .strictObject({
      max: z.number().int().min(0).max(10).default(1),
      backoffMs: nonNegative.max(60_000).default(50),
      multiplier: z.number().min(1).max(10).default(2),
    })
    .prefault({}),
  fallback: z
    .strictObject({
      mode: z.enum(FALLBACK_MODES).default('error'),
      rule: z.strictObject({ field: name, above: finite }).optional(),
      reviewCapacityPerHour: positive.max(1_000_000).default(120),
      reviewUsdPerCase: nonNegative.default(2),
      reviewMinutes: positive.max(1440).default(20),
    })
    .prefault({}),
  promptCapTokens: z.number().int().positive().optional(),
  capacity: z
    .strictObject({
      replicas: z.number().int().min(1).max(1000).default(2),
      requestsPerSecondPerReplica: positive.default(100),
      usdPerReplicaHour: nonNegative.default(0.5),
    })
    .prefault({}),
  servingPattern: z.enum(SERVING_PATTERNS).default('sync'),
  allowedServingPatterns: z.array(z.enum(SERVING_PATTERNS)).default(['sync']),
});
export type PipelineSpec = z.infer<typeof pipelineSchema>;

const scope = z.strictObject({ source: name.optional() }).default({});
const faultCommon = {
  id: name,
  at: offset,
  until: offset.optional(),
  shape: z.enum(['sudden', 'ramp', 'intermittent']).default('sudden'),
  rampOver: duration.default(3_600_000),
  period: duration.default(1_800_000),
  duty: probability.default(0.5),
  scope,
  description: text.optional(),
};

const driftParams = {
  field: name.optional(),
  meanShift: finite.optional(),
  sdScale: positive.optional(),
  weights: z.record(name, nonNegative).optional(),
  sourceMix: z.record(name, positive).optional(),
};

export const faultSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...faultCommon,
    type: z.literal('schema-change'),
    change: z.enum(['rename', 'drop', 'type-change', 'unit-change', 'new-category', 'null-rate']),
    field: name,
    renameTo: name.optional(),
    factor: z
      .number()
      .finite()
      .refine((f) => f !== 0, 'expected a non-zero factor')
      .optional(),
    category: name.optional(),
    share: probability.optional(),
    nullRate: probability.optional(),
  }),
  z.strictObject({ ...faultCommon, type: z.literal('covariate-drift'), ...driftParams }),
  z.strictObject({ ...faultCommon, type: z.literal('benign-change'), ...driftParams }),
  z.strictObject({
    ...faultCommon,
    type: z.literal('prior-shift'),
    positiveRateFactor: positive.max(50),
  }),
  z.strictObject({
    ...faultCommon,
    type: z.literal('concept-drift'),
    interceptShift: finite.default(0),
    weightScale: z.record(name, finite).default({}),
    categoryEffects: z.record(name, z.record(name, finite)).default({}),
  }),
  z.strictObject({
    ...faultCommon,
    type: z.literal('latency-regression'),
    stage: z.enum(['retrieval', 'model']),
    factor: z.number().min(1).max(1000).default(1),
    addMs: nonNegative.max(600_000).default(0),
  }),
  z.strictObject({
    ...faultCommon,
    type: z.literal('dependency-outage'),
    dependency: z.enum(['retrieval', 'model']),
    errorRate: probability.default(1),
  }),
  z.strictObject({
    ...faultCommon,
    type: z.literal('cost-creep'),
    mechanism: z.enum(['retry-storm', 'prompt-growth', 'wider-retrieval']),
    errorRate: probability.default(0.3),
    promptTokensFactor: z.number().min(1).max(100).default(2),
    retrievalK: z.number().int().min(0).max(200).optional(),
  }),
  z.strictObject({ ...faultCommon, type: z.literal('bad-release'), version: name }),
  z.strictObject({ ...faultCommon, type: z.literal('label-outage') }),
]);
export type FaultSpec = z.infer<typeof faultSchema>;
export type FaultType = FaultSpec['type'];
export const FAULT_TYPES = faultSchema.options.map((o) => o.shape.type.value) as FaultType[];

const changeSchema = z.strictObject({
  id: name,
  at: offset,
  kind: z.enum(['deploy', 'config', 'product', 'data', 'infra']),
  title: z.string().min(1).max(200),
  detail: text.optional(),
  /** The fault this change causes; reverting the change ends that fault. */
  causes: name.optional(),
  revertible: z.boolean().default(true),
});
export type ChangeSpec = z.infer<typeof changeSchema>;

export const ROOT_CAUSES = [...FAULT_TYPES, 'no-incident'] as const;

const alertRuleSchema = z.strictObject({
  id: name,
  metric: z.enum(METRIC_NAMES),
  field: name.optional(),
  source: name.optional(),
  op: z.enum(['>', '>=', '<', '<=']),
  threshold: finite,
  for: z.number().int().min(1).max(1000).default(1),
  severity: z.enum(['info', 'warning', 'critical']),
  description: text.optional(),
});
export type AlertRuleSpec = z.infer<typeof alertRuleSchema>;

const monitoringSchema = z
  .strictObject({
    window: duration.default(300_000),
    reference: z.strictObject({ from: offset, to: offset }).optional(),
    tests: z
      .record(name, z.enum(['psi', 'ks', 'wasserstein', 'chi-squared', 'jensen-shannon']))
      .default({}),
    driftShare: probability.default(0.5),
    alerts: z.array(alertRuleSchema).max(LIMITS.maxAlertRules).optional(),
    /** With `alerts` given: true keeps the default rules too (a rule with a default's id replaces it). */
    keepDefaultAlerts: z.boolean().default(false),
  })
  .prefault({});

/**
 * A time inside a command as files write it: a duration such as "2h45m" (like every other time
 * in a file) or a number of milliseconds (the command API's unit). Bare numbers are ms here, not
 * seconds, because the same command objects travel through the API and session files.
 */
const commandTime = z.union([
  commandMs,
  z
    .string()
    .regex(new RegExp(DURATION_PATTERN), 'a duration such as "90s", "5m", "1h30m" or "2d"')
    .transform((value) => parseDuration(value) as number)
    .pipe(commandMs),
]);

/** Commands as scenario and actions files write them: time fields may be durations. */
const fileCommandSchema = z.discriminatedUnion(
  'type',
  commandSchema.options.map((option) => {
    switch (option.shape.type.value) {
      case 'retrain':
        return option.extend({ from: commandTime, to: commandTime });
      case 'silence-alert':
        return option.extend({ forMs: commandTime.default(3_600_000) });
      default:
        return option;
    }
    // The options keep their order and discriminators; only two fields widen on input.
  }) as unknown as typeof commandSchema.options,
) as unknown as z.ZodType<Command, unknown>;

export const timedCommand = z.strictObject({
  at: offset,
  command: fileCommandSchema,
  why: text.optional(),
});

const rubricSchema = z
  .strictObject({
    rootCause: z.enum(ROOT_CAUSES).optional(),
    rootCauses: z.array(z.enum(ROOT_CAUSES)).optional(),
    harmThreshold: nonNegative.optional(),
    actions: z
      .array(
        z.strictObject({
          command: z.enum(COMMAND_TYPES),
          match: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
          rating: z.enum(['recommended', 'acceptable', 'harmful']),
          why: text,
        }),
      )
      .max(200)
      .default([]),
    lessons: z.array(text).max(50).default([]),
  })
  .prefault({});

export const scenarioSchema = z.strictObject({
  version: z.literal(1),
  id: name,
  title: z.string().min(1).max(200),
  difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
  duration: duration,
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  teaches: z.array(text).max(20).default([]),
  briefing: z.strictObject({
    service: text,
    slo: z.array(text).max(20).default([]),
    runbook: z.array(text).max(50).default([]),
    goals: z.array(text).max(20).default([]),
  }),
  service: z.strictObject({
    task: text,
    traffic: trafficSchema,
    fields: z.array(fieldSchema).min(1).max(LIMITS.maxFields),
    labels: labelsSchema,
    models: z.array(modelSchema).min(1).max(LIMITS.maxModels),
    serving: name,
    pipeline: pipelineSchema,
    budgets: z
      .strictObject({
        latencyMsP95: positive.nullable().default(null),
        costUsdPerHour: positive.nullable().default(null),
      })
      .prefault({}),
    harm: z
      .strictObject({
        falsePositive: nonNegative.default(1),
        falseNegative: nonNegative.default(5),
        skippedCheck: nonNegative.default(1),
        error: nonNegative.default(2),
      })
      .prefault({}),
  }),
  faults: z.array(faultSchema).max(LIMITS.maxFaults).default([]),
  changeLog: z.array(changeSchema).max(LIMITS.maxChangeLog).default([]),
  monitoring: monitoringSchema,
  investigationMinutes: z
    .partialRecord(z.enum(INVESTIGATION_TOOLS), nonNegative.max(1440))
    .default({}),
  rubric: rubricSchema,
  reference: z.strictObject({ actions: z.array(timedCommand).max(500) }).optional(),
});

/** A scenario after validation: durations in ms, defaults filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
