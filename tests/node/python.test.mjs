// The Python front-end through the wasm sandbox module (sb.runPython) and the CLI (`aio-sandbox
// run FILE.py`): every tests/python/lang and tests/python/asyncio program must print what CPython
// 3.11 printed (the committed .out files, recorded by each folder's record.py), as natively
// (tests/test_py_lang.cpp, tests/test_py_asyncio.cpp); plus the failure paths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createSandbox, requireModule, root, runCli, wasmDir } from './sandbox_common.mjs';

let sb;
before(async () => {
  requireModule();
  sb = await createSandbox({ wasmDir });
});
after(() => sb?.dispose());

const programs = (folder) => {
  const dir = path.join(root, 'tests', 'python', folder);
  return readdirSync(dir).filter((n) => n.endsWith('.py') && n !== 'record.py').sort()
    .map((name) => ({ name, dir, source: readFileSync(path.join(dir, name), 'utf8') }));
};

// Runs a program and collects its output events too (stdout and stderr lines in program order).
async function run(source, options) {
  const lines = [];
  const off = sb.on('output', (o) => lines.push(o));
  try {
    return { ...(await sb.runPython(source, options)), lines };
  } finally {
    off();
  }
}

// lang/record.py: stdout and stderr merged in program order, then `[exit N]`.
for (const p of programs('lang')) {
  test(`lang/${p.name} prints what CPython printed`, async () => {
    const r = await run(p.source, { filename: p.name, clock: 'virtual' });
    const merged = r.lines.map((l) => l.text + '\n').join('');
    assert.equal(merged + `[exit ${r.status}]\n`, readFileSync(path.join(p.dir, p.name.replace(/\.py$/, '.out')), 'utf8'));
  });
}

// asyncio/record.py: stdout only, on a virtual clock like aio's.
for (const p of programs('asyncio')) {
  test(`asyncio/${p.name} prints what CPython printed`, async () => {
    const r = await run(p.source, { filename: p.name, clock: 'virtual' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, readFileSync(path.join(p.dir, p.name.replace(/\.py$/, '.out')), 'utf8'));
    assert.equal(r.lines.filter((l) => l.stream === 'stdout').map((l) => l.text + '\n').join(''), r.stdout);
  });
}

test('a syntax error is status 1 with CPython\'s report on stderr', async () => {
  const r = await run('x = 1\ndef f(:\n    pass\n', { filename: 'bad.py' });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  // python3 bad.py (3.11.7)
  assert.equal(r.stderr, '  File "bad.py", line 2\n    def f(:\n          ^\nSyntaxError: invalid syntax\n');
  assert.deepEqual(r.lines.map((l) => l.stream), ['stderr', 'stderr', 'stderr', 'stderr']);
});

test('an uncaught exception is status 1 with the traceback; output before it stays', async () => {
  const r = await run('print("before")\ndef f():\n    raise KeyError("k")\nf()\n', { filename: 'boom.py' });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'before\n');
  // python3 boom.py (3.11.7)
  assert.equal(r.stderr, 'Traceback (most recent call last):\n  File "boom.py", line 4, in <module>\n    f()\n' +
    '  File "boom.py", line 3, in f\n    raise KeyError("k")\nKeyError: \'k\'\n');
});

test('sys.exit gives its status; asyncio.run inside works on both clocks', async () => {
  assert.equal((await run('import sys\nsys.exit(3)\n')).status, 3);
  const src = 'import asyncio\nasync def main():\n    await asyncio.sleep(0.05)\n    print("slept")\nasyncio.run(main())\n';
  for (const clock of ['virtual', 'real']) {
    const r = await run(src, { clock });
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, 'slept\n', ''], clock);
  }
});

test('the sandbox stays usable around a Python run (examples, its own loop)', async () => {
  const before = await sb.run('gather', { count: 1 });
  assert.equal(before.ok, true);
  await run('import asyncio\nasyncio.run(asyncio.sleep(1))\n');
  const r = await sb.run('gather', { count: 1 });
  assert.deepEqual(r.output, before.output);
});

