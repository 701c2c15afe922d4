// Every example, every tutorial snippet and hostile recipes on the page: the loop hands the tab
// back in bounded host slices, whatever runs. What is asserted is structural (the most loop steps
// one slice ran, against the loop's cap), so a loaded machine cannot fail it; the main thread's
// long tasks (over 50 ms, the long-task observer's wall clock) are counted and printed beside it,
// and ./tools/bench W8 times the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageHarness, ready } from './harness.mjs';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const snippets = JSON.parse(readFileSync(path.join(examples, 'python', 'catalog.json'), 'utf8')).snippets.filter((s) => s.file);
// Runaway and hostile recipes (web/recipe.md), each stopped by a limit or by its end.
const HOSTILE = {
  'twenty thousand lines': { main: [{ repeat: 20000, steps: [{ print: 'line' }] }] },
  'repeat 1e6 × gather': { main: [{ repeat: 1000000, steps: [{ gather: [{ steps: [{ sleep: 0 }] }, { steps: [{ sleep: 0 }] }] }] }] },
  'fork bomb': { main: [{ repeat: 1000, steps: [{ gather: [{ steps: [{ gather: [{ steps: [{ sleep: 1 }] }, { steps: [{ sleep: 1 }] }] }] },
    { steps: [{ gather: [{ steps: [{ sleep: 1 }] }, { steps: [{ sleep: 1 }] }] }] }] }] }] },
  'zero-sleep loop': { main: [{ repeat: 1000000, steps: [{ sleep: 0 }] }] },
};

let h;
before(async () => { h = await startPageHarness(); });
after(() => h?.stop());

// Runs `start` (which starts one run on the page) to its end (the package's done event); returns
// the loop's slice figures.
async function measured(page, start) {
  await page.evaluate(() => {
    window.runDone = false;
    const off = window.aioSandbox.on('done', () => { off(); window.runDone = true; });
  });
  await start();
  await page.waitForFunction(() => window.runDone, null, { timeout: 120000 });
  return page.evaluate(() => window.aioSandbox.snapshot({ limit: 0 }).slices);
}

test('every example, every snippet and hostile recipes run in bounded host slices', async () => {
  const { page, errors, context } = await h.open(`${h.base}/`);
  try {
    await ready(page);
    await page.evaluate(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration)); })
        .observe({ type: 'longtask' });
    });
    const runs = [];
    const check = (what, s) => {
      runs.push(what);
      assert.ok(s.count >= 1, `${what}: ran in host slices`);
      assert.ok(s.max_steps <= s.step_cap + 63, `${what}: a slice ran ${s.max_steps} steps (cap ${s.step_cap})`);
    };
    const ids = await page.$$eval('#gallery .ex[data-example]:not([disabled])', (els) => els.map((e) => e.dataset.example)
      .filter((id) => id !== '__recipe' && !id.startsWith('recipe:')));
    // An example that makes its own loops (run_vs_loop: asyncio.run and loop.run_until_complete
    // inside it) drives them itself on the virtual clock, not in the page loop's host slices.
    const ownLoop = new Set(await page.evaluate(() => window.aioSandbox.examples.filter((e) => e.makes_own_loop).map((e) => e.id)));
    for (const id of ids) {
      await page.click(`#gallery .ex[data-example="${id}"]`);
      const s = await measured(page, () => page.click('#btn-run'));
      if (ownLoop.has(id)) runs.push(`example ${id} (own loops)`); else check(`example ${id}`, s);
    }
    await page.click(`#gallery .ex[data-example="${ids[0]}"]`);
    for (const s of snippets) {
      await page.fill('#code-py', readFileSync(path.join(examples, 'python', s.file), 'utf8'));
      check(`snippet ${s.file}`, await measured(page, () => page.click('#btn-run-py')));
    }
    await page.click('#gallery .ex[data-example="__recipe"]');
    for (const [name, recipe] of Object.entries(HOSTILE)) {
      await page.fill('#recipe-text', JSON.stringify(recipe));
      check(`recipe ${name}`, await measured(page, () => page.click('#btn-run')));
    }
    const long = await page.evaluate(() => window.longTasks);
    console.log(`# ${runs.length} runs; main-thread tasks over 50 ms (wall clock): ${long.length}, the longest ${Math.max(0, ...long)} ms`);
    assert.equal(runs.length, ids.length + snippets.length + Object.keys(HOSTILE).length);
    // The http example asks the demo server's /flaky twice for a 503 on purpose (its retry lesson);
    // Chromium logs each such response. Nothing else may fail.
    assert.deepEqual(errors.filter((e) => !/status of 503 \(Service Unavailable\)/.test(e)), []);
    assert.equal(errors.length, 2, errors.join(' | '));
  } finally {
    await context.close();
  }
});
