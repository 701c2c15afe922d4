// Sandbox safety through the JS package and the CLI on the wasm module: every API failure path
// throws or rejects with a useful message and nothing escapes as an unhandled rejection; a task
// error nobody awaits reaches the `error` event (and the CLI's stderr) while the run goes on;
// hostile recipes stop at a named limit with nothing left; HTTP is held to the allow-list at
// validation and at run time, and no request reaches a second server the test runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, createSandbox, RecipeError, requireModule, root, wasmDir } from './sandbox_common.mjs';
import { startDemoServer } from '../demo_server.mjs';

requireModule();
const make = (options = {}) => createSandbox({ wasmDir, print: () => {}, printErr: () => {}, ...options });

// Anything that escapes as an unhandled rejection or exception fails the suite at the end.
const escaped = [];
const onRejection = (e) => escaped.push(`unhandledRejection: ${e?.stack ?? e}`);
const onException = (e) => escaped.push(`uncaughtException: ${e?.stack ?? e}`);
process.on('unhandledRejection', onRejection);
process.on('uncaughtException', onException);

let demo;            // tools/demo_server.mjs: the allowed origin
let demoBase;
let other;           // a second server that must never be reached
let otherBase;
let otherHits = 0;

before(async () => {
  demo = await startDemoServer();
  demoBase = demo.base;
  other = http.createServer((req, res) => {
    otherHits++;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    res.end('{"reached": true}');
  });
  await new Promise((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherBase = `http://127.0.0.1:${other.address().port}`;
});

after(() => {
  demo?.stop();
  other?.close();
});

test('every API failure path throws or rejects with a useful message', async () => {
  await assert.rejects(make({ wasmDir: path.join(root, 'no', 'such', 'dir') }), { type: 'ModuleNotFound', message: /is missing/ });
  await assert.rejects(make({ clock: 'sundial' }), { type: 'InvalidArgument', message: /clock must be/ });
  await assert.rejects(make({ speed: 0 }), { type: 'InvalidArgument', message: /speed/ });
  await assert.rejects(make({ limits: { max_steps: -1 } }), { type: 'InvalidArgument', message: /limits\.max_steps/ });
  await assert.rejects(make({ http: { allow: ['ftp://x'] } }), { type: 'InvalidArgument', message: /is not an origin/ });
  await assert.rejects(make({ http: { allow: ['https://a.example/path'] } }), { type: 'InvalidArgument', message: /is not an origin/ });
  await assert.rejects(make({ http: { base: 'javascript:alert(1)' } }), { type: 'InvalidArgument', message: /http\.base/ });
  await assert.rejects(make({ moduleFactory: async () => { throw new Error('wasm refused'); } }),
    { type: 'ModuleLoadError', message: /cannot start the sandbox module .*wasm refused/ });

  const sb = await make();
  assert.throws(() => sb.run('no_such_example'), { type: 'InvalidArgument', message: /no example 'no_such_example'/ });
  assert.throws(() => sb.run('gather', { bogus: 1 }), /has no parameter 'bogus'/);
  assert.throws(() => sb.run('gather', 'count=2'), { type: 'InvalidArgument', message: /params must be an object/ });
  assert.throws(() => sb.runRecipe('{"main": ['), (e) => e instanceof RecipeError && e.path === '$' && /not valid JSON/.test(e.reason));
  assert.throws(() => sb.spawn({ main: [{ sleep: -1 }] }), (e) => e instanceof RecipeError && e.path === '$.main[0].sleep');
  assert.throws(() => sb.spawn(42), { type: 'InvalidArgument', message: /a recipe is a JSON string or an object/ });
  assert.throws(() => sb.validate(null), { type: 'InvalidArgument' });
  assert.throws(() => sb.step(), { type: 'InvalidState', message: /call pause\(\) first/ });
  assert.throws(() => sb.cancel('abc'), { type: 'InvalidArgument', message: /positive integer/ });
  assert.equal(sb.cancel(987654), false, 'no such task: false, like Task.cancel() of a finished task');
  assert.throws(() => sb.on('eror', () => {}), { type: 'InvalidArgument', message: /no event 'eror' \(events: .*error/ });
  assert.throws(() => sb.on('error', 'not a function'), { type: 'InvalidArgument' });
  assert.throws(() => sb.setSpeed(-1), /speed must be a positive number/);
  assert.throws(() => sb.reset({ clock: 'sundial' }), { type: 'InvalidArgument' });
  assert.equal(sb.clock, 'virtual', 'a refused reset changes nothing');
  assert.equal((await sb.runRecipe({ main: [{ print: 'still fine' }] })).ok, true);

  sb.dispose();
  for (const [name, call] of Object.entries({
    run: () => sb.run('gather'), runRecipe: () => sb.runRecipe({ main: [] }), spawn: () => sb.spawn({ main: [] }),
    validate: () => sb.validate({ main: [] }), step: () => sb.step(), pause: () => sb.pause(), resume: () => sb.resume(),
    cancel: () => sb.cancel(1), snapshot: () => sb.snapshot(), reset: () => sb.reset(), setSpeed: () => sb.setSpeed(2),
    paused: () => sb.paused,
  })) {
    assert.throws(call, { type: 'Disposed', message: /disposed/ }, name);
  }
  sb.dispose();  // twice is fine
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(escaped, []);
});

test('a task error nobody awaits reaches the error event at once, before the run ends', async () => {
  const sb = await make();
  const seen = [];
  sb.on('error', (e) => seen.push({ kind: 'error', ...e }));
  sb.on('done', (r) => seen.push({ kind: 'done', time: r.trace.events.at(-1)?.time }));
  const r = await sb.runRecipe({ main: [
    { spawn: { name: 'doomed', steps: [{ sleep: 1 }, { raise: 'lost at 1 s' }] } },
    { sleep: 100 }, { print: 'main done' }] });
  assert.equal(r.ok, true);
  assert.deepEqual(seen.map((x) => x.kind), ['error', 'done']);
  assert.match(seen[0].message, /^Task exception was never retrieved \(task doomed\): .*lost at 1 s/);
  assert.equal(seen[0].time, 1, 'reported when it failed (loop time 1 s), not when the run ended (100 s)');
  sb.dispose();

  // On the real clock: the event arrives while the main task still sleeps.
  const live = await make({ clock: 'real' });
  let ended = false;
  const run = live.runRecipe({ main: [
    { spawn: { name: 'doomed', steps: [{ sleep: 0.05 }, { raise: 'now' }] } }, { sleep: 60 }] });
  run.then(() => { ended = true; });
  const error = await new Promise((resolve) => live.on('error', resolve));
  assert.match(error.message, /never retrieved .*now/);
  assert.equal(ended, false, 'the run is still going');
  live.cancel(live.snapshot().tasks.find((t) => t.name === 'main').id);
  assert.equal((await run).error.name, 'CancelledError');
  live.dispose();
  assert.deepEqual(escaped, []);
});

test('hostile recipes stop at a named limit, nothing is left, the sandbox keeps working', async () => {
  const sb = await make({ limits: { max_steps: 20000, max_tasks: 2000, max_live_tasks: 500, max_duration: 1000,
    max_queued_bytes: 65536 } });
  const hostile = {
    'zero-sleep loop': [{ main: [{ repeat: 1000000, steps: [{ sleep: 0 }] }] }, 'max_steps'],
    'nested repeats': [{ main: [{ repeat: 1000000, steps: [{ repeat: 1000000, steps: [{ print: 'x' }] }] }] }, 'max_steps'],
    'fork bomb of nested gathers': [{ main: [{ repeat: 1000, steps: [{ gather: [
      { steps: [{ gather: [{ steps: [{ sleep: 1 }] }, { steps: [{ sleep: 1 }] }] }] },
      { steps: [{ gather: [{ steps: [{ sleep: 1 }] }, { steps: [{ sleep: 1 }] }] }] }] }] }] }, 'max_tasks'],
    'a million timers': [{ main: [{ repeat: 1000000, steps: [{ spawn: { name: 't', steps: [{ sleep: 999 }] } }] }] }, 'max_live_tasks'],
    'a queue filled forever': [{ resources: { queues: { q: 0 } },
      main: [{ repeat: 1000000, steps: [{ put: 'q', value: 'x'.repeat(900) }] }] }, 'max_queued_bytes'],
    'past the time limit': [{ main: [{ repeat: 1000000, steps: [{ sleep: 1 }] }] }, 'max_duration'],
    'a child spins while main waits forever': [{ resources: { events: ['never'] }, main: [
      { spawn: { name: 'spinner', steps: [{ repeat: 1000000, steps: [{ sleep: 0 }] }] } }, { wait_event: 'never' }] }, 'max_steps'],
  };
  const errors = [];
  sb.on('error', (e) => errors.push(e.message));
  for (const [name, [recipe, limit]] of Object.entries(hostile)) {
    const r = await sb.runRecipe(recipe);
    assert.equal(r.ok, false, name);
    assert.match(r.error.message, new RegExp(`\\(limit ${limit}\\)`), `${name}: ${r.error.message}`);
    assert.equal(sb.snapshot().tasks.length, 0, `${name}: tasks left`);
  }
  assert.deepEqual(errors, [], 'a limit is the run\'s error, not one report per task');
  assert.throws(() => sb.spawn({ main: [{ print: 'y'.repeat(5000) }] }), (e) => e instanceof RecipeError && /longer than 1000/.test(e.reason));
  assert.equal((await sb.runRecipe({ main: [{ print: 'after all that' }] })).output.at(-1), '[t=0.00s] main: after all that');
  sb.dispose();
});

test('limits beyond what C++ can hold mean "no limit", never a wrapped-around small one', async () => {
  // max_depth 1e300 once became a depth check of a few levels (max_depth * 4 + 16 overflowed);
  // counts beyond size_t (32 bits in wasm) are clamped to its largest value.
  const sb = await make({ limits: { max_depth: 1e300, max_tasks: 2 ** 40, max_live_tasks: 1e20, max_steps: Number.MAX_VALUE } });
  const nested = { main: [{ gather: [{ steps: [{ gather: [{ steps: [{ gather: [{ steps: [{ print: 'deep' }] }] }] }] }] }] }] };
  const r = await sb.runRecipe(nested);
  assert.ok(r.ok, JSON.stringify(r.error));
  assert.ok(r.output.some((line) => /: deep$/.test(line)), r.output.join('\n'));
  sb.dispose();
});

test('HTTP: literal URLs off the allow-list are recipe errors; redirects and computed URLs fail at run time', async () => {
  const sb = await make({ clock: 'real', http: { allow: [demoBase], base: demoBase } });
  assert.throws(() => sb.spawn({ main: [{ http: `${otherBase}/x` }] }),
    (e) => e instanceof RecipeError && e.path === '$.main[0].http' && e.reason.includes(`origin ${otherBase} is not in the sandbox's HTTP allow-list (${demoBase})`));
  assert.deepEqual(sb.validate({ main: [{ http: '/json' }] }), { ok: true });

  const ok = await sb.runRecipe({ main: [{ http: '/json' }, { http: '/echo', method: 'POST', body: 'hi' }] });
  assert.equal(ok.ok, true, JSON.stringify(ok.error));
  assert.match(ok.output[0], /main: GET \/json -> 200/);
  assert.match(ok.output[1], /main: POST \/echo -> 200/);

  const redirected = await sb.runRecipe({ main: [{ http: `/redirect?to=${encodeURIComponent(`${otherBase}/x`)}` }] });
  assert.equal(redirected.ok, false);
  assert.match(redirected.error.message, new RegExp(`HTTP to ${otherBase} is not allowed`));

  // URLs computed from an example's parameter: checked when each request is made (the example
  // catches the errors, retries, and reports them).
  const virtual = await make({ http: { allow: [demoBase] } });
  const example = await virtual.run('http', { base_url: otherBase });
  virtual.dispose();
  assert.match(example.output.join('\n'), new RegExp(`HTTP to ${otherBase} is not allowed`));
  assert.equal(otherHits, 0, 'no request reached the second server');

  // The check is what stopped them: with "*" the same redirect goes through.
  sb.reset({ http: { allow: ['*'], base: demoBase } });
  const open = await sb.runRecipe({ main: [{ http: `/redirect?to=${encodeURIComponent(`${otherBase}/x`)}` }] });
  assert.equal(open.ok, true, JSON.stringify(open.error));
  assert.equal(otherHits, 1);
  sb.dispose();

  // Node's default: loopback only.
  const dflt = await make();
  assert.deepEqual(dflt.validate({ main: [{ http: `${demoBase}/json` }] }), { ok: true });
  assert.match(dflt.validate({ main: [{ http: 'https://example.com/' }] }).reason, /not in the sandbox's HTTP allow-list \(http:\/\/127\.0\.0\.1:\*, http:\/\/localhost:\*, http:\/\/\[::1\]:\*\)/);
  dflt.dispose();
});

// ---------------------------------------------------------------- the CLI

const dir = mkdtempSync(path.join(tmpdir(), 'aio-safety-'));
function recipeFile(name, recipe) {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(recipe));
  return p;
}
function runCli(args, { onStderr } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, AIO_SANDBOX_DIST: wasmDir } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; onStderr?.(err, child); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('close', (status, signal) => { clearTimeout(timer); resolve({ status, signal, out, err }); });
  });
}

