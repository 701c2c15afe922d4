// The tutorial snippets under each example on the page: every snippet of examples/python/catalog.json
// is listed under the examples of its lesson, opens verbatim in the Python box (and runs there with
// CPython's output), and its faithful C++ port (examples/ports/) unfolds as the plain program it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageHarness, ready } from './harness.mjs';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const catalog = JSON.parse(readFileSync(path.join(examples, 'python', 'catalog.json'), 'utf8'));
const ports = new Set(readdirSync(path.join(examples, 'ports')).filter((f) => f.endsWith('.cpp')).map((f) => f.slice(0, -4)));

let h;
before(async () => { h = await startPageHarness(); });
after(() => h?.stop());

const rows = (page) => page.$$eval('#snippets .snippet', (els) => els.map((e) => ({
  stem: e.dataset.stem, port: !!e.querySelector('button[data-act="port"]'), name: e.querySelector('.snippet-name').textContent })));

test('each example lists its tutorial snippets; every runnable snippet and every C++ port is reachable', async () => {
  const { page, errors, context } = await h.open(`${h.base}/`);
  try {
    await ready(page);
    // The examples (not the recipe entries, not the disabled ones the module cannot run).
    const ids = await page.$$eval('#gallery .ex[data-example]:not([disabled])', (els) => els.map((e) => e.dataset.example)
      .filter((id) => id !== '__recipe' && !id.startsWith('recipe:')));
    const shown = new Map();
    for (const id of ids) {
      await page.click(`#gallery .ex[data-example="${id}"]`);
      await page.waitForFunction((id) => document.querySelector('#detail-sub').textContent === `examples/${id}.cpp`, id);
      const expected = catalog.snippets.filter((s) => s.file && s.cpp.includes(id)).map((s) => s.file.slice(0, -3));
      const got = await rows(page);
      assert.deepEqual(got.map((r) => r.stem), expected, id);
      for (const r of got) {
        assert.equal(r.port, ports.has(r.stem), `${id}: ${r.stem}`);
        shown.set(r.stem, r.port);
      }
    }
    // Nothing is left out: every snippet file and every port appears under some example.
    assert.deepEqual([...shown.keys()].sort(), catalog.snippets.filter((s) => s.file).map((s) => s.file.slice(0, -3)).sort());
    assert.deepEqual([...shown].filter(([, p]) => p).map(([s]) => s).sort(), [...ports].sort());
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a snippet opens verbatim in the Python box and runs with CPython\'s output; its C++ port unfolds', async () => {
  const { page, errors, context } = await h.open(`${h.base}/#ex=gather`);
  try {
    await ready(page);
    const row = '#snippets .snippet[data-stem="t3_05_gather"]';
    await page.click(`${row} button[data-act="python"]`);
    const source = readFileSync(path.join(examples, 'python', 't3_05_gather.py'), 'utf8');
    await page.waitForFunction((s) => document.querySelector('#code-py').value === s, source);
    await page.click('#btn-run-py');
    await page.waitForSelector('#results .result.ok', { timeout: 20000 });
    const expected = readFileSync(path.join(examples, 'python', 't3_05_gather.out'), 'utf8').split('\n').slice(0, -2);
    const console = (await page.locator('#console').innerText()).split('\n').filter((l) => l.trim() !== '');
    assert.deepEqual(console.slice(-expected.length), expected);

    assert.equal(await page.isVisible(`${row} .snippet-port`), false);
    await page.click(`${row} button[data-act="port"]`);
    const port = readFileSync(path.join(examples, 'ports', 't3_05_gather.cpp'), 'utf8');
    await page.waitForFunction((r) => document.querySelector(`${r} .snippet-port`).textContent !== '', row);
    assert.equal(await page.textContent(`${row} .snippet-port`), port);
    assert.match(port, /int main\(\)/);
    assert.equal(await page.textContent(`${row} button[data-act="port"]`), 'Hide C++');
    await page.click(`${row} button[data-act="port"]`);
    assert.equal(await page.isVisible(`${row} .snippet-port`), false);

    // In Chinese: the list is drawn again in the page's language.
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('#snippets h4').textContent === '本示例对应的教程代码片段');
    assert.equal(await page.textContent(`${row} button[data-act="port"]`), 'C++ 移植');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
