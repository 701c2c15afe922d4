// <aio-sandbox lang="python"> as a tutorial author embeds it on a plain static host (no COOP/COEP):
// a program inline or from src="file.py" (fetched once however many widgets show it), run on the
// widget's Python module with the output CPython 3.11 printed for the same file (the recorded
// examples/python/*.out), stepped and reset, edited, a traceback for an error, a clear error for a
// src that is not there, and the page's module only for a program that imports an I/O library
// (the tutorial's aiomysql snippet, on the local SQLite stand-in CPython was recorded with).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { site, startPageHarness } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const snippet = (stem) => readFileSync(path.join(root, 'examples', 'python', `${stem}.py`), 'utf8');
// What CPython printed (the recorded .out ends with its exit status line).
const cpythonOutput = (stem) => readFileSync(path.join(root, 'examples', 'python', `${stem}.out`), 'utf8').replace(/\n\[exit \d+\]\n$/, '');

let harness;
before(async () => { harness = await startPageHarness(); });
after(async () => { await harness?.stop(); });

async function openAuthorPage(body) {
  const url = `${harness.plainBase}/python-author-page.html`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="aio-sandbox-widget.js"></script></head><body>${body}</body></html>`;
  const opened = await harness.open('about:blank', { width: 900, height: 1200 });
  await opened.page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await opened.page.goto(url);
  await opened.page.waitForFunction(() => customElements.get('aio-sandbox') !== undefined);
  return opened;
}
const shadow = (page, id, sel, prop = 'textContent') =>
  page.evaluate(([id, sel, prop]) => document.getElementById(id).shadowRoot.querySelector(sel)?.[prop], [id, sel, prop]);
const waitStatus = (page, id, cls, timeout = 30000) =>
  page.waitForFunction(([id, cls]) => document.getElementById(id).shadowRoot?.querySelector(`.status.${cls}`), [id, cls], { timeout });
const fetchedFiles = (responses) => responses.map((r) => new URL(r.url()).pathname.slice(1));
// All of the timeline's lanes (it draws only those in view).
const laneCount = (page, id) => page.evaluate((id) => Number(document.getElementById(id).shadowRoot.querySelector('.timeline').dataset.lanes ?? 0), id);
const laneNames = (page, id) => page.evaluate((id) => [...document.getElementById(id).shadowRoot.querySelectorAll('.tl-name')].map((e) => e.textContent), id);
const escapeHtml = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

test('a src="file.py" shown by two widgets is fetched once; each runs it with CPython\'s output, its tasks named on the timeline', async () => {
  const { page, errors, context, responses } = await openAuthorPage(`
    <aio-sandbox id="a" lang="python" src="snippets/t2_05_gather.py"></aio-sandbox>
    <aio-sandbox id="b" lang="python" src="snippets/t2_05_gather.py"></aio-sandbox>`);
  try {
    await page.waitForFunction(() => ['a', 'b'].every((id) => /asyncio\.gather/.test(document.getElementById(id).shadowRoot?.querySelector('textarea.code')?.value ?? '')));
    assert.equal(await shadow(page, 'a', 'textarea.code', 'value'), snippet('t2_05_gather'));
    for (const id of ['a', 'b']) {
      await page.locator(`#${id}`).locator('button.run').click();
      await waitStatus(page, id, 'ok');
      assert.equal(await shadow(page, id, '.out'), cpythonOutput('t2_05_gather'));
    }
    const lanes = await laneNames(page, 'a');
    for (const name of ["task_func('任务1', 1)", "task_func('任务2', 2)", "task_func('任务3', 3)"]) {
      assert.ok(lanes.some((l) => l.includes(name)), `no lane named ${name}: ${lanes.join(' | ')}`);
    }
    const fetched = fetchedFiles(responses);
    assert.equal(fetched.filter((f) => f === 'snippets/t2_05_gather.py').length, 1, fetched.join(', '));
    // The widget's Python module, not the page's big one; its whole download, gzipped as a static
    // host would send it, is what web/build.mjs reports (sizes.json widgetPython).
    assert.ok(fetched.includes('aio_sandbox_python.wasm') && !fetched.includes('aio_sandbox.wasm'), fetched.join(', '));
    const sizes = JSON.parse(readFileSync(path.join(site, 'sizes.json'), 'utf8'));
    const counted = sizes.widgetPython.files.map((f) => f.file);
    for (const f of counted) assert.ok(fetched.includes(f), `${f} was not downloaded: ${fetched.join(', ')}`);
    const total = counted.reduce((n, f) => n + gzipSync(readFileSync(path.join(site, f)), { level: 9 }).length, 0);
    assert.equal(total, sizes.widgetPython.gzip_total);
    console.log(`# widget lang="python" download: ${(total / 1024).toFixed(1)} KB gzip (${counted.join(', ')}); budget ${(sizes.budget / 1024).toFixed(1)} KB (issue 18: not yet within it)`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an inline program (as indented HTML text or in a <script type="text/python">) runs; Step steps it paused, Run finishes it, Reset clears', async () => {
  const indent = (t) => t.split('\n').map((l) => (l ? '      ' + l : l)).join('\n');
  const { page, errors, context } = await openAuthorPage(`
    <aio-sandbox id="t" lang="python">
${indent(escapeHtml(snippet('t2_04_create_task')))}
    </aio-sandbox>
    <aio-sandbox id="s" lang="python"><script type="text/python">
${indent(snippet('t2_10_async_iterator'))}
    </script></aio-sandbox>`);
  try {
    assert.equal(await shadow(page, 't', 'textarea.code', 'value'), snippet('t2_04_create_task'));
    assert.equal(await shadow(page, 's', 'textarea.code', 'value'), snippet('t2_10_async_iterator'));
    await page.locator('#t').locator('button.run').click();
    await waitStatus(page, 't', 'ok');
    assert.equal(await shadow(page, 't', '.out'), cpythonOutput('t2_04_create_task'));

    // Step: the program starts paused; each press runs one loop tick (the timeline grows).
    const step = page.locator('#s').locator('button.step');
    await step.click();
    await page.waitForFunction(() => /paused/.test(document.getElementById('s').shadowRoot?.querySelector('.status')?.textContent ?? ''));
    for (let i = 0; i < 6; i++) await step.click();
    assert.match(await shadow(page, 's', '.status'), /paused · step \d+/);
    const lanesMidway = await laneCount(page, 's');
    assert.ok(lanesMidway >= 1, 'the stepped run draws its tasks');
    const midway = await shadow(page, 's', '.out');
    assert.ok(cpythonOutput('t2_10_async_iterator').startsWith(midway), `partial output is CPython's start: ${midway}`);
    // Run resumes it to the end: the whole of CPython's output.
    await page.locator('#s').locator('button.run').click();
    await waitStatus(page, 's', 'ok');
    assert.equal(await shadow(page, 's', '.out'), cpythonOutput('t2_10_async_iterator'));
    // Reset clears the output and timeline; the program stays as edited.
    await page.locator('#s').locator('button.reset').click();
    assert.equal(await shadow(page, 's', '.out'), 'No output yet — press Run.');
    assert.equal(await laneCount(page, 's'), 0);

    // Reset while paused cancels the run: another widget's Run is not held up behind it.
    await step.click();
    await page.waitForFunction(() => /paused/.test(document.getElementById('s').shadowRoot?.querySelector('.status')?.textContent ?? ''));
    await page.locator('#t').locator('button.run').click();
    await waitStatus(page, 't', 'ok');
    assert.equal(await shadow(page, 't', '.out'), cpythonOutput('t2_04_create_task'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an edited program runs as edited; an uncaught error shows the traceback and exit status 1', async () => {
  const { page, errors, context } = await openAuthorPage(`<aio-sandbox id="e" lang="python" src="snippets/t2_05_gather.py"></aio-sandbox>`);
  try {
    await page.waitForFunction(() => /gather/.test(document.getElementById('e').shadowRoot?.querySelector('textarea.code')?.value ?? ''));
    const edited = snippet('t2_05_gather').replace('task_func("任务2", 2)', 'task_func("任务2", 0.5)');
    await page.locator('#e').locator('textarea.code').fill(edited);
    await page.locator('#e').locator('button.run').click();
    await waitStatus(page, 'e', 'ok');
    assert.match(await shadow(page, 'e', '.out'), /^任务1 完成，延迟 1 秒\n任务2 完成，延迟 0\.5 秒\n/);

    await page.locator('#e').locator('textarea.code').fill('import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    raise ValueError("boom")\n\nasyncio.run(main())\n');
    const r = await page.evaluate(() => document.getElementById('e').run().then((r) => ({ ok: r.ok, status: r.status, error: r.error })));
    assert.deepEqual(r, { ok: false, status: 1, error: { name: 'ValueError', message: 'boom' } });
    const out = await shadow(page, 'e', '.out');
    assert.match(out, /^Traceback \(most recent call last\):\n {2}File "t2_05_gather\.py", line 7, in <module>\n/);
    assert.match(out, /\nValueError: boom$/);
    assert.match(await shadow(page, 'e', '.status'), /✗ failed \(exit status 1\)/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a src that is not there is named at once and nothing runs; an I/O program loads the page\'s module', async () => {
  const { page, errors, context, responses } = await openAuthorPage(`
    <aio-sandbox id="missing" lang="python" src="nope.py"></aio-sandbox>
    <aio-sandbox id="empty" lang="python"></aio-sandbox>
    <aio-sandbox id="io" lang="python" src="snippets/t0_4_3_aiomysql.py"></aio-sandbox>`);
  try {
    await page.waitForFunction(() => /nope\.py/.test(document.getElementById('missing').shadowRoot?.querySelector('.out')?.textContent ?? ''));
    assert.equal(await shadow(page, 'missing', '.out'), "cannot load 'nope.py': HTTP 404");
    const failure = await page.evaluate(() => document.getElementById('missing').run().then(() => 'resolved', (e) => e.message));
    assert.equal(failure, "cannot load 'nope.py': HTTP 404");
    assert.match(await shadow(page, 'empty', '.out'), /^no Python program: put it inside the element or name its file with src=/);
    const empty = await page.evaluate(() => document.getElementById('empty').run().then(() => 'resolved', (e) => e.message));
    assert.match(empty, /^no Python program/);
    assert.ok(!fetchedFiles(responses).some((f) => f.endsWith('.wasm')), fetchedFiles(responses).join(', '));
    const notFound = errors.filter((e) => /404 \(Not Found\)/.test(e));  // the browser's own log of nope.py
    assert.equal(notFound.length, 1, errors.join('\n'));
    errors.splice(0, errors.length, ...errors.filter((e) => !notFound.includes(e)));

    // A program typed into the empty widget's box runs (CPython's output for the same file).
    await page.locator('#empty').locator('textarea.code').fill(snippet('t2_10_async_iterator'));
    await page.locator('#empty').locator('button.run').click();
    await waitStatus(page, 'empty', 'ok');
    assert.equal(await shadow(page, 'empty', '.out'), cpythonOutput('t2_10_async_iterator'));

    assert.ok(!fetchedFiles(responses).includes('aio_sandbox.wasm'), 'a plain asyncio program runs on the Python module');
    await page.locator('#io').locator('button.run').click();
    await waitStatus(page, 'io', 'ok', 60000);
    assert.equal(await shadow(page, 'io', '.out'), cpythonOutput('t0_4_3_aiomysql'));
    assert.ok(fetchedFiles(responses).includes('aio_sandbox.wasm'), fetchedFiles(responses).join(', '));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
