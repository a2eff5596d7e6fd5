import type { Scenario } from '../scenario/schema';
import type { Command } from '../commands';
import { Session } from '../session';
import type { CommandResult } from '../session-types';
import { takeSnapshot, type SessionSnapshot } from './session-snapshot';

/** Speeds the clock offers: virtual seconds per real second (0 = paused). */
export const SPEEDS = [0, 1, 10, 60, 600] as const;
export type Speed = (typeof SPEEDS)[number];

const SLICE_MS = 1000;

/**
 * Drives a session in real time at a chosen speed, in slices that never hold the host's
 * event loop longer than a budget. Shared by Electron main and the browser Worker.
 */
export class SessionController {
  readonly session: Session;
  private speedValue: Speed = 0;
  /** Virtual ms owed but not yet run: the session only moves in whole steps. */
  private owed = 0;

  constructor(scenario: Scenario, seed?: number) {
    this.session = new Session(scenario, seed === undefined ? {} : { seed });
  }

  get speed(): Speed {
    return this.speedValue;
  }

  setSpeed(speed: Speed): void {
    this.speedValue = speed;
    this.owed = 0;
  }

  /**
   * Advances virtual time for `realElapsedMs` of wall time at the current speed, stopping
   * early when `budgetMs` of compute is spent (the remainder is dropped, not queued, so a
   * slow machine runs slower instead of freezing). Returns virtual ms advanced.
   */
  tick(
    realElapsedMs: number,
    budgetMs: number,
    clock: () => number = () => performance.now(),
  ): number {
    if (this.speedValue === 0 || this.session.finished) return 0;
    const started = clock();
    const from = this.session.now;
    const target = from + this.owed + realElapsedMs * this.speedValue;
    let overBudget = false;
    while (this.session.now + SLICE_MS <= target && !this.session.finished) {
      this.session.advanceTo(this.session.now + SLICE_MS);
      if (clock() - started > budgetMs) {
        overBudget = true;
        break;
      }
    }
    if (!overBudget) this.session.advanceTo(target);
    // Keep the fraction of a step still owed; drop the rest when over budget.
    this.owed = overBudget ? 0 : target - this.session.now;
    if (this.session.finished) this.speedValue = 0;
    return this.session.now - from;
  }

  /** Advances exactly one monitoring window (the "step" control). */
  stepWindow(): void {
    const w = this.session.scenario.monitoring.window;
    this.session.advanceTo((Math.floor(this.session.now / w) + 1) * w);
  }

  apply(command: Command, role?: string): CommandResult {
    return this.session.apply(command, role);
  }

  snapshot(): SessionSnapshot {
    return takeSnapshot(this.session, this.speedValue);
  }
}
