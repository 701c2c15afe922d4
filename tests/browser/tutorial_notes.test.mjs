// The tutorials' mistakes are flagged on the example that makes them, in both languages (issue
// #19), and the lessons no C++ example shows run as gallery recipes: CPU-bound steps gathered take
// the sum of their times; blocking calls made directly serialize while to_thread runs them at once.
// Times come from the loop's own clock ([t=…s] on each output line, the page's virtual clock).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startPageHarness, ready } from './harness.mjs';
import { NOTE_ZH } from '../../web/page/page_strings.js';

const catalog = JSON.parse(readFileSync(new URL('../../examples/catalog.json', import.meta.url), 'utf8'));

let h;
before(async () => { h = await startPageHarness(); });
after(() => h?.stop());

// Runs `body(page)` on a fresh page in `lang`; the page must log no error.
async function withPage(lang, body) {
  const { page, errors, context } = await h.open(`${h.base}/`);
  try {
    await ready(page);
    const want = lang === 'zh' ? 'zh-CN' : 'en';
    if (await page.evaluate(() => document.documentElement.lang) !== want) await page.click('#lang');
    await body(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

// Example id -> what its note must say, in English and in Chinese.
const FLAGS = {
  run_vs_loop: [/get_event_loop\(\) after asyncio\.run\(main\(\)\).*RuntimeError: There is no current event loop/,
    /asyncio\.run\(main\(\)\)，再调用 asyncio\.get_event_loop\(\).*RuntimeError: There is no current event loop/],
  sync_vs_async: [/await asyncio\.gather\(task1\(\), task2\(\)\)` at the top level.*SyntaxError: 'await' outside function/,
    /脚本顶层.*SyntaxError: 'await' outside function/],
  to_thread: [/“CPU cores × 5”.*min\(32, os\.cpu_count\(\) \+ 4\)/, /“CPU 核心数 × 5”.*min\(32, os\.cpu_count\(\) \+ 4\)/],
  event_loop: [/uvloop.*own event loop.*tools\/README\.md/, /uvloop.*自己的事件循环.*tools\/README\.md/],
};

test('every catalog note has its Chinese text', () => {
  const noted = catalog.examples.filter((e) => e.note).map((e) => e.id).sort();
  assert.deepEqual(Object.keys(NOTE_ZH).sort(), noted);
});

test('the tutorials\' mistakes are flagged on their examples in both languages', async () => {
  for (const lang of ['en', 'zh']) {
    await withPage(lang, async (page) => {
      for (const [id, patterns] of Object.entries(FLAGS)) {
        await page.click(`#gallery .ex[data-example="${id}"]`);
        const note = await page.textContent('#example-about .note');
        assert.match(note, patterns[lang === 'en' ? 0 : 1], `${id} (${lang}): ${note}`);
        assert.match(note, lang === 'en' ? /^Note: / : /^说明: /);
      }
      // Search finds a flag by its words, in either language.
      await page.fill('#search', lang === 'en' ? 'cpu cores × 5' : '核心数 × 5');
      const found = await page.$$eval('#gallery .ex', (bs) => bs.map((b) => b.dataset.example));
      assert.ok(found.includes('to_thread'), found.join());
    });
  }
});

// Runs the gallery recipe `id` and returns its output lines as {t, who, text}.
async function runRecipe(page, id) {
  await page.click(`#gallery .ex[data-example="recipe:${id}"]`);
  await page.click('#btn-run');
  await page.waitForSelector('#results .result.ok', { timeout: 30000 });
  const lines = await page.$$eval('#console > div', (ds) => ds.map((d) => d.textContent));
  return lines.map((l) => /\[t=([\d.]+)s\] (\w+): (.*)/.exec(l)).filter(Boolean)
    .map(([, t, who, text]) => ({ t: Number(t), who, text }));
}
const doneAt = (lines, prefix) => lines.filter((l) => l.who.startsWith(prefix)).map((l) => l.t);

test('gathering CPU-bound steps takes the sum of their times, sleeps wait together', async () => {
  await withPage('en', async (page) => {
    const lines = await runRecipe(page, 'cpu_gather');
    assert.match(await page.textContent('#recipe-about'), /CPU-bound Python needs processes/);
    assert.deepEqual(doneAt(lines, 'io_'), [0.5, 0.5, 0.5]);          // together: 0.5 s
    assert.deepEqual(doneAt(lines, 'cpu_'), [1.0, 1.5, 2.0]);         // one after another: 3 × 0.5 s
    assert.match(lines.at(-1).text, /took the sum of its steps/);
    assert.equal(lines.at(-1).t, 2.0);
  });
});

test('threads vs tasks: direct blocking calls serialize, to_thread runs them at once (Chinese page)', async () => {
  await withPage('zh', async (page) => {
    const lines = await runRecipe(page, 'threads_vs_tasks');
    assert.match(await page.textContent('#recipe-about'), /进程.*线程.*协程/);
    assert.match(await page.textContent('#detail-title'), /线程 vs 任务/);
    assert.ok(lines.some((l) => /阻塞调用返回/.test(l.text)));
    const direct = doneAt(lines, 'task_');
    const threaded = doneAt(lines, 'thread_');
    assert.deepEqual(direct, [0.3, 0.6, 0.9]);                      // 3 × 300 ms
    assert.deepEqual(threaded, [1.2, 1.2, 1.2]);                    // from 0.9 s: 300 ms for all three
    // Switching the language rewrites the untouched recipe and its note.
    await page.click('#lang');
    assert.match(await page.inputValue('#recipe-text'), /blocking call returned/);
    assert.match(await page.textContent('#recipe-about'), /Coroutines \(tasks\) share one thread/);
  });
});
