import { z } from 'zod';
import type { Handlers } from '../../shared/contract';
import type { Command } from '../commands';
import { faultIntensity } from '../faults/intensity';
import { checkInjection } from '../faults/injection';
import {
  FAULT_TYPES,
  type FaultSpec,
  type FaultType,
  type FieldSpec,
  type Scenario,
} from '../scenario/schema';
import {
  HINT_COST_POINTS,
  MAX_HINT_PENALTY,
  hintPenalty,
  hintsTaken,
} from '../scoring/criteria/hints';
import { clock } from '../scoring/format';
import type { Session } from '../session';
import { FACILITATOR_ROLE } from '../team-roles';
import type { SessionController } from './session-controller';

/**
 * Facilitator mode, host side: the hidden truth of the running session (faults with their
 * onsets, ends and intensity now, hints taken) and live fault injection from a catalogue built
 * for the scenario, with defaults a facilitator can accept as they are. An injection goes into
 * the decision log as an `inject-fault` command with the facilitator's role, so replays,
 * scoring and the debrief see it.
 */

const MINUTE = 60_000;

/** A length of virtual time in hours and minutes, as the app's screens write it ("3 h 20 min"). */
function hoursAndMinutes(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h > 0 ? `${h} h` : '', m > 0 || h === 0 ? `${m} min` : ''].filter(Boolean).join(' ');
}

/** Where a fault stands at the current virtual time. */
export type FaultState = 'pending' | 'active' | 'quiet' | 'ended';

/** One fault of the session as the facilitator sees it. */
export interface TruthFault {
  id: string;
  type: FaultType;
  label: string;
  description: string;
  /** Onset, in virtual ms. */
  at: number;
  /** When it stops by itself (`until`), in virtual ms, or null. */
  until: number | null;
  /** When a mitigation stopped it, in virtual ms, or null. */
  endedAt: number | null;
  endedBy: string | null;
  state: FaultState;
  /** How strongly it acts now, 0–1 (ramps and intermittent faults vary). */
  intensity: number;
  shape: FaultSpec['shape'];
  source: string | null;
  field: string | null;
  /** Injected live rather than written in the scenario; when, and by which role. */
  injected: boolean;
  injectedAt: number | null;
  injectedBy: string | null;
}

/** One input of the inject form. */
export interface CatalogueParam {
  key: string;
  label: string;
  kind: 'choice' | 'number' | 'text';
  options?: { value: string; label: string }[];
  default: string | number;
  min?: number;
  max?: number;
  step?: number;
  unit?: string;
  help?: string;
  /** Shown (and used) only while another input has one of these values. */
  showWhen?: { key: string; values: string[] };
}

/** A fault family the facilitator can inject into this scenario, with its form. */
export interface CatalogueEntry {
  type: FaultType;
  label: string;
  summary: string;
  params: CatalogueParam[];
}

/** A hint the team took. */
export interface TruthHint {
  seq: number;
  t: number;
  role: string | null;
  text: string;
}

/** Everything the facilitator view shows that the learners' view hides. */
export interface FacilitatorTruth {
  scenarioId: string;
  title: string;
  seed: number;
  now: number;
  duration: number;
  speed: number;
  finished: boolean;
  sources: string[];
  faults: TruthFault[];
  catalogue: CatalogueEntry[];
  hints: { costPoints: number; maxPenalty: number; penalty: number; taken: TruthHint[] };
}

export const FAULT_SHAPES = ['sudden', 'ramp', 'intermittent'] as const;

/** What the inject form sends. Times are in virtual minutes from now. */
export interface InjectRequest {
  type: FaultType;
  id: string;
  /** One source, or null for all traffic. */
  source: string | null;
  shape: (typeof FAULT_SHAPES)[number];
  /** How long a ramp takes to reach full strength (shape "ramp"). */
  rampMinutes: number;
  startsInMinutes: number;
  /** Null: until the end of the scenario (or until the team fixes it). */
  lastsMinutes: number | null;
  description: string;
  /** The family's own inputs, by CatalogueParam key. */
  values: Record<string, string | number>;
}

/** A problem with one input of the inject form (`key` null: the form as a whole). */
export interface InjectProblem {
  key: string | null;
  message: string;
}

export type InjectResult =
  | { ok: true; message: string; faultId: string; at: number }
  | { ok: false; problems: InjectProblem[] };

export type FacilitatorChannel = 'facilitator:truth' | 'facilitator:inject';

