import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';

/**
 * The desktop app, launched for real: the learner journey through the Electron shell. It needs
 * the Electron binary and a display, which build and CI machines here do not have, so it
 * reports itself skipped there with the reason. tests/setup.ts mocks `electron`, and requiring
 * the real module would try to download the binary, so the binary is found by reading files.
 */

const ROOT = resolve(__dirname, '../..');
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');
const ARTIFACTS = join(ROOT, 'test-results', 'electron');
const DEFAULT_TITLE = 'Amounts arrive in cents after a partner release';

/** Returns the Electron executable's path, or why it cannot run here (never downloads). */
function findElectron(): { path: string } | { reason: string } {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile))
    return { reason: `${pathFile} is missing, so the binary was never downloaded` };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative) : join(ELECTRON_DIR, 'dist', relative);
  if (!existsSync(binary)) return { reason: `${binary} does not exist` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: `found ${binary}, but there is no display (run the tests under xvfb-run)` };
  }
  return { path: binary };
}

const found = findElectron();
const skipReason = 'reason' in found ? `Electron binary not installed here: ${found.reason}` : null;
if (skipReason) console.warn(`[electron launch test] skipped. ${skipReason}`);

describe('the desktop app', () => {
  let app: ElectronApplication | null = null;
  let page: Page;

  beforeAll(async () => {
    if (!('path' in found)) return;
    // The test runs the built app, so build it (about a second; needs no binary).
    execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    const userData = mkdtempSync(join(tmpdir(), 'driftdrill-electron-'));
    // Chromium refuses to start as root with its OS sandbox; renderers stay sandboxed by Electron.
    const rootFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({
      executablePath: found.path,
      args: [...rootFlags, ROOT],
      env: { ...process.env, DRIFTDRILL_USER_DATA: userData, NODE_ENV: 'production' },
      timeout: 60_000,
    });
    page = await app.firstWindow();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it.skipIf(skipReason !== null)(
    `runs the learner journey: open the default scenario, run it, see an alert${skipReason ? ` (${skipReason})` : ''}`,
    async () => {
      // The bridge is there, with exactly the two contract methods.
      expect(await page.evaluate(() => Object.keys(window.driftdrill ?? {}).sort())).toEqual([
        'invoke',
        'on',
      ]);
      // No Node in the page: the sandbox and context isolation hold.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );

      const title = page.getByText(DEFAULT_TITLE, { exact: true });
      await title.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(ARTIFACTS, '1-library.png') });
      const card = page
        .locator('article, li, section, div')
        .filter({ has: title })
        .filter({ has: page.getByRole('button', { name: 'Read the briefing' }) })
        .last();
      await card.getByRole('button', { name: 'Read the briefing' }).click();
      await page.getByRole('button', { name: 'Start the shift' }).click();
      await page.getByRole('button', { name: '600×' }).click();
      await page.screenshot({ path: join(ARTIFACTS, '2-console.png') });

      // The partner's unit change starts at 6 h of virtual time: about 40 s of real time at 600×.
      await page.getByText('No alerts are open.').waitFor({ state: 'hidden', timeout: 120_000 });
      await page.screenshot({ path: join(ARTIFACTS, '3-alert.png') });
    },
    240_000,
  );
});
