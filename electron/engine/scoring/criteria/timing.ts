/** Time to detect, time to correct diagnosis and time to mitigate. */
import type { DecisionLogEntry } from '../../session-types';
import type { CriterionScore, EvidenceFact } from '../score-types';
import { clock, duration, linearDown, num } from '../format';
import { commandOf, firstFrom, isAction, learnerDecisions } from '../log-queries';
import { alertShowsFault, firstAlertFor, investigationShowsFault } from './relevance';
import { criterion, type RunContext } from './context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Grace after the first alert to start looking, and when detection is worth nothing. */
export const DETECT_TARGET_MS = 30 * MINUTE;
export const DETECT_ZERO_AFTER_MS = 4 * HOUR;
/** Grace after the first alert to name the cause, and when it is worth nothing. */
export const DIAGNOSE_TARGET_MS = HOUR;
export const DIAGNOSE_ZERO_AFTER_MS = 6 * HOUR;
/** Recovering within this of the reference counts as just as fast. */
export const MITIGATE_GRACE_MS = 30 * MINUTE;

const time = (label: string, value: number | null): EvidenceFact => ({
  label,
  value,
  unit: 'time',
});

/** Whether a decision shows the learner noticed the fault: looked where it shows, acked its alert, acted or named a cause. */
function showsDetection(ctx: RunContext, d: DecisionLogEntry): boolean {
  const fault = ctx.firstFault!;
  if (isAction(d)) return true;
  const look = commandOf(d, 'investigate');
  if (look) return d.result.ok && investigationShowsFault(look, fault);
  const ack = commandOf(d, 'ack-alert');
  if (ack) {
    // Alert ids are the run's own: its monitor named them.
    const alert = ctx.run.alerts?.find((a) => a.id === ack.alertId);
    return alert !== undefined && alertShowsFault(alert, fault);
  }
  const dx = commandOf(d, 'diagnose');
  return dx !== null && d.result.ok && dx.rootCause !== 'no-incident';
}

/** The decision with which a log first engaged with the fault, or null. */
export function detectionIn(
  ctx: RunContext,
  decisions: readonly DecisionLogEntry[],
): DecisionLogEntry | null {
  if (ctx.onset === null) return null;
  return firstFrom(learnerDecisions(decisions), ctx.onset, (d) => showsDetection(ctx, d));
}

/** Time to detect: first relevant investigation or ack, or any action, after onset; against the first alert. */
export function scoreDetect(ctx: RunContext): CriterionScore {
  const max = 10;
  const label = 'Time to detect';
  if (ctx.onset === null || ctx.firstFault === null) {
    return criterion('detect', label, max, 1, 'There was no incident to detect.', {
      seqs: [],
      facts: [],
    });
  }
  const onset = ctx.onset;
  const alert = firstAlertFor(ctx.worldAlerts, ctx.firstFault);
  const from = alert?.firedAt ?? onset;
  const target = from + DETECT_TARGET_MS;
  const detected = detectionIn(ctx, ctx.run.decisions);
  const refDetected = detectionIn(ctx, ctx.baselines.reference.decisions);
  const facts: EvidenceFact[] = [
    time('Fault began', onset),
    time('First alert', alert?.firedAt ?? null),
    time('You engaged', detected?.t ?? null),
    time('Reference engaged', refDetected?.t ?? null),
  ];
  if (detected === null) {
    return criterion(
      'detect',
      label,
      max,
      0,
      `Nothing after the fault began at ${clock(onset)}: drift is usually slow, so its first sign is a small shift in one metric — keep checking the panels.`,
      { seqs: [], facts },
    );
  }
  const fraction = linearDown(detected.t, target, target + DETECT_ZERO_AFTER_MS);
  let since = `${duration(detected.t - onset)} after onset`;
  if (alert && detected.t < alert.firedAt)
    since = `${duration(alert.firedAt - detected.t)} before the first alert`;
  else if (alert && detected.t === alert.firedAt) since = 'as the first alert fired';
  else if (alert) since = `${duration(detected.t - alert.firedAt)} after the first alert`;
  return criterion(
    'detect',
    label,
    max,
    fraction,
    `You engaged ${since} (target: within ${duration(DETECT_TARGET_MS)} of it): the first sign of trouble is a small shift in a metric, not an outage.`,
    { seqs: [detected.seq], facts },
  );
}

