import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDebriefJob } from '../../electron/main/debrief-worker';

const TEXT = readFileSync(
  join(__dirname, '../../scenarios/cents-after-partner-release.yaml'),
  'utf8',
);

describe('the scoring thread', () => {
  it('answers a job for a file that no longer loads with the reason, without throwing', () => {
    const reply = runDebriefJob({
      id: 3,
      fileName: 'b.yaml',
      text: TEXT.replace('difficulty: beginner', 'difficulty: expert'),
      seed: 1,
      decisions: [],
    });
    expect(reply).toEqual({
      id: 3,
      ok: false,
      error: 'b.yaml no longer loads: invalid value "expert"',
    });
  });
});
