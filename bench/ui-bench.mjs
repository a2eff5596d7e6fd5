#!/usr/bin/env node
// UI benchmark: the built browser mode (out/web) in Debian Chromium through playwright-core.
// Measures what issue 5 asks for and prints one table:
//   1. navigation → first dashboard visible, starting the default scenario through the UI;
//   2. at 600× on the default scenario: p95 requestAnimationFrame delta and long tasks > 50 ms;
//   3. renderer (page main thread) JS heap over a simulated 7 days.
// Run after `npm run build:web`. Writes bench-results/ui-bench.json as well.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const WEB_ROOT = join(ROOT, 'out/web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEFAULT_TITLE = 'Amounts arrive in cents after a partner release';
/** Real seconds at 600× for the frame-time run: crosses the fault at 06:00 (36 s) and its alerts. */
const RUN_SECONDS = Number(process.env.UI_BENCH_RUN_SECONDS ?? 60);
/** Simulated days for the heap check (each a full run of the 24 h scenario, stepped window by window). */
const DAYS = Number(process.env.UI_BENCH_DAYS ?? 7);
const TARGETS = { firstDashboardMs: 1500, p95FrameMs: 20, longTaskMs: 50, heapGrowth: 0.2 };

async function startServer() {
  const script = join(ROOT, 'scripts/serve-web.mjs');
  if (existsSync(script)) {
    const { serve } = await import(pathToFileURL(script).href);
    return serve({ root: WEB_ROOT, port: 0, host: '127.0.0.1' });
  }
  // Fallback: a bare static server, in case the project's server script is missing.
  const server = createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = resolve(
      WEB_ROOT,
      `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`,
    );
    if (!file.startsWith(WEB_ROOT + sep)) return void res.writeHead(403).end();
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      return void res.writeHead(404).end();
    }
    const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/** Installed before any page script: records long tasks and offers a frame recorder. */
function instrument() {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    window.__longTasks = null;
  }
  window.__frames = [];
  window.__recording = false;
  window.__recordFrames = () => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
}

function quantile(values, q) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

