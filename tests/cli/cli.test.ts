/**
 * The trainer commands of the headless runner, run as a trainer would: `check` on a folder,
 * `new` writing a starter scenario, `preview` printing the timeline, alerts and score ranges,
 * `run --actions` scoring a run and `score` re-scoring a saved session.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../electron/engine/scenario/load';
import { adaptTemplate, idFromFileName, templateText, TEMPLATES } from '../../electron/cli/new';
import { buildPreview, formatPreview, type Preview } from '../../electron/cli/preview';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'electron/cli/index.ts');
const SCENARIOS = join(ROOT, 'scenarios');

/** Runs `npm run sim -- <args>` the way the npm script does (tsx), without npm's banner. */
function sim(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftdrill-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('sim check', () => {
  it('prints a summary table for the built-in folder and exits 0', () => {
    const r = sim(['check', SCENARIOS]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^file\s+status\s+id\s+difficulty\s+duration\s+notes$/);
    expect(lines[1]).toMatch(/^-+(\s+-+){5}$/);
    expect(r.stdout).toMatch(
      /^cents-after-partner-release\.yaml\s+ok\s+cents-after-partner-release\s+beginner\s+1d\s+1 faults$/m,
    );
    const rows = lines.filter((l) => /\.(ya?ml|json)\s/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(11);
    expect(rows.every((l) => /\sok\s/.test(l))).toBe(true);
    expect(r.stdout).toMatch(new RegExp(`^${rows.length} valid, 0 invalid$`, 'm'));
    // The generated JSON Schema is not a scenario and is skipped.
    expect(r.stdout).not.toContain('scenario.schema.json');
  });

  it('marks a broken file invalid, prints file:line:column and exits 1', () => {
    const folder = join(dir, 'mixed');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    copyFileSync(join(SCENARIOS, 'claims-broker-renames-field.yaml'), join(folder, 'a-good.yaml'));
    const broken = readFileSync(
      join(SCENARIOS, 'claims-broker-renames-field.yaml'),
      'utf8',
    ).replace('difficulty: beginner', 'difficulty: beginer');
    writeFileSync(join(folder, 'b-broken.yaml'), broken);
    const r = sim(['check', folder]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^a-good\.yaml\s+ok\s/m);
    expect(r.stdout).toMatch(/^b-broken\.yaml\s+invalid\s+1 errors$/m);
    expect(r.stdout).toMatch(/^1 valid, 1 invalid$/m);
    expect(r.stderr).toMatch(/b-broken\.yaml:6:\d+/);
    expect(r.stderr).toContain('difficulty');
  });

  it('exits 2 with a usage message when given nothing to check', () => {
    const r = sim(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('check');
  });
});

describe('sim new', () => {
  it.each(Object.keys(TEMPLATES))('template %s is a valid scenario as written', (name) => {
    const text = templateText(name)!;
    const result = loadScenario(text, `${name}.yaml`);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(text).toMatch(/^# yaml-language-server: \$schema=/m);
    // Commented for a trainer: every template explains itself.
    expect(text.split('\n').filter((l) => l.includes('#')).length).toBeGreaterThan(15);
  });

  it('writes a commented starter that checks clean, with its id and schema path adapted', () => {
    const out = join(dir, 'nested', 'My Refund Checks.yaml');
    const r = sim(['new', 'classifier', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('npm run sim -- check');
    const text = readFileSync(out, 'utf8');
    const loaded = loadScenario(text, out);
    expect(loaded.ok ? loaded.scenario.id : loaded.errors).toBe('my-refund-checks');
    const schemaLine = text.split('\n')[0];
    const schemaPath = schemaLine.replace('# yaml-language-server: $schema=', '');
    expect(existsSync(join(dir, 'nested', schemaPath))).toBe(true);
    expect(sim(['check', out]).code).toBe(0);
  });

  it('refuses to overwrite without --force, and overwrites with it', () => {
    const out = join(dir, 'twice.yaml');
    expect(sim(['new', 'llm-retrieval', '--out', out]).code).toBe(0);
    const again = sim(['new', 'llm-retrieval', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect(sim(['new', 'classifier', '--out', out, '--force']).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('RefundCheck');
  });

  it('prints the template when no --out is given, and lists templates for an unknown one', () => {
    const printed = sim(['new', 'llm-retrieval']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(templateText('llm-retrieval'));
    const unknown = sim(['new', 'regression']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('classifier');
    expect(unknown.stderr).toContain('llm-retrieval');
  });

  it('derives ids and schema paths from the output location', () => {
    expect(idFromFileName('/x/2024 Fraud_v2.yaml')).toBe('fraud_v2');
    expect(idFromFileName('/x/---.yaml')).toBe('my-scenario');
    const adapted = adaptTemplate(templateText('classifier')!, join(SCENARIOS, 'mine.yaml'));
    expect(adapted).toMatch(/^# yaml-language-server: \$schema=\.\/scenario\.schema\.json$/m);
    expect(adapted).toMatch(/^id: mine( #.*)?$/m);
  });
});

describe('sim preview', () => {
  let preview: Preview;
  const template = join(SCENARIOS, 'templates', 'llm-retrieval.yaml');

  beforeAll(() => {
    const loaded = loadScenario(readFileSync(template, 'utf8'), template);
    if (!loaded.ok) throw new Error('template does not load');
    preview = buildPreview(loaded.scenario, [1, 2]);
  }, 240_000);

  it('gives the fault timeline, the change log and the reference in time order', () => {
    const kinds = preview.timeline.map((l) => l.kind);
    expect(kinds).toContain('fault');
    expect(kinds).toContain('change');
    expect(kinds).toContain('reference');
    const times = preview.timeline.map((l) => l.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const fault = preview.timeline.find((l) => l.kind === 'fault')!;
    expect(fault.text).toBe(
      'FAULT index-slowdown (latency-regression): retrieval × 6; ramp over 15m',
    );
    expect(preview.timeline.find((l) => l.kind === 'change')!.text).toContain(
      'causes index-slowdown (not revertible)',
    );
  });

  it('lists the alerts the reference meets with first firing times per seed', () => {
    const timeout = preview.alerts.find((a) => a.metric === 'system.timeout_rate');
    expect(timeout).toBeDefined();
    expect(timeout!.seeds).toBe(2);
    expect(timeout!.firstFiring).toHaveLength(2);
    for (const t of timeout!.firstFiring) expect(t).toBeGreaterThanOrEqual(preview.onsetMs!);
    for (const a of preview.alerts) {
      expect(a.seeds).toBe(a.firstFiring.length);
      expect(a.seeds).toBeLessThanOrEqual(2);
    }
  });

  it('scores the reference above doing nothing, with ranges over the seeds', () => {
    const s = preview.score;
    expect(s.max).toBe(100);
    for (const r of [
      s.reference,
      s.doNothing,
      s.harmAfterOnset.reference,
      s.harmAfterOnset.doNothing,
    ]) {
      expect(r.min).toBeLessThanOrEqual(r.median);
      expect(r.median).toBeLessThanOrEqual(r.max);
    }
    expect(s.reference.min).toBeGreaterThan(s.doNothing.max);
    expect(s.referenceWins).toBe(2);
    expect(s.harmAfterOnset.reference.max).toBeLessThan(s.harmAfterOnset.doNothing.min);
  });

  it('formats the three sections as text', () => {
    const text = formatPreview(preview);
    expect(text).toContain('Timeline (hidden truth, change log and reference response)');
    expect(text).toContain('Alerts the reference response meets');
    expect(text).toMatch(/Score out of 100 \(min – median – max over 2 seeds\)/);
    expect(text).toMatch(/^ {2}reference {3}\S/m);
    expect(text).toMatch(/^ {2}do nothing {2}\S/m);
    expect(text).toMatch(/^ {5}04:00 {2}FAULT index-slowdown/m);
  });

  it('runs from the command line with --json and rejects a bad --seeds', () => {
    const r = sim(['preview', template, '--seeds', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout) as Preview;
    expect(data.scenarioId).toBe('my-llm-retrieval-scenario');
    expect(data.seeds).toEqual([1]);
    expect(Object.keys(data).sort()).toEqual(
      [
        'alerts',
        'difficulty',
        'durationMs',
        'onsetMs',
        'referenceDerived',
        'score',
        'scenarioId',
        'seeds',
        'timeline',
        'title',
      ].sort(),
    );
    const bad = sim(['preview', template, '--seeds', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--seeds');
    const missing = sim(['preview', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(1);
  }, 240_000);
});

describe('sim run --actions and sim score', () => {
  const MINIMAL = join(ROOT, 'tests/fixtures/scenarios/minimal.yaml');
  let out = '';
  let run: ReturnType<typeof sim>;

  beforeAll(() => {
    const actions = join(dir, 'actions.yaml');
    writeFileSync(
      actions,
      [
        'actions:',
        '  - { at: 2h20m, command: { type: investigate, tool: distribution, field: amount } }',
        '  - { at: 2h30m, command: { type: diagnose, rootCause: covariate-drift } }',
        '',
      ].join('\n'),
    );
    out = join(dir, 'run-with-actions');
    run = sim(['run', MINIMAL, '--actions', actions, '--out', out, '--no-requests']);
  });

  it('writes score.json and a session file that sim score replays to the same score', () => {
    expect(run.code, run.stderr).toBe(0);
    const score = JSON.parse(readFileSync(join(out, 'score.json'), 'utf8')) as {
      total: number;
      max: number;
      criteria: { id: string; points: number }[];
    };
    expect(score.max).toBe(100);
    expect(score.criteria.find((c) => c.id === 'diagnosis')?.points).toBeGreaterThan(0);
    expect(run.stdout).toContain(`minimal-partner-drift seed`);

    const rescored = join(dir, 'rescored.json');
    const again = sim([
      'score',
      join(out, 'session.json'),
      '--scenario',
      MINIMAL,
      '--out',
      rescored,
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(readFileSync(rescored, 'utf8'))).toEqual(score);
  });

  it('refuses a session recorded on another version of the scenario, saying why', () => {
    const changed = join(dir, 'minimal-changed.yaml');
    writeFileSync(
      changed,
      readFileSync(MINIMAL, 'utf8').replace(/^title: .*$/m, 'title: A retitled copy'),
    );
    const session = join(out, 'session.json');
    const r = sim(['score', session, '--scenario', changed]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/recorded on a different version of scenario "minimal-partner-drift"/);
  });

  it('finds a built-in scenario by the id in the session file', () => {
    const session = join(dir, 'built-in.session.json');
    writeFileSync(
      session,
      JSON.stringify({
        format: 'driftdrill-session',
        version: 1,
        scenarioId: 'no-such-scenario',
        scenarioHash: `sha256:${'0'.repeat(64)}`,
        seed: 1,
        decisions: [],
      }),
    );
    const r = sim(['score', session]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /no scenario "no-such-scenario" in .*scenarios; name its file with --scenario/,
    );
  });
});
