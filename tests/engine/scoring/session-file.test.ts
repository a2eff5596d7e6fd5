/** Session files: save, parse, replay to the identical score; refuse what does not match. */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../electron/engine/session';
import {
  parseSessionFile,
  scenarioHash,
  serialiseSession,
} from '../../../electron/engine/session-file';
import { scoreSession } from '../../../electron/engine/scoring/score';
import { sha256Hex } from '../../../electron/engine/scoring/scenario-hash';
import { loadFixture } from './fixtures';

const H = 3_600_000;
const M = 60_000;

/** Plays a short session the way the app does: clock slices of whole seconds, commands between. */
function playSession(): { session: Session; text: string } {
  const { scenario, text } = loadFixture('unit-change');
  const session = new Session(scenario, { seed: 77 });
  const at = (t: number) => {
    while (session.now < t) session.advanceTo(Math.min(t, session.now + 7_000));
  };
  at(3 * H + 12 * M);
  session.apply({
    type: 'investigate',
    tool: 'distribution',
    field: 'amount',
    source: 'partner-api',
  });
  at(3 * H + 20 * M);
  session.apply(
    { type: 'patch-mapping', field: 'amount', source: 'partner-api', factor: 0.01 },
    'ops',
  );
  session.apply({ type: 'rollback', version: 'nope' });
  session.apply({ type: 'diagnose', rootCause: 'schema-change' });
  at(scenario.duration);
  return { session, text };
}

describe('session files', () => {
  it('save → parse → replay gives the identical score', () => {
    const { session, text } = playSession();
    const live = scoreSession(session.scenario, session.seed, session.decisions, {
      learner: session,
    });
    const saved = serialiseSession(session, text, '2026-11-25T12:00:00.000Z');
    const parsed = parseSessionFile(saved, session.scenario, text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.file).toMatchObject({
      format: 'driftdrill-session',
      version: 1,
      scenarioId: 'fixture-unit-change',
      seed: 77,
      savedAt: '2026-11-25T12:00:00.000Z',
    });
    expect(parsed.file.decisions.map((d) => d.seq)).toEqual([0, 1, 2, 3]);
    expect(parsed.file.decisions[1].role).toBe('ops');
    const replayed = scoreSession(session.scenario, parsed.file.seed, parsed.file.decisions);
    expect(replayed).toEqual(live);
  });

  it('refuses a file recorded on a changed scenario, naming both hashes', () => {
    const { session, text } = playSession();
    const saved = serialiseSession(session, text);
    const changed = text.replace('ratePerMinute: 200', 'ratePerMinute: 201');
    const result = parseSessionFile(saved, session.scenario, changed);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const mine = scenarioHash(changed).slice(7, 19);
    const theirs = scenarioHash(text).slice(7, 19);
    expect(result.error).toBe(
      `This session was recorded on a different version of scenario "fixture-unit-change" (hash ${mine}…, file has ${theirs}…).`,
    );
  });

  it('refuses a file for another scenario', () => {
    const { session, text } = playSession();
    const other = loadFixture('retry-storm');
    const result = parseSessionFile(serialiseSession(session, text), other.scenario, other.text);
    expect(result).toEqual({
      ok: false,
      error:
        'This session was recorded on scenario "fixture-unit-change", not "fixture-retry-storm".',
    });
  });

  it('refuses malformed JSON and malformed decisions with a clear sentence', () => {
    const { scenario, text } = loadFixture('unit-change');
    const base = {
      format: 'driftdrill-session',
      version: 1,
      scenarioId: scenario.id,
      scenarioHash: scenarioHash(text),
      seed: 1,
    };
    const refuse = (body: string) => {
      const r = parseSessionFile(body, scenario, text);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.error;
    };
    expect(refuse('{"format": "driftdrill-session",')).toMatch(
      /^This is not a session file: it is not valid JSON \(.+\)\.$/,
    );
    expect(refuse('[]')).toBe('This is not a session file: "format" must be "driftdrill-session".');
    expect(
      refuse(
        JSON.stringify({ ...base, decisions: [{ seq: 0, t: 5, command: { type: 'explode' } }] }),
      ),
    ).toMatch(/^This session file is malformed: decisions\.0\.command\.type: .+\.$/);
    expect(
      refuse(
        JSON.stringify({ ...base, decisions: [{ seq: 1, t: 5, command: { type: 'resolve' } }] }),
      ),
    ).toBe(
      'This session file is malformed: decision 0 has seq 1; seqs must run 0, 1, 2… in order.',
    );
    const backwards = [
      { seq: 0, t: 50, command: { type: 'resolve' } },
      { seq: 1, t: 10, command: { type: 'resolve' } },
    ];
    expect(refuse(JSON.stringify({ ...base, decisions: backwards }))).toBe(
      'This session file is malformed: decision 1 is at 10 ms, before decision 0 at 50 ms.',
    );
    expect(refuse(JSON.stringify({ ...base, seed: -1, decisions: [] }))).toMatch(
      /^This session file is malformed: seed: /,
    );
  });
});

describe('scenarioHash', () => {
  it('is SHA-256 (checked against node:crypto)', () => {
    for (const s of [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'é€𝄞'.repeat(100),
    ]) {
      const bytes = new TextEncoder().encode(s);
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('ignores comments, formatting, key order and YAML vs JSON; sees any change of value', () => {
    const { text } = loadFixture('unit-change');
    const doc = parseYaml(text) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    expect(scenarioHash(`# a comment\n${text}`)).toBe(scenarioHash(text));
    expect(scenarioHash(JSON.stringify(doc, null, 2))).toBe(scenarioHash(text));
    expect(scenarioHash(stringify(reordered))).toBe(scenarioHash(text));
    expect(scenarioHash(text.replace('seed: 11', 'seed: 12'))).not.toBe(scenarioHash(text));
    expect(scenarioHash(text)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
