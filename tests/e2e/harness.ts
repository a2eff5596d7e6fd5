import { afterAll, beforeAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const ROOT = resolve(__dirname, '../..');
export const WEB_ROOT = join(ROOT, 'out/web');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on the network and runnable as root in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.yaml': 'text/yaml',
};

/** A minimal static server, used only when scripts/serve-web.mjs is not there. */
function fallbackServer(root: string): Server {
  return createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
}

/** Serves the built browser mode on 127.0.0.1 on a free port. */
export async function startWebServer(): Promise<WebServer> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(
      'No browser-mode build in out/web: run "npx vite build --config vite.web.config.ts" first.',
    );
  }
  const script = join(ROOT, 'scripts/serve-web.mjs');
  let server: Server;
  let url: string;
  if (existsSync(script)) {
    // The project's own server, so the tests also run under its CSP and security headers.
    const mod = (await import(pathToFileURL(script).href)) as {
      serve(o: {
        root: string;
        port: number;
        host: string;
      }): Promise<{ server: Server; url: string }>;
    };
    ({ server, url } = await mod.serve({ root: WEB_ROOT, port: 0, host: '127.0.0.1' }));
  } else {
    server = fallbackServer(WEB_ROOT);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  }
  return {
    url,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Launches Debian Chromium; fails with a clear message when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install it with "apt-get install -y chromium" (never "npx playwright install").`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface GuardedPage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page or its workers tried to reach off 127.0.0.1. */
  offHost: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

function isLocal(raw: string): boolean {
  const u = new URL(raw);
  if (u.protocol === 'blob:' || u.protocol === 'data:' || u.protocol === 'about:') return true;
  return u.hostname === '127.0.0.1';
}

/**
 * Opens a page whose every request is checked: anything not on 127.0.0.1 is aborted and
 * recorded, so a test can fail on any network use beyond the local server.
 */
export async function openGuardedPage(
  browser: Browser,
  options: { width?: number; height?: number } = {},
): Promise<GuardedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    acceptDownloads: true,
    reducedMotion: 'reduce',
  });
  const offHost: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) await route.continue();
    else {
      offHost.push(url);
      await route.abort('blockedbyclient');
    }
  });
  // Requests that bypass routing (if any) are still seen here.
  context.on('request', (req) => {
    const url = req.url();
    if (!isLocal(url) && !offHost.includes(url)) offHost.push(url);
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { context, page, offHost, errors };
}

/** Saves a screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // Let charts settle after a resize or theme change before the picture is taken.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  await page.screenshot({ path, fullPage });
  return path;
}

/** Runs axe on the page and returns serious and critical violations, described one per line. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** What an end-to-end suite drives: the local browser-mode server, Chromium and one page. */
export interface BrowserSuite {
  server: WebServer;
  browser: Browser;
  g: GuardedPage;
}

/**
 * Starts the server, Chromium and a guarded page before the suite's tests (then runs `setUp`),
 * and closes them after. The fields are set once the suite's beforeAll has run.
 */
export function useBrowserSuite(setUp?: (suite: BrowserSuite) => Promise<void>): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startWebServer();
    suite.browser = await launchBrowser();
    suite.g = await openGuardedPage(suite.browser);
    await setUp?.(suite);
  });
  afterAll(async () => {
    await suite.g?.context.close();
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