test('bad arguments: a non-string source is a TypeError, bad options are refused', () => {
  for (const bad of [undefined, null, 42, { source: 'print(1)' }]) {
    assert.throws(() => sb.runPython(bad), TypeError);
  }
  assert.throws(() => sb.runPython('print(1)', { filename: 7 }), TypeError);
  assert.throws(() => sb.runPython('print(1)', { clock: 'fast' }), { type: 'InvalidArgument' });
  assert.throws(() => sb.runPython('print(1)', { clok: 'real' }), { type: 'InvalidArgument' });
});

test('runPython from an output listener is refused (one interpreter); the outer program goes on', async () => {
  const errors = [];
  const off = sb.on('output', (o) => {
    if (o.text !== 'outer 1') return;
    try { sb.runPython('print("inner")'); } catch (e) { errors.push(e.type); }
  });
  try {
    const r = await sb.runPython('print("outer", 1)\nprint("outer", 2)\n');
    assert.deepEqual([r.status, r.stdout], [0, 'outer 1\nouter 2\n']);
  } finally {
    off();
  }
  assert.deepEqual(errors, ['InvalidState']);
  assert.equal((await sb.runPython('print("after")')).stdout, 'after\n');
});

test('a disposed sandbox refuses runPython', async () => {
  const other = await createSandbox({ wasmDir });
  other.dispose();
  assert.throws(() => other.runPython('print(1)'), { type: 'Disposed' });
});

// ---- the CLI: aio-sandbox run FILE.py ----
test('aio-sandbox run FILE.py prints the output and exits with the program\'s status', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-py-'));
  try {
    const ok = path.join(dir, 'ok.py');
    writeFileSync(ok, 'import asyncio\nasync def main():\n    await asyncio.sleep(2)\n    print("done at", asyncio.get_running_loop().time())\nasyncio.run(main())\nprint("no newline", end="")\n');
    let r = await runCli(['run', ok]);
    assert.deepEqual([r.status, r.out, r.err], [0, 'done at 2.0\nno newline', '']);

    const fails = path.join(dir, 'fails.py');
    writeFileSync(fails, 'import sys\nprint("out")\nprint("err", file=sys.stderr)\nsys.exit(5)\n');
    r = await runCli(['run', fails, '--real']);
    assert.deepEqual([r.status, r.out, r.err], [5, 'out\n', 'err\n']);

    const raises = path.join(dir, 'raises.py');
    writeFileSync(raises, 'raise ValueError("no")\n');
    r = await runCli(['run', raises]);
    assert.equal(r.status, 1);
    assert.equal(r.err, `Traceback (most recent call last):\n  File "${raises}", line 1, in <module>\n    raise ValueError("no")\nValueError: no\n`);

    r = await runCli(['run', ok, '--trace', path.join(dir, 't.json')]);
    assert.equal(r.status, 2);
    assert.match(r.err, /--trace is not available for a Python program/);

    r = await runCli(['run', path.join(dir, 'missing.py')]);
    assert.equal(r.status, 2);
    assert.match(r.err, /can't open file '.*missing\.py': \[Errno 2\] No such file or directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ./tools/run python FILE: the same through the tools (it only re-checks build/wasm's module).
test('./tools/run python FILE runs it with the program\'s output and exit status', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-py-'));
  try {
    const file = path.join(dir, 'prog.py');
    writeFileSync(file, 'import asyncio, sys\nasync def main():\n    await asyncio.sleep(1)\n    return 7\nprint("main returned", asyncio.run(main()))\nsys.exit(4)\n');
    const r = spawnSync(path.join(root, 'tools/run'), ['python', file],
      { encoding: 'utf8', timeout: 300000, env: { ...process.env, AIO_BUILD_ROOT: process.env.AIO_BUILD_ROOT || path.join(root, 'build') } });
    assert.equal(r.status, 4, r.stderr);
    assert.equal(r.stdout, 'main returned 7\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
