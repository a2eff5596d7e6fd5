import { describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations, useBrowserSuite } from './harness';

/** "Never a blank window": the engine Worker dies at start, and the page says so with a way on. */
describe('when the engine fails', () => {
  const suite = useBrowserSuite(async ({ g }) => {
    // Replace the engine Worker's script with one that crashes as it loads.
    await g.context.route(/\/assets\/engine-worker-[^/]*\.js$/, (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: 'throw new Error("engine crashed for the test");',
      }),
    );
  });

  it('shows what failed and the ways on', async () => {
    const { page } = suite.g;
    await page.goto(suite.server.url);
    const failure = page.getByRole('alert').filter({ hasText: 'failed' }).first();
    await failure.waitFor();
    await expect(failure.innerText()).resolves.toMatch(/engine/i);
    await failure.getByRole('button', { name: 'Reload the window' }).waitFor();
    // The rest of the window is still there: header and library heading.
    await page.getByRole('heading', { level: 1, name: 'Scenario library' }).waitFor();
    await screenshot(page, 'engine-failure', false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(suite.g.offHost).toEqual([]);
  });
});
