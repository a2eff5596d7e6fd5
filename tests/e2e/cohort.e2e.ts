import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { ROOT, screenshot, seriousA11yViolations, useBrowserSuite } from './harness';
import { parseCsv } from '../engine/cohort/csv-parse';

const FIXTURES = join(ROOT, 'tests/fixtures/cohort');
const fixtureFiles = readdirSync(FIXTURES).sort();
const VALID = fixtureFiles.filter((f) => !f.includes('delta')).map((f) => join(FIXTURES, f));
const MALFORMED = fixtureFiles.find((f) => f.includes('delta'))!;
const TITLE = "The router's cost doubles after two small config changes";
const atlasHash = (JSON.parse(readFileSync(VALID[0], 'utf8')) as { scenario: { hash: string } })
  .scenario.hash;

/** Clicks `button` and returns the download it starts, with its text. */
async function download(page: Page, click: () => Promise<void>): Promise<[Download, string]> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return [d, readFileSync(await d.path(), 'utf8')];
}

/** Takes a full-page screenshot from the top, so the sticky header sits where it belongs. */
async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name, fullPage);
}

/** Drops a file on the window the way a file manager does. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name: n, text: t }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      return dt;
    },
    { name, text },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

/**
 * A workshop's results: a learner plays a short scenario and saves a result file; the
 * facilitator imports three teams' files and one malformed file, sees the error beside the
 * intact rows and the charts, adds the learner's file by drag and drop, and exports the CSV.
 */
