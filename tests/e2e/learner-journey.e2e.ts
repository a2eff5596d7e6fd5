import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations, useBrowserSuite } from './harness';

const DEFAULT_TITLE = 'Amounts arrive in cents after a partner release';

/**
 * Journey 1, as a learner: library → briefing → console at 600× → an alert fires →
 * investigate amount for partner-api → patch the mapping → diagnose → decision note →
 * resolve → debrief score → progress. Screenshots and axe checks on every screen.
 */
describe('learner journey on the default scenario', () => {
  const suite = useBrowserSuite();
  const a11y: Record<string, string[]> = {};

  it('runs from the library to the debrief without touching the network', async () => {
    const { page } = suite.g;
    await page.goto(suite.server.url);

    // Library
    await expect(
      page.getByRole('heading', { level: 1, name: 'Scenario library' }).waitFor(),
    ).resolves.toBeUndefined();
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: DEFAULT_TITLE }) });
    await card.waitFor();
    await screenshot(page, 'library');
    a11y.library = await seriousA11yViolations(page);

    // Briefing
    await card.getByRole('button', { name: 'Read the briefing' }).click();
    await page.getByRole('heading', { level: 1, name: DEFAULT_TITLE }).waitFor();
    await expect(page.getByText('Latency budget (p95)')).toBeTruthy();
    await page.getByRole('heading', { name: 'Runbook' }).waitFor();
    await screenshot(page, 'briefing');
    a11y.briefing = await seriousA11yViolations(page);

    // Console at 600×
    await page.getByRole('button', { name: 'Start the shift' }).click();
    await page.getByTestId('clock').waitFor();
    await page.getByRole('button', { name: /^600 times real time/ }).click();
    // The partner's unit change starts at 06:00; input alerts on amount fire a few windows later.
    // (Noisy alerts may fire earlier, as in real life: wait for one about the inputs.)
    const inputAlert = page
      .getByTestId('alert')
      .filter({ hasText: /amount|validation|violation/i })
      .first();
    await inputAlert.waitFor({ timeout: 180_000 });
    await page.keyboard.press('1');
    await page.getByText('Paused', { exact: true }).waitFor();
    // Every alert says what crossed which threshold.
    await expect(inputAlert.innerText()).resolves.toMatch(/threshold|above|below/);
    await screenshot(page, 'console');
    a11y.console = await seriousA11yViolations(page);
    // "a" acknowledges the newest firing alert.
    const firing = await page.locator('[data-testid="alert"].state-firing').count();
    await page.keyboard.press('a');
    if (firing > 0)
      await page.locator('[data-testid="alert"].state-acknowledged').first().waitFor();

    // Investigate the distribution of amount for partner-api
    await page.keyboard.press('i');
    const drawer = page.getByRole('complementary', { name: 'Investigations' });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: 'Distribution', exact: true }).click();
    await drawer.getByLabel('Field', { exact: true }).selectOption('amount');
    await drawer.getByLabel('Source', { exact: true }).selectOption('partner-api');
    await drawer.getByRole('button', { name: 'Run distribution' }).click();
    const result = page.getByTestId('investigation-result');
    await result.waitFor();
    await expect(result.innerText()).resolves.toMatch(/amount/);
    await result.getByRole('img').first().waitFor();
    await screenshot(page, 'investigation-drawer', false);
    a11y.drawer = await seriousA11yViolations(page);

    // Dark theme and presentation zoom, on the console
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    const themeToggle = page.getByRole('button', { name: 'Dark theme' });
    await themeToggle.click();
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await screenshot(page, 'console-dark');
    a11y.dark = await seriousA11yViolations(page);
    await themeToggle.click();
    await page.getByRole('button', { name: /^Presentation/ }).click();
    await screenshot(page, 'console-presentation-zoom', false);
    a11y.zoom = await seriousA11yViolations(page);
    await page.getByRole('button', { name: /^Presentation/ }).click();

    // Mitigate: patch amount × 0.01 for partner-api
    await page.getByRole('button', { name: 'Patch mapping…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Patch a field mapping' });
    await dialog.getByLabel('Field', { exact: true }).selectOption('amount');
    await dialog.getByLabel('Only for source').selectOption('partner-api');
    await dialog.getByLabel(/Multiply numbers by/).fill('0.01');
    await dialog.getByRole('button', { name: 'Apply the patch' }).click();
    await page
      .getByText(/Mapping patched/)
      .first()
      .waitFor();

    // Diagnose
    await page.getByLabel('Root cause').selectOption('schema-change');
    await page.getByRole('button', { name: 'Record diagnosis' }).click();
    await page.getByText('Recorded diagnosis: schema change.').waitFor();

    // Decision note, with the investigation linked as evidence
    await page.keyboard.press('d');
    const note = page.getByRole('dialog', { name: 'Decision note' });
    await note.waitFor();
    await note
      .getByLabel('Assumption')
      .fill('Partner amounts are in cents since gateway v4.2; other sources are unaffected.');
    await note
      .getByLabel('Evidence', { exact: true })
      .fill(
        'Amount drift and out-of-range values on partner-api only, starting around 06:00, right after the v4.2 rollout.',
      );
    await note.getByRole('checkbox').first().check();
    await note
      .getByLabel('Chosen action')
      .fill('Patch partner-api amounts × 0.01 and escalate to the partner.');
    await note.getByLabel('Is the latency budget known?').check();
    await note.getByLabel('Are costs measured?').check();
    await note.getByRole('button', { name: 'Save the note' }).click();
    await note.getByText('Saved to the decision log.').waitFor();
    await screenshot(page, 'decision-note', false);
    a11y.note = await seriousA11yViolations(page);
    await note.getByRole('button', { name: 'Close', exact: true }).click();

    // Resolve and read the debrief
    await page.getByRole('button', { name: 'Resolve the incident…' }).click();
    await page.getByRole('button', { name: 'Resolve and see the debrief' }).click();
    const score = page.getByTestId('debrief-score');
    await score.waitFor({ timeout: 180_000 });
    await expect(score.innerText()).resolves.toMatch(/\d+\s*\/\s*\d+/);
    await page.getByRole('heading', { name: 'Score, criterion by criterion' }).waitFor();
    const rows = await page.locator('.score-table tbody tr').count();
    expect(rows).toBeGreaterThan(3);
    await screenshot(page, 'debrief');
    a11y.debrief = await seriousA11yViolations(page);

    // Exports download through Blob URLs: Markdown, HTML and JSON, each naming the scenario.
    for (const [button, ext] of [
      ['Export Markdown', '.md'],
      ['Export HTML', '.html'],
      ['Export JSON', '.json'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\${ext}$`));
      const file = await download.path();
      expect(readFileSync(file, 'utf8')).toContain(
        ext === '.json' ? 'driftdrill-debrief' : DEFAULT_TITLE,
      );
    }

    // Progress records the session
    await page.getByRole('button', { name: 'Your progress' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your progress' }).waitFor();
    await page.getByRole('cell', { name: DEFAULT_TITLE }).first().waitFor();
    await screenshot(page, 'progress');
    a11y.progress = await seriousA11yViolations(page);

    expect(suite.g.offHost, 'requests off 127.0.0.1').toEqual([]);
  });

  it('finds no serious or critical accessibility violations on any screen', () => {
    expect(Object.keys(a11y).length).toBeGreaterThanOrEqual(9);
    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((k) => [k, []])));
  });

  it('logged no page errors', () => {
    expect(suite.g.errors).toEqual([]);
  });
});
