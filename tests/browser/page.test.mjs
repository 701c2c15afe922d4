// The sandbox page and the <aio-sandbox> widget (web/page/, built by web/build.mjs into
// $AIO_BUILD_ROOT/page) in Debian's chromium via playwright-core (servers and browser: harness.mjs).
// Screenshots go to $AIO_BUILD_ROOT/page-screenshots/ (look at them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { startPageHarness, shots, site, ready, laneCount, waitLanes } from './harness.mjs';

let h;
let base;
let plainBase;
let open;
before(async () => {
  h = await startPageHarness();
  ({ base, plainBase, open } = h);
});
after(() => h?.stop());

test('the page loads with no console errors and looks finished', async () => {
  const { page, errors, context } = await open(`${base}/`);
  try {
    await ready(page);
    assert.equal(await page.evaluate(() => typeof window.aioSandbox?.run), 'function');
    assert.ok(await page.locator('#gallery .ex').count() >= 15);
    await page.click('#btn-run');
    await page.waitForSelector('#results .result', { timeout: 20000 });
    assert.ok(await laneCount(page) > 1);
    await page.screenshot({ path: path.join(shots, 'page-en.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('every example runs through the headless API and draws one lane per task', async () => {
  const { page, errors, context } = await open(`${base}/`);
  try {
    await ready(page);
    const list = await page.evaluate(() => window.aioSandbox.examples.filter((e) => e.runnable)
      .map((e) => ({ id: e.id, own: !!e.makes_own_loop, group: e.group })));
    assert.ok(list.length >= 15, list.map((e) => e.id).join(' '));
    const skipped = [];
    for (const { id, own, group } of list) {
      const mark = errors.length;
      const r = await page.evaluate(async ({ id, limit }) => {
        const sb = window.aioSandbox;
        sb.reset({ clock: 'virtual' });
        // The page's server is the demo server, and the page's CSP allows connections to it only.
        const params = id === 'http' ? { base_url: location.origin } : {};
        const res = await Promise.race([sb.run(id, params), new Promise((resolve) => setTimeout(() => resolve(null), limit))]);
        if (!res) return null;
        return { ok: res.ok, error: res.error, tasks: res.trace.events.filter((e) => e.kind === 'task_created').length };
      }, { id, limit: group === 'io' ? 10000 : 60000 });
      if (r === null && group === 'io') {
        // I/O examples talk to the demo server / storage; one that cannot finish here is reported,
        // not failed (the Node suite covers them); everything else must finish.
        skipped.push(id);
        await page.reload();   // a fresh module: the abandoned run's host work must not leak into the next
        await ready(page);
        errors.length = mark;  // its network errors (the page's CSP allows 'self' only) and what it threw while unloading
        continue;
      }
      assert.ok(r, `${id}: did not finish`);
      // The http example retries /flaky on purpose: the browser logs each 503 it gets there.
      if (id === 'http') {
        const expected = (e) => /status of 503/.test(e);
        errors.splice(mark, errors.length - mark, ...errors.slice(mark).filter((e) => !expected(e)));
      }
      // An example that makes its own loops (asyncio.run inside) has no tasks on the sandbox's loop.
      assert.ok(r.tasks > 0 || own, `${id}: no tasks`);
      assert.ok(r.ok, `${id}: ${JSON.stringify(r.error)}`);
      await waitLanes(page, r.tasks).catch(async () => assert.fail(`${id}: ${await laneCount(page)} lanes, expected ${r.tasks}`));
      const result = await page.locator('#results .result').first().getAttribute('class');
      assert.ok(result.includes(r.ok ? 'ok' : 'bad') || result.includes('cancel'), `${id}: ${result}`);
    }
    if (skipped.length) console.log(`# I/O examples that did not finish in the page (not failed): ${skipped.join(', ')}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('examples run through real clicks (gallery, parameters, Run)', async () => {
  const { page, errors, context } = await open(`${base}/`);
  try {
    await ready(page);
    await page.fill('#search', 'semaph');
    assert.equal(await page.locator('#gallery .ex[data-example]').count(), 2);   // semaphore + the recipe entry
    await page.click('#gallery .ex[data-example="semaphore"]');
    await page.fill('#params input[name="tasks"]', '5');
    await page.click('#btn-run');
    await page.waitForSelector('#results .result', { timeout: 20000 });
    await waitLanes(page, 6);   // main + 5 workers
    assert.match(await page.textContent('#code-cpp'), /semaphore/i);
    assert.ok((await page.textContent('#code-py')).includes('asyncio'));
    await page.fill('#search', '');
    await page.click('#gallery .ex[data-example="wait"]');
    await page.click('#btn-run');
    await page.waitForSelector('#results .result:nth-child(2)', { timeout: 20000 });
    await waitLanes(page, 12);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// A tutorial snippet in the Python box, run by its own button on the page's loop (sb.spawnPython):
// its console output is what CPython printed (the .out recorded beside it), its tasks are lanes.
test('the Python box runs the tutorial\'s program on the page\'s loop (Run Python)', async () => {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'examples', 'python');
  const source = readFileSync(path.join(dir, 't2_04_create_task.py'), 'utf8');
  const expected = readFileSync(path.join(dir, 't2_04_create_task.out'), 'utf8').split('\n').slice(0, -2);
  const { page, errors, context } = await open(`${base}/#ex=tasks`);
  try {
    await ready(page);
    await page.fill('#code-py', source);
    await page.click('#btn-run-py');
    await page.waitForSelector('#results .result', { timeout: 20000 });
    const shown = (await page.locator('#console').innerText()).split('\n').filter((l) => l.trim() !== '');
    assert.deepEqual(shown.slice(-expected.length), expected);
    assert.ok(await laneCount(page) >= 2, 'the program and its task are lanes');
    // create_task(task_func()) has no name=: its lane is named after the call, as the tutorial reads.
    await page.waitForFunction(() => [...document.querySelectorAll('#timeline .tl-name')].some((n) => n.textContent.includes('task_func()')));
    assert.match(await page.locator('#results .result').first().getAttribute('class'), /ok/);
    // An edited program that fails: CPython's traceback in the console, the line marked in the editor.
    await page.fill('#code-py', 'x = 1\nprint(x / 0)\n');
    await page.click('#btn-run-py');
    await page.waitForSelector('#results .result:nth-child(2)', { timeout: 20000 });
    assert.match(await page.locator('#console').innerText(), /ZeroDivisionError: division by zero/);
    assert.equal(await page.textContent('#py-error'), 'line 2, column 7: ZeroDivisionError: division by zero');
    assert.equal(await page.evaluate(() => { const t = document.querySelector('#code-py'); return t.value.slice(t.selectionStart, t.selectionEnd); }),
      'print(x / 0)');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('step mode advances exactly one tick per click', async () => {
  const { page, errors, context } = await open(`${base}/#ex=gather`);
  try {
    await ready(page);
    await page.click('#btn-step');                 // starts the run paused
    await page.waitForFunction(() => window.aioSandbox.paused);
    const tick = async () => Number(await page.evaluate(() => window.aioSandbox.snapshot().tick));
    const shown = async () => Number(await page.textContent('#loop-tick'));
    let last = await tick();
    for (let i = 0; i < 5; ++i) {
      await page.click('#btn-step');
      const now = await tick();
      assert.equal(now, last + 1, `click ${i + 1}: tick ${last} -> ${now}`);
      await page.waitForFunction((n) => Number(document.querySelector('#loop-tick').textContent) === n, now);
      assert.equal(await shown(), now);
      last = now;
    }
    assert.equal(await page.textContent('#loop-state'), 'paused');
    await page.screenshot({ path: path.join(shots, 'page-step.png'), fullPage: true });
    await page.click('#btn-resume');
    await page.waitForSelector('#results .result', { timeout: 20000 });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a share link round-trips (example + params, recipe) and a bad one is refused', async () => {
  const { page, errors, context } = await open(`${base}/`);
  try {
    await ready(page);
    await page.click('#gallery .ex[data-example="tasks"]');
    await page.fill('#params input[name="delay_a"]', '0.25');
    await page.click('#btn-share');
    const url = page.url();
    assert.match(url, /#ex=tasks&p=/);
    const second = await open(url);
    await ready(second.page);
    assert.equal(await second.page.getAttribute('#gallery .ex.active', 'data-example'), 'tasks');
    assert.equal(await second.page.inputValue('#params input[name="delay_a"]'), '0.25');
    assert.deepEqual(second.errors, []);
    await second.context.close();

    await page.click('#gallery .ex[data-example="__recipe"]');
    const recipe = '{"main": [{"sleep": 0.5}, {"print": "shared"}]}';
    await page.fill('#recipe-text', recipe);
    await page.click('#btn-share');
    const third = await open(page.url());
    await ready(third.page);
    assert.equal(await third.page.inputValue('#recipe-text'), recipe);
    await third.page.click('#btn-run');
    await third.page.waitForSelector('#results .result.ok', { timeout: 20000 });
    assert.match(await third.page.textContent('#console'), /shared/);
    await third.context.close();

    const bad = await open(`${base}/#recipe=${encodeURIComponent('{"main": [{"sleep": "x"}]}')}`);
    await ready(bad.page);
    assert.match(await bad.page.textContent('#notice.bad'), /\$\.main\[0\]\.sleep/);
    await bad.context.close();
    // Parameter values are checked too: a non-number for a number, a path out of the storage folder.
    for (const [link, said] of [[`#ex=tasks&p=${encodeURIComponent('{"delay_a":"x"}')}`, /p\.delay_a: must be a number/],
      [`#ex=files&p=${encodeURIComponent('{"dir":"~/.ssh"}')}`, /p\.dir: must be a plain file name/]]) {
      const refused = await open(`${base}/${link}`);
      await ready(refused.page);
      assert.match(await refused.page.textContent('#notice.bad'), said, link);
      await refused.context.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// The Python box's program travels in the link (#py=CODE: base64url of deflate-raw, web/src/python_link.js).
test('a Python share link carries the edited program; a tampered one is refused and nothing runs', async () => {
  const source = 'import asyncio\n\nasync def 说(话, 秒):\n    await asyncio.sleep(秒)\n    print(f"{话} & 100% + 😀")\n\n' +
    'async def main():\n    await asyncio.gather(说("你好，世界", 0.2), 说("再见", 0.1))\n\nasyncio.run(main())\n';
  const expected = execFileSync('python3', ['-c', source], { encoding: 'utf8' }).trim().split('\n');
  const { page, errors, context } = await open(`${base}/#ex=gather`);
  try {
    await ready(page);
    await page.fill('#code-py', source);
    await page.click('#btn-share');
    await page.waitForFunction(() => location.hash.startsWith('#py='));
    assert.match(await page.textContent('#notice'), /the Python program/);
    const second = await open(page.url());
    await ready(second.page);
    await second.page.waitForFunction((text) => document.querySelector('#code-py').value === text, source);
    assert.match(await second.page.textContent('#notice'), /shared Python program/);
    assert.equal(await second.page.locator('#results .result').count(), 0, 'opened, not run');
    await second.page.click('#btn-run-py');
    await second.page.waitForSelector('#results .result.ok', { timeout: 20000 });
    const shown = (await second.page.locator('#console').innerText()).split('\n').filter((l) => l.trim() !== '');
    assert.deepEqual(shown.slice(-expected.length), expected);
    assert.deepEqual(second.errors, []);
    await second.context.close();

    // Cut short (the deflate data ends too early), or a character base64url has not: the notice names py.
    const code = new URL(page.url()).hash.slice('#py='.length);
    for (const [link, said] of [[`#py=${code.slice(0, -8)}`, /py: not deflate-raw data/], [`#py=${code}=`, /py: not base64url/]]) {
      const bad = await open(`${base}/${link}`);
      await ready(bad.page);
      await bad.page.waitForSelector('#notice.bad');
      assert.match(await bad.page.textContent('#notice.bad'), said, link);
      assert.notEqual(await bad.page.inputValue('#code-py'), source);
      assert.equal(await bad.page.locator('#results .result').count(), 0);
      await bad.context.close();
    }
    // A program with a syntax error still opens (the user can fix it); running it shows CPython's report.
    const broken = 'print("半个"\n';
    const cpython = spawnSync('python3', ['-c', broken], { encoding: 'utf8' }).stderr.trim().split('\n').at(-1);
    const fixable = await open(`${base}/#py=${deflateRawSync(Buffer.from(broken)).toString('base64url')}`);
    await ready(fixable.page);
    await fixable.page.waitForFunction((text) => document.querySelector('#code-py').value === text, broken);
    await fixable.page.click('#btn-run-py');
    await fixable.page.waitForSelector('#results .result.bad', { timeout: 20000 });
    assert.ok((await fixable.page.locator('#console').innerText()).includes(cpython), cpython);
    await fixable.context.close();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the recipe editor shows validation messages in place', async () => {
  const { page, errors, context } = await open(`${base}/`);
  try {
    await ready(page);
    await page.click('#gallery .ex[data-example="__recipe"]');
    assert.match(await page.textContent('#recipe-msg'), /✓/);
    await page.fill('#recipe-text', '{"main": [{"sleep": 1}, {"lock": "nope", "steps": []}]}');
    assert.match(await page.textContent('#recipe-msg'), /✗ \$\.main\[1\]/);
    assert.equal(await page.getAttribute('#recipe-text', 'aria-invalid'), 'true');
    await page.fill('#recipe-text', '{"main": [');
    assert.match(await page.textContent('#recipe-msg'), /✗ line 1, column 11: /);   // page_text.test.mjs: more
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('zh/en switch', async () => {
  const { page, errors, context } = await open(`${base}/#ex=gather`);
  try {
    await ready(page);
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== 'en') await page.click('#lang');
    assert.equal(await page.textContent('#btn-run'), 'Run');
    await page.click('#lang');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.textContent('#btn-run'), '运行');
    assert.equal(await page.textContent('#detail-title'), await page.evaluate(() =>
      window.aioSandbox.examples.find((e) => e.id === 'gather').title_zh));
    await page.click('#btn-run');
    await page.waitForSelector('#results .result', { timeout: 20000 });
    await page.screenshot({ path: path.join(shots, 'page-zh.png'), fullPage: true });
    await page.reload();
    await ready(page);
    assert.equal(await page.textContent('#btn-run'), '运行');   // kept
    await page.click('#lang');
    assert.equal(await page.textContent('#btn-run'), 'Run');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the widget works on a plain page without COOP/COEP, within its download budget', async () => {
  const { page, errors, context, responses } = await open(`${plainBase}/widget.html`, { width: 900, height: 900 });
  try {
    await page.waitForFunction(() => customElements.get('aio-sandbox') !== undefined);
    assert.equal(await page.evaluate(() => window.crossOriginIsolated), false);
    for (const id of ['w-gather', 'w-recipe']) {
      await page.locator(`#${id}`).locator('button.run').click();
      await page.waitForFunction((id) => document.getElementById(id).shadowRoot?.querySelector('.status.ok'), id, { timeout: 20000 });
      const lanes = await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelectorAll('.tl-lane').length, id);
      assert.ok(lanes >= 3, `${id}: ${lanes} lanes`);
    }
    assert.match(await page.evaluate(() => document.getElementById('w-gather').shadowRoot.querySelector('.code').textContent), /gather/);
    assert.match(await page.evaluate(() => document.getElementById('w-recipe').shadowRoot.querySelector('.out').textContent), /a/);
    await page.screenshot({ path: path.join(shots, 'widget.png'), fullPage: true });
    assert.deepEqual(errors, []);

    // The budget, from what was really downloaded (gzipped here as a host would send it): all but
    // the demo page itself (widget.html and its page.css) and the script its Python widget loads
    // (a C++ widget never needs it; widget_python.test.mjs counts the Python widget's download).
    const fetched = [];
    let total = 0;
    for (const r of responses) {
      const file = new URL(r.url()).pathname.slice(1);
      if (['widget.html', 'page.css', 'aio-sandbox-widget_python.js'].includes(file) || r.status() !== 200) continue;
      const gz = gzipSync(await r.body(), { level: 9 }).length;
      fetched.push(`${file} ${(gz / 1024).toFixed(1)} KB`);
      total += gz;
    }
    const manifest = JSON.parse(readFileSync(path.join(site, 'sizes.json'), 'utf8'));
    console.log(`# widget download: ${(total / 1024).toFixed(1)} KB gzip (${fetched.join(', ')}); build says ${(manifest.widget.gzip_total / 1024).toFixed(1)} KB`);
    assert.ok(fetched.some((f) => f.startsWith('aio_sandbox_widget.wasm')), fetched.join(', '));
    assert.ok(!fetched.some((f) => f.startsWith('aio_sandbox.wasm')), 'the widget loaded the page\'s big module for gather');
    assert.ok(total <= manifest.budget && manifest.budget === 250 * 1024, `${total} bytes > ${manifest.budget}`);
    assert.ok(manifest.widget.gzip_total <= manifest.budget);

    // A recipe with store and file steps: the lean module has no I/O, so the widget loads the
    // full one for it, and the steps run against this origin's IndexedDB.
    const recipe = { main: [{ store_put: 'widget-key', value: { n: 7 } }, { store_get: 'widget-key' },
      { write_file: 'widget.txt', text: 'from the widget\n' }, { read_file: 'widget.txt' }] };
    await page.evaluate((text) => {
      const el = document.createElement('aio-sandbox');
      el.id = 'w-store';
      el.textContent = text;
      document.querySelector('main').append(el);
    }, JSON.stringify(recipe));
    await page.locator('#w-store').locator('button.run').click();
    await page.waitForFunction(() => document.getElementById('w-store').shadowRoot?.querySelector('.status.ok, .status.bad'), null, { timeout: 20000 });
    const out = await page.evaluate(() => document.getElementById('w-store').shadowRoot.querySelector('.out').textContent);
    assert.match(out, /store_get widget-key -> \{"n":7\}/);
    assert.match(out, /read_file widget\.txt -> 16 bytes, first line 'from the widget'/);
    assert.ok(responses.some((r) => new URL(r.url()).pathname.endsWith('/aio_sandbox.wasm')), 'the full module was not loaded for store/file steps');

    // Which parts a module has is a link-time choice (the *_bindings.cpp files it links): the
    // lean module binds no share links, store repair or Python; the page's module all of them.
    const entries = await page.evaluate(async () => {
      const names = ['Session', 'protocol', 'shareLink', 'repairStore', 'spawnPython', 'runPython'];
      const has = async (file) => {
        const m = await (await import(`./${file}`)).default();
        return names.filter((n) => typeof m[n] === 'function');
      };
      return { lean: await has('aio_sandbox_widget.mjs'), page: await has('aio_sandbox.mjs') };
    });
    assert.deepEqual(entries, { lean: ['Session', 'protocol'],
      page: ['Session', 'protocol', 'shareLink', 'repairStore', 'spawnPython', 'runPython'] });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
