// The engine's messages (wasm/sandbox/messages.hpp): recipe reasons, limit errors and the deadlock
// report come as a code plus parameters beside the English text, and the page has a Chinese
// template for every code the engine can report (web/page/messages.js), naming the same parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { wasmDir, requireModule, createSandbox } from './sandbox_common.mjs';
import { MESSAGES } from '../../web/src/index.js';
import { MESSAGES_ZH, messageText, deadlockText } from '../../web/page/messages.js';
import { STRINGS } from '../../web/page/i18n.js';

requireModule();
const make = () => createSandbox({ wasmDir, print: () => {}, printErr: () => {} });
const names = (template) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every code of the engine has a Chinese template with the same parameters', async () => {
  const sb = await make();
  try {
    const codes = Object.keys(MESSAGES);
    assert.ok(codes.length > 50, `the module lists ${codes.length} messages`);
    for (const family of ['recipe.', 'limit.', 'deadlock.', 'wait.']) assert.ok(codes.some((c) => c.startsWith(family)), family);
    const missing = codes.filter((c) => !(c in MESSAGES_ZH));
    assert.deepEqual(missing, [], 'codes without a Chinese template in web/page/messages.js');
    const stale = Object.keys(MESSAGES_ZH).filter((c) => !(c in MESSAGES));
    assert.deepEqual(stale, [], 'Chinese templates of codes the engine no longer has');
    for (const c of codes) assert.deepEqual(names(MESSAGES_ZH[c]), names(MESSAGES[c]), `parameters of ${c}`);
  } finally {
    sb.dispose();
  }
});

test('a recipe reason comes as a code whose English template gives the reason', async () => {
  const sb = await make();
  try {
    const v = sb.validate({ main: [{ sleep: 'soon' }] });
    assert.equal(v.ok, false);
    assert.equal(v.path, '$.main[0].sleep');
    assert.equal(v.code, 'recipe.not_seconds');
    assert.deepEqual(v.params, { type: 'a string' });
    assert.equal(v.reason, 'must be a number of seconds, not a string');
    assert.equal(messageText('en', v), v.reason);
    assert.equal(messageText('zh', v), '必须是秒数，而不是字符串');   // the engine's word for the type too
    const twice = sb.validate({ main: [{ sleep: 1, print: 'x' }] });
    assert.equal(twice.code, 'recipe.two_operations');
    assert.equal(messageText('en', twice), twice.reason);
    // Checked in JS before the text goes into wasm: the same code.
    const big = sb.validate({ title: 'x'.repeat(2 << 20), main: [] });
    assert.equal(big.code, 'recipe.too_large');
    assert.equal(messageText('en', big), big.reason);
    // A valid recipe has no code.
    assert.deepEqual(sb.validate({ main: [{ print: 'fine' }] }), { ok: true });
  } finally {
    sb.dispose();
  }
});

test('a limit error ends the run with its code and parameters', async () => {
  const sb = await make();
  try {
    const r = await sb.runRecipe({ main: [{ repeat: 3, steps: [{ sleep: 2000 }] }] });
    assert.equal(r.ok, false);
    assert.equal(r.error.code, 'limit.max_duration');
    assert.deepEqual(r.error.params, { max: '3600' });
    assert.match(r.error.message, /the recipe ran longer than its limit of 3600 s \(limit max_duration\)/);
    assert.equal(messageText('en', r.error), 'the recipe ran longer than its limit of 3600 s (limit max_duration)');
    assert.equal(messageText('zh', r.error), '配方运行时间超过了 3600 秒的限制（限制 max_duration）');
    // An error that is no message (a raise step) has no code.
    const raised = await sb.runRecipe({ main: [{ raise: 'boom' }] });
    assert.equal(raised.ok, false);
    assert.equal(raised.error.code, undefined);
  } finally {
    sb.dispose();
  }
});

test('the deadlock report rendered from its messages is the engine\'s English text', async () => {
  const sb = await make();
  try {
    let report = null;
    sb.on('deadlock', (d) => { report = d; });
    const r = await sb.runRecipe(JSON.parse(readFileSync(new URL('../recipes/deadlock_messages.json', import.meta.url), 'utf8')));
    assert.equal(r.error.name, 'DeadlockError');
    assert.ok(report, 'a deadlock report');
    assert.equal(report.messages.heading.code, 'deadlock.heading');
    assert.ok(report.messages.cycle.length >= 2, 'the cycle t1 <-> t2');
    assert.ok(report.waiting.some((w) => w.messages.why?.code === 'deadlock.queue_empty'));
    assert.equal(deadlockText('en', report), report.message);
    const zh = deadlockText('zh', report);
    assert.match(zh, /^死锁：没有就绪的任务/);
    assert.match(zh, /等待环：/);
    assert.match(zh, /reader 等待 队列 'q'（get）：队列为空/);
    assert.match(zh, /t1 等待 锁 'b'，它被 t2 持有/);
    assert.doesNotMatch(zh, /waits on|nobody|nothing is ready|lock/);
  } finally {
    sb.dispose();
  }
});

// Only the engine's own words are translated (a JSON type, a resource kind, what a task waits on),
// never a name a program chose, even one that is such a word; the timeline's labels likewise.
test('Chinese text translates the engine\'s words, never names', () => {
  assert.equal(messageText('zh', { code: 'wait.resource', params: { kind: 'lock', name: 'lock' } }), "锁 'lock'");
  assert.equal(messageText('en', { code: 'wait.resource', params: { kind: 'lock', name: 'lock' } }), "lock 'lock'");
  assert.equal(messageText('zh', { code: 'wait.other', params: { what: 'to_thread' } }), 'to_thread 线程');
  assert.equal(messageText('zh', { code: 'wait.task', params: { name: 'sleep' } }), "任务 'sleep'");
  assert.equal(messageText('zh', { code: 'recipe.not_whole', params: { value: '1.5' } }), '必须是整数，而不是 1.5');
  const zh = STRINGS.zh;
  assert.deepEqual(['sleep', "lock 'sleep'", "queue.get 'q'", 'gather', 'http GET', "task 'A'"].map(zh.waitLabel),
    ['休眠', "锁 'sleep'", "队列 get 'q'", 'gather', 'http GET', "任务 'A'"]);
  assert.equal(zh.waitOn({ on: "lock 'b'", wait: { code: 'wait.resource', params: { kind: 'lock', name: 'b' } } }), "锁 'b'");
  assert.equal(zh.waitOn({ on: 'event' }), 'event');   // a report without messages: its text
  assert.equal(STRINGS.en.waitLabel("lock 'b'"), "lock 'b'");
});