describe('cohort results', () => {
  const suite = useBrowserSuite();
  const a11y: Record<string, string[]> = {};
  let learnerFile = { name: '', text: '' };

  it('saves a result file from the debrief, under the name the learner types', async () => {
    const { page } = suite.g;
    await page.goto(suite.server.url);
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: TITLE }) });
    await card.getByRole('button', { name: 'Read the briefing' }).click();
    await page.getByRole('button', { name: 'Start the shift' }).click();
    await page.getByTestId('clock').waitFor();
    await page.getByRole('button', { name: 'Resolve the incident…' }).click();
    await page.getByRole('button', { name: 'Resolve and see the debrief' }).click();
    await page.getByTestId('debrief-score').waitFor({ timeout: 180_000 });

    const form = page.getByRole('form', { name: 'Share your result' });
    await form.getByLabel('Your name or team (optional)').fill('Team Lima');
    const [file, text] = await download(page, () =>
      form.getByRole('button', { name: 'Save result file' }).click(),
    );
    expect(file.suggestedFilename()).toBe(
      'router-cost-doubles-97-team-lima.driftdrill-result.json',
    );
    const result = JSON.parse(text) as {
      format: string;
      learner: string;
      seed: number;
      scenario: { id: string; hash: string };
      decisions: { command: { type: string } }[];
    };
    expect(result).toMatchObject({ format: 'driftdrill-result', learner: 'Team Lima', seed: 97 });
    // The browser's engine hashes the bundled scenario exactly as the fixture script did.
    expect(result.scenario.hash).toBe(atlasHash);
    expect(result.decisions.map((d) => d.command.type)).toEqual(['resolve']);
    await form.getByText(`Saved ${file.suggestedFilename()}.`).waitFor();
    await screenshot(page, 'cohort-debrief-save-result', false);
    learnerFile = { name: file.suggestedFilename(), text };
  });

  it('imports three result files and a malformed one: one clear error, three intact rows', async () => {
    const { page } = suite.g;
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Cohort' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Cohort results' }).waitFor();
    await page.getByText('No results yet.').waitFor();
    await shoot(page, 'cohort-empty', false);
    a11y.empty = await seriousA11yViolations(page);

    await page
      .getByTestId('result-file-input')
      .setInputFiles([VALID[0], join(FIXTURES, MALFORMED), VALID[1], VALID[2]]);

    const problem = page.getByTestId('import-problem');
    await problem.waitFor();
    expect(await problem.count()).toBe(1);
    await expect(problem.getByRole('heading', { name: MALFORMED }).count()).resolves.toBe(1);
    const message = await problem.innerText();
    expect(message).toContain(
      'This is not valid JSON: unexpected text "learner", expected "," or "}". Is a comma missing at the end of line 9?',
    );
    expect(message).toMatch(/At line 10, column 3\./);
    await page.getByRole('heading', { name: '1 file could not be imported' }).waitFor();

    const rows = page.getByTestId('cohort-row');
    expect(await rows.count()).toBe(3);
    const names = await rows.locator('th').allInnerTexts();
    expect(names.map((n) => n.split('\n')[0]).sort()).toEqual([
      'Team Atlas',
      'Team Birch',
      'Team Cedar',
    ]);
    // Sorted by score, highest first; Birch never mitigated and Cedar never diagnosed correctly.
    await expect(rows.first().innerText()).resolves.toMatch(/^Team Atlas/);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/not mitigated by the end/);
    await expect(rows.nth(2).innerText()).resolves.toMatch(/no correct diagnosis/);
    await expect(
      page.getByText('Scores are as reported by each learner’s app.').count(),
    ).resolves.toBe(1);

    // The chart: a dot per result per time it has (3 detect, 2 diagnosis, 2 mitigate).
    const chart = page.getByRole('img', {
      name: /^How long teams took, minutes after the first fault began\./,
    });
    await chart.waitFor();
    expect(await page.getByTestId('spread-dot').count()).toBe(7);
    const label = (await chart.getAttribute('aria-label')) ?? '';
    expect(label).toMatch(
      /Detect: median \d+(\.\d+)? min, from \d+(\.\d+)? min to \d+(\.\d+)? min over 3 results/,
    );
    await page.getByText('Not on the mitigate row:').waitFor();
    await page.getByRole('table', { name: 'Spread within this scenario version' }).waitFor();
    await shoot(page, 'cohort');
    a11y.light = await seriousA11yViolations(page);
  });

  it('adds a dropped file and refuses a second copy, still without touching the rows', async () => {
    const { page } = suite.g;
    await dropFile(page, learnerFile.name, learnerFile.text);
    const rows = page.getByTestId('cohort-row');
    await page.getByRole('heading', { name: 'All results (4)' }).waitFor();
    expect(await rows.count()).toBe(4);
    await dropFile(page, 'copy-of-lima.json', learnerFile.text);
    await page
      .getByRole('article', { name: 'copy-of-lima.json' })
      .getByText(/^This is the same result as "router-cost-doubles-97-team-lima/)
      .waitFor();
    expect(await rows.count()).toBe(4);
    expect(await page.getByTestId('import-problem').count()).toBe(2);

    // Sorting by time to detect: quickest first; the header says so to screen readers.
    await page.getByRole('button', { name: /^Time to detect/ }).click();
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Time to detect' }).waitFor();
    await expect(rows.first().innerText()).resolves.toMatch(/^Team Atlas/);
    await expect(rows.last().innerText()).resolves.toMatch(/^Team Lima[\s\S]*not detected/);
  });

  it('exports one CSV row per result', async () => {
    const { page } = suite.g;
    const [file, text] = await download(page, () =>
      page.getByRole('button', { name: 'Export CSV' }).click(),
    );
    expect(file.suggestedFilename()).toBe('router-cost-doubles-cohort.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...records] = parseCsv(text.slice(1));
    expect(records).toHaveLength(4);
    const rows = records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    // In the table's order: by time to detect, quickest first.
    expect(rows.map((r) => r.learner)).toEqual([
      'Team Atlas',
      'Team Birch',
      'Team Cedar',
      'Team Lima',
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ scenario_id: 'router-cost-doubles', seed: '97' });
      expect(r.scenario_hash).toBe(atlasHash);
    }
    expect(rows[0].time_to_detect_min).toBe('25');
    expect(rows[3].time_to_detect_min).toBe('');
    expect(rows.map((r) => r.file)).toContain(learnerFile.name);
  });

  it('reads well in the dark theme and at presentation size', async () => {
    const { page } = suite.g;
    const theme = page.getByRole('button', { name: 'Dark theme' });
    await theme.click();
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await shoot(page, 'cohort-dark');
    a11y.dark = await seriousA11yViolations(page);
    await theme.click();
    await page.getByRole('button', { name: /^Presentation/ }).click();
    // On a projector the chart is what the room reads.
    await page.getByRole('img', { name: /^How long teams took/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'cohort-presentation-zoom', false);
    a11y.zoom = await seriousA11yViolations(page);
    await page.getByRole('button', { name: /^Presentation/ }).click();
  });

  it('removes one result, then clears the cohort after asking', async () => {
    const { page } = suite.g;
    await page.getByRole('button', { name: 'Remove the result of Team Lima' }).click();
    await page.getByRole('heading', { name: 'All results (3)' }).waitFor();
    await page.getByRole('button', { name: 'Clear the cohort…' }).click();
    await page.getByRole('button', { name: 'Remove all' }).click();
    await page.getByText('No results yet.').waitFor();
  });

  it('finds no serious or critical accessibility violations', () => {
    expect(Object.keys(a11y)).toEqual(['empty', 'light', 'dark', 'zoom']);
    expect(a11y).toEqual({ empty: [], light: [], dark: [], zoom: [] });
  });

  it('stayed on 127.0.0.1 and logged no page errors', () => {
    expect(suite.g.offHost).toEqual([]);
    expect(suite.g.errors).toEqual([]);
  });
});
