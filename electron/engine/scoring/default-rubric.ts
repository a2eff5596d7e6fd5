/**
 * Rated actions for scenarios that do not rate their own, derived from each fault's type.
 * Each rule applies only while its fault acts, and says why in terms of the lessons.
 */
import type { Scenario } from '../scenario/schema';
import type { MatchValue, Rating, RubricRule } from './rubric';
import type { FaultInterval } from './run-trace';

type Rule = [command: string, match: Record<string, MatchValue>, rating: Rating, why: string];

const RETRAIN_ON_BAD_DATA =
  'Retraining while the inputs are broken teaches the model the breakage.';
const MODEL_IS_FINE = 'The model did not change; rolling it back loses accuracy and fixes nothing.';

/** Whether the service has a fallback that gives users a next step without pausing. */
export function hasFallback(scenario: Scenario): boolean {
  const fb = scenario.service.pipeline.fallback;
  return fb.mode !== 'error' || fb.rule !== undefined;
}

function schemaChangeRules(f: Extract<FaultInterval['spec'], { type: 'schema-change' }>): Rule[] {
  const patchable = f.change === 'rename' || f.change === 'unit-change';
  const rules: Rule[] = [
    ['retrain', {}, 'harmful', RETRAIN_ON_BAD_DATA],
    ['rollback', {}, 'harmful', MODEL_IS_FINE],
    [
      'investigate',
      { tool: 'distribution', field: f.field },
      'recommended',
      'A schema change shows first in one input field: compare it with the reference.',
    ],
    [
      'escalate',
      {},
      patchable ? 'acceptable' : 'recommended',
      'The owner of the upstream change has to fix it for good.',
    ],
  ];
  if (patchable) {
    rules.push([
      'patch-mapping',
      { field: f.field },
      'recommended',
      'Fixing the mapping where the data enters removes the corruption at its source.',
    ]);
  }
  return rules;
}

function costCreepRules(f: Extract<FaultInterval['spec'], { type: 'cost-creep' }>): Rule[] {
  const cap: Record<typeof f.mechanism, string> = {
    'retry-storm': 'retryMax',
    'prompt-growth': 'promptCapTokens',
    'wider-retrieval': 'retrievalK',
  };
  return [
    [
      'set-limits',
      { [cap[f.mechanism]]: '*' },
      'recommended',
      'Hidden compute cost: measure it, then cap the mechanism that grows it.',
    ],
    [
      'set-limits',
      { costCapUsdPerHour: '*' },
      'acceptable',
      'A cost cap bounds the bill but sends requests to the fallback.',
    ],
    ['scale', {}, 'harmful', 'Scaling out adds cost to a cost problem.'],
    [
      'retrain',
      {},
      'harmful',
      'The model is not the problem; retraining spends time and changes a working model.',
    ],
    ['rollback', {}, 'harmful', MODEL_IS_FINE],
  ];
}

