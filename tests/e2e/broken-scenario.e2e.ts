import { describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations, useBrowserSuite } from './harness';

/** A scenario with mistakes a trainer makes: a misspelt key, a bad duration, a bad probability. */
const BROKEN = `version: 1
id: broken-demo
title: Broken on purpose
difficulty: beginner
duration: 24hours
teaches: []
briefing:
  service: A service.
  slo: []
  runbook: []
  goals: []
service:
  task: Flag things.
  traffic:
    ratePerMinute: 100
    sources:
      - { name: web, share: 1 }
  fields:
    - name: amount
      type: number
      distribution: { kind: bernoulli, p: 1.7 }
  labels:
    intercept: 0
    delay: 1h
    terms: []
  modles: []
`;

/** Journey 2: open a broken scenario through the file picker and read its errors. */
describe('opening a broken scenario file', () => {
  const suite = useBrowserSuite();

  it('lists every error with file, line and column', async () => {
    const { page } = suite.g;
    await page.goto(suite.server.url);
    await page.getByRole('heading', { level: 1, name: 'Scenario library' }).waitFor();
    await page.getByTestId('scenario-file-input').setInputFiles({
      name: 'broken-demo.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(BROKEN, 'utf8'),
    });
    const card = page.getByTestId('invalid-file').filter({ hasText: 'broken-demo.yaml' });
    await card.waitFor();
    const text = await card.innerText();
    // Every row names the file, line and column.
    const locations = text.match(/broken-demo\.yaml:\d+:\d+/g) ?? [];
    expect(locations.length).toBeGreaterThanOrEqual(2);
    // The bad duration is on line 5, the bad probability on line 21.
    expect(text).toMatch(/broken-demo\.yaml:5:\d+/);
    expect(text).toMatch(/broken-demo\.yaml:21:\d+/);
    expect(text).toMatch(/line 5, column \d+/);
    await screenshot(page, 'library-broken-file');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(suite.g.offHost).toEqual([]);
    expect(suite.g.errors).toEqual([]);
  });

  it('opens a file dropped on the window', async () => {
    const { page } = suite.g;
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(
        new File(['version: 1\nid: dropped\ntitle: [unclosed\n'], 'dropped.yaml', {
          type: 'text/yaml',
        }),
      );
      return dt;
    });
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    const card = page.getByTestId('invalid-file').filter({ hasText: 'dropped.yaml' });
    await card.waitFor();
    await expect(card.innerText()).resolves.toMatch(/dropped\.yaml:\d+:\d+/);
  });
});
