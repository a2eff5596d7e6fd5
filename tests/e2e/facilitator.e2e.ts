import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousA11yViolations, useBrowserSuite } from './harness';

const DEFAULT_TITLE = 'Amounts arrive in cents after a partner release';

/** Returns the console clock's reading in virtual seconds. */
async function clockSeconds(page: Page): Promise<number> {
  const text = await page.getByTestId('clock').innerText();
  const [h, m, s] = text.trim().split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

/**
 * The facilitator's journey in a workshop: facilitator mode on → start the default scenario →
 * pause → inject a dependency outage live from the facilitator view (a refused attempt first)
 * → the learners' console sees it take effect (alerts on errors and fallbacks) without seeing
 * the fault → a hint that costs points → team roles on actions → resolve → the debrief lists
 * the injected fault, the hint's cost and the roles.
 */
describe('facilitator journey', () => {
  const suite = useBrowserSuite();
  const a11y: Record<string, string[]> = {};

  it('injects a fault live, the learners see its effect, the debrief lists it', async () => {
    const { page } = suite.g;
    await page.goto(suite.server.url);
    await page.getByRole('heading', { level: 1, name: 'Scenario library' }).waitFor();

    // Facilitator mode is off by default, and F does nothing then.
    const toggle = page.getByRole('button', { name: 'Facilitator mode' });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
    await page.keyboard.press('f');
    await page.getByRole('heading', { level: 1, name: 'Scenario library' }).waitFor();
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    const facilitatorNav = page.getByRole('button', { name: 'Facilitator', exact: true });
    await facilitatorNav.waitFor();

    // Start the default scenario and run it past the monitoring reference (00:00–02:00).
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: DEFAULT_TITLE }) });
    await card.getByRole('button', { name: 'Read the briefing' }).click();
    await page.getByRole('button', { name: 'Start the shift' }).click();
    await page.getByTestId('clock').waitFor();
    await page.getByRole('button', { name: /^600 times real time/ }).click();
    await expect
      .poll(() => clockSeconds(page), { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(2 * 3600 + 5 * 60);
    await page.keyboard.press('1');
    await page.getByText('Paused', { exact: true }).waitFor();

    // The facilitator view: F switches to it.
    await page.keyboard.press('f');
    await page.getByRole('heading', { level: 2, name: 'Hidden truth: faults' }).waitFor();
    await page.getByText('Paused for discussion').waitFor();
    const truth = page.getByTestId('truth-fault');
    await expect(truth.first().innerText()).resolves.toMatch(/partner-cents[\s\S]*Starts in/);

    // A first attempt the form and the host refuse: a zero duration, then a duplicate name.
    const form = page.locator('form.inject-form');
    await form.getByLabel('Fault family').selectOption('dependency-outage');
    await expect(form.getByLabel('Dependency that fails').inputValue()).resolves.toBe('model');
    await expect(form.getByLabel('Share of calls that fail').inputValue()).resolves.toBe('1');
    await form.getByLabel('Lasts (minutes)').fill('0');
    await form.getByRole('button', { name: 'Inject now' }).click();
    await form.getByText('enter more than 0 minutes, or leave it empty').waitFor();
    await expect(form.getByLabel('Lasts (minutes)').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await form.getByLabel('Lasts (minutes)').fill('60');
    await form.getByLabel('Name').fill('partner-cents');
    await form.getByRole('button', { name: 'Inject now' }).click();
    await form.getByText('a fault named "partner-cents" already exists in this session').waitFor();
    await screenshot(page, 'facilitator-inject-refused');
    a11y.refused = await seriousA11yViolations(page);
    expect(await truth.count()).toBe(1);

    // Inject it for real.
    await form.getByLabel('Name').fill('live-outage');
    await form
      .getByLabel('Note for the debrief (optional)')
      .fill('The model endpoint goes down; the rule fallback answers every request.');
    await form.getByRole('button', { name: 'Inject now' }).click();
    await form
      .getByText(/Injected "live-outage" \(dependency outage\): acts from \d\d:\d\d to \d\d:\d\d\./)
      .waitFor();
    await expect.poll(() => truth.count()).toBe(2);
    const live = truth.filter({ hasText: 'live-outage' });
    await expect(live.innerText()).resolves.toMatch(/Injected live at \d\d:\d\d[\s\S]*Active/);

    // The team's role, and a hint that costs points.
    await page.getByRole('radio', { name: 'ML on-call' }).check();
    const hintButton = page.getByRole('button', { name: 'Give the team a hint' });
    await expect(page.getByText('costs 2 points', { exact: true }).isVisible()).resolves.toBe(true);
    await hintButton.click();
    await page.getByText('Look at System health: error and fallback rates.').first().waitFor();
    await page.getByText(/Taken so far: 1, costing 2 points/).waitFor();
    await screenshot(page, 'facilitator-view');
    a11y.facilitator = await seriousA11yViolations(page);

    // Projector size, light and dark.
    await page.getByRole('button', { name: /^Presentation/ }).click();
    await page.locator('html[data-zoom="large"]').waitFor({ state: 'attached' });
    await screenshot(page, 'facilitator-view-presentation', false);
    a11y.presentation = await seriousA11yViolations(page);
    await page.getByRole('heading', { name: 'Hidden truth: faults' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'facilitator-view-presentation-truth', false);
    const themeToggle = page.getByRole('button', { name: 'Dark theme' });
    await themeToggle.click();
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    await screenshot(page, 'facilitator-view-presentation-dark', false);
    a11y.presentationDark = await seriousA11yViolations(page);
    await page.getByRole('button', { name: /^Presentation/ }).click();
    await screenshot(page, 'facilitator-view-dark');
    a11y.dark = await seriousA11yViolations(page);
    await themeToggle.click();

    // Back to the learners' console: the outage shows as alerts, the fault itself does not.
    await page.keyboard.press('f');
    await page.getByTestId('clock').waitFor();
    await page
      .getByText(/Look at System health/)
      .first()
      .waitFor(); // the hint, in the feed
    await expect(page.locator('.activity-list').innerText()).resolves.toMatch(/ML on-call/);
    for (let i = 0; i < 3; i++) await page.keyboard.press('n');
    const effect = page
      .getByTestId('alert')
      .filter({ hasText: /fallback|error rate/i })
      .first();
    await effect.waitFor({ timeout: 60_000 });
    await expect(effect.innerText()).resolves.toMatch(/threshold/);
    expect(await page.locator('main').innerText()).not.toMatch(/live-outage|dependency-outage/);
    await screenshot(page, 'facilitator-console-effect');
    a11y.console = await seriousA11yViolations(page);

    // The team acts, each action under its role.
    await page.getByLabel('Acting as').selectOption('incident-commander');
    await page.getByRole('button', { name: 'Escalate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Escalate to another team' });
    await dialog.getByLabel('Team', { exact: true }).selectOption('platform');
    await dialog.getByLabel('Message').fill('Model endpoint failing; every request falls back.');
    await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
    await page
      .getByText(/Escalated to the platform team/)
      .first()
      .waitFor();
    await page.getByLabel('Acting as').selectOption('scribe');
    await page.getByLabel('Root cause').selectOption('dependency-outage');
    await page.getByRole('button', { name: 'Record diagnosis' }).click();
    await page
      .getByText(/Diagnosis recorded/)
      .first()
      .waitFor();

    // Resolve and read the debrief.
    await page.getByRole('button', { name: 'Resolve the incident…' }).click();
    await page.getByRole('button', { name: 'Resolve and see the debrief' }).click();
    await page.getByTestId('debrief-score').waitFor({ timeout: 180_000 });
    const injected = page.getByTestId('injected-faults');
    await expect(injected.innerText()).resolves.toMatch(
      /dependency-outage \(live-outage\): injected live by the facilitator at \d\d:\d\d; acting from/,
    );
    const hints = page.getByTestId('hints-taken');
    await expect(hints.innerText()).resolves.toMatch(/ML on-call[\s\S]*−2 points/);
    const byRole = page.getByTestId('actions-by-role');
    await expect(byRole.innerText()).resolves.toMatch(
      /Incident commander[\s\S]*escalate to platform/,
    );
    await expect(byRole.innerText()).resolves.toMatch(/Scribe[\s\S]*diagnose: dependency-outage/);
    const hintRow = page.locator('.score-table tbody tr').filter({ hasText: 'Hints' });
    await expect(hintRow.innerText()).resolves.toMatch(/−2 penalty[\s\S]*1 hint taken/);
    await expect(page.getByText(/Faults, revealed/).isVisible()).resolves.toBe(true);
    // The injected fault's description ends its sentence before the injection note.
    const revealed = page
      .locator('li')
      .filter({ hasText: /Injected live by the facilitator at \d\d:\d\d\./ })
      .first();
    await revealed.scrollIntoViewIfNeeded();
    await expect(revealed.innerText()).resolves.toMatch(
      /^\d\d:\d\d dependency-outage: .*[.!?…:]["')\]]* Injected live by the facilitator at \d\d:\d\d\./,
    );
    await screenshot(page, 'facilitator-debrief-faults-revealed');
    await page.getByRole('heading', { name: 'Workshop' }).waitFor();
    await screenshot(page, 'facilitator-debrief');
    a11y.debrief = await seriousA11yViolations(page);

    expect(suite.g.offHost, 'requests off 127.0.0.1').toEqual([]);
  });

  it('finds no serious or critical accessibility violations', () => {
    expect(Object.keys(a11y).length).toBeGreaterThanOrEqual(7);
    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((k) => [k, []])));
  });

  it('logged no page errors', () => {
    expect(suite.g.errors).toEqual([]);
  });
});
