import { z } from 'zod';

/**
 * The typed command API: every way the learner (or a facilitator, or a replayed log) can
 * change or question the world. Commands are data so a session is (scenario, seed, log).
 */
const name = z.string().min(1).max(80);
/** A time or length of time in ms, as commands carry it. */
export const commandMs = z
  .number()
  .finite()
  .min(0)
  .max(30 * 86_400_000);

export const INVESTIGATION_TOOLS = [
  'distribution',
  'sample',
  'change-log',
  'traces',
  'cost',
  'performance',
  'human-review',
] as const;
export type InvestigationTool = (typeof INVESTIGATION_TOOLS)[number];

export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('investigate'),
    tool: z.enum(INVESTIGATION_TOOLS),
    field: name.optional(),
    source: name.optional(),
    version: name.optional(),
    fallback: z.boolean().optional(),
    outcome: z.enum(['ok', 'timeout', 'error', 'rejected']).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
  z.strictObject({ type: z.literal('rollback'), version: name }),
  z.strictObject({ type: z.literal('revert-change'), changeId: name }),
  z.strictObject({
    type: z.literal('set-fallback'),
    mode: z.enum(['rule', 'manual-review', 'fail-open', 'error']),
  }),
  z.strictObject({ type: z.literal('pause'), paused: z.boolean() }),
  z.strictObject({
    type: z.literal('set-limits'),
    timeoutMs: z.number().finite().positive().max(600_000).optional(),
    retryMax: z.number().int().min(0).max(10).optional(),
    retrievalK: z.number().int().min(0).max(200).optional(),
    promptCapTokens: z.number().int().positive().max(1_000_000).nullable().optional(),
    costCapUsdPerHour: z.number().finite().positive().nullable().optional(),
  }),
  z.strictObject({
    type: z.literal('patch-mapping'),
    field: name,
    source: name.optional(),
    from: name.optional(),
    factor: z
      .number()
      .finite()
      .refine((f) => f !== 0, 'expected a non-zero factor')
      .optional(),
  }),
  z.strictObject({
    type: z.literal('retrain'),
    from: commandMs,
    to: commandMs,
    version: name.optional(),
  }),
  z.strictObject({
    type: z.literal('deploy'),
    version: name,
    mode: z.enum(['shadow', 'canary', 'full']),
    share: z.number().min(0).max(1).optional(),
    source: name.optional(),
  }),
  z.strictObject({ type: z.literal('promote') }),
  z.strictObject({ type: z.literal('abort-release') }),
  z.strictObject({ type: z.literal('scale'), replicas: z.number().int().min(1).max(1000) }),
  z.strictObject({
    type: z.literal('set-serving-pattern'),
    pattern: z.enum(['sync', 'async-queue', 'batch', 'cache']),
  }),
  z.strictObject({ type: z.literal('ack-alert'), alertId: name }),
  z.strictObject({
    type: z.literal('silence-alert'),
    alertId: name,
    forMs: commandMs.default(3_600_000),
  }),
  z.strictObject({
    type: z.literal('escalate'),
    team: name,
    message: z.string().max(2000).default(''),
  }),
  z.strictObject({ type: z.literal('rebaseline') }),
  z.strictObject({ type: z.literal('diagnose'), rootCause: name }),
  z.strictObject({
    type: z.literal('note'),
    assumption: z.string().max(5000),
    evidence: z.string().max(5000),
    action: z.string().max(5000),
    evidenceLinks: z.array(z.number().int().min(0)).max(200).default([]),
    latencyBudgetKnown: z.boolean(),
    costsMeasured: z.boolean(),
  }),
  z.strictObject({ type: z.literal('resolve') }),
  z.strictObject({ type: z.literal('hint') }),
  z.strictObject({
    type: z.literal('inject-fault'),
    // The fault body is validated against the scenario fault schema by the session.
    fault: z.record(z.string(), z.unknown()),
  }),
]);

export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export const COMMAND_TYPES = commandSchema.options.map((o) => o.shape.type.value) as [
  CommandType,
  ...CommandType[],
];
