import { describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations, useBrowserSuite } from './harness';

const DEFAULT_TITLE = 'Amounts arrive in cents after a partner release';

/** The console's controls without the long run: shortcuts, stepping, pending work, confirmations. */
describe('console controls', () => {
  const suite = useBrowserSuite(async ({ server, g }) => {
    const { page } = g;
    await page.goto(server.url);
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: DEFAULT_TITLE }) });
    await card.getByRole('button', { name: 'Read the briefing' }).click();
    await page.getByRole('button', { name: 'Start the shift' }).click();
    await page.getByTestId('clock').waitFor();
  });

  it('shows the shortcuts overlay on ? and closes it on Esc', async () => {
    const { page } = suite.g;
    await page.keyboard.press('?');
    const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await overlay.waitFor();
    await expect(overlay.innerText()).resolves.toMatch(/Pause or resume the clock/);
    await screenshot(page, 'shortcuts-overlay', false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'hidden' });
  });

  it('zooms with Ctrl + and Ctrl −, and resets with Ctrl 0', async () => {
    const { page } = suite.g;
    const size = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    const before = await size();
    await page.keyboard.press('Control+Equal');
    await expect.poll(size).not.toBe(before);
    await page.keyboard.press('Control+Minus');
    await page.keyboard.press('Control+Minus');
    await page.keyboard.press('Control+Digit0');
    await expect.poll(size).toBe(before);
  });

  it('steps one window with n', async () => {
    const { page } = suite.g;
    const clock = page.getByTestId('clock');
    const before = await clock.innerText();
    await page.keyboard.press('n');
    await expect.poll(() => clock.innerText()).not.toBe(before);
    await expect(clock.innerText()).resolves.toBe('00:05:00');
  });

  it('asks before a disruptive action and Esc cancels it', async () => {
    const { page } = suite.g;
    await page.getByRole('button', { name: 'Pause feature…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pause the feature' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(/This is disruptive/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Nothing was sent: the feature is not paused.
    await expect(page.getByText(/Feature paused/).count()).resolves.toBe(0);
  });

  it('shows work in progress while scaling', async () => {
    const { page } = suite.g;
    await page.getByRole('button', { name: 'Scale…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scale the service' });
    await dialog.getByLabel(/Replicas/).fill('5');
    await dialog.getByRole('button', { name: 'Scale', exact: true }).click();
    const pending = page.getByRole('list', { name: 'Work in progress' });
    await pending.waitFor();
    await expect(pending.innerText()).resolves.toMatch(/Scaling to 5 replicas/);
    await expect(page.getByRole('button', { name: /Scale…/ }).innerText()).resolves.toMatch(
      /in progress/,
    );
    await screenshot(page, 'console-pending', false);
    // Run the clock past the 3 minutes scaling takes: the pending entry goes away.
    await page.keyboard.press('n');
    await pending.waitFor({ state: 'detached' });
    await page
      .getByText(/5.*replicas/)
      .first()
      .waitFor();
    expect(suite.g.offHost).toEqual([]);
    expect(suite.g.errors).toEqual([]);
  });
});
