import type { Command } from '../commands';
import type { Session } from '../session';
import type { CommandResult } from '../session-types';
import { checkInjection } from '../faults/injection';
import { trainVersion } from '../model/registry';
import { compileFieldRules, validatePayload } from '../pipeline/validation';
import { formatClock, formatDuration } from '../scenario/duration';
import { investigate } from './investigations';

const MINUTE = 60_000;
/** Virtual time a retrain takes: fixed set-up plus time per thousand examples. */
const RETRAIN_BASE_MS = 20 * MINUTE;
const RETRAIN_PER_THOUSAND_MS = 2 * MINUTE;
const SCALE_OUT_MS = 3 * MINUTE;
const TEAM_FIX_MS = 45 * MINUTE;
const MIN_RETRAIN_EXAMPLES = 200;

/** Which fault families each owning team can fix when escalated to. */
const TEAM_FIXES: Record<string, readonly string[]> = {
  platform: ['dependency-outage', 'latency-regression'],
  data: ['label-outage'],
  // Partners acknowledge but ship on their own schedule; the mapping patch is ours to make.
  partner: [],
  product: [],
  ml: [],
};
export const TEAMS = Object.keys(TEAM_FIXES);

const ok = (
  message: string,
  extra: Partial<Extract<CommandResult, { ok: true }>> = {},
): CommandResult => ({
  ok: true,
  message,
  ...extra,
});
const fail = (error: string): CommandResult => ({ ok: false, error });

