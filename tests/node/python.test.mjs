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
import { startDemoServer } from '../demo_server.mjs';

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

// net/record.py: against tools/demo_server.mjs, whose base URL the programs take as argv[1]
// (CPython's recording and the native test pass it so); a program run here has no argv, so the
// default base in the source is swapped for this server's. As a session run (spawnPython): the
// page's way, on the host-driven loop that wasm's fetch needs (runPython's own loop blocks it).
for (const p of programs('net')) {
  test(`net/${p.name} against the demo server prints what CPython with aiohttp and requests printed`, async (t) => {
    const server = await startDemoServer();
    t.after(() => server.stop());
    const source = p.source.replaceAll('http://127.0.0.1:8080', server.base.replace(/\/$/, ''));
    assert.notEqual(source, p.source, 'the program names the default base URL');
    const lines = [];
    sb.reset({ clock: 'virtual' });
    const off = sb.on('output', (o) => lines.push(o));
    let r;
    try {
      r = await sb.spawnPython(source, { filename: p.name });
    } finally {
      off();
    }
    const merged = lines.filter((l) => l.run === r.id).map((l) => l.text + '\n').join('');
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

// sb.spawnPython: the same programs as runs of the session, their tasks on its loop and trace.
for (const p of programs('asyncio')) {
  test(`asyncio/${p.name} as a session run (spawnPython) prints what CPython printed`, async () => {
    const lines = [];
    sb.reset({ clock: 'virtual' });  // a fresh loop at time 0, as each recording's (and as the page runs one)
    const off = sb.on('output', (o) => lines.push(o));
    let r;
    try {
      r = await sb.spawnPython(p.source, { filename: p.name });
    } finally {
      off();
    }
    assert.equal(r.kind, 'python');
    assert.equal(r.status, 0, r.output.join('\n'));
    assert.ok(r.ok);
    const mine = lines.filter((l) => l.run === r.id);
    assert.equal(mine.filter((l) => l.stream === 'stdout').map((l) => l.text + '\n').join(''),
      readFileSync(path.join(p.dir, p.name.replace(/\.py$/, '.out')), 'utf8'));
    assert.ok(r.tasks > 1, 'the program\'s tasks are the run\'s');
    assert.ok(r.trace.events.some((e) => e.kind === 'task_created' && e.task !== r.id));
  });
}

// db/record.py: the database programs on the SQLite compiled into the module, in its in-memory
// folder (each program removes the files it makes), then the tutorials' database snippets on the
// aiomysql/asyncpg stand-ins (tools/py_record.py's format: stdout and stderr merged, `[exit N]`).
const snippetDir = path.join(root, 'examples', 'python');
const dbSnippets = JSON.parse(readFileSync(path.join(snippetDir, 'catalog.json'), 'utf8')).snippets
  .filter((s) => s.file && s.io.length === 1 && s.io[0] === 'database')
  .map((s) => ({ name: s.file, dir: snippetDir, source: readFileSync(path.join(snippetDir, s.file), 'utf8') }));
for (const p of [...programs('db'), ...dbSnippets]) {
  test(`${p.dir === snippetDir ? 'snippet' : 'db'} ${p.name} prints what CPython printed, on SQLite in wasm`, async () => {
    const r = await run(p.source, { filename: p.name, clock: 'virtual' });
    const merged = r.lines.map((l) => l.text + '\n').join('');
    assert.equal(merged + `[exit ${r.status}]\n`, readFileSync(path.join(p.dir, p.name.replace(/\.py$/, '.out')), 'utf8'));
  });
}

test('aio-python.js keeps a database in a real file under Node', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-py-db-'));
  try {
    const cli = path.join(wasmDir, 'aio-python.js');
    const write = path.join(dir, 'write.py');
    writeFileSync(write, 'import sqlite3\nwith sqlite3.connect("kept.db") as c:\n' +
      '    c.execute("CREATE TABLE t (x)")\n    c.execute("INSERT INTO t VALUES (42)")\n');
    const read = path.join(dir, 'read.py');
    writeFileSync(read, 'import sqlite3\nprint(sqlite3.connect("kept.db").execute("SELECT x FROM t").fetchall())\n' +
      'sqlite3.connect("kept.db").execute("SELECT * FROM nope")\n');
    let r = spawnSync('node', [cli, write], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(path.join(dir, 'kept.db')).subarray(0, 15).toString(), 'SQLite format 3');
    r = spawnSync('node', [cli, read], { cwd: dir, encoding: 'utf8' });  // a second process reads it
    assert.equal(r.stdout, '[(42,)]\n');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /sqlite3\.OperationalError: no such table: nope\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The tutorials' network snippets in a sandbox with the simulated network (a page's default):
// their sites are answered by it, labelled in the log; the structure of the output is CPython's
// (bodies differ: compared by shape). Each request's log line names the URL.
test('the tutorials\' aiohttp and requests snippets run on the simulated network, labelled', async () => {
  const net = await createSandbox({ wasmDir, http: { simulate: true } });
  try {
    const read = (name) => readFileSync(path.join(root, 'examples', 'python', name), 'utf8');
    const runSnippet = async (name) => {
      net.reset({ clock: 'virtual' });
      const logs = [];
      const offLog = net.on('log', (l) => logs.push(l.message));
      try {
        return { ...(await net.spawnPython(read(name), { filename: name })), logs };
      } finally {
        offLog();
      }
    };
    let r = await runSnippet('t2_08_aiohttp.py');
    assert.equal(r.status, 0, r.output.join('\n'));
    assert.equal(r.output.length, 3);
    r.output.forEach((line, i) => assert.match(line, new RegExp(`^URL ${i + 1} 响应长度: \\d+ 字符$`)));
    assert.deepEqual(r.logs.map((l) => l.replace(/ -> .*/, '')).sort(),
      ['https://www.example.com', 'https://www.github.com', 'https://www.python.org'].map((u) => `simulated network: GET ${u}`));
    assert.ok(r.logs.every((l) => l.endsWith('(not the real site)')));

    // 000 §4.1: three sites answer, the invalid host fails and is retried 3 times, 1 s apart.
    r = await runSnippet('t0_4_1_aiohttp.py');
    assert.equal(r.status, 0, r.output.join('\n'));
    const dns = '[Cannot resolve host invalid.url (the sandbox\'s simulated network: no such host)]';
    assert.deepEqual(r.output.filter((l) => l.startsWith('请求')), [2, 1, 0].map((n) =>
      `请求 https://invalid.url 失败，重试 ${n} 次: Cannot connect to host invalid.url:443 ssl:default ${dns}`));
    assert.equal(r.output.at(-1), `https://invalid.url: Cannot connect to host invalid.url:443 ssl:default ${dns}`);
    assert.deepEqual(r.output.slice(-4, -1).map((l) => l.replace(/\d+$/, 'N')),
      ['https://www.baidu.com | 状态: 200 | 长度: N', 'https://www.github.com | 状态: 200 | 长度: N',
       'https://www.python.org | 状态: 200 | 长度: N']);
    assert.equal(r.logs.filter((l) => l.includes('invalid.url -> no such host')).length, 4);

    // 000 §3.1: requests in the default executor (the tutorial's comment says [200, 200]).
    r = await runSnippet('t0_3_1_run_in_executor.py');
    assert.equal(r.status, 0, r.output.join('\n'));
    assert.deepEqual(r.output, ['结果: [200, 200]']);
  } finally {
    net.dispose();
  }
});

// Recorded responses need IndexedDB (tests/browser/recorded_responses.test.mjs runs them): Node
// refuses the option, with the reason; a bad mode is refused too.
test('http.record is refused in Node (no IndexedDB) and must be off, record or replay', async () => {
  await assert.rejects(createSandbox({ wasmDir, http: { record: 'record' } }),
    { type: 'InvalidArgument', message: 'http.record needs IndexedDB (a browser): recorded responses are kept there' });
  await assert.rejects(createSandbox({ wasmDir, http: { record: 'always' } }),
    { type: 'InvalidArgument', message: "http.record must be 'off', 'record' or 'replay', not \"always\"" });
  const off = await createSandbox({ wasmDir, http: { record: 'off' } });
  off.dispose();
});

test('CLI: --simulate-network answers the tutorial\'s sites (Node\'s default is to refuse them)', async () => {
  const snippet = path.join(root, 'examples', 'python', 't0_3_1_run_in_executor.py');
  let r = await runCli(['run', snippet, '--simulate-network', '--no-timeline']);
  assert.equal(r.status, 0, r.err);
  assert.equal(r.out, '结果: [200, 200]\n');
  assert.match(r.err, /simulated network: GET https:\/\/www\.baidu\.com -> 200 OK, [\d,]+ bytes after [\d.]+ s \(not the real site\)/);
  r = await runCli(['run', snippet, '--no-timeline']);
  assert.equal(r.status, 1);
  assert.match(r.err, /requests\.exceptions\.ConnectionError: HTTP to https:\/\/www\.(baidu|github)\.com is not allowed/);
});

// aio-python.js takes the runtime's environment as a C++ program does: AIO_CLOCK=virtual (no
// waiting) and AIO_NETWORK=simulated (how the network snippets' ports are compared); a bad value
// of either is refused before the program runs.
test('aio-python.js: AIO_CLOCK=virtual and AIO_NETWORK=simulated, and bad values refused', () => {
  const cli = path.join(wasmDir, 'aio-python.js');
  const snippet = path.join(root, 'examples', 'python', 't2_08_aiohttp.py');
  const run = (env) => spawnSync('node', [cli, snippet], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
  let r = run({ AIO_CLOCK: 'virtual', AIO_NETWORK: 'simulated' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\n').map((l) => l.replace(/\d+/g, 'N')), ['URL N 响应长度: N 字符', 'URL N 响应长度: N 字符', 'URL N 响应长度: N 字符', '']);
  assert.deepEqual(r.stderr.trim().split('\n').map((l) => l.replace(/ -> .*/, '')),
    ['https://www.example.com', 'https://www.python.org', 'https://www.github.com'].map((u) => `simulated network: GET ${u}`));
  r = run({ AIO_CLOCK: 'virtual', AIO_NETWORK: 'offline' });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "aio-python: AIO_NETWORK must be 'simulated' or 'real', not 'offline'\n");
  r = run({ AIO_CLOCK: 'fast' });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "aio-python: AIO_CLOCK must be 'virtual' or 'real', not 'fast'\n");
});

test('requests called straight from a coroutine in wasm: a RuntimeError saying to use a thread', async () => {
  sb.reset({ clock: 'virtual' });
  const r = await sb.spawnPython('import asyncio, requests\nasync def main():\n    requests.get("http://127.0.0.1:1/")\n' +
    'asyncio.run(main())\n', { filename: 'blocking.py' });
  assert.equal(r.status, 1);
  assert.match(r.output.at(-1), /^RuntimeError: requests cannot block here: wasm cannot wait for fetch\(\) outside a thread; call it from a thread's function/);
});

test('an empty printed line is an output line with empty text (run result and output event)', async () => {
  sb.reset({ clock: 'virtual' });
  const texts = [];
  const off = sb.on('output', (o) => texts.push(o.text));
  try {
    const r = await sb.spawnPython('print("a")\nprint()\nprint("b")\n');
    assert.deepEqual(r.output, ['a', '', 'b']);
  } finally {
    off();
  }
  assert.deepEqual(texts, ['a', '', 'b']);
});

test('spawnPython: one program at a time, bad input, a failing program, cancellation', async () => {
  for (const bad of [undefined, 7, null]) assert.throws(() => sb.spawnPython(bad), TypeError);
  assert.throws(() => sb.spawnPython('print(1)', { filename: '' }), TypeError);
  assert.throws(() => sb.spawnPython('print(1)', { clock: 'real' }), { type: 'InvalidArgument' });
  const long = sb.spawnPython('import asyncio\nasync def main():\n    await asyncio.sleep(30)\nasyncio.run(main())\n');
  assert.throws(() => sb.spawnPython('print(1)'), { type: 'InvalidState' });
  assert.throws(() => sb.runPython('print(1)'), { type: 'InvalidState' });
  const r = await long;
  assert.equal(r.status, 0);
  const boom = await sb.spawnPython('import asyncio\nasync def f():\n    1/0\nasyncio.run(f())\n', { filename: 'boom.py' });
  assert.equal(boom.status, 1);
  assert.equal(boom.ok, false);
  assert.equal(boom.output.at(-1), 'ZeroDivisionError: division by zero');
  // A task without name= has its lane named after its call; named ones keep their name.
  const labelled = await sb.spawnPython('import asyncio\nasync def task_func(name, n, *, flag=True):\n    await asyncio.sleep(n)\n' +
    'async def main():\n    await asyncio.gather(task_func("A", 1), asyncio.create_task(task_func("B", 2), name="named"))\nasyncio.run(main())\n');
  assert.deepEqual(labelled.trace.events.filter((e) => e.kind === 'task_label').map((e) => e.text), ['main()', "task_func('A', 1, flag=True)"]);
  // and its wait says what it waits on: the gather, not a bare "future".
  const mainLane = labelled.trace.events.find((e) => e.kind === 'task_label' && e.text === 'main()').task;
  assert.deepEqual(labelled.trace.events.filter((e) => e.kind === 'task_suspended' && e.task === mainLane).map((e) => [e.wait, e.text]),
    [['future', 'gather']]);
  const stuck = sb.spawnPython('import asyncio\nasync def main():\n    await asyncio.Event().wait()\nasyncio.run(main())\n');
  const ended = await stuck;  // the session's deadlock check ends it
  assert.equal(ended.ok, false);
  assert.equal(ended.error.name, 'DeadlockError');
});

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

    // Its tasks run on the sandbox's loop: the trace has them, the timeline is there when asked.
    const tracks = path.join(dir, 'tasks.py');
    writeFileSync(tracks, 'import asyncio\nasync def work(n):\n    await asyncio.sleep(n)\nasync def main():\n    await asyncio.gather(*(asyncio.create_task(work(n), name=f"w{n}") for n in (1, 2)))\nasyncio.run(main())\n');
    r = await runCli(['run', tracks, '--trace', path.join(dir, 't.json'), '--timeline']);
    assert.equal(r.status, 0, r.err);
    assert.equal(r.out, '');
    const names = JSON.parse(readFileSync(path.join(dir, 't.json'), 'utf8')).traceEvents.map((e) => e.args?.name ?? e.name);
    for (const n of ['w1', 'w2']) assert.ok(names.includes(n), `${n} in the trace`);
    assert.match(r.err, /w1/);   // the timeline, asked for
    r = await runCli(['run', tracks]);
    assert.deepEqual([r.status, r.out, r.err], [0, '', '']);   // not asked: stderr is the program's

    const stuck = path.join(dir, 'stuck.py');
    writeFileSync(stuck, 'import asyncio\nasync def main():\n    await asyncio.Event().wait()\nasyncio.run(main())\n');
    r = await runCli(['run', stuck]);
    assert.equal(r.status, 3);
    assert.match(r.err, /deadlock/);

    r = await runCli(['run', path.join(dir, 'missing.py')]);
    assert.equal(r.status, 2);
    assert.match(r.err, /can't open file '.*missing\.py': \[Errno 2\] No such file or directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Python's files (open(), aiofiles, sqlite3) are real ones: the CLI's in its working folder, as
// python3's; the package's in options.pythonDir. A second run finds what the first wrote.
test('a Python program\'s files and databases are real files: the CLI\'s cwd, the package\'s pythonDir', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-py-files-'));
  try {
    const write = path.join(dir, 'write.py');
    writeFileSync(write, 'import asyncio, aiofiles, sqlite3\nasync def main():\n' +
      '    async with aiofiles.open("notes.txt", "w") as f:\n        await f.write("kept\\n")\n' +
      'asyncio.run(main())\nwith sqlite3.connect("app.db") as c:\n' +
      '    c.execute("CREATE TABLE t (x)")\n    c.execute("INSERT INTO t VALUES (7)")\n');
    let r = await runCli(['run', 'write.py'], { cwd: dir });
    assert.deepEqual([r.status, r.err], [0, '']);
    assert.equal(readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'kept\n');
    assert.equal(readFileSync(path.join(dir, 'app.db')).subarray(0, 15).toString(), 'SQLite format 3');
    writeFileSync(path.join(dir, 'read.py'), 'import sqlite3\nprint(open("notes.txt").read(), sqlite3.connect("app.db").execute("SELECT x FROM t").fetchall())\n');
    r = await runCli(['run', 'read.py'], { cwd: dir });
    assert.deepEqual([r.status, r.out, r.err], [0, 'kept\n [(7,)]\n', '']);

    const pkg = await createSandbox({ wasmDir, pythonDir: path.join(dir, 'pkg') });
    try {
      const w = await pkg.runPython('import sqlite3\nsqlite3.connect("p.db").execute("CREATE TABLE t (x)")\nopen("p.txt", "w").write("p")\n');
      assert.equal(w.status, 0, w.stderr);
      assert.equal(readFileSync(path.join(dir, 'pkg', 'p.txt'), 'utf8'), 'p');
      assert.ok(readFileSync(path.join(dir, 'pkg', 'p.db')).length > 0);
    } finally {
      pkg.dispose();
    }
    await assert.rejects(createSandbox({ wasmDir, pythonDir: 'relative/dir' }),
      { type: 'InvalidArgument', message: /pythonDir must be an absolute path or "" \(none\), not "relative\/dir"/ });
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
