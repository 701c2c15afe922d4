// Shared setup of the browser tests: Debian's chromium (/usr/bin/chromium, or AIO_CHROMIUM) via
// playwright-core (never downloads a browser); for the page's tests, the built page
// ($AIO_BUILD_ROOT/page) served by tools/demo_server.mjs (COOP/COEP) and the same folder on a
// plain static server (no COOP/COEP, no CORS headers: what GitHub Pages gives a tutorial).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../demo_server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
export const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
export const site = path.join(buildRoot, 'page');
export const shots = path.join(buildRoot, 'page-screenshots');
const chromiumPath = process.env.AIO_CHROMIUM || '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

// A headless Chromium; with a profile folder, one whose storage persists across restarts.
export function launchChromium(profile) {
  assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install chromium`);
  const options = { executablePath: chromiumPath, headless: true, args };
  return profile ? chromium.launchPersistentContext(profile, options) : chromium.launch(options);
}

// Fails the test at once, naming the command, when the built page is missing.
export function requirePage() {
  assert.ok(existsSync(path.join(site, 'index.html')), `${site}/index.html is missing: build the page (./tools/run page --build-only)`);
}

// What a static host sends as a file's Content-Type (application/wasm lets wasm compile while it streams).
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.cpp': 'text/plain', '.py': 'text/plain', '.json': 'application/json' };
export const contentType = (file) => types[path.extname(file)] ?? 'application/octet-stream';

export async function startPageHarness() {
  requirePage();
  mkdirSync(shots, { recursive: true });
  const server = await startDemoServer(['--static', site]);
  const { base } = server;

  const plain = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(site, rel);
    if (!file.startsWith(site) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': contentType(file) });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const plainBase = `http://127.0.0.1:${plain.address().port}`;
  const browser = await launchChromium();

  // A page that records console errors, page errors and the responses it received.
  async function open(url, viewport = { width: 1400, height: 1000 }) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    const responses = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => responses.push(r));
    await page.goto(url);
    return { page, errors, context, responses };
  }
  async function stop() {
    await browser.close();
    server.stop();
    plain.close();
  }
  return { base, plainBase, browser, open, stop };
}

export async function ready(page) {
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
}
// Lanes of the page's timeline: all tasks, drawn or scrolled out of view (it draws only what is in view).
export const laneCount = (page) => page.evaluate(() => Number(document.querySelector('#timeline').dataset.lanes ?? 0));
export const waitLanes = (page, n, timeout = 10000) =>
  page.waitForFunction((n) => Number(document.querySelector('#timeline').dataset.lanes) === n, n, { timeout });

// The page's 100,000-task load: 1000 rounds of 100 spawns, each round a loop tick of its own
// (sleep 0), as a program that starts many tasks in a loop would; every worker sleeps twice.
// Shared by the timeline test (structural checks) and ./tools/bench W8 (the timing figures).
export const recipe100k = { title: '100k tasks', main: [{ repeat: 1000, steps: [
  { repeat: 100, steps: [{ spawn: { name: 'worker', steps: [{ sleep: 0.5 }, { sleep: 0.25 }] } }] },
  { sleep: 0 }] }] };

// Chrome's trace of the page's top-level tasks while `work()` runs. Wall-clock durations stretch
// on a loaded machine, so a long task is judged by the main thread's CPU time in it (RunTask's
// tdur). Returns work()'s result and the renderer main thread's task CPU times in ms.
export async function traceMainThread(context, page, work) {
  const cdp = await context.newCDPSession(page);
  const trace = [];
  cdp.on('Tracing.dataCollected', (d) => trace.push(...d.value));
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReportEvents' });
  const result = await work();
  await cdp.send('Tracing.end');
  await traced;
  const tasks = trace.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.tdur !== undefined);
  // The renderer's main thread: the one that ran the most task CPU time.
  const cpu = new Map();
  for (const e of tasks) cpu.set(`${e.pid}/${e.tid}`, (cpu.get(`${e.pid}/${e.tid}`) ?? 0) + e.tdur);
  const main = [...cpu].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { result, taskCpuMs: tasks.filter((e) => `${e.pid}/${e.tid}` === main).map((e) => e.tdur / 1000) };
}

// Runs the 100k recipe in the page (already open and ready) and measures it: wall-clock long tasks
// (PerformanceObserver), animation frames painted meanwhile, the run's duration and host slices.
export const run100k = (page) => page.evaluate(async (recipe) => {
  const sb = window.aioSandbox;
  const long = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(Math.round(e.duration)); });
  observer.observe({ type: 'longtask' });
  let frames = 0;
  let painting = true;
  const tick = () => { frames++; if (painting) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const done = new Promise((resolve) => { const off = sb.on('done', (x) => { off(); resolve(x); }); });
  const t0 = performance.now();
  sb.spawn(recipe);
  const result = await done;
  const ms = performance.now() - t0;
  painting = false;
  await new Promise((resolve) => setTimeout(resolve, 200));   // the observer reports asynchronously
  observer.disconnect();
  return { long, frames, ms, ok: result.ok, tasks: result.tasks, slices: sb.snapshot({ limit: 0 }).slices };
}, recipe100k);
