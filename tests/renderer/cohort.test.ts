import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantile } from 'd3-array';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import {
  cohortReducer,
  fileSource,
  initialCohort,
  sortedEntries,
  type CohortAction,
  type CohortState,
} from '../../renderer/src/state/cohort';
import { parseResultFile, type ResultFile } from '../../electron/engine/cohort/result-file';
import { groupByScenario } from '../../electron/engine/cohort/cohort';
import { spreadOf } from '../../renderer/src/lib/spread-stats';
import { layoutSpread } from '../../renderer/src/charts/spread';
import {
  missingTimes,
  splitVerdict,
  spreadRows,
  summaryRows,
} from '../../renderer/src/screens/cohort/cohort-view';
import { ImportProblems } from '../../renderer/src/screens/cohort/ImportProblems';
import { asText } from '../../renderer/src/lib/format';
import {
  readFileFor,
  readFilesInTurn,
  unreadableMessage,
} from '../../renderer/src/app/use-file-drop';

const FIXTURES = join(__dirname, '../fixtures/cohort');
const files = readdirSync(FIXTURES)
  .sort()
  .map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));
const valid = files.filter((f) => !f.name.includes('delta'));
const malformed = files.find((f) => f.name.includes('delta'))!;

/** Reads files into the cohort as the screen does: parse, then one action per file. */
function importAll(state: CohortState, list: readonly { name: string; text: string }[]) {
  return list.reduce(
    (s, f) =>
      cohortReducer(s, {
        type: 'file-read',
        fileName: f.name,
        parse: parseResultFile(f.text, f.name),
        source: fileSource(f.name, f.text),
      }),
    state,
  );
}

const learners = (s: CohortState) => sortedEntries(s.entries, s.sort).map((e) => e.result.learner);

