// What the page says (issue #19): counted nouns, one deadlock prefix, both languages for parameter
// help and results (switching re-renders what is shown), JSON syntax errors with line and column,
// recipe errors with their path's line and column (Run selects the bad value),
// bad share-link parameters refused, search over sections/libraries/Chinese terms with the
// catalog's covers and note shown, and a console that renders in batches with a line cap.
// The recipe editor comes first in the gallery and runs from the page's one Run button.
// Also: the pitfalls example's debug-mode slow-step report reaches the page's console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPageHarness, ready } from './harness.mjs';

let h;
before(async () => { h = await startPageHarness(); });
after(() => h?.stop());

// A page in English (the saved choice is per browser context, so each test sets it).
async function openEn(hash = '') {
  const o = await h.open(`${h.base}/${hash}`);
  await ready(o.page);
  if (await o.page.evaluate(() => document.documentElement.lang) !== 'en') await o.page.click('#lang');
  return o;
}

const DEADLOCK = JSON.stringify({
  resources: { locks: ['a', 'b'] },
  main: [
    { spawn: { name: 't1', steps: [{ with: 'a', steps: [{ sleep: 0.1 }, { with: 'b', steps: [{ print: 'never' }] }] }] } },
    { spawn: { name: 't2', steps: [{ with: 'b', steps: [{ sleep: 0.1 }, { with: 'a', steps: [{ print: 'never' }] }] }] } },
    { await: 't1' },
  ],
});