test('HTTP: a response body over max_http_body_bytes fails the step, naming the limit', async () => {
  const sb = await make({ clock: 'real', http: { allow: [demoBase], base: demoBase }, limits: { max_http_body_bytes: 4096 } });
  const small = await sb.runRecipe({ main: [{ http: '/big?bytes=4096' }] });
  assert.equal(small.ok, true, JSON.stringify(small.error));
  assert.match(small.output[0], /GET \/big\?bytes=4096 -> 200 OK \(4096 bytes\)/);
  const big = await sb.runRecipe({ main: [{ http: '/big?bytes=100000000' }] });   // 100 MB: never read whole
  assert.equal(big.ok, false);
  assert.match(big.error.message, /the response body is larger than 4096 bytes \(limit max_http_body_bytes\)/);
  sb.dispose();
});

test('CLI: a task error nobody awaits is printed while the run goes on; exit status 1', async () => {
  const file = recipeFile('lost.json', { main: [
    { spawn: { name: 'doomed', steps: [{ sleep: 0.05 }, { raise: 'lost' }] } }, { sleep: 30 }] });
  let whileRunning = null;
  const r = await runCli(['recipe', file, '--real', '--no-timeline'], {
    onStderr: (err, child) => {
      if (whileRunning === null && /never retrieved/.test(err)) {
        whileRunning = child.exitCode === null;
        child.kill('SIGTERM');  // seen while the 30 s main task sleeps: enough
      }
    },
  });
  assert.equal(whileRunning, true, r.err);
  assert.match(r.err, /^error: Task exception was never retrieved \(task doomed\): .*lost$/m);

  const quick = recipeFile('lost_quick.json', { main: [{ spawn: { name: 'doomed', steps: [{ raise: 'lost' }] } }, { sleep: 1 }] });
  const done = await runCli(['recipe', quick, '--no-timeline']);
  assert.equal(done.status, 1, done.err);
  assert.match(done.err, /failed: 1 task error nobody awaited/);
});

