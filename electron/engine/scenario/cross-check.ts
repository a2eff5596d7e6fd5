import { formatDuration } from './duration';
import { formatPath } from './scenario-error';
import type { Problem, Target } from './scenario-error';
import type { Distribution, FieldSpec, Scenario } from './schema';
import { quoteList } from './schema-walk';
import { suggest } from './suggest';

/**
 * Checks that need the whole scenario: names that refer to other parts, unique ids, ordered
 * bounds and times inside the run. They run after the schema passes, on the parsed scenario.
 */

type Path = readonly PropertyKey[];

/** Distribution kinds that generate each field type. */
const KINDS_FOR_TYPE: Record<FieldSpec['type'], readonly Distribution['kind'][]> = {
  number: ['normal', 'lognormal', 'uniform'],
  category: ['categorical'],
  boolean: ['bernoulli'],
};

/**
 * Returns the root causes the rubric grades against: `rubric.rootCause`, else
 * `rubric.rootCauses`, else the one type shared by all faults other than benign changes
 * ("no-incident" when there are none). Returns null when the faults leave it ambiguous.
 */
export function rubricRootCauses(s: Scenario): string[] | null {
  if (s.rubric.rootCause !== undefined) return [s.rubric.rootCause];
  if (s.rubric.rootCauses !== undefined && s.rubric.rootCauses.length > 0)
    return s.rubric.rootCauses;
  const types = [...new Set(s.faults.filter((f) => f.type !== 'benign-change').map((f) => f.type))];
  if (types.length === 0) return ['no-incident'];
  return types.length === 1 ? types : null;
}

class Checks {
  readonly problems: Problem[] = [];

  add(
    path: Path,
    message: string,
    more: { target?: Target; expected?: string; suggestion?: string } = {},
  ) {
    this.problems.push({ path, target: more.target ?? 'value', message, ...more });
  }

  /** Reports `name` unless it is one of `known`, suggesting the closest. */
  reference(
    path: Path,
    name: string,
    known: readonly string[],
    what: string,
    target: Target = 'value',
  ) {
    if (known.includes(name)) return;
    this.add(path, `unknown ${what} "${name}"`, {
      target,
      expected: known.length > 0 ? `one of ${quoteList(known)}` : `a declared ${what}`,
      suggestion: suggest(name, known),
    });
  }

  /** Reports each key of a record that is not one of `known`, at the key. */
  keys(
    path: Path,
    record: Record<string, unknown> | undefined,
    known: readonly string[],
    what: string,
  ) {
    for (const key of Object.keys(record ?? {}))
      this.reference([...path, key], key, known, what, 'key');
  }

  /** Reports the second and later uses of each id (the `key` of list items), pointing back at the first. */
  unique(path: Path, ids: readonly string[], key: string, what: string) {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, i);
      else
        this.add(
          [...path, i, key],
          `duplicate ${what} "${id}" (first at ${formatPath([...path, earlier])})`,
        );
    });
  }

  /** Reports `at` when it lies beyond the end of the run; `what` names the moment. */
  within(path: Path, at: number, duration: number, what: string, allowEnd: boolean) {
    if (at < duration || (allowEnd && at === duration)) return;
    const when = allowEnd ? 'after' : 'at or after';
    this.add(path, `${what} (${formatDuration(at)}) is ${when} the end of the scenario`, {
      expected: `a time ${allowEnd ? 'up to' : 'before'} ${formatDuration(duration)} (the scenario's duration)`,
    });
  }

  distribution(path: Path, d: Distribution, type: FieldSpec['type']) {
    const kinds = KINDS_FOR_TYPE[type];
    if (!kinds.includes(d.kind)) {
      this.add([...path, 'kind'], `a ${type} field cannot use a ${d.kind} distribution`, {
        expected: `one of ${quoteList(kinds)}`,
      });
    }
    if (d.kind === 'uniform' && !(d.min < d.max)) {
      this.add([...path, 'max'], `uniform max ${d.max} is not above min ${d.min}`, {
        expected: `a number > ${d.min}`,
      });
    }
    if (d.kind === 'categorical') this.someWeight([...path, 'weights'], d.weights);
  }

  someWeight(path: Path, weights: Record<string, number>) {
    if (Object.values(weights).some((w) => w > 0)) return;
    this.add(path, 'no category has a positive weight', { expected: 'at least one weight > 0' });
  }
}