async function heapUsed(cdp) {
  // Collect twice: the first pass frees objects whose finalisers release more.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Steps one monitoring window at a time through the "n" shortcut until the scenario ends. */
async function stepToEnd(page) {
  return page.evaluate(async () => {
    const clock = () => document.querySelector('[data-testid="clock"]')?.textContent ?? null;
    let steps = 0;
    for (;;) {
      const before = clock();
      if (before === null) break; // the console closed: the scenario ended and the debrief opened
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n' }));
      const t0 = performance.now();
      // Wait for the new window to be drawn; stop if the clock no longer moves (the end).
      while (clock() === before && performance.now() - t0 < 3000)
        await new Promise((r) => requestAnimationFrame(r));
      if (clock() === before) break;
      steps++;
    }
    return steps;
  });
}

const fmt = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
const mb = (bytes) => `${(bytes / 1048576).toFixed(2)} MB`;

async function main() {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    console.error('No build in out/web: run "npm run build:web" first.');
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    process.exit(1);
  }
  const { server, url } = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const offHost = [];
  const results = {};
  const chromiumVersion = browser.version();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1' || u.protocol === 'blob:' || u.protocol === 'data:')
        return route.continue();
      offHost.push(u.href);
      return route.abort();
    });
    await context.addInitScript(instrument);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);

    // 1. Navigation → first dashboard, through the library and the briefing as a learner would.
    await page.goto(url);
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: DEFAULT_TITLE }) });
    await card.getByRole('button', { name: 'Read the briefing' }).click();
    await page.getByRole('button', { name: 'Start the shift' }).click();
    await page.locator('.monitor-panel svg[role="img"]').first().waitFor();
    const firstDashboard = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const libraryShown =
        performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      return {
        visibleAt: performance.now(),
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        fcp: libraryShown,
      };
    });
    results.firstDashboardMs = firstDashboard.visibleAt;
    results.firstContentfulPaintMs = firstDashboard.fcp;

    // 2. 600×: frame times and long tasks while the clock runs and the charts redraw.
    const heapStart = await heapUsed(cdp);
    const runStart = await page.evaluate(() => performance.now());
    await page.evaluate(() => window.__recordFrames());
    await page.getByRole('button', { name: /^600 times real time/ }).click();
    await page.waitForTimeout(RUN_SECONDS * 1000);
    const run = await page.evaluate((since) => {
      window.__recording = false;
      const clock = document.querySelector('[data-testid="clock"]')?.textContent ?? '';
      const tasks =
        window.__longTasks === null ? null : window.__longTasks.filter((t) => t.start >= since);
      return { frames: window.__frames.slice(1), tasks, clock };
    }, runStart);
    await page.keyboard.press('1');
    results.frames = run.frames.length;
    results.p50FrameMs = quantile(run.frames, 0.5);
    results.p95FrameMs = quantile(run.frames, 0.95);
    results.maxFrameMs = Math.max(...run.frames);
    results.longTasksSupported = run.tasks !== null;
    results.longTasksOver50 = run.tasks === null ? null : run.tasks.length;
    results.longestTaskMs =
      run.tasks === null || run.tasks.length === 0
        ? 0
        : Math.max(...run.tasks.map((t) => t.duration));
    results.clockAfterRun = run.clock;
    results.longTasks =
      run.tasks?.map((t) => ({
        afterMs: Math.round(t.start - runStart),
        durationMs: t.duration,
        clock: t.clock,
      })) ?? null;

    // 3. Heap over simulated days: each day is a full 24 h run of the scenario stepped window by
    // window through the UI (every window is a snapshot, a reducer pass and a redraw), then the
    // debrief the end of the scenario opens (scoring, charts), then "Play again". The run left
    // over from step 2 is finished first as a warm-up, so day 1 starts at 00:00 like the rest.
    // Heap is read after GC at the start of each day's console.
    const playAgain = page
      .getByRole('button', { name: /^Play (again|the scenario again)$/ })
      .first();
    const finishDay = async () => {
      const stepped = await stepToEnd(page);
      await playAgain.waitFor({ timeout: 120_000 });
      await playAgain.click();
      await page.locator('.monitor-panel svg[role="img"]').first().waitFor();
      return stepped;
    };
    await finishDay();
    const heaps = [];
    const steps = [];
    for (let day = 1; day <= DAYS; day++) {
      heaps.push(await heapUsed(cdp));
      steps.push(await finishDay());
    }
    const heapDay1 = heaps[0] ?? heapStart;
    const heapEnd = await heapUsed(cdp);
    heaps.push(heapEnd);
    results.heapDailyBytes = heaps;
    results.windowsStepped = steps.reduce((a, b) => a + b, 0);
    results.heapStart = heapDay1;
    results.heapEnd = heapEnd;
    results.heapGrowth = (heapEnd - heapDay1) / heapDay1;
    results.offHostRequests = offHost;
  } finally {
    await browser.close();
    server.close();
  }

  const rows = [
    [
      'Navigation → first dashboard (via library and briefing)',
      `${fmt(results.firstDashboardMs, 0)} ms`,
      `< ${TARGETS.firstDashboardMs} ms`,
      results.firstDashboardMs < TARGETS.firstDashboardMs,
    ],
    [
      '  first contentful paint (library)',
      `${fmt(results.firstContentfulPaintMs, 0)} ms`,
      '',
      null,
    ],
    [
      `600× for ${RUN_SECONDS} s: frames recorded`,
      `${results.frames} (clock reached ${results.clockAfterRun})`,
      '',
      null,
    ],
    ['600×: p50 frame time', `${fmt(results.p50FrameMs)} ms`, '', null],
    [
      '600×: p95 frame time',
      `${fmt(results.p95FrameMs)} ms`,
      `< ${TARGETS.p95FrameMs} ms`,
      results.p95FrameMs < TARGETS.p95FrameMs,
    ],
    ['600×: longest frame', `${fmt(results.maxFrameMs)} ms`, '', null],
    [
      '600×: long tasks > 50 ms (longest)',
      results.longTasksSupported
        ? `${results.longTasksOver50} (${fmt(results.longestTaskMs)} ms)`
        : 'not supported',
      '0',
      results.longTasksSupported ? results.longTasksOver50 === 0 : null,
    ],
    [`Heap at start of day 1 (after GC)`, mb(results.heapStart), '', null],
    [
      `Heap after ${DAYS} simulated days (${results.windowsStepped} windows, ${DAYS} debriefs)`,
      mb(results.heapEnd),
      '',
      null,
    ],
    [
      'Heap growth',
      `${fmt(results.heapGrowth * 100)}%`,
      `< ${TARGETS.heapGrowth * 100}%`,
      results.heapGrowth < TARGETS.heapGrowth,
    ],
    [
      'Requests off 127.0.0.1',
      String(results.offHostRequests.length),
      '0',
      results.offHostRequests.length === 0,
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => r[2].length), 6);
  console.log(`\nDriftdrill UI benchmark (browser mode, Chromium ${chromiumVersion}, 1440×900)\n`);
  console.log(`${'Measure'.padEnd(w0)}  ${'Value'.padEnd(w1)}  ${'Target'.padEnd(w2)}  Result`);
  console.log(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(w2)}  ------`);
  for (const [name, value, target, ok] of rows) {
    console.log(
      `${name.padEnd(w0)}  ${value.padEnd(w1)}  ${target.padEnd(w2)}  ${ok === null ? '' : ok ? 'pass' : 'FAIL'}`,
    );
  }
  if (results.longTasks?.length) {
    console.log(
      `\nLong tasks at 600× (ms after the 600× click, duration, clock shown when observed):`,
    );
    for (const t of results.longTasks)
      console.log(`  +${t.afterMs} ms  ${fmt(t.durationMs)} ms  ${t.clock ?? ''}`);
  }
  console.log(`\nHeap at the start of each day: ${results.heapDailyBytes.map(mb).join(', ')}`);
  await mkdir(join(ROOT, 'bench-results'), { recursive: true });
  await writeFile(
    join(ROOT, 'bench-results/ui-bench.json'),
    `${JSON.stringify({ at: new Date().toISOString(), runSeconds: RUN_SECONDS, days: DAYS, ...results }, null, 2)}\n`,
  );
  const failed = rows.filter((r) => r[3] === false).length;
  console.log(`\n${rows.filter((r) => r[3] === true).length} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
