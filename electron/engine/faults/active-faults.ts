import type { FaultSpec, FaultType } from '../scenario/schema';
import { faultIntensity } from './intensity';

/** A fault in play this step with its intensity; scope is checked per request. */
export interface ActiveFault<T extends FaultType = FaultType> {
  spec: Extract<FaultSpec, { type: T }>;
  intensity: number;
}

/**
 * The fault timeline of a session: scenario faults, faults injected live by a facilitator,
 * and end times set by mitigations. Answers "what acts now" once per simulation step.
 */
export class FaultTimeline {
  private readonly faults: FaultSpec[];
  private readonly endedAt = new Map<string, number>();
  private active: ActiveFault[] = [];
  private byType = new Map<FaultType, ActiveFault[]>();

  constructor(faults: readonly FaultSpec[]) {
    this.faults = [...faults];
  }

  /** Adds a fault (live injection); it takes effect from its own `at`. */
  add(fault: FaultSpec): void {
    this.faults.push(fault);
  }

  /** Stops a fault from time `t` on (a revert or a fix by the owning team). */
  end(faultId: string, t: number): void {
    const previous = this.endedAt.get(faultId);
    if (previous === undefined || t < previous) this.endedAt.set(faultId, t);
  }

  /** Every fault known to the session, scenario and injected, in order of declaration. */
  all(): readonly FaultSpec[] {
    return this.faults;
  }

  /** When a mitigation ended the fault, or null. */
  endTime(faultId: string): number | null {
    return this.endedAt.get(faultId) ?? null;
  }

  /** Recomputes which faults act at `t`; call once per step before generating requests. */
  update(t: number): void {
    // Most steps have the same faults acting as the step before, at most with new intensities:
    // then the entries are updated in place and no list is rebuilt.
    const active = this.active;
    let k = 0;
    let same = true;
    for (const spec of this.faults) {
      const intensity = faultIntensity(spec, t, this.endedAt.get(spec.id) ?? null);
      if (intensity <= 0) continue;
      if (k < active.length && active[k].spec === spec) active[k].intensity = intensity;
      else same = false;
      k++;
    }
    if (same && k === active.length) return;
    this.active = [];
    this.byType = new Map();
    for (const spec of this.faults) {
      const intensity = faultIntensity(spec, t, this.endedAt.get(spec.id) ?? null);
      if (intensity <= 0) continue;
      const entry: ActiveFault = { spec, intensity };
      this.active.push(entry);
      const list = this.byType.get(spec.type);
      if (list) list.push(entry);
      else this.byType.set(spec.type, [entry]);
    }
  }

  /** Faults of one type acting this step. */
  ofType<T extends FaultType>(type: T): readonly ActiveFault<T>[] {
    return (this.byType.get(type) as ActiveFault<T>[] | undefined) ?? EMPTY;
  }

  /** Whether any fault acts this step. */
  get any(): boolean {
    return this.active.length > 0;
  }
}

const EMPTY: readonly never[] = [];

/** Whether a fault scoped to a source applies to a request from `source`. */
export function inScope(spec: FaultSpec, source: string): boolean {
  return spec.scope.source === undefined || spec.scope.source === source;
}
