/** Harm done and cost against budget, compared with the do-nothing and reference replays. */
import type { CriterionScore, EvidenceFact } from '../score-types';
import { linearDown, num, unit, usd } from '../format';
import { totalsFrom } from '../windows';
import { criterion, type RunContext } from './context';

/** Below this share of do-nothing harm, the reference is no better than doing nothing. */
const SAME_HARM = 0.01;
/** Without a meaningful reference gain: harm this far over doing nothing scores nothing. */
const WORSE_HARM_ZERO = 0.2;
/** Cost this far over the bar scores nothing. */
const COST_ZERO_FACTOR = 1.5;
/** Without a budget, the reference's cost plus this margin is the bar. */
const UNBUDGETED_MARGIN = 1.1;

/** Harm done after onset: 0 at the do-nothing run's harm, full at the reference's, linear between. */
export function scoreHarm(ctx: RunContext): CriterionScore {
  const max = 20;
  const from = ctx.onset ?? 0;
  const mine = totalsFrom(ctx.run, from).harm;
  const none = totalsFrom(ctx.baselines.doNothing, from).harm;
  const ref = totalsFrom(ctx.baselines.reference, from).harm;
  const facts: EvidenceFact[] = [
    { label: 'Harm after onset (you)', value: mine, unit: 'harm' },
    { label: 'Harm after onset (doing nothing)', value: none, unit: 'harm' },
    { label: 'Harm after onset (reference)', value: ref, unit: 'harm' },
  ];
  const gain = none - ref;
  let fraction: number;
  if (none <= 0 || gain < SAME_HARM * none) {
    // The reference does not beat doing nothing: only harm added by the learner costs points.
    fraction = linearDown(mine, none * (1 + SAME_HARM * 2), none * (1 + WORSE_HARM_ZERO));
  } else {
    fraction = unit((none - mine) / gain);
  }
  const cmp = `${num(mine, 0)} after onset vs ${num(none, 0)} doing nothing and ${num(ref, 0)} for the reference`;
  const explanation =
    mine > none
      ? `Your actions added harm (${cmp}): a fix that disrupts more than the fault does is not a fix.`
      : `Harm ${cmp}: every window of delay is paid by the people the model decides about.`;
  return criterion('harm', 'Harm done', max, fraction, explanation, { seqs: [], facts });
}

/** Cost per hour after onset against the budget (or the reference when over budget or unbudgeted). */
export function scoreCost(ctx: RunContext): CriterionScore {
  const max = 5;
  const from = ctx.onset ?? 0;
  const perHour = (t: { costUsd: number; hours: number }) =>
    t.hours > 0 ? t.costUsd / t.hours : 0;
  const mine = perHour(totalsFrom(ctx.run, from));
  const none = perHour(totalsFrom(ctx.baselines.doNothing, from));
  const ref = perHour(totalsFrom(ctx.baselines.reference, from));
  const budget = ctx.scenario.service.budgets.costUsdPerHour;
  // When even the reference cannot meet the budget, what it spends is the achievable bar.
  const bar = budget !== null ? Math.max(budget, ref) : ref * UNBUDGETED_MARGIN;
  const facts: EvidenceFact[] = [
    { label: 'Cost after onset (you)', value: mine, unit: 'usd/h' },
    { label: 'Cost after onset (doing nothing)', value: none, unit: 'usd/h' },
    { label: 'Cost after onset (reference)', value: ref, unit: 'usd/h' },
    { label: 'Budget', value: budget, unit: 'usd/h' },
  ];
  const fraction = linearDown(mine, bar, bar * COST_ZERO_FACTOR);
  let against = `the budget of ${usd(budget ?? 0)}/h`;
  if (budget === null)
    against = `the reference's ${usd(ref)}/h (no budget is set: "costs are measured" is an assumption to test)`;
  else if (ref > budget)
    against += ` (the reference itself spends ${usd(ref)}/h, so that is the bar)`;
  const explanation =
    mine <= bar
      ? `${usd(mine)}/h after onset, within ${against}: cost is part of the incident, and yours stayed in bounds.`
      : `${usd(mine)}/h after onset against ${against}: hidden compute cost — retries, bigger prompts, manual review — has to be measured and capped.`;
  return criterion('cost', 'Cost against budget', max, fraction, explanation, { seqs: [], facts });
}
