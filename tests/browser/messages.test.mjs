// The engine's messages in the page's language (issue #19, "every message in both languages"): a
// limit error, a deadlock report and a recipe validation reason shown in Chinese, then drawn again
// in English when the language is switched (the engine gives each as a code plus parameters). The
// engine's words inside them (JSON types, resource kinds) are Chinese too; names are not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startPageHarness, ready } from './harness.mjs';

let h;
before(async () => { h = await startPageHarness(); });
after(() => h?.stop());

const LIMIT = JSON.stringify({ main: [{ repeat: 3, steps: [{ sleep: 2000 }] }] });
// A lock cycle (t1, t2) and a getter of a queue nobody puts to (shared with tests/node/messages.test.mjs).
const DEADLOCK = readFileSync(new URL('../recipes/deadlock_messages.json', import.meta.url), 'utf8');
const INVALID = '{"main": [{"sleep": "soon"}]}';

const lang = (page) => page.evaluate(() => document.documentElement.lang);
const resultCount = (page) => page.$$eval('#results .result', (rs) => rs.length);

async function runRecipe(page, text) {
  const before = await resultCount(page);
  await page.fill('#recipe-text', text);
  await page.click('#btn-run');
  await page.waitForFunction((n) => document.querySelectorAll('#results .result').length > n, before, { timeout: 20000 });
  return page.$eval('#results .result', (r) => ({ cls: r.className, code: r.querySelector('.result-error')?.dataset.code,
    text: r.querySelector('.result-error')?.textContent }));
}

test('a limit error, a deadlock and a bad recipe in Chinese, then in English after the switch', async () => {
  const { page, errors, context } = await h.open(`${h.base}/`);
  try {
    await ready(page);
    if (await lang(page) !== 'zh-CN') await page.click('#lang');
    assert.equal(await lang(page), 'zh-CN');
    await page.click('#gallery .ex[data-example="__recipe"]');

    const limit = await runRecipe(page, LIMIT);
    assert.match(limit.cls, /bad/);
    assert.equal(limit.code, 'limit.max_duration');
    assert.match(limit.text, /配方运行时间超过了 3600 秒的限制（限制 max_duration）/);

    const deadlock = await runRecipe(page, DEADLOCK);
    assert.equal(deadlock.code, 'deadlock');
    assert.match(deadlock.text, /^DeadlockError: 死锁：没有就绪的任务/);
    assert.match(deadlock.text, /reader 等待 队列 'q'（get）：队列为空/);
    const consoleZh = await page.textContent('#console .line.deadlock');
    assert.match(consoleZh, /^死锁：没有就绪的任务，也没有待处理的定时器或 I\/O，4 个任务在等待/);
    assert.match(consoleZh, /等待环：t1 等待 锁 'b'，它被 t2 持有/);
    assert.doesNotMatch(consoleZh, /waits on|nothing is ready|nobody|lock/);

    await page.fill('#recipe-text', INVALID);
    assert.equal(await page.getAttribute('#recipe-msg', 'data-code'), 'recipe.not_seconds');
    assert.match(await page.textContent('#recipe-msg'), /\$\.main\[0\]\.sleep.*必须是秒数，而不是字符串/);

    await page.click('#lang');   // to English: every message drawn again from its code
    assert.equal(await lang(page), 'en');
    assert.match(await page.textContent('#recipe-msg'), /must be a number of seconds, not a string/);
    const results = await page.$$eval('#results .result-error', (es) => es.map((e) => e.textContent));
    assert.match(results[0], /^DeadlockError: deadlock: nothing is ready, no timer or I\/O is pending, and 4 task\(s\) wait/);
    assert.match(results[0], /reader waits on queue 'q' \(get\): it is empty and no task that could put to it can run/);
    assert.match(results[1], /the recipe ran longer than its limit of 3600 s \(limit max_duration\)/);
    const consoleEn = await page.textContent('#console .line.deadlock');
    assert.match(consoleEn, /^deadlock: nothing is ready/);
    assert.match(consoleEn, /wait cycle: t1 waits on lock 'b' held by t2/);
    assert.doesNotMatch(await page.textContent('#results'), /死锁|配方/);

    await page.click('#lang');   // and back
    assert.match(await page.textContent('#console .line.deadlock'), /^死锁：/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