/** Time to correct diagnosis: first diagnose naming an accepted root cause after onset. */
export function scoreDiagnoseTime(ctx: RunContext): CriterionScore {
  const max = 10;
  const label = 'Time to correct diagnosis';
  if (ctx.onset === null || ctx.firstFault === null) {
    return criterion('diagnose-time', label, max, 1, 'There was no incident to diagnose.', {
      seqs: [],
      facts: [],
    });
  }
  const alert = firstAlertFor(ctx.worldAlerts, ctx.firstFault);
  const target = (alert?.firedAt ?? ctx.onset) + DIAGNOSE_TARGET_MS;
  const correct = firstFrom(ctx.run.decisions, ctx.onset, (d) => {
    const dx = commandOf(d, 'diagnose');
    return dx !== null && d.result.ok && ctx.rubric.rootCauses.includes(dx.rootCause);
  });
  const facts: EvidenceFact[] = [
    time('Fault began', ctx.onset),
    time('Correct diagnosis', correct?.t ?? null),
    { label: 'Accepted root causes', value: ctx.rubric.rootCauses.join(', '), unit: 'text' },
  ];
  if (correct === null) {
    return criterion(
      'diagnose-time',
      label,
      max,
      0,
      `No correct diagnosis (${ctx.rubric.rootCauses.join(' or ')}): after an output shift, look at inputs and pipeline changes first, then name the cause.`,
      { seqs: [], facts },
    );
  }
  const fraction = linearDown(correct.t, target, target + DIAGNOSE_ZERO_AFTER_MS);
  return criterion(
    'diagnose-time',
    label,
    max,
    fraction,
    `Correct cause named ${duration(correct.t - ctx.onset)} after onset (target ${duration(target - ctx.onset)}): inputs and the change log usually explain an output shift.`,
    { seqs: [correct.seq], facts },
  );
}

/** Time to mitigate: when the incident signal came back under its threshold and stayed there. */
export function scoreMitigate(ctx: RunContext): CriterionScore {
  const max = 15;
  const label = 'Time to mitigate';
  const { signal, recovery, onset } = ctx;
  const what = signal.kind === 'cost' ? 'Cost per request' : 'Harm per request';
  if (
    onset === null ||
    signal.kind === 'none' ||
    signal.threshold === null ||
    recovery.run === null
  ) {
    return criterion(
      'mitigate',
      label,
      max,
      1,
      'Doing nothing never pushed harm or cost over its threshold: there was nothing to bring back.',
      { seqs: [], facts: [] },
    );
  }
  const thr = signal.threshold;
  const ref = recovery.reference;
  const dn = recovery.doNothing;
  const facts: EvidenceFact[] = [
    {
      label: `${what} threshold`,
      value: thr,
      unit: signal.kind === 'cost' ? 'usd/request' : 'harm/request',
    },
    time('First window over it', recovery.run.firstOver),
    time('Back under it (you)', recovery.run.recoveredAt),
    time('Back under it (reference)', ref?.exceeded ? ref.recoveredAt : onset),
    time('Back under it (doing nothing)', dn?.recoveredAt ?? null),
  ];
  if (!recovery.run.exceeded) {
    return criterion(
      'mitigate',
      label,
      max,
      1,
      `${what} never crossed ${num(thr)} in your run: you acted before the harm spread.`,
      { seqs: [], facts },
    );
  }
  const recovered = recovery.run.recoveredAt;
  const fixes = learnerDecisions(ctx.run.decisions).filter(
    (d) => isAction(d) && d.t >= onset && (recovered === null || d.t <= recovered),
  );
  const seqs = fixes.slice(-3).map((d) => d.seq);
  if (recovered === null) {
    return criterion(
      'mitigate',
      label,
      max,
      0,
      `${what} was still over ${num(thr)} at the end: when a serious risk is flagged, pause, roll back or fall back before harm spreads.`,
      { seqs, facts },
    );
  }
  const refAt = ref?.exceeded ? ref.recoveredAt : onset;
  const target = (refAt ?? onset) + MITIGATE_GRACE_MS;
  const worst = dn?.recoveredAt ?? ctx.baselines.doNothing.end;
  const fraction =
    worst <= target ? Number(recovered <= target) : linearDown(recovered, target, worst);
  return criterion(
    'mitigate',
    label,
    max,
    fraction,
    `${what} back under ${num(thr)} at ${clock(recovered)}${refAt !== null ? ` (reference ${clock(refAt)})` : ''}: stop the harm first, then fix the cause.`,
    { seqs, facts },
  );
}
