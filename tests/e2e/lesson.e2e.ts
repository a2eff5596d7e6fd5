import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ROOT, screenshot, seriousA11yViolations, useBrowserSuite } from './harness';
import { parseLearningDoc, type InlinePart } from '../../renderer/src/lib/learning';

const ID = 'router-cost-doubles';
const TITLE = "The router's cost doubles after two small config changes";
const DOC = parseLearningDoc(
  `docs/learning/${ID}.md`,
  readFileSync(join(ROOT, `docs/learning/${ID}.md`), 'utf8'),
);
const plain = (parts: readonly InlinePart[]): string =>
  parts.map((p) => (p.kind === 'strong' ? plain(p.parts) : p.text)).join('');

/** The same scenario as a trainer's own file, under an id that has no reading. */
const OWN_ID = 'my-router-drill';
const OWN_YAML = readFileSync(join(ROOT, `scenarios/${ID}.yaml`), 'utf8')
  .replace(`id: ${ID}`, `id: ${OWN_ID}`)
  .replace(`title: ${TITLE}`, 'title: My own router drill');

/** From a library card to the debrief: start the shift and resolve at once. */
async function playToDebrief(page: Page, card: Locator): Promise<void> {
  await card.getByRole('button', { name: 'Read the briefing' }).click();
  await page.getByRole('button', { name: 'Start the shift' }).click();
  await page.getByTestId('clock').waitFor();
  await page.getByRole('button', { name: 'Resolve the incident…' }).click();
  await page.getByRole('button', { name: 'Resolve and see the debrief' }).click();
  await page.getByTestId('debrief-score').waitFor({ timeout: 180_000 });
}

/** Scrolls `selector` to the top, under the sticky header, and takes a viewport screenshot. */
async function shootFrom(page: Page, selector: string, name: string): Promise<void> {
  await page.evaluate((sel) => {
    const panel = document.querySelector(sel);
    const header = document.querySelector('header');
    if (!panel) return;
    const top = panel.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top - (header?.getBoundingClientRect().height ?? 0) - 8);
  }, selector);
  await screenshot(page, name, false);
}

/**
 * The debrief's reading and quick check: the scenario's learning document with each answer
 * hidden until asked for; a scenario with no document shows its rubric lessons instead.
 */
describe('reading and quick check on the debrief', () => {
  const suite = useBrowserSuite();
  const a11y: Record<string, string[]> = {};

  it('shows the reading and hides each answer until asked', async () => {
    const { page } = suite.g;
    await page.goto(suite.server.url);
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: TITLE }) });
    await card.getByText('Reading and quick check after the debrief').waitFor();
    await playToDebrief(page, card);

    const panel = page.getByRole('region', { name: 'Reading and quick check' });
    await panel.getByRole('heading', { level: 3, name: DOC.title }).waitFor();
    for (const s of DOC.sections)
      await panel.getByRole('heading', { level: 4, name: s.heading }).waitFor();
    // Inline marks come out as elements, never as asterisks or backticks.
    expect(await panel.locator('.reading strong').count()).toBeGreaterThan(0);
    expect(await panel.innerText()).not.toMatch(/\*\*|`/);

    const questions = panel.getByTestId('quick-check-question');
    expect(await questions.count()).toBe(10);
    const answer1 = panel.locator('#quick-check-answer-1');
    expect(await answer1.isHidden()).toBe(true);
    const show1 = panel.getByRole('button', { name: 'Show answer 1', exact: true });
    expect(await show1.getAttribute('aria-expanded')).toBe('false');
    await show1.click();
    await answer1.waitFor();
    await expect(answer1.innerText()).resolves.toBe(plain(DOC.questions[0].answer));
    const hide1 = panel.getByRole('button', { name: 'Hide answer 1', exact: true });
    expect(await hide1.getAttribute('aria-expanded')).toBe('true');
    // Only the answer asked for is open.
    expect(await panel.locator('#quick-check-answer-2').isHidden()).toBe(true);

    // The keyboard opens an answer too.
    await panel.getByRole('button', { name: 'Show answer 3', exact: true }).focus();
    await page.keyboard.press('Enter');
    await panel.locator('#quick-check-answer-3').waitFor();
    await page.keyboard.press('Space');
    await panel.locator('#quick-check-answer-3').waitFor({ state: 'hidden' });

    await panel.getByRole('button', { name: 'Show all answers' }).click();
    for (let n = 1; n <= 10; n++) await panel.locator(`#quick-check-answer-${n}`).waitFor();
    await panel.getByRole('button', { name: 'Hide all answers' }).click();
    for (let n = 1; n <= 10; n++)
      await panel.locator(`#quick-check-answer-${n}`).waitFor({ state: 'hidden' });

    await show1.click();
    await answer1.waitFor();
    await shootFrom(page, '.lesson-panel', 'lesson-reading-light');
    await shootFrom(page, '.quick-check', 'lesson-light');
    a11y.light = await seriousA11yViolations(page);

    const theme = page.getByRole('button', { name: 'Dark theme' });
    await theme.click();
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await shootFrom(page, '.quick-check', 'lesson-dark');
    a11y.dark = await seriousA11yViolations(page);
    await theme.click();
    await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
  });

  it('says plainly when a scenario has no reading, and lists its rubric lessons', async () => {
    const { page } = suite.g;
    await page.getByRole('button', { name: 'Back to the library' }).click();
    await page.getByRole('heading', { level: 1, name: 'Scenario library' }).waitFor();
    await page.getByTestId('scenario-file-input').setInputFiles({
      name: `${OWN_ID}.yaml`,
      mimeType: 'text/yaml',
      buffer: Buffer.from(OWN_YAML, 'utf8'),
    });
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'My own router drill' }) });
    await card.waitFor();
    expect(await card.getByText('Reading and quick check after the debrief').count()).toBe(0);
    await playToDebrief(page, card);

    const panel = page.getByRole('region', { name: 'Reading and quick check' });
    await panel
      .getByText(`No reading or quick check exists for this scenario (${OWN_ID});`)
      .waitFor();
    await panel.getByRole('heading', { name: 'Lessons the scenario states' }).waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(4);
    expect(await panel.getByRole('button').count()).toBe(0);
    await shootFrom(page, '.lesson-panel', 'lesson-none');
    a11y.none = await seriousA11yViolations(page);
  });

  it('finds no serious or critical accessibility violations', () => {
    expect(Object.keys(a11y)).toEqual(['light', 'dark', 'none']);
    expect(a11y).toEqual({ light: [], dark: [], none: [] });
  });

  it('stayed on 127.0.0.1 and logged no page errors', () => {
    expect(suite.g.offHost).toEqual([]);
    expect(suite.g.errors).toEqual([]);
  });
});