/** Applies one command to the session at its current virtual time. */
export function applyCommand(s: Session, c: Command): CommandResult {
  const cfg = s.config;
  const t = s.now;
  switch (c.type) {
    case 'investigate':
      return investigate(s, c);

    case 'rollback': {
      if (!s.registry.has(c.version)) return fail(`There is no model version "${c.version}".`);
      if (cfg.serving === c.version) return fail(`"${c.version}" is already serving.`);
      const from = cfg.serving;
      cfg.serving = c.version;
      if (cfg.release?.version === c.version) cfg.release = null;
      s.emit({ kind: 'deploy', t, version: c.version, by: 'learner' });
      return ok(`Rolled back from ${from} to ${c.version}; it serves from the next request.`);
    }

    case 'revert-change': {
      const change = s.scenario.changeLog.find((x) => x.id === c.changeId);
      if (!change || change.at > t)
        return fail(`There is no change "${c.changeId}" in the change log so far.`);
      if (!change.revertible) return fail(`"${change.title}" cannot be reverted from here.`);
      if (change.causes) {
        const fault = s.faults.all().find((f) => f.id === change.causes);
        if (fault?.type === 'bad-release') {
          const previous = s.scenario.service.serving;
          if (cfg.serving === fault.version) cfg.serving = previous;
        }
        s.faults.end(change.causes, t);
        s.emit({ kind: 'fault-ended', t, faultId: change.causes, by: `revert of ${change.id}` });
      }
      return ok(`Reverted "${change.title}".`);
    }

    case 'set-fallback':
      cfg.fallback = c.mode;
      return ok(`Fallback is now "${c.mode}" for requests the model cannot answer.`);

    case 'pause':
      cfg.paused = c.paused;
      return ok(
        c.paused
          ? 'Feature paused: every request goes to manual review until resumed.'
          : 'Feature resumed: the model answers again.',
      );

    case 'set-limits': {
      const changed: string[] = [];
      if (c.timeoutMs !== undefined) {
        cfg.timeoutMs = c.timeoutMs;
        changed.push(`timeout ${c.timeoutMs} ms`);
      }
      if (c.retryMax !== undefined) {
        cfg.retryMax = c.retryMax;
        changed.push(`retry cap ${c.retryMax}`);
      }
      if (c.retrievalK !== undefined) {
        cfg.retrievalK = c.retrievalK;
        changed.push(`retrieval k ${c.retrievalK}`);
      }
      if (c.promptCapTokens !== undefined) {
        cfg.promptCapTokens = c.promptCapTokens;
        changed.push(`prompt cap ${c.promptCapTokens ?? 'none'}`);
      }
      if (c.costCapUsdPerHour !== undefined) {
        cfg.costCapUsdPerHour = c.costCapUsdPerHour;
        changed.push(
          `cost cap ${c.costCapUsdPerHour === null ? 'none' : `$${c.costCapUsdPerHour}/h`}`,
        );
      }
      if (changed.length === 0) return fail('No limit given.');
      return ok(`Serving limits set: ${changed.join(', ')}.`);
    }

    case 'patch-mapping': {
      if (!s.scenario.service.fields.some((f) => f.name === c.field))
        return fail(`There is no field "${c.field}".`);
      if (c.from === undefined && c.factor === undefined)
        return fail('A patch needs a source field name or a unit factor.');
      cfg.patches.push({
        field: c.field,
        ...(c.source ? { source: c.source } : {}),
        ...(c.from ? { from: c.from } : {}),
        ...(c.factor !== undefined ? { factor: c.factor } : {}),
      });
      const what = [
        c.from ? `read from "${c.from}"` : '',
        c.factor !== undefined ? `× ${c.factor}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return ok(`Mapping patched: "${c.field}" ${what}${c.source ? ` for ${c.source}` : ''}.`);
    }

    case 'retrain': {
      if (c.to <= c.from) return fail('The training window must end after it starts.');
      if (c.to > t) return fail('The training window cannot end in the future.');
      if (c.from < s.store.oldest)
        return fail(`The feature store only keeps the last ${s.store.retentionHours} h.`);
      const examples = s.store
        .labelled(c.from, c.to, t)
        .filter((e) => s.labelDelivered(e.labelAt as number, e.source));
      if (examples.length < MIN_RETRAIN_EXAMPLES) {
        return fail(
          `Only ${examples.length} labelled examples in that window; at least ${MIN_RETRAIN_EXAMPLES} are needed.`,
        );
      }
      const base = s.registry.get(cfg.serving)!;
      const spec =
        s.scenario.service.models.find((m) => m.version === cfg.serving) ??
        s.scenario.service.models[0];
      // Retrains still running count too, so two started back to back get distinct names.
      const retrains =
        s.registry.list().filter((v) => v.origin === 'retrain').length +
        s.pending.filter((p) => p.kind === 'retrain').length;
      const version = c.version ?? `${cfg.serving.split('-r')[0]}-r${retrains + 1}`;
      if (s.registry.has(version) || s.pending.some((p) => p.id === `retrain-${version}`)) {
        return fail(`Version "${version}" already exists.`);
      }
      // The service trains on what it logged (after the mapping patches of the time) through its
      // own validation: corruption included.
      const rules = compileFieldRules(s.scenario.service.fields);
      const rows = examples.map((e) => ({
        clean: validatePayload(e.payload, rules, cfg.validation).clean,
        label: e.label,
      }));
      const readyAt = t + RETRAIN_BASE_MS + Math.ceil(rows.length / 1000) * RETRAIN_PER_THOUSAND_MS;
      const trained = trainVersion(
        s.scenario,
        {
          version,
          features: [...base.features],
          threshold: base.threshold,
          training: spec.training,
          description: `Retrained on ${formatClock(c.from)}–${formatClock(c.to)}`,
        },
        rows,
        { origin: 'retrain', availableAt: readyAt, trainedOn: { from: c.from, to: c.to } },
      );
      s.schedule(
        {
          id: `retrain-${version}`,
          kind: 'retrain',
          startedAt: t,
          readyAt,
          description: `Retraining ${version} on ${rows.length} examples`,
        },
        () => {
          s.registry.add(trained);
          return `${version} is trained (${rows.length} examples, ${(trained.positiveShare * 100).toFixed(1)}% positive) and ready to deploy.`;
        },
      );
      return ok(
        `Retraining ${version} on ${rows.length} labelled examples; ready in ${formatDuration(readyAt - t)}.`,
        { readyAt },
      );
    }

    case 'deploy': {
      const v = s.registry.get(c.version);
      if (!v)
        return fail(`Version "${c.version}" is not available (a retrain may still be running).`);
      if (c.version === cfg.serving) return fail(`"${c.version}" is already serving.`);
      if (c.mode === 'full') {
        cfg.serving = c.version;
        cfg.release = null;
        s.emit({ kind: 'deploy', t, version: c.version, by: 'learner' });
        return ok(`${c.version} rolled out to all traffic.`);
      }
      const share = c.mode === 'shadow' ? 1 : (c.share ?? 0.1);
      cfg.release = {
        version: c.version,
        mode: c.mode,
        share,
        ...(c.source ? { source: c.source } : {}),
        startedAt: t,
      };
      return ok(
        c.mode === 'shadow'
          ? `${c.version} runs in shadow: scored and monitored, not served.`
          : `${c.version} serves ${Math.round(share * 100)}% of ${c.source ?? 'all'} traffic as a canary.`,
      );
    }

    case 'promote': {
      if (!cfg.release) return fail('No release is in progress.');
      const version = cfg.release.version;
      cfg.serving = version;
      cfg.release = null;
      s.emit({ kind: 'deploy', t, version, by: 'learner' });
      return ok(`${version} promoted to all traffic.`);
    }

    case 'abort-release': {
      if (!cfg.release) return fail('No release is in progress.');
      const version = cfg.release.version;
      cfg.release = null;
      return ok(`Release of ${version} stopped; ${cfg.serving} serves everything.`);
    }

    case 'scale': {
      const readyAt = t + SCALE_OUT_MS;
      s.schedule(
        {
          id: `scale-${t}-${c.replicas}`,
          kind: 'scale',
          startedAt: t,
          readyAt,
          description: `Scaling to ${c.replicas} replicas`,
        },
        () => {
          cfg.replicas = c.replicas;
          return `Now running ${c.replicas} replicas.`;
        },
      );
      return ok(`Scaling to ${c.replicas} replicas; ready in ${formatDuration(SCALE_OUT_MS)}.`, {
        readyAt,
      });
    }

    case 'set-serving-pattern': {
      const allowed = s.scenario.service.pipeline.allowedServingPatterns;
      if (!allowed.includes(c.pattern))
        return fail(
          `This service cannot switch to "${c.pattern}" (allowed: ${allowed.join(', ')}).`,
        );
      cfg.servingPattern = c.pattern;
      return ok(`Serving pattern is now "${c.pattern}".`);
    }

    case 'ack-alert':
      if (!s.monitor) return fail('Monitoring is off in this run.');
      return s.monitor.acknowledge(c.alertId, t)
        ? ok(`Alert ${c.alertId} acknowledged.`)
        : fail(`No open alert "${c.alertId}".`);

    case 'silence-alert':
      if (!s.monitor) return fail('Monitoring is off in this run.');
      return s.monitor.silence(c.alertId, t + c.forMs, t)
        ? ok(`Alert ${c.alertId} silenced for ${formatDuration(c.forMs)}.`)
        : fail(`No alert "${c.alertId}".`);

    case 'escalate': {
      const fixes = TEAM_FIXES[c.team];
      if (!fixes) return fail(`Unknown team "${c.team}" (teams: ${TEAMS.join(', ')}).`);
      const active = s.faults
        .all()
        .filter(
          (f) =>
            f.at <= t &&
            fixes.includes(f.type) &&
            s.faults.endTime(f.id) === null &&
            (f.until === undefined || f.until > t),
        );
      const readyAt = t + TEAM_FIX_MS;
      if (active.length > 0) {
        s.schedule(
          {
            id: `escalation-${c.team}-${t}`,
            kind: 'escalation',
            startedAt: t,
            readyAt,
            description: `${c.team} team investigating`,
          },
          () => {
            for (const f of active) {
              s.faults.end(f.id, readyAt);
              s.emit({ kind: 'fault-ended', t: readyAt, faultId: f.id, by: `${c.team} team` });
            }
            return `The ${c.team} team reports a fix is in place.`;
          },
        );
      }
      return ok(
        `Escalated to the ${c.team} team; they acknowledge and will report back.`,
        active.length > 0 ? { readyAt } : {},
      );
    }

    case 'rebaseline':
      if (!s.monitor) return fail('Monitoring is off in this run.');
      s.monitor.rebaseline(Math.max(0, t - 2 * 3_600_000), t);
      return ok('Monitoring reference re-fixed on the last two hours.');

    case 'diagnose':
      return ok(`Diagnosis recorded: ${c.rootCause}.`);

    case 'note':
      return ok('Decision note saved.');

    case 'resolve':
      return ok('Incident declared resolved.');

    case 'hint':
      return ok(hintFor(s));

    case 'inject-fault': {
      const checked = checkInjection(s.scenario, s.faults.all(), c.fault, t);
      if (!checked.ok)
        return fail(
          `Invalid fault: ${checked.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`,
        );
      const fault = checked.fault;
      s.faults.add(fault);
      return ok(`Fault "${fault.id}" (${fault.type}) injected at ${formatClock(fault.at)}.`);
    }
  }
}

/** A nudge that points at the right monitor without naming the cause. */
function hintFor(s: Session): string {
  const active = s.faults.all().filter((f) => f.at <= s.now && s.faults.endTime(f.id) === null);
  if (active.length === 0)
    return 'Nothing is wrong right now that monitoring would not show. Check the alerts feed.';
  const first = active[0];
  const where: Record<string, string> = {
    'schema-change': 'Look at the Inputs panel: schema violations and missing shares per source.',
    'covariate-drift': 'Compare input distributions with the reference, field by field.',
    'benign-change':
      'Compare input distributions with the reference, then check whether outcomes got worse.',
    'prior-shift': 'Watch the flag rate and, once labels arrive, precision and recall.',
    'concept-drift': 'Inputs look stable; look at label-based performance against the estimate.',
    'latency-regression':
      'Look at System health: latency percentiles and timeouts, then trace slow requests.',
    'dependency-outage': 'Look at System health: error and fallback rates.',
    'cost-creep': 'Look at cost per request and tokens, then the cost breakdown.',
    'bad-release': 'Read the change log and compare what each model version does.',
    'label-outage': 'Check label coverage and label lag.',
  };
  return where[first.type] ?? 'Start with the alerts feed.';
}
