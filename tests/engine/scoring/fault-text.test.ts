/** How the debrief words a revealed fault (report and app screen share it). */
import { describe, expect, it } from 'vitest';
import { faultDetail } from '../../../electron/engine/scoring/fault-text';
import type { DebriefFault } from '../../../electron/engine/scoring/debrief-types';

const fault = (over: Partial<DebriefFault>): DebriefFault => ({
  id: 'f1',
  type: 'dependency-outage',
  at: 3_600_000,
  end: null,
  endedBy: null,
  injected: false,
  description: 'The model API fails',
  ...over,
});

describe('faultDetail', () => {
  it('gives a scenario fault its description as written', () => {
    expect(faultDetail(fault({}))).toBe('The model API fails');
  });

  it('ends the description of a live injection before saying when it was injected', () => {
    expect(faultDetail(fault({ injected: true, injectedAt: 5_400_000 }))).toBe(
      'The model API fails. Injected live by the facilitator at 01:30.',
    );
    expect(faultDetail(fault({ injected: true, description: 'It fails (mostly).' }))).toBe(
      'It fails (mostly). Injected live by the facilitator.',
    );
  });

  it('names the role recorded when someone other than the facilitator injected it', () => {
    expect(faultDetail(fault({ injected: true, injectedBy: 'scribe' }))).toMatch(
      /^The model API fails\. Injected live \(recorded as .+\)\.$/,
    );
  });
});