function rulesFor(f: FaultInterval, scenario: Scenario): Rule[] {
  const spec = f.spec;
  const fallbackMode = scenario.service.pipeline.fallback.rule ? 'rule' : 'manual-review';
  switch (spec.type) {
    case 'schema-change':
      return schemaChangeRules(spec);
    case 'covariate-drift':
      return [
        [
          'investigate',
          { tool: 'distribution', ...(spec.field ? { field: spec.field } : {}) },
          'recommended',
          'Drift is usually slow: compare the drifting input with the reference first.',
        ],
        [
          'retrain',
          {},
          'recommended',
          'Real drift in the population: retrain on recent data once the inputs are verified.',
        ],
      ];
    case 'benign-change':
      return [
        [
          'investigate',
          { tool: 'performance' },
          'recommended',
          'Check whether outcomes got worse before treating a shift as an incident.',
        ],
        [
          'rebaseline',
          {},
          'recommended',
          'A benign shift: re-fix the monitoring reference instead of changing the service.',
        ],
        [
          'rollback',
          {},
          'harmful',
          'Rolling back for a benign change disrupts a model that works.',
        ],
      ];
    case 'prior-shift':
      return [
        [
          'investigate',
          { tool: 'performance' },
          'recommended',
          'A change in the positive rate needs labels to judge: check performance.',
        ],
        [
          'retrain',
          {},
          'acceptable',
          'Retraining on recent labels adapts the model to the new base rate.',
        ],
        ['rollback', {}, 'harmful', 'An older model learned the same old base rate.'],
      ];
    case 'concept-drift':
      return [
        [
          'investigate',
          { tool: 'performance' },
          'recommended',
          'Inputs look stable in concept drift; label-based performance shows it.',
        ],
        [
          'retrain',
          {},
          'recommended',
          'The relation between inputs and outcome changed: retrain on recent labels.',
        ],
        ['rollback', {}, 'harmful', 'An older model learned the same outdated relation.'],
      ];
    case 'latency-regression':
      return [
        [
          'escalate',
          { team: 'platform' },
          'recommended',
          'Timeouts matter: the platform team owns the slow stage.',
        ],
        ['scale', {}, 'acceptable', 'Scaling out takes queueing off the latency, at a cost.'],
        ['set-fallback', {}, 'acceptable', 'A fallback answers the requests that time out.'],
        [
          'retrain',
          {},
          'harmful',
          'The model is not the problem; retraining does not make it faster.',
        ],
        ['rollback', {}, 'harmful', MODEL_IS_FINE],
      ];
    case 'dependency-outage':
      return [
        [
          'set-fallback',
          { mode: fallbackMode },
          'recommended',
          'Missing fallbacks: when a dependency fails, users still need a next step.',
        ],
        [
          'set-fallback',
          { mode: 'fail-open' },
          'harmful',
          'Failing open skips the check for every failed request.',
        ],
        [
          'escalate',
          { team: 'platform' },
          'recommended',
          'The platform team owns the failing dependency.',
        ],
        ['retrain', {}, 'harmful', 'The model is not the problem; its dependency is down.'],
        ['rollback', {}, 'harmful', MODEL_IS_FINE],
      ];
    case 'cost-creep':
      return costCreepRules(spec);
    case 'bad-release': {
      const rules: Rule[] = [];
      if (spec.version !== scenario.service.serving) {
        rules.push([
          'rollback',
          { version: scenario.service.serving },
          'recommended',
          'A bad release: roll back to the version that served before it.',
        ]);
      }
      for (const c of scenario.changeLog) {
        if (c.causes === spec.id && c.revertible) {
          rules.push([
            'revert-change',
            { changeId: c.id },
            'recommended',
            'Reverting the release that caused the fault ends it.',
          ]);
        }
      }
      rules.push([
        'investigate',
        { tool: 'change-log' },
        'recommended',
        'After an output shift, look at pipeline and release changes first.',
      ]);
      return rules;
    }
    case 'label-outage':
      return [
        ['escalate', { team: 'data' }, 'recommended', 'The data team owns the label pipeline.'],
        [
          'retrain',
          {},
          'harmful',
          'With labels missing, a retrain learns from a biased remainder.',
        ],
        ['rollback', {}, 'harmful', MODEL_IS_FINE],
      ];
  }
}

/** Default rules for one fault, each active only while that fault acts. */
export function defaultRules(f: FaultInterval, scenario: Scenario): RubricRule[] {
  const rules = rulesFor(f, scenario);
  if (hasFallback(scenario) && f.type !== 'bad-release') {
    rules.push([
      'pause',
      {},
      'harmful',
      'Pausing sends every request to manual review when the fallback already gives users a next step.',
    ]);
  }
  return rules.map(([command, match, rating, why]) => ({
    command,
    match,
    rating,
    why,
    whileFault: f.id,
    origin: 'default',
  }));
}

/** Root causes a diagnosis may name when the rubric does not say: the first fault's type. */
export function defaultRootCauses(faults: readonly FaultInterval[]): string[] {
  const first = [...faults].sort((a, b) => a.at - b.at)[0];
  return [first ? first.type : 'no-incident'];
}
