// Which module the page runs (issue #19): where it is cross-origin isolated (the demo server's
// COOP/COEP, as ./tools/run serves it) and asked (?threads=1, the loop panel's switch) the build
// with pthreads (threads/), so C++ to_thread runs on real Web Workers; otherwise (by default: that
// build runs every program ≈ 2× slower), on a plain static host (no COOP/COEP, no switch), or when
// that module fails to load, the build without threads, whose examples simulate threads on the
// virtual clock and say so. The loop panel names which one runs, in English and Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPageHarness, ready } from './harness.mjs';

let h;
before(async () => { h = await startPageHarness(); });
after(() => h?.stop());

// Which module files the page fetched: 'threads' (threads/aio_sandbox.*) and/or 'plain'.
const modulesFetched = (responses) => {
  const got = new Set();
  for (const r of responses) {
    const m = /\/(threads\/)?aio_sandbox\.(wasm|mjs|worker\.js)$/.exec(new URL(r.url()).pathname);
    if (m) got.add(m[1] ? 'threads' : 'plain');
  }
  return [...got].sort();
};

// Runs the to_thread example with 1-second blocking calls; returns its console lines.
async function runToThread(page) {
  await page.click('#gallery .ex[data-example="to_thread"]');
  await page.fill('#params input[name="blocking"]', '1');
  await page.click('#btn-run');
  await page.waitForSelector('#results .result.ok', { timeout: 60000 });
  return (await page.locator('#console').innerText()).split('\n').filter((l) => l.trim() !== '');
}

// The lesson's lines, whichever module runs them.
function assertLesson(lines) {
  const text = lines.join('\n');
  for (const i of [1, 2, 3]) assert.match(text, new RegExp(`async_task ${i}: blocking_task goes to a thread`));
  assert.match(text, /results: \['result', 'result', 'result'\]/);
  assert.match(text, /sync_get is simulated: a [0-9.]+s blocking sleep, then status 200 \(no request is made\)/);
  assert.match(text, /run_in_executor\(None, sync_get, url\) x2: \[200, 200\]/);
  assert.match(text, /custom pool \(max_workers=10\): 200/);
  // Three blocking calls gathered onto threads take about one call's time, not three.
  const took = /3 blocking calls took (\d+)x the time of one/.exec(text);
  assert.ok(took, text);
  assert.notEqual(took[1], '3', text);
}

test('the isolated page runs the faster build until asked; its switch reloads into real threads, keeping the example', async () => {
  const { page, errors, context, responses } = await h.open(`${h.base}/`);
  try {
    await ready(page);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    assert.equal(await page.getAttribute('#loop-threads', 'data-threads'), 'simulated');
    assert.deepEqual(modulesFetched(responses), ['plain']);
    assert.equal(await page.isVisible('#threads-switch'), true);
    assert.match(await page.textContent('#threads-switch'), /^use real threads/);
    await page.click('#gallery .ex[data-example="to_thread"]');
    await page.fill('#params input[name="blocking"]', '1');
    responses.length = 0;
    await Promise.all([page.waitForNavigation(), page.click('#threads-switch')]);
    await ready(page);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('threads'), '1');
    assert.match(url.hash, /ex=to_thread/);
    assert.equal(await page.getAttribute('#loop-threads', 'data-threads'), 'real');
    assert.deepEqual(modulesFetched(responses), ['threads']);
    assert.equal(await page.inputValue('#params input[name="blocking"]'), '1');  // the link's parameters came along
    const lines = await runToThread(page);
    assertLesson(lines);
    const text = lines.join('\n');
    assert.match(text, /threads: yes/);
    assert.doesNotMatch(text, /simulated threads|ran f on the loop thread/);  // real threads (sync_get says it is a simulated request)
    assert.match(await page.textContent('#loop-threads'), /^real \(Web Workers\)$/);
    assert.match(await page.textContent('#threads-switch'), /^use the faster build/);
    await page.click('#lang');
    assert.equal(await page.textContent('#loop-threads-label'), '线程');
    assert.match(await page.textContent('#loop-threads'), /^真实线程/);
    assert.match(await page.textContent('#threads-switch'), /^改用更快的版本/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a page without COOP/COEP loads the build without threads and labels the simulation', async () => {
  const { page, errors, context, responses } = await h.open(`${h.plainBase}/`);
  try {
    await ready(page);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    assert.equal(await page.getAttribute('#loop-threads', 'data-threads'), 'simulated');
    assert.deepEqual(modulesFetched(responses), ['plain']);
    const lines = await runToThread(page);
    assertLesson(lines);
    assert.match(lines.join('\n'), /threads: no \(calls run on the loop thread; on the virtual clock as simulated threads\)/);
    assert.match(await page.textContent('#loop-threads'), /^simulated/);
    assert.equal(await page.isVisible('#threads-switch'), false);  // nothing to switch to without isolation
    await page.click('#lang');
    assert.match(await page.textContent('#loop-threads'), /^模拟线程/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an isolated page whose threads build fails to load falls back to the build without threads', async () => {
  const context = await h.browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/threads/aio_sandbox.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${h.base}/?threads=1`);
    await ready(page);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    assert.equal(await page.getAttribute('#loop-threads', 'data-threads'), 'simulated');
    const lines = await runToThread(page);
    assertLesson(lines);
    assert.match(lines.join('\n'), /threads: no \(/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
