// W8 (issue 17): the sandbox page's responsiveness, in Debian's Chromium via the browser suite's
// harness (tests/browser/harness.mjs: the built page, build/page, on the demo server and on a plain
// static host).
//   1. The page runs 100,000 tasks (harness.recipe100k): the longest main-thread task (CPU time,
//      from Chrome's trace, and wall clock, from the long-task observer), how many exceed 50 ms.
//   2. A tutorial page with the widget on a static host without COOP/COEP (widget.html): how long
//      after navigation starts the first widget has run and shows its output, when the page's own
//      script asks it to run as soon as the element is defined.
//   3. The downloads as the page build measured them (build/page/sizes.json, gzip).
// The browser suite asserts only the structure of (1); the timings are this program's.
//
//   node tests/bench/w8_page.mjs [N (ignored: the recipe has 100,000 tasks)]
//   prints  BENCH {"w":"W8","n":100000,...}
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startPageHarness, ready, traceMainThread, run100k, site } from '../browser/harness.mjs';

const sizes = JSON.parse(readFileSync(path.join(site, 'sizes.json'), 'utf8'));
const h = await startPageHarness();
try {
  const { page, context } = await h.open(`${h.base}/`);
  await ready(page);
  const { result: r, taskCpuMs } = await traceMainThread(context, page, () => run100k(page));
  await context.close();
  if (!r.ok || r.tasks !== 100001) throw new Error(`the 100k run failed: ${JSON.stringify(r)}`);

  const widget = await h.browser.newContext();
  await widget.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', async () => {
      await customElements.whenDefined('aio-sandbox');
      const el = document.querySelector('aio-sandbox[example]');
      const result = await el.run();
      window.__w8 = { ms: performance.now(), ok: result.ok, output: el.shadowRoot.querySelector('.out').textContent };
    });
  });
  const wpage = await widget.newPage();
  await wpage.goto(`${h.plainBase}/widget.html`);
  await wpage.waitForFunction(() => window.__w8, null, { timeout: 60000 });
  const w = await wpage.evaluate(() => window.__w8);
  await widget.close();
  if (!w.ok || !w.output) throw new Error(`the widget's run failed or printed nothing: ${JSON.stringify(w)}`);

  console.log('BENCH ' + JSON.stringify({
    w: 'W8', n: 100000,
    longest_cpu_ms: Math.max(...taskCpuMs), long_cpu_tasks: taskCpuMs.filter((ms) => ms > 50).length,
    longest_wall_ms: Math.max(0, ...r.long), run_ms: r.ms, frames: r.frames, slices: r.slices.count,
    widget_output_ms: w.ms, widget_gzip_bytes: sizes.widget.gzip_total, page_gzip_bytes: sizes.page.gzip_total,
    widget_python_gzip_bytes: sizes.widgetPython.gzip_total,
  }));
} finally {
  await h.stop();
}
