/** Diagnosis: whether the final declared root cause is right. */
import type { CriterionScore } from '../score-types';
import { commandOf } from '../log-queries';
import { criterion, type RunContext } from './context';

/** Share of the points kept when a wrong diagnosis came before the right one. */
const CHANGED_MIND = 0.7;

/** Scores the last diagnosis; a wrong one before it costs a little, a wrong final one everything. */
export function scoreDiagnosis(ctx: RunContext): CriterionScore {
  const max = 10;
  const label = 'Diagnosis';
  const accepted = ctx.rubric.rootCauses;
  const diagnoses = ctx.run.decisions.filter(
    (d) => d.result.ok && commandOf(d, 'diagnose') !== null,
  );
  const causeOf = (i: number) => commandOf(diagnoses[i], 'diagnose')!.rootCause;
  const facts = [
    { label: 'Accepted root causes', value: accepted.join(', '), unit: 'text' as const },
    {
      label: 'Your diagnoses',
      value: diagnoses.map((_, i) => causeOf(i)).join(' → ') || null,
      unit: 'text' as const,
    },
  ];
  const seqs = diagnoses.map((d) => d.seq);
  if (diagnoses.length === 0) {
    if (ctx.onset === null)
      return criterion('diagnosis', label, max, 1, 'No fault, and none invented.', { seqs, facts });
    return criterion(
      'diagnosis',
      label,
      max,
      0,
      'No diagnosis declared: naming the root cause is what turns a fix into a lesson.',
      { seqs, facts },
    );
  }
  const last = causeOf(diagnoses.length - 1);
  if (!accepted.includes(last)) {
    return criterion(
      'diagnosis',
      label,
      max,
      0,
      `Final diagnosis "${last}" is not the cause (${accepted.join(' or ')}): check inputs and the change log before naming one.`,
      { seqs, facts },
    );
  }
  const wrongBefore = diagnoses.slice(0, -1).some((_, i) => !accepted.includes(causeOf(i)));
  return wrongBefore
    ? criterion(
        'diagnosis',
        label,
        max,
        CHANGED_MIND,
        `Right in the end ("${last}") after a wrong call: evidence first, then the diagnosis.`,
        { seqs, facts },
      )
    : criterion('diagnosis', label, max, 1, `"${last}" is the root cause.`, { seqs, facts });
}
