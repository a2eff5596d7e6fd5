import type { RequestRecord } from '../pipeline/request-record';

/** Ground-truth totals for one ledger window: what really happened, hidden from monitoring. */
export interface OutcomeWindow {
  start: number;
  requests: number;
  harm: number;
  costUsd: number;
  falseNegatives: number;
  falsePositives: number;
  errors: number;
  fallbacks: number;
}

/** What the ledger reads of a request. */
export type LedgerEntry = Pick<
  RequestRecord,
  't' | 'fallback' | 'label' | 'flagged' | 'outcome' | 'harm' | 'costUsd'
>;

function add(
  target: Omit<OutcomeWindow, 'start'>,
  r: LedgerEntry,
  fn: number,
  fp: number,
  err: number,
  fb: number,
): void {
  target.requests++;
  target.harm += r.harm;
  target.costUsd += r.costUsd;
  target.falseNegatives += fn;
  target.falsePositives += fp;
  target.errors += err;
  target.fallbacks += fb;
}

/**
 * Harm and cost against ground truth, per window of virtual time: what scoring and the
 * debrief's curves use. Holds at most `maxWindows` windows plus running totals.
 */
export class OutcomeLedger {
  private readonly windows: OutcomeWindow[] = [];
  readonly totals: Omit<OutcomeWindow, 'start'> = {
    requests: 0,
    harm: 0,
    costUsd: 0,
    falseNegatives: 0,
    falsePositives: 0,
    errors: 0,
    fallbacks: 0,
  };

  constructor(
    readonly windowMs: number,
    private readonly maxWindows = 4032,
  ) {}

  record(r: LedgerEntry): void {
    const start = Math.floor(r.t / this.windowMs) * this.windowMs;
    let w = this.windows[this.windows.length - 1];
    if (!w || w.start !== start) {
      w = {
        start,
        requests: 0,
        harm: 0,
        costUsd: 0,
        falseNegatives: 0,
        falsePositives: 0,
        errors: 0,
        fallbacks: 0,
      };
      this.windows.push(w);
      if (this.windows.length > this.maxWindows) this.windows.shift();
    }
    const fn = r.fallback !== 'error' && r.label === 1 && !r.flagged ? 1 : 0;
    const fp = r.fallback !== 'error' && r.label === 0 && r.flagged ? 1 : 0;
    const err =
      r.outcome === 'error' || r.outcome === 'timeout' || r.outcome === 'rejected' ? 1 : 0;
    const fb = r.fallback !== 'none' ? 1 : 0;
    add(w, r, fn, fp, err, fb);
    add(this.totals, r, fn, fp, err, fb);
  }

  /** Windows oldest first. */
  list(): readonly OutcomeWindow[] {
    return this.windows;
  }
}