test('counts read "1 task", a deadlock is reported once, results follow the language', async () => {
  const { page, errors, context } = await openEn();
  try {
    // The recipe editor is the gallery's first entry, and the page has one Run button for it.
    assert.equal(await page.getAttribute('#gallery .ex >> nth=0', 'data-example'), '__recipe');
    await page.click('#gallery .ex[data-example="__recipe"]');
    await page.fill('#recipe-text', '{"main": [{"print": "alone"}]}');
    assert.deepEqual(await page.$$eval('button:visible', (bs) => bs.map((b) => b.textContent).filter((t) => /^Run( recipe)?$/.test(t.trim()))), ['Run']);
    await page.click('#btn-run');
    await page.waitForSelector('#results .result.ok', { timeout: 20000 });
    const head = await page.textContent('#results .result .result-head');
    assert.match(head, / · 1 task · /);
    assert.match(head, / · 1 output line$/);
    assert.match(await page.textContent('#lane-count'), /^1 task$/);

    await page.fill('#recipe-text', DEADLOCK);
    await page.click('#btn-run');
    await page.waitForSelector('#results .result.bad', { timeout: 20000 });
    const text = await page.textContent('#console');
    assert.match(text, /deadlock: nothing is ready/);
    assert.doesNotMatch(text, /deadlock:\s*deadlock/);
    assert.match(await page.textContent('#results'), / · 3 tasks · /);

    await page.click('#lang');   // to Chinese: what is shown is drawn again
    const zh = await page.textContent('#results');
    assert.match(zh, /3 个任务/);
    assert.match(zh, /1 行输出/);
    assert.doesNotMatch(zh, /tasks|output line/);
    assert.match(await page.textContent('#lane-count'), /个任务/);
    await page.click('#btn-run');
    await page.waitForFunction(() => /死锁/.test(document.querySelector('#console').textContent), null, { timeout: 20000 });
    assert.match(await page.textContent('#console'), /死锁：没有就绪的任务/);
    assert.doesNotMatch(await page.textContent('#console'), /deadlock:/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('parameter help comes in both languages and typed values survive a switch', async () => {
  const { page, errors, context } = await openEn('#ex=gather');
  try {
    const help = () => page.textContent('#params label:has(input[name="first"]) .param-help');
    assert.equal(await help(), 'seconds the first task sleeps');
    await page.fill('#params input[name="first"]', '0.75');
    await page.click('#lang');
    assert.equal(await help(), '第一个任务休眠的秒数');
    assert.equal(await page.inputValue('#params input[name="first"]'), '0.75');
    // Every parameter of every example has its Chinese help.
    for (const ex of await page.evaluate(() => window.aioSandbox.examples.filter((e) => e.runnable).map((e) => e.id))) {
      await page.click(`#gallery .ex[data-example="${ex}"]`);
      const rows = await page.$$eval('#params .param', (ls) => ls.map((l) => [l.querySelector('input').name, l.querySelector('.param-help').textContent]));
      for (const [name, text] of rows) assert.match(text, /[\u4e00-\u9fff]/, `${ex}.${name}: "${text}" has no Chinese help`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a recipe error names its path with line and column, and Run selects the bad value in the editor', async () => {
  const { page, errors, context } = await openEn();
  try {
    await page.click('#gallery .ex[data-example="__recipe"]');
    await page.fill('#recipe-text', '{\n  "main": [\n    {"print": "ok"},\n    {"sleep": "soon"}\n  ]\n}');
    assert.match(await page.textContent('#recipe-msg'), /^✗ \$\.main\[1\]\.sleep \(line 4, column 6\): must be a number/);
    const selected = () => page.evaluate(() => {
      const t = document.querySelector('#recipe-text');
      return document.activeElement === t ? t.value.slice(t.selectionStart, t.selectionEnd) : null;
    });
    await page.click('#btn-run');
    assert.equal(await selected(), '"sleep": "soon"');
    assert.equal(await page.$$eval('#results .result', (r) => r.length), 0);   // nothing ran
    // A missing field marks the object that lacks it; clicking the message selects it again.
    await page.fill('#recipe-text', '{"title": "t",\n "resources": {}}');
    assert.match(await page.textContent('#recipe-msg'), /^✗ \$\.main \(line 1, column 1\): missing/);
    await page.click('#gallery .ex[data-example="__recipe"]');   // focus elsewhere
    await page.click('#recipe-msg');
    assert.equal(await selected(), '{"title": "t",\n "resources": {}}');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('JSON syntax errors name the line and column; a bad parameter in a link is refused', async () => {
  const { page, errors, context } = await openEn();
  try {
    await page.click('#gallery .ex[data-example="__recipe"]');
    await page.fill('#recipe-text', '{\n  "main": [\n    {"sleep": 1},,\n  ]\n}');
    assert.match(await page.textContent('#recipe-msg'), /^✗ line 3, column 18: /);
    await page.fill('#recipe-text', '{"main": [');
    assert.match(await page.textContent('#recipe-msg'), /^✗ line 1, column 11: /);
    await page.click('#lang');
    assert.match(await page.textContent('#recipe-msg'), /^✗ 第 1 行第 11 列: /);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
  const bad = await openEn(`#ex=gather&p=${encodeURIComponent('{"first":"abc"}')}`);
  try {
    assert.match(await bad.page.textContent('#notice.bad'), /p\.first: must be a number/);
  } finally {
    await bad.context.close();
  }
});

test('search finds examples by tutorial section, library and Chinese term; covers and note are shown', async () => {
  const { page, errors, context } = await openEn();
  try {
    const found = async (q) => {
      await page.fill('#search', q);
      return page.$$eval('#gallery .ex', (bs) => bs.map((b) => b.dataset.example).filter((id) => id !== '__recipe'));
    };
    const cases = {
      aiohttp: 'http', aiofiles: 'files', aiomysql: 'database', asyncpg: 'database', requests: 'to_thread',
      threadpoolexecutor: 'to_thread', uvloop: 'event_loop', '生产者-消费者': 'producer_consumer',
      '超时控制': 'timeout', '2.3.1 asyncio.gather()': 'gather', '信号量': 'semaphore',
    };
    for (const [q, id] of Object.entries(cases)) assert.ok((await found(q)).includes(id), `search "${q}" misses ${id}`);
    assert.deepEqual(await found('no such thing at all'), []);
    await page.fill('#search', '');
    await page.click('#gallery .ex[data-example="errors"]');
    const about = await page.textContent('#example-about');
    assert.match(about, /Note: Tutorial 001 says gather cancels/);
    assert.match(about, /Tutorial sections: .*4\.4 异常处理/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('20,000 printed lines render in a few batches with a capped number of DOM lines', async () => {
  const { page, errors, context } = await openEn();
  try {
    await page.click('#gallery .ex[data-example="__recipe"]');
    await page.fill('#recipe-text', JSON.stringify({ main: [{ repeat: 20000, steps: [{ print: 'line' }] }] }));
    await page.click('#btn-run');
    await page.waitForSelector('#results .result', { timeout: 60000 });
    const c = await page.$eval('#console', (el) => ({ ...el.dataset, dom: el.childElementCount, last: el.lastElementChild.textContent }));
    const printed = Number(c.printed);
    assert.ok(printed >= 10000, `printed ${printed}`);   // the sandbox's max_output_lines may cut it
    assert.ok(c.dom <= 2001, `${c.dom} console lines in the DOM`);
    // Without batching every line is a render of its own; with it, at most 5 direct lines and one
    // batch per frame.
    assert.ok(Number(c.batches) <= printed / 20, `${c.batches} render batches for ${printed} lines`);
    assert.match(await page.textContent('#console .hidden-lines'), /earlier lines not shown/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('pitfalls shows asyncio\'s slow-step report in Chromium (the host-driven loop)', async () => {
  const { page, errors, context } = await openEn('#ex=pitfalls');
  try {
    await page.fill('#params input[name="blocking"]', '0.2');
    await page.click('#btn-run');
    await page.waitForSelector('#results .result', { timeout: 30000 });
    assert.match(await page.textContent('#console'),
      /Executing <Task \w+ name='bad_async' coro=<bad_async\(\) defined at [^>]+>> took \d+\.\d{3} seconds/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