const THIRTY_DAYS_MIN = 30 * 24 * 60;
const none = z
  .union([z.undefined(), z.null()])
  .transform((): void => undefined)
  .describe('no payload');

/** Payload schemas of the facilitator channels, merged into the host's REQUEST_SCHEMAS. */
export const FACILITATOR_REQUEST_SCHEMAS: {
  [K in FacilitatorChannel]: z.ZodType<Handlers[K]['request'], unknown>;
} = {
  'facilitator:truth': none,
  'facilitator:inject': z.strictObject({
    type: z.enum(FAULT_TYPES as [FaultType, ...FaultType[]]),
    id: z.string().max(80),
    source: z.string().min(1).max(80).nullable(),
    shape: z.enum(FAULT_SHAPES),
    rampMinutes: z.number().finite().positive().max(THIRTY_DAYS_MIN),
    startsInMinutes: z.number().finite().min(0).max(THIRTY_DAYS_MIN),
    lastsMinutes: z.number().finite().positive().max(THIRTY_DAYS_MIN).nullable(),
    description: z.string().max(2000),
    values: z
      .record(z.string().max(120), z.union([z.string().max(200), z.number().finite()]))
      .refine((v) => Object.keys(v).length <= 400, 'too many values'),
  }),
};

/** What the facilitator handlers need from the host. */
export interface FacilitatorHostAccess {
  /** The current session's controller; throws a RequestError when none was started. */
  session(): SessionController;
  /** The controller of a session that can still run; throws a RequestError when it cannot. */
  live(): SessionController;
  /** Runs engine work the way the host runs commands: a failure stops the clock and is reported. */
  guard<T>(work: () => T, what: string): T;
  /** Pushes a snapshot now, so the learners' view shows the change at once. */
  pushSnapshot(): void;
}

type FacilitatorHandlers = {
  [K in FacilitatorChannel]: (request: Handlers[K]['request']) => Promise<Handlers[K]['response']>;
};

