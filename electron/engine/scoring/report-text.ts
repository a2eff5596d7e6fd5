/** Text shared by the Markdown and HTML reports. */
import type { CriterionScore, EvidenceFact } from './score-types';
import type { Debrief, TimelineEntry } from './debrief-types';
import { clock, duration, num, usd } from './format';
import { roleLabel } from '../team-roles';

/** An evidence fact's value in words ("06:20", "$4.35/h", "0.273"). */
export function factValue(f: EvidenceFact): string {
  if (f.value === null) return '—';
  if (typeof f.value === 'string') return f.value;
  switch (f.unit) {
    case 'time':
      return clock(f.value);
    case 'duration':
      return duration(f.value);
    case 'usd/h':
      return `${usd(f.value)}/h`;
    case 'usd/request':
      return `$${num(f.value, 5)}/request`;
    case 'harm':
      return num(f.value, 0);
    case 'harm/request':
      return num(f.value, 3);
    default:
      return num(f.value, 2);
  }
}

/**
 * A criterion's points as the app shows them: "12 / 20", or for a penalty-only criterion
 * (hints, max 0) "−4 penalty" and "0 penalty", since "-4 / 0" reads as a broken fraction.
 */
export function pointsText(c: Pick<CriterionScore, 'points' | 'max'>): string {
  if (c.max === 0) return `${c.points < 0 ? `−${num(-c.points)}` : '0'} penalty`;
  return `${num(c.points)} / ${num(c.max)}`;
}

/** Who or what a timeline entry comes from. */
export const LANE_LABEL: Record<TimelineEntry['kind'], string> = {
  'fault-onset': 'Fault',
  'fault-end': 'Fault',
  alert: 'Alert',
  learner: 'You',
  reference: 'Reference',
};

/** Who a timeline entry comes from, with the workshop role of a learner action ("You (scribe)"). */
export function whoOf(e: TimelineEntry): string {
  return e.role ? `${LANE_LABEL[e.kind]} (${roleLabel(e.role)})` : LANE_LABEL[e.kind];
}

/** Rows of the run comparison table: label and the run's figures. */
export function runRows(
  d: Debrief,
): { label: string; harm: string; rate: string; cost: string; recovered: string; total: string }[] {
  const r = d.score.runs;
  const row = (label: string, f: typeof r.learner) => ({
    label,
    harm: num(f.harmAfterOnset, 0),
    rate: num(f.harmRateAfterOnset, 3),
    cost: `${usd(f.costPerHourAfterOnset)}/h`,
    recovered: f.exceeded
      ? f.recoveredAt === null
        ? 'never'
        : clock(f.recoveredAt)
      : 'never over',
    total: `${f.total}/${d.score.max}`,
  });
  return [row('You', r.learner), row('Doing nothing', r.doNothing), row('Reference', r.reference)];
}
