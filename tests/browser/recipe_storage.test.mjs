// Recipes' store and file steps on the page, in real IndexedDB: the store and file building
// blocks run, and what they wrote survives a page reload (the store database
// "/aio-sandbox/store.db" and the runtime's virtual folder). Servers and browser: harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPageHarness, ready } from './harness.mjs';

let h;
before(async () => { h = await startPageHarness(); });
after(() => h?.stop());

const runOnPage = (page, recipe) => page.evaluate(async (recipe) => {
  const r = await window.aioSandbox.runRecipe(recipe);
  return { ok: r.ok, error: r.error?.message ?? null, lines: r.output.map((l) => l.replace(/^\[t=[\d.]+s\] /, '')) };
}, recipe);

test('store and file blocks write to IndexedDB; a reload reads them back', async () => {
  const { page, errors, context } = await h.open(`${h.base}/`);
  try {
    await ready(page);
    await page.click('#gallery .ex[data-example="__recipe"]');
    await page.fill('#recipe-text', '{"main": []}');
    for (const b of ['store', 'file']) {
      await page.click(`#blocks .block[data-block="${b}"]`);
      assert.match(await page.textContent('#recipe-msg'), /✓/, `after ${b}: ${await page.textContent('#recipe-msg')}`);
    }
    await page.click('#btn-run');
    await page.waitForSelector('#results .result', { timeout: 20000 });
    assert.match(await page.getAttribute('#results .result', 'class'), /\bok\b/, await page.textContent('#console'));
    const console1 = await page.textContent('#console');
    assert.match(console1, /store_get visit1 -> \{"n":1,"page":"sandbox"\}/);
    assert.match(console1, /read_file notes\.txt -> 24 bytes, first line 'a line from the sandbox'/);
    const put = await runOnPage(page, { main: [{ store_put: 'reload-check', value: { at: 'before reload' } }] });
    assert.deepEqual([put.ok, put.error], [true, null]);

    await page.reload();
    await ready(page);
    const after = await runOnPage(page, { main: [{ store_get: 'reload-check' }, { store_get: 'visit1' }, { read_file: 'notes.txt' },
      { store_get: 'never-put' }] });
    assert.deepEqual(after, { ok: true, error: null, lines: [
      'main: store_get reload-check -> {"at":"before reload"}', 'main: store_get visit1 -> {"n":1,"page":"sandbox"}',
      "main: read_file notes.txt -> 24 bytes, first line 'a line from the sandbox'", 'main: store_get never-put -> (none)'] });
    assert.deepEqual(errors, []);
    const missing = await runOnPage(page, { main: [{ read_file: 'missing.txt' }] });
    assert.equal(missing.ok, false);
    assert.match(missing.error, /missing\.txt': No such file or directory \[ENOENT\]/);
  } finally {
    await context.close();
  }
});