describe('cohortReducer', () => {
  it('keeps the valid imports when a malformed file arrives among them', () => {
    const s = importAll(initialCohort, [valid[0], malformed, valid[1], valid[2]]);
    expect(s.entries.map((e) => e.fileName)).toEqual(valid.map((f) => f.name));
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]).toMatchObject({ kind: 'error', error: { file: malformed.name } });
    expect(s.problems[0].error.problems[0]).toMatchObject({ line: 10, column: 3 });
    expect(s.announcement).toMatch(/^Imported .*team-cedar.* 3 results in the cohort\.$/);
  });

  it('refuses a second copy of a result with a calm notice, and an edited copy with an error', () => {
    let s = importAll(initialCohort, valid);
    s = importAll(s, [{ name: 'copy.json', text: valid[0].text }]);
    expect(s.entries).toHaveLength(3);
    expect(s.problems[0].kind).toBe('duplicate');
    expect(s.problems[0].error.message).toMatch(
      /^This is the same result as "router-cost-doubles-97-team-atlas\.driftdrill-result\.json", already imported/,
    );
    const edited = JSON.parse(valid[0].text) as ResultFile;
    edited.score.criteria[0].points -= 1;
    edited.score.total -= 1;
    s = importAll(s, [{ name: 'edited.json', text: JSON.stringify(edited) }]);
    expect(s.problems.map((p) => p.kind)).toEqual(['duplicate', 'error']);
    expect(s.problems[1].error.message).toMatch(
      /reports a different score: one of the two was edited/,
    );
  });

  it('replaces what it said about a file only when the very same file is imported again', () => {
    let s = importAll(initialCohort, [malformed]);
    expect(s.problems).toHaveLength(1);
    // The same bytes again: one card, not two.
    s = importAll(s, [malformed]);
    expect(s.problems).toHaveLength(1);
    // A fixed copy is another file: it is imported, and the old card stays until dismissed.
    const fixed = malformed.text.replace(/("seed": \d+)\n/, '$1,\n');
    s = importAll(s, [{ name: malformed.name, text: fixed }]);
    expect(s.entries).toHaveLength(1);
    expect(s.problems.map((p) => p.error.file)).toEqual([malformed.name]);
  });

  it('keeps one card per failed import when different files share a name', () => {
    const broken = [
      { name: 'result.json', text: '{"format": "toString"}' },
      { name: 'result.json', text: '{"total": 999, "total": 100}' },
      { name: 'result.json', text: malformed.text },
    ];
    let s = importAll(initialCohort, broken);
    expect(s.problems).toHaveLength(3);
    expect(new Set(s.problems.map((p) => p.id)).size).toBe(3);
    expect(s.problems.map((p) => p.error.message)).toEqual([
      expect.stringMatching(/"format" is text \("toString"\)/),
      expect.stringMatching(/duplicate key "total"/),
      expect.stringMatching(/Is a comma missing/),
    ]);
    // A valid file of the same name clears none of them.
    s = importAll(s, [{ name: 'result.json', text: valid[0].text }]);
    expect(s.entries).toHaveLength(1);
    expect(s.problems).toHaveLength(3);
    // Files refused unread cannot be told apart: each attempt keeps its own card.
    const big = { type: 'file-refused', fileName: 'result.json', message: 'too large' } as const;
    s = cohortReducer(cohortReducer(s, big), big);
    expect(s.problems).toHaveLength(5);
    s = cohortReducer(s, { type: 'problem-dismissed', id: s.problems[1].id });
    expect(s.problems.map((p) => p.error.message)).toEqual([
      expect.stringMatching(/toString/),
      expect.stringMatching(/Is a comma missing/),
      'too large',
      'too large',
    ]);
  });

  it('clears a duplicate notice once the same file is imported after all', () => {
    let s = importAll(initialCohort, [valid[0], valid[0]]);
    expect(s.problems.map((p) => p.kind)).toEqual(['duplicate']);
    s = cohortReducer(s, { type: 'removed', id: s.entries[0].id });
    s = importAll(s, [valid[0]]);
    expect(s.entries).toHaveLength(1);
    expect(s.problems).toEqual([]);
  });

  it('tells files apart by name, size and content', () => {
    expect(fileSource('a.json', '{}')).toBe(fileSource('a.json', '{}'));
    expect(fileSource('a.json', '{}')).not.toBe(fileSource('b.json', '{}'));
    expect(fileSource('a.json', '{"a":1}')).not.toBe(fileSource('a.json', '{"a":2}'));
  });

  it('records files refused before reading, and dismisses problems one by one or all', () => {
    let s = cohortReducer(initialCohort, {
      type: 'file-refused',
      fileName: 'huge.json',
      message: 'The file is larger than 5 MiB, the limit for a result file.',
    });
    s = importAll(s, [malformed]);
    expect(s.problems.map((p) => p.error.file)).toEqual(['huge.json', malformed.name]);
    s = cohortReducer(s, { type: 'problem-dismissed', id: s.problems[0].id });
    expect(s.problems.map((p) => p.error.file)).toEqual([malformed.name]);
    s = cohortReducer(s, { type: 'problems-cleared' });
    expect(s.problems).toEqual([]);
  });

  it('removes one result, and clears all while keeping the table order', () => {
    let s = importAll(initialCohort, valid);
    s = cohortReducer(s, { type: 'sorted', key: 'learner' });
    s = cohortReducer(s, { type: 'removed', id: s.entries[1].id });
    expect(s.entries.map((e) => e.result.learner)).toEqual(['Team Atlas', 'Team Cedar']);
    s = cohortReducer(s, { type: 'cleared' });
    expect(s.entries).toEqual([]);
    expect(s.sort).toEqual({ key: 'learner', direction: 'ascending' });
  });

  it('sorts by a column, reverses on a second click, and puts missing times last', () => {
    let s = importAll(initialCohort, valid);
    expect(learners(s)).toEqual(['Team Atlas', 'Team Birch', 'Team Cedar']);
    s = cohortReducer(s, { type: 'sorted', key: 'score' });
    expect(s.sort.direction).toBe('ascending');
    expect(learners(s)).toEqual(['Team Cedar', 'Team Birch', 'Team Atlas']);
    s = cohortReducer(s, { type: 'sorted', key: 'mitigate' });
    expect(learners(s)).toEqual(['Team Atlas', 'Team Cedar', 'Team Birch']);
    s = cohortReducer(s, { type: 'sorted', key: 'mitigate' });
    // Birch never mitigated: last whichever way the column runs.
    expect(learners(s)).toEqual(['Team Cedar', 'Team Atlas', 'Team Birch']);
    s = cohortReducer(s, { type: 'sorted', key: 'diagnose' });
    expect(learners(s)).toEqual(['Team Atlas', 'Team Birch', 'Team Cedar']);
  });

  it('never loses a valid import, whatever order files and failures come in', () => {
    const actions: CohortAction[] = [
      ...valid.map((f): CohortAction => ({
        type: 'file-read',
        fileName: f.name,
        parse: parseResultFile(f.text, f.name),
      })),
      {
        type: 'file-read',
        fileName: malformed.name,
        parse: parseResultFile(malformed.text, malformed.name),
      },
      { type: 'file-refused', fileName: 'big.json', message: 'too large' },
      { type: 'sorted', key: 'harm' },
      { type: 'problems-cleared' },
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(actions, { minLength: actions.length }), (order) => {
        const s = order.reduce(cohortReducer, initialCohort);
        expect(new Set(s.entries.map((e) => e.fileName))).toEqual(
          new Set(valid.map((f) => f.name)),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('import problems on screen', () => {
  it('renders every message as text, even one that is not', () => {
    expect(asText('plain')).toBe('plain');
    expect(asText(() => 'x')).toBe('(no description)');
    expect(asText(Object.create(null))).toBe('(no description)');
    expect(asText({})).toBe('[object Object]');
    const weird = [() => 1, { a: 1 }, Object.create(null) as unknown, 42];
    const problems = weird.map((message, i) => ({
      id: i + 1,
      kind: 'error' as const,
      source: null,
      error: {
        file: 'result.json',
        message: message as string,
        problems: [{ path: '', message: message as string, line: 1, column: 1 }],
        more: 0,
      },
    }));
    const html = renderToStaticMarkup(
      createElement(ImportProblems, { problems, dispatch: () => undefined }),
    );
    expect(html.match(/data-testid="import-problem"/g)).toHaveLength(4);
    expect(html).toContain('(no description)');
  });

  it('shows the problem of a file named after an object property, as parsed', () => {
    const s = importAll(initialCohort, [{ name: 'x.json', text: '{"format":"__proto__"}' }]);
    const html = renderToStaticMarkup(
      createElement(ImportProblems, { problems: s.problems, dispatch: () => undefined }),
    );
    expect(html).toContain('is text (&quot;__proto__&quot;), expected');
  });
});

describe('reading a dropped or picked file', () => {
  const calls = () => {
    const log: string[] = [];
    return {
      log,
      handlers: {
        onFile: (name: string, text: string) => log.push(`file ${name} ${text}`),
        onTooLarge: (name: string) => log.push(`too large ${name}`),
        onUnreadable: (name: string, message: string) => log.push(`unreadable ${name}: ${message}`),
      },
    };
  };

  it('reports a file that cannot be read instead of losing it', async () => {
    const { log, handlers } = calls();
    const gone = {
      name: 'gone.json',
      size: 10,
      text: () => Promise.reject(new DOMException('The file was moved.', 'NotFoundError')),
    };
    await expect(readFileFor(gone, 100, handlers)).resolves.toBeUndefined();
    expect(log).toEqual(['unreadable gone.json: The file could not be read: The file was moved.']);
    expect(unreadableMessage('odd')).toBe('The file could not be read: odd');
  });

  it('hands a readable file its text, and a large one to onTooLarge unread', async () => {
    const { log, handlers } = calls();
    const text = () => Promise.resolve('{}');
    await readFileFor({ name: 'a.json', size: 2, text }, 100, handlers);
    await readFileFor({ name: 'b.json', size: 200, text }, 100, handlers);
    expect(log).toEqual(['file a.json {}', 'too large b.json']);
  });

  it('reads picked files in turn, finishing each before the next, past any that fail', async () => {
    const log: string[] = [];
    const text = (t: string) => () => Promise.resolve(t);
    const files = [
      { name: 'a.yaml', size: 3, text: text('one') },
      { name: 'gone.yaml', size: 3, text: () => Promise.reject(new Error('moved')) },
      { name: 'big.yaml', size: 500, text: text('never read') },
      { name: 'b.yaml', size: 3, text: text('two') },
    ];
    await readFilesInTurn(files, 100, {
      onFile: async (name, t) => {
        log.push(`open ${name} ${t}`);
        await Promise.resolve();
        log.push(`opened ${name}`);
      },
      onTooLarge: (name) => log.push(`too large ${name}`),
      onUnreadable: (name, message) => log.push(`unreadable ${name}: ${message}`),
    });
    expect(log).toEqual([
      'open a.yaml one',
      'opened a.yaml',
      'unreadable gone.yaml: The file could not be read: moved',
      'too large big.yaml',
      'open b.yaml two',
      'opened b.yaml',
    ]);
  });
});

describe('spread statistics', () => {
  it("matches d3's quantiles and ignores missing values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), {
          maxLength: 40,
        }),
        (values) => {
          const finite = values.filter((v): v is number => v !== null);
          const s = spreadOf(values);
          if (finite.length === 0) {
            expect(s).toBeNull();
            return;
          }
          expect(s).toEqual({
            count: finite.length,
            min: Math.min(...finite),
            q1: quantile(finite, 0.25),
            median: quantile(finite, 0.5),
            q3: quantile(finite, 0.75),
            max: Math.max(...finite),
          });
        },
      ),
    );
  });

  it('gives the quartiles of a small cohort', () => {
    expect(spreadOf([10, 40, 20, null, 30])).toEqual({
      count: 4,
      min: 10,
      q1: 17.5,
      median: 25,
      q3: 32.5,
      max: 40,
    });
  });
});