function checkService(c: Checks, s: Scenario, fields: string[], sources: string[]) {
  const { service } = s;
  const versions = service.models.map((m) => m.version);
  c.unique(['service', 'fields'], fields, 'name', 'field name');
  c.unique(['service', 'traffic', 'sources'], sources, 'name', 'source name');
  c.unique(['service', 'models'], versions, 'version', 'model version');
  c.reference(['service', 'serving'], service.serving, versions, 'model version');

  service.fields.forEach((field, i) => {
    const path = ['service', 'fields', i];
    if (field.range !== undefined && !(field.range[0] < field.range[1])) {
      c.add(
        [...path, 'range'],
        `range [${field.range.join(', ')}] is empty: min is not below max`,
        {
          expected: '[min, max] with min < max',
        },
      );
    }
    c.distribution([...path, 'distribution'], field.distribution, field.type);
    c.keys([...path, 'bySource'], field.bySource, sources, 'source');
    for (const [source, override] of Object.entries(field.bySource)) {
      if (override.distribution === undefined) continue;
      c.distribution(
        [...path, 'bySource', source, 'distribution'],
        override.distribution,
        field.type,
      );
    }
  });

  service.labels.terms.forEach((term, i) => {
    c.reference(['service', 'labels', 'terms', i, 'field'], term.field, fields, 'field');
  });

  service.models.forEach((model, i) => {
    const path = ['service', 'models', i];
    model.features.forEach((f, j) => c.reference([...path, 'features', j], f, fields, 'field'));
    if (model.defect !== undefined && 'field' in model.defect) {
      c.reference(
        [...path, 'defect', 'field'],
        model.defect.field,
        model.features,
        'feature of this model',
      );
    }
  });

  const pipeline = service.pipeline;
  pipeline.transforms.forEach((t, i) => {
    const path = ['service', 'pipeline', 'transforms', i];
    c.reference([...path, 'field'], t.field, fields, 'field');
    if (t.op === 'clip' && !(t.min < t.max)) {
      c.add([...path, 'max'], `clip max ${t.max} is not above min ${t.min}`, {
        expected: `a number > ${t.min}`,
      });
    }
  });
  const fallback = pipeline.fallback;
  if (fallback.mode === 'rule' && fallback.rule === undefined) {
    c.add(['service', 'pipeline', 'fallback', 'mode'], 'fallback mode "rule" needs a rule', {
      expected: 'a `rule: { field, above }` next to `mode: rule`',
    });
  }
  if (fallback.rule !== undefined) {
    c.reference(
      ['service', 'pipeline', 'fallback', 'rule', 'field'],
      fallback.rule.field,
      fields,
      'field',
    );
  }
}

function checkFaults(c: Checks, s: Scenario, fields: string[], sources: string[]) {
  const versions = s.service.models.map((m) => m.version);
  c.unique(
    ['faults'],
    s.faults.map((f) => f.id),
    'id',
    'fault id',
  );
  s.faults.forEach((fault, i) => {
    const path = ['faults', i];
    c.within([...path, 'at'], fault.at, s.duration, "the fault's start", false);
    if (fault.until !== undefined && !(fault.until > fault.at)) {
      c.add(
        [...path, 'until'],
        `the fault ends at ${formatDuration(fault.until)}, not after it starts`,
        {
          expected: `a time after ${formatDuration(fault.at)} (its "at")`,
        },
      );
    }
    if (fault.scope.source !== undefined) {
      c.reference([...path, 'scope', 'source'], fault.scope.source, sources, 'source');
    }
    switch (fault.type) {
      case 'schema-change':
        c.reference([...path, 'field'], fault.field, fields, 'field');
        break;
      case 'covariate-drift':
      case 'benign-change':
        if (fault.field !== undefined)
          c.reference([...path, 'field'], fault.field, fields, 'field');
        c.keys([...path, 'sourceMix'], fault.sourceMix, sources, 'source');
        if (fault.weights !== undefined) c.someWeight([...path, 'weights'], fault.weights);
        break;
      case 'concept-drift':
        c.keys([...path, 'weightScale'], fault.weightScale, fields, 'field');
        c.keys([...path, 'categoryEffects'], fault.categoryEffects, fields, 'field');
        break;
      case 'bad-release':
        c.reference([...path, 'version'], fault.version, versions, 'model version');
        break;
      default:
        break;
    }
  });
}