test('CLI: HTTP allow-list flags, and control characters never reach the terminal', async () => {
  const far = recipeFile('far.json', { main: [{ http: 'https://api.example.com/x' }] });
  const refused = await runCli(['validate', far]);
  assert.equal(refused.status, 2);
  assert.match(refused.err, /\$\.main\[0\]\.http: origin https:\/\/api\.example\.com is not in the sandbox's HTTP allow-list/);
  const allowed = await runCli(['validate', far, '--allow-http', 'https://api.example.com']);
  assert.equal(allowed.status, 0, allowed.err);
  const bad = await runCli(['validate', far, '--allow-http', 'api.example.com']);
  assert.equal(bad.status, 2);
  assert.match(bad.err, /is not an origin/);

  const esc = recipeFile('esc.json', { main: [{ print: '\u001b[2J\u001b]0;pwned\u0007 text' }] });
  const r = await runCli(['recipe', esc, '--quiet']);
  assert.equal(r.status, 0, r.err);
  assert.ok(!r.out.includes('\u001b') && !r.out.includes('\u0007'), JSON.stringify(r.out));
  assert.match(r.out, /\\x1b\[2J\\x1b\]0;pwned\\x07 text/);
  assert.deepEqual(escaped, []);
});

test('options: misspelt names and wrong types are refused, never ignored', async () => {
  const refused = [
    [{ limits: { max_taks: 10 } }, /limits: unknown option 'max_taks' \(known: max_tasks, /],
    [{ limits: [1, 2] }, /limits must be an object, not an array/],
    [{ paused: 'false' }, /paused must be true or false, not "false"/],
    [{ paused: 1 }, /paused must be true or false/],
    [{ speed: '2' }, /speed must be a positive number/],
    [{ clok: 'real' }, /options: unknown option 'clok'/],
    [{ http: { alow: [] } }, /http: unknown option 'alow'/],
    [{ storage: { directory: '/tmp' } }, /storage: unknown option 'directory'/],
    [{ record: 'no' }, /record must be true or false/],
    [{ maxEvents: -1 }, /maxEvents must be a number >= 0/],
    [{ print: 'console' }, /print must be a function/],
  ];
  for (const [options, message] of refused) {
    await assert.rejects(make(options), { type: 'InvalidArgument', message }, JSON.stringify(options));
  }
  const sb = await make({ paused: false });
  assert.equal(sb.paused, false);
  assert.throws(() => sb.reset({ limits: { max_stesp: 1 } }), { type: 'InvalidArgument', message: /unknown option 'max_stesp'/ });
  assert.throws(() => sb.reset({ wasmDir: '/elsewhere' }), { type: 'InvalidArgument', message: /reset options: unknown option 'wasmDir'/ });
  assert.throws(() => sb.reset({ paused: 'true' }), { type: 'InvalidArgument', message: /paused must be true or false/ });
  sb.reset({ paused: true, limits: { max_tasks: 5 } });
  assert.equal(sb.paused, true);
  sb.dispose();
  assert.deepEqual(escaped, []);
});

test('dispose(): pending runs reject with Disposed, and every later call throws', async () => {
  const sb = await make();
  sb.pause();
  const pending = sb.runRecipe({ main: [{ sleep: 1 }] });
  const example = sb.run('gather');
  sb.dispose();
  await assert.rejects(pending, { type: 'Disposed', message: /disposed/ });
  await assert.rejects(example, { type: 'Disposed' });
  for (const [name, call] of Object.entries({
    on: () => sb.on('done', () => {}), off: () => sb.off('done', () => {}), trace: () => sb.trace(),
    exportTrace: () => sb.exportTrace({ events: [] }), clock: () => sb.clock, speed: () => sb.speed,
    examples: () => sb.examples, parseShareLink: () => sb.parseShareLink('#ex=gather'),
  })) {
    assert.throws(call, { type: 'Disposed', message: /disposed/ }, name);
  }
  sb.dispose();  // twice is fine

  // Disposed from inside a listener: later calls throw at once, the run still rejects.
  const inner = await make();
  const run = inner.runRecipe({ main: [{ print: 'one' }, { sleep: 1 }, { print: 'two' }] });
  // (its first output came inside runRecipe; dispose on the next batch)
  await assert.rejects(new Promise((resolve, reject) => {
    inner.on('output', () => {});
    run.then(resolve, reject);
    inner.dispose();
  }), { type: 'Disposed' });
  assert.throws(() => inner.step(), { type: 'Disposed' });
  assert.deepEqual(escaped, []);
});

test('text: a lone surrogate reads as U+FFFD, lengths count characters', async () => {
  const sb = await make();
  const asText = await sb.runRecipe('{"main": [{"print": "a\ud800b"}, {"print": "\udc00!"}]}');
  assert.deepEqual(asText.output.map((l) => l.replace(/^\[t=[\d.]+s\] main: /, '')), ['a\ufffdb', '\ufffd!']);
  const asObject = await sb.runRecipe({ main: [{ print: 'a\ud800b' }, { print: '\ud83d\ude00' }] });
  assert.deepEqual(asObject.output.map((l) => l.replace(/^\[t=[\d.]+s\] main: /, '')), ['a\ufffdb', '\ud83d\ude00']);
  assert.deepEqual(sb.validate({ main: [{ print: '€'.repeat(1000) }] }), { ok: true });
  assert.deepEqual(sb.validate({ title: '中'.repeat(400), main: [] }), { ok: true });
  assert.equal(sb.validate({ main: [{ print: '€'.repeat(1001) }] }).reason, 'longer than 1000 characters');
  sb.dispose();
});

test('CLI: bidi controls and line separators are shown escaped', async () => {
  const tricky = recipeFile('bidi.json', { main: [{ print: 'abc\u202edef\u2028ghi\u2029\u2066x\u2069\u200f' }] });
  const r = await runCli(['recipe', tricky, '--quiet']);
  assert.equal(r.status, 0, r.err);
  assert.ok(!/[\u202e\u2028\u2029\u2066\u2069\u200f]/.test(r.out), JSON.stringify(r.out));
  assert.match(r.out, /abc\\u202edef\\u2028ghi\\u2029\\u2066x\\u2069\\u200f$/m);
});

test('nothing escaped as an unhandled rejection or exception', () => {
  process.off('unhandledRejection', onRejection);
  process.off('uncaughtException', onException);
  assert.deepEqual(escaped, []);
});