describe('the spread chart layout', () => {
  it('places boxes on the quartiles and stacks equal values instead of hiding them', () => {
    const layout = layoutSpread(
      [
        {
          id: 'a',
          label: 'A',
          points: [10, 20, 20, 20, 40].map((value, i) => ({ key: `k${i}`, label: `L${i}`, value })),
        },
        { id: 'b', label: 'B', points: [] },
      ],
      400,
      50,
      5,
    );
    expect(layout.ticks[0]).toEqual({ value: 0, pos: 0 });
    expect(layout.ticks.at(-1)!.pos).toBe(400);
    const [a, b] = layout.rows;
    expect(a.box).toEqual({ min: 100, q1: 200, median: 200, q3: 200, max: 400 });
    const at20 = a.dots.filter((d) => d.value === 20).map((d) => d.cy);
    expect(new Set(at20).size).toBe(3);
    expect(at20).toContain(a.center);
    for (const d of a.dots) {
      expect(d.cy).toBeGreaterThanOrEqual(a.top);
      expect(d.cy).toBeLessThanOrEqual(a.top + a.height);
    }
    expect(b.box).toBeNull();
    expect(b.center).toBe(75);
  });
});

describe('cohort view helpers', () => {
  const s = importAll(initialCohort, valid);
  const [group] = groupByScenario(s.entries).groups;

  it('plots each time measure, leaving out results without that time and saying why', () => {
    const rows = spreadRows(group);
    expect(rows.map((r) => [r.id, r.points.length])).toEqual([
      ['detect', 3],
      ['diagnose', 2],
      ['mitigate', 2],
    ]);
    expect(missingTimes(group)).toEqual([
      { metric: 'diagnose', names: ['Team Cedar (no correct diagnosis)'] },
      { metric: 'mitigate', names: ['Team Birch (not mitigated by the end)'] },
    ]);
    const summary = summaryRows(group);
    expect(summary.map((r) => [r.label, r.spread?.count ?? 0, r.of])).toEqual([
      ['Score', 3, 3],
      ['Time to detect', 3, 3],
      ['Time to correct diagnosis', 2, 3],
      ['Time to mitigate', 2, 3],
    ]);
  });

  it('splits a verdict into its band and its reasons', () => {
    expect(
      splitVerdict(
        'Good response (76/100): harm 62% below doing nothing; most points lost on process.',
      ),
    ).toEqual({
      band: 'Good response',
      detail: 'harm 62% below doing nothing; most points lost on process.',
    });
    expect(splitVerdict('Something else')).toEqual({ band: 'Something else', detail: '' });
  });
});