function checkTimeline(c: Checks, s: Scenario, fields: string[], sources: string[]) {
  const faultIds = s.faults.map((f) => f.id);
  c.unique(
    ['changeLog'],
    s.changeLog.map((e) => e.id),
    'id',
    'change id',
  );
  s.changeLog.forEach((entry, i) => {
    if (entry.causes !== undefined)
      c.reference(['changeLog', i, 'causes'], entry.causes, faultIds, 'fault id');
  });

  const { monitoring } = s;
  const reference = monitoring.reference;
  if (reference !== undefined) {
    if (!(reference.to > reference.from)) {
      c.add(['monitoring', 'reference', 'to'], 'the reference window ends before it starts', {
        expected: `a time after ${formatDuration(reference.from)} (its "from")`,
      });
    }
    c.within(
      ['monitoring', 'reference', 'to'],
      reference.to,
      s.duration,
      "the reference window's end",
      true,
    );
  }
  c.keys(['monitoring', 'tests'], monitoring.tests, fields, 'field');
  const alerts = monitoring.alerts ?? [];
  c.unique(
    ['monitoring', 'alerts'],
    alerts.map((a) => a.id),
    'id',
    'alert rule id',
  );
  alerts.forEach((alert, i) => {
    const path = ['monitoring', 'alerts', i];
    if (alert.source !== undefined)
      c.reference([...path, 'source'], alert.source, sources, 'source');
    if (alert.field !== undefined) c.reference([...path, 'field'], alert.field, fields, 'field');
  });

  s.reference?.actions.forEach((action, i) => {
    c.within(['reference', 'actions', i, 'at'], action.at, s.duration, "the action's time", true);
  });
}

function checkRubric(c: Checks, s: Scenario) {
  const causes = rubricRootCauses(s);
  const faultTypes: string[] = [...new Set(s.faults.map((f) => f.type))];
  if (causes === null) {
    c.add(
      ['rubric', 'rootCause'],
      `the root cause is ambiguous: faults of types ${quoteList(faultTypes)}`,
      {
        expected: 'rubric.rootCause or rubric.rootCauses naming the cause to diagnose',
      },
    );
    return;
  }
  const named: [Path, string | undefined][] =
    s.rubric.rootCause !== undefined
      ? [[['rubric', 'rootCause'], s.rubric.rootCause]]
      : (s.rubric.rootCauses ?? []).map((cause, i) => [['rubric', 'rootCauses', i], cause]);
  for (const [path, cause] of named) {
    if (cause === undefined || cause === 'no-incident' || faultTypes.includes(cause)) continue;
    c.add(path, `no fault in this scenario has type "${cause}"`, {
      expected:
        faultTypes.length > 0
          ? `"no-incident" or a type among the faults: ${quoteList(faultTypes)}`
          : '"no-incident" (the scenario has no faults)',
      suggestion: suggest(cause, faultTypes),
    });
  }
}

/** Returns the cross-reference problems of a scenario that passed the schema; [] when consistent. */
export function crossCheck(s: Scenario): Problem[] {
  const c = new Checks();
  const fields = s.service.fields.map((f) => f.name);
  const sources = s.service.traffic.sources.map((src) => src.name);
  // A renamed field arrives under its new name, so later faults and alerts may name it.
  const renamed = s.faults.flatMap((f) =>
    // The engine's default new name is `<field>_v2`.
    f.type === 'schema-change' && f.change === 'rename' ? [f.renameTo ?? `${f.field}_v2`] : [],
  );
  const faultFields = [...fields, ...renamed];
  checkService(c, s, fields, sources);
  checkFaults(c, s, faultFields, sources);
  checkTimeline(c, s, faultFields, sources);
  checkRubric(c, s);
  return c.problems;
}