/** Returns the handlers of the facilitator channels over the host's session. */
export function facilitatorHandlers(access: FacilitatorHostAccess): FacilitatorHandlers {
  return {
    'facilitator:truth': async () => {
      const c = access.session();
      return truthOf(c.session, c.speed);
    },
    'facilitator:inject': async (request) => {
      const c = access.live();
      const built = buildInjection(c.session, request);
      if (!built.ok) return built;
      const command: Command = { type: 'inject-fault', fault: built.body };
      const result = access.guard(
        () => c.apply(command, FACILITATOR_ROLE),
        `injecting "${request.id}"`,
      );
      access.pushSnapshot();
      if (!result.ok) return { ok: false, problems: [{ key: null, message: result.error }] };
      const f = built.fault;
      const until =
        f.until !== undefined ? ` to ${clock(f.until)}` : ' until the end, unless fixed';
      return {
        ok: true,
        message: `Injected "${f.id}" (${FAMILY[f.type].label.toLowerCase()}): acts from ${clock(f.at)}${until}.`,
        faultId: f.id,
        at: f.at,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The hidden truth

const FAMILY: Record<FaultType, { label: string; summary: string }> = {
  'schema-change': {
    label: 'Schema change',
    summary:
      'A field arrives renamed, dropped, as text, in other units, with a new category or with missing values.',
  },
  'covariate-drift': {
    label: 'Covariate drift',
    summary: "The inputs shift: a field's mean or spread, a true/false share, or a category mix.",
  },
  'benign-change': {
    label: 'Benign change',
    summary:
      'A harmless shift (a seasonal mix) that fires drift alerts: the right response is to notice and not over-react.',
  },
  'prior-shift': {
    label: 'Prior shift',
    summary: 'More real positives arrive than before, so the flag rate moves.',
  },
  'concept-drift': {
    label: 'Concept drift',
    summary:
      'The relation between inputs and outcome changes while the inputs look stable; it shows once labels arrive.',
  },
  'latency-regression': {
    label: 'Latency regression',
    summary: 'The model or retrieval step slows down; timeouts and skipped checks follow.',
  },
  'dependency-outage': {
    label: 'Dependency outage',
    summary: 'The model or retrieval call fails; the fallback decides what users get.',
  },
  'cost-creep': {
    label: 'Cost creep',
    summary: 'Retry storms, growing prompts or wider retrieval raise the cost per request.',
  },
  'bad-release': {
    label: 'Bad release',
    summary: 'Another model version starts serving, as if a release went out.',
  },
  'label-outage': {
    label: 'Label pipeline outage',
    summary: 'Labels stop arriving, so accuracy can no longer be measured.',
  },
};

/** Returns a fault family's name in words ("Dependency outage"). */
export function faultFamilyLabel(type: FaultType): string {
  return FAMILY[type].label;
}

function fieldOf(f: FaultSpec): string | null {
  return 'field' in f && typeof f.field === 'string' ? f.field : null;
}

/** The successful injections of a session, by fault id: when and by which role. */
function injections(s: Session): Map<string, { t: number; role: string | null }> {
  const out = new Map<string, { t: number; role: string | null }>();
  for (const d of s.decisions) {
    if (d.command.type !== 'inject-fault' || !d.result.ok) continue;
    const id = d.command.fault.id;
    if (typeof id === 'string') out.set(id, { t: d.t, role: d.role ?? null });
  }
  return out;
}

/** Returns what the facilitator view shows about session `s` now. */
export function truthOf(s: Session, speed: number): FacilitatorTruth {
  const now = s.now;
  const declared = new Set(s.scenario.faults.map((f) => f.id));
  const injected = injections(s);
  const endedBy = new Map<string, string>();
  for (const e of s.events.toArray()) if (e.kind === 'fault-ended') endedBy.set(e.faultId, e.by);
  const faults = s.faults.all().map((f): TruthFault => {
    const endedAt = s.faults.endTime(f.id);
    const intensity = faultIntensity(f, now, endedAt);
    const over = (f.until !== undefined && now >= f.until) || (endedAt !== null && now >= endedAt);
    const state: FaultState =
      now < f.at ? 'pending' : over ? 'ended' : intensity > 0 ? 'active' : 'quiet';
    const live = injected.get(f.id);
    const field = fieldOf(f);
    const source = f.scope.source ?? null;
    return {
      id: f.id,
      type: f.type,
      label: FAMILY[f.type].label,
      description:
        f.description ??
        `${FAMILY[f.type].label}${field ? ` on ${field}` : ''}${source ? ` from ${source}` : ''}`,
      at: f.at,
      until: f.until ?? null,
      endedAt,
      endedBy: endedAt !== null ? (endedBy.get(f.id) ?? 'a fix') : null,
      state,
      intensity,
      shape: f.shape,
      source,
      field,
      injected: !declared.has(f.id),
      injectedAt: live?.t ?? null,
      injectedBy: live?.role ?? null,
    };
  });
  const taken = hintsTaken(s.decisions).map((d) => ({
    seq: d.seq,
    t: d.t,
    role: d.role ?? null,
    text: d.result.ok ? d.result.message : '',
  }));
  return {
    scenarioId: s.scenario.id,
    title: s.scenario.title,
    seed: s.seed,
    now,
    duration: s.scenario.duration,
    speed,
    finished: s.finished,
    sources: s.scenario.service.traffic.sources.map((src) => src.name),
    faults,
    catalogue: catalogueFor(s.scenario),
    hints: {
      costPoints: HINT_COST_POINTS,
      maxPenalty: MAX_HINT_PENALTY,
      penalty: hintPenalty(taken.length),
      taken,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The catalogue

/** Rounds to three significant figures, so defaults read as typed numbers (45, 0.25, 1200). */
function tidy(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(3));
}

/** A typical change for a numeric field, in its own unit: one spread of its distribution. */
function typicalShift(f: FieldSpec): number {
  const d = f.distribution;
  switch (d.kind) {
    case 'normal':
      return tidy(d.sd);
    case 'lognormal':
      return tidy(d.median);
    case 'uniform':
      return tidy((d.max - d.min) / 4);
    default:
      return 1;
  }
}

function categoriesOf(f: FieldSpec): { name: string; weight: number }[] {
  const d = f.distribution;
  if (d.kind !== 'categorical') return [];
  return Object.entries(d.weights).map(([name, weight]) => ({ name, weight }));
}

function choice(
  key: string,
  label: string,
  options: readonly (string | { value: string; label: string })[],
  more: Partial<CatalogueParam> = {},
): CatalogueParam {
  const opts = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  return { key, label, kind: 'choice', options: opts, default: opts[0]?.value ?? '', ...more };
}

function numberParam(
  key: string,
  label: string,
  value: number,
  more: Partial<CatalogueParam> = {},
): CatalogueParam {
  return { key, label, kind: 'number', default: value, ...more };
}

const when = (key: string, ...values: string[]) => ({ showWhen: { key, values } });

function fieldOption(f: FieldSpec): { value: string; label: string } {
  return { value: f.name, label: `${f.name} (${f.unit ? f.unit : f.type})` };
}

/** The drift inputs: which field, then how it moves (by the field's type). */
function driftParams(fields: readonly FieldSpec[]): CatalogueParam[] {
  const params: CatalogueParam[] = [choice('field', 'Field', fields.map(fieldOption))];
  for (const f of fields) {
    if (f.type === 'number') {
      params.push(
        numberParam(`meanShift:${f.name}`, 'Shift the mean by', typicalShift(f), {
          unit: f.unit ?? '',
          help: 'Added to every value; negative values shift down.',
          ...when('field', f.name),
        }),
        numberParam(`sdScale:${f.name}`, 'Scale the spread by', 1, {
          min: 0.1,
          max: 10,
          help: '1 keeps the spread as it is.',
          ...when('field', f.name),
        }),
      );
    } else if (f.type === 'boolean') {
      params.push(
        numberParam(`pShift:${f.name}`, 'Change the share of "true" by', 0.2, {
          min: -1,
          max: 1,
          step: 0.05,
          help: 'A share from −1 to 1; 0.2 means 20 more in every 100 requests.',
          ...when('field', f.name),
        }),
      );
    } else {
      const cats = categoriesOf(f);
      const rarest = [...cats].sort((a, b) => a.weight - b.weight)[0]?.name ?? '';
      params.push(
        choice(
          `grow:${f.name}`,
          'Category that grows',
          cats.map((c) => c.name),
          { default: rarest, ...when('field', f.name) },
        ),
        numberParam(`share:${f.name}`, 'Its new share of requests', 0.5, {
          min: 0.01,
          max: 1,
          step: 0.05,
          ...when('field', f.name),
        }),
      );
    }
  }
  return params;
}

/** Returns the fault families that can be injected into `scenario`, each with its form. */
export function catalogueFor(scenario: Scenario): CatalogueEntry[] {
  const service = scenario.service;
  const fields = service.fields;
  const numbers = fields.filter((f) => f.type === 'number');
  const hasRetrieval = service.pipeline.retrieval !== undefined;
  const stages = hasRetrieval ? ['model', 'retrieval'] : ['model'];
  const versions = service.models.map((m) => m.version).filter((v) => v !== service.serving);
  const entry = (type: FaultType, params: CatalogueParam[]): CatalogueEntry => ({
    type,
    ...FAMILY[type],
    params,
  });
  const firstNumber = numbers[0]?.name ?? fields[0]?.name ?? '';
  const out: CatalogueEntry[] = [
    entry('schema-change', [
      choice('change', 'Change', [
        { value: 'unit-change', label: 'unit change (values multiplied)' },
        { value: 'rename', label: 'rename' },
        { value: 'drop', label: 'drop the field' },
        { value: 'type-change', label: 'numbers sent as text' },
        { value: 'null-rate', label: 'missing values' },
        { value: 'new-category', label: 'new category' },
      ]),
      choice('field', 'Field', fields.map(fieldOption), { default: firstNumber }),
      numberParam('factor', 'Multiply values by', 100, {
        help: '100 turns dollars into cents.',
        ...when('change', 'unit-change'),
      }),
      {
        key: 'renameTo',
        label: 'New field name',
        kind: 'text',
        default: '',
        help: 'Leave empty for "<field>_v2".',
        ...when('change', 'rename'),
      },
      numberParam('nullRate', 'Share of values missing', 0.3, {
        min: 0,
        max: 1,
        step: 0.05,
        ...when('change', 'null-rate'),
      }),
      {
        key: 'category',
        label: 'New category',
        kind: 'text',
        default: 'unknown',
        ...when('change', 'new-category'),
      },
      numberParam('share', 'Share of requests with it', 0.2, {
        min: 0,
        max: 1,
        step: 0.05,
        ...when('change', 'new-category'),
      }),
    ]),
    entry('covariate-drift', driftParams(fields)),
    entry('benign-change', driftParams(fields)),
    entry('prior-shift', [
      numberParam('positiveRateFactor', 'Multiply the rate of real positives by', 3, {
        min: 0.1,
        max: 50,
        step: 0.5,
      }),
    ]),
    entry('concept-drift', [
      numberParam('interceptShift', 'Shift the log-odds of a positive by', 1.5, {
        min: -10,
        max: 10,
        step: 0.5,
        help: 'Positive values make positives more likely for the same inputs.',
      }),
    ]),
    entry('latency-regression', [
      choice('stage', 'Step that slows down', stages),
      numberParam('factor', 'Multiply its latency by', 4, { min: 1, max: 1000 }),
      numberParam('addMs', 'Then add', 0, { min: 0, max: 600_000, unit: 'ms' }),
    ]),
    entry('dependency-outage', [
      choice('dependency', 'Dependency that fails', stages),
      numberParam('errorRate', 'Share of calls that fail', 1, { min: 0, max: 1, step: 0.05 }),
    ]),
    entry('cost-creep', [
      choice('mechanism', 'Mechanism', [
        { value: 'retry-storm', label: 'retry storm' },
        { value: 'prompt-growth', label: 'prompt growth' },
        ...(hasRetrieval ? [{ value: 'wider-retrieval', label: 'wider retrieval' }] : []),
      ]),
      numberParam('errorRate', 'Share of calls that need a retry', 0.3, {
        min: 0,
        max: 1,
        step: 0.05,
        ...when('mechanism', 'retry-storm'),
      }),
      numberParam('promptTokensFactor', 'Multiply prompt tokens by', 2, {
        min: 1,
        max: 100,
        ...when('mechanism', 'prompt-growth'),
      }),
      numberParam(
        'retrievalK',
        'Documents retrieved per request',
        Math.min(200, Math.max(1, (service.pipeline.retrieval?.k ?? 5) * 3)),
        { min: 0, max: 200, step: 1, ...when('mechanism', 'wider-retrieval') },
      ),
    ]),
  ];
  if (versions.length > 0)
    out.push(entry('bad-release', [choice('version', 'Version that starts serving', versions)]));
  out.push(entry('label-outage', []));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building a fault from the form

type Body = Record<string, unknown>;

/** The fault body and where each fault property came from in the form. */
type Built = { ok: true; body: Body; fault: FaultSpec } | { ok: false; problems: InjectProblem[] };

/** Returns the value of a param, shown or not, falling back to its default. */
function readValues(entry: CatalogueEntry, values: Readonly<Record<string, string | number>>) {
  const problems: InjectProblem[] = [];
  const raw = (key: string): string | number => {
    const param = entry.params.find((p) => p.key === key);
    return values[key] ?? param?.default ?? '';
  };
  const text = (key: string): string => String(raw(key)).trim();
  const num = (key: string): number | undefined => {
    const v = raw(key);
    const n = typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v);
    if (Number.isFinite(n)) return n;
    problems.push({ key, message: 'enter a number' });
    return undefined;
  };
  return { problems, text, num };
}

/** Family-specific properties of the fault and the form key of each (for problems). */
function familyBody(
  scenario: Scenario,
  entry: CatalogueEntry,
  values: Readonly<Record<string, string | number>>,
): { body: Body; keys: Record<string, string>; problems: InjectProblem[] } {
  const { problems, text, num } = readValues(entry, values);
  const body: Body = {};
  const keys: Record<string, string> = {};
  const set = (prop: string, key: string, value: unknown) => {
    keys[prop] = key;
    if (value !== undefined && value !== '') body[prop] = value;
  };
  switch (entry.type) {
    case 'schema-change': {
      const change = text('change');
      set('change', 'change', change);
      set('field', 'field', text('field'));
      if (change === 'unit-change') set('factor', 'factor', num('factor'));
      if (change === 'rename') set('renameTo', 'renameTo', text('renameTo'));
      if (change === 'null-rate') set('nullRate', 'nullRate', num('nullRate'));
      if (change === 'new-category') {
        set('category', 'category', text('category'));
        set('share', 'share', num('share'));
      }
      break;
    }
    case 'covariate-drift':
    case 'benign-change': {
      const name = text('field');
      set('field', 'field', name);
      const field = scenario.service.fields.find((f) => f.name === name);
      if (field?.type === 'number') {
        set('meanShift', `meanShift:${name}`, num(`meanShift:${name}`));
        const scale = num(`sdScale:${name}`);
        if (scale !== 1) set('sdScale', `sdScale:${name}`, scale);
      } else if (field?.type === 'boolean') {
        set('meanShift', `pShift:${name}`, num(`pShift:${name}`));
      } else if (field?.type === 'category') {
        const grow = text(`grow:${name}`);
        const share = num(`share:${name}`);
        keys.weights = `grow:${name}`;
        const cats = categoriesOf(field);
        if (!cats.some((c) => c.name === grow))
          problems.push({ key: `grow:${name}`, message: `choose a category of ${name}` });
        else if (share !== undefined && (share <= 0 || share > 1))
          problems.push({ key: `share:${name}`, message: 'enter a share above 0, at most 1' });
        else if (share !== undefined) {
          const rest = cats.filter((c) => c.name !== grow).reduce((a, c) => a + c.weight, 0);
          body.weights = Object.fromEntries(
            cats.map((c) => [
              c.name,
              c.name === grow ? share : rest > 0 ? tidy((c.weight / rest) * (1 - share)) : 0,
            ]),
          );
        }
      }
      break;
    }
    case 'prior-shift':
      set('positiveRateFactor', 'positiveRateFactor', num('positiveRateFactor'));
      break;
    case 'concept-drift':
      set('interceptShift', 'interceptShift', num('interceptShift'));
      break;
    case 'latency-regression':
      set('stage', 'stage', text('stage'));
      set('factor', 'factor', num('factor'));
      set('addMs', 'addMs', num('addMs'));
      break;
    case 'dependency-outage':
      set('dependency', 'dependency', text('dependency'));
      set('errorRate', 'errorRate', num('errorRate'));
      break;
    case 'cost-creep': {
      const mechanism = text('mechanism');
      set('mechanism', 'mechanism', mechanism);
      if (mechanism === 'retry-storm') set('errorRate', 'errorRate', num('errorRate'));
      if (mechanism === 'prompt-growth')
        set('promptTokensFactor', 'promptTokensFactor', num('promptTokensFactor'));
      if (mechanism === 'wider-retrieval') set('retrievalK', 'retrievalK', num('retrievalK'));
      break;
    }
    case 'bad-release':
      set('version', 'version', text('version'));
      break;
    case 'label-outage':
      break;
  }
  return { body, keys, problems };
}

/** Form keys of the properties every fault has. */
const COMMON_KEYS: Record<string, string> = {
  id: 'id',
  type: 'type',
  scope: 'source',
  shape: 'shape',
  rampOver: 'rampMinutes',
  at: 'startsInMinutes',
  until: 'lastsMinutes',
  description: 'description',
};

/**
 * Builds the fault a request describes, starting `startsInMinutes` after the session's current
 * time, and checks it as a scenario fault; returns the body to log, or the problems by form key.
 */
export function buildInjection(s: Session, request: InjectRequest): Built {
  const entry = catalogueFor(s.scenario).find((e) => e.type === request.type);
  if (!entry)
    return {
      ok: false,
      problems: [
        {
          key: 'type',
          message: `a ${FAMILY[request.type].label.toLowerCase()} cannot be injected into this scenario`,
        },
      ],
    };
  const id = request.id.trim();
  const family = familyBody(s.scenario, entry, request.values);
  const problems = [...family.problems];
  if (id === '') problems.push({ key: 'id', message: 'give the fault a name, such as "live-1"' });
  const startMs = s.now + Math.round(request.startsInMinutes * MINUTE);
  const atSeconds = Math.round(startMs / 1000);
  const body: Body = {
    id,
    type: request.type,
    at: atSeconds,
    ...(request.lastsMinutes !== null
      ? { until: atSeconds + Math.round((request.lastsMinutes * MINUTE) / 1000) }
      : {}),
    shape: request.shape,
    ...(request.shape === 'ramp'
      ? { rampOver: Math.round((request.rampMinutes * MINUTE) / 1000) }
      : {}),
    ...(request.source !== null ? { scope: { source: request.source } } : {}),
    ...(request.description.trim() !== '' ? { description: request.description.trim() } : {}),
    ...family.body,
  };
  if (startMs >= s.scenario.duration)
    problems.push({
      key: 'startsInMinutes',
      message: `the scenario ends in ${hoursAndMinutes(s.scenario.duration - s.now)}; start the fault before then`,
    });
  if (problems.length > 0) return { ok: false, problems };
  const checked = checkInjection(s.scenario, s.faults.all(), body, s.now);
  if (!checked.ok) {
    const keyOf = (path: string): string | null => {
      const head = path.split(/[.[]/)[0];
      return family.keys[head] ?? COMMON_KEYS[head] ?? null;
    };
    return {
      ok: false,
      problems: checked.problems.map((p) => ({ key: keyOf(p.path), message: p.message })),
    };
  }
  return { ok: true, body, fault: checked.fault };
}
