// The examples that do real host I/O, as wasm programs under Node (aio::run hands the loop to
// Node): build/wasm/http.js against tools/demo_server.mjs started here on an ephemeral port,
// build/wasm/files.js and build/wasm/database.js in fresh temp dirs. The programs are built by the
// wasm suite (every examples/*.cpp is a program). Native: tests/test_examples_io.cpp.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startDemoServer } from '../demo_server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
const program = (id) => path.join(buildRoot, 'wasm', `${id}.js`);

let server;
let base;

before(async () => {
  server = await startDemoServer();
  base = server.base;
});

after(() => {
  server?.stop();
});

function tempDir(t) {
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-examples-io-node-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Runs an example program; resolves to its output lines once it exited with status 0.
function run(id, args) {
  const js = program(id);
  assert.ok(existsSync(js), `${js} is missing: build the wasm suite first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [js, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('close', (status) => {
      clearTimeout(timer);
      if (status !== 0) reject(new Error(`${id} exited with ${status}:\n${err}\n${out}`));
      else resolve(out.replace(/\n$/, '').split('\n'));
    });
  });
}

const stripStamps = (lines) => lines.map((l) => l.replace(/^\[t=[0-9.]+s\] /, ''));
const JSON_LENGTH = 126;  // /json's body

test('http: concurrent fetches, retries 1 s apart, an invalid URL as an error entry (virtual clock)', async () => {
  const out = await run('http', ['--virtual', `base_url=${base}`, 'slow_ms=100']);
  assert.deepEqual(out, [
    '[t=0.00s] GET /flaky?fail=2 failed (try 1 of 3): HTTP 503; retrying in 1 s',
    '[t=1.00s] GET /flaky?fail=2 failed (try 2 of 3): HTTP 503; retrying in 1 s',
    `[t=2.00s] /json | status: 200 | length: ${JSON_LENGTH}`,
    '[t=2.00s] /delay?ms=100 | status: 200 | length: 14',
    '[t=2.00s] /flaky?fail=2 | status: 200 | length: 11',
    "[t=2.00s] invalid.url: error: invalid URL 'invalid.url': expected an absolute http:// or https:// URL",
  ]);
});

test('http on the real clock: a timeout per try, retried, then an error entry', async () => {
  // Real time: a loaded machine may also let a fast request miss its timeout once (it is then
  // retried, and still succeeds); the 0.5 s timeout against a 2 s delay keeps that rare.
  const out = stripStamps(await run('http', [`base_url=${base}`, 'slow_ms=2000', 'timeout=0.5', 'pause=0.1']));
  const progress = out.slice(0, -4);
  const expected = [
    'GET /delay?ms=2000 failed (try 1 of 3): no response within 0.5 s; retrying in 0.1 s',
    'GET /delay?ms=2000 failed (try 2 of 3): no response within 0.5 s; retrying in 0.1 s',
    'GET /flaky?fail=2 failed (try 1 of 3): HTTP 503; retrying in 0.1 s',
    'GET /flaky?fail=2 failed (try 2 of 3): HTTP 503; retrying in 0.1 s',
  ];
  const extra = progress.filter((l) => !expected.includes(l));
  assert.deepEqual(expected.filter((l) => !progress.includes(l)), [], out.join('\n'));
  for (const l of extra) assert.match(l, /^GET \/json failed \(try [12] of 3\): no response within 0\.5 s; retrying in 0\.1 s$/, out.join('\n'));
  assert.deepEqual(out.slice(-4), [
    `/json | status: 200 | length: ${JSON_LENGTH}`,
    '/delay?ms=2000: error: no response within 0.5 s (after 3 tries)',
    '/flaky?fail=2 | status: 200 | length: 11',
    "invalid.url: error: invalid URL 'invalid.url': expected an absolute http:// or https:// URL",
  ]);
});

test('files: three files written and read back concurrently, real files on disk', async (t) => {
  const dir = path.join(tempDir(t), 'sub');
  for (const clock of [['--virtual'], []]) {
    const out = stripStamps(await run('files', [...clock, `dir=${dir}`]));
    assert.equal(out.length, 6, out.join('\n'));
    assert.deepEqual(out.slice(0, 3).sort(), ['written: file1.txt', 'written: file2.txt', 'written: file3.txt']);
    assert.deepEqual(out.slice(3), [
      'file1.txt content: 异步文件1',
      'file2.txt content: 异步文件2',
      'file3.txt content: 异步文件3',
    ]);
  }
  assert.equal(readFileSync(path.join(dir, 'file3.txt'), 'utf8'), '异步文件3');
});

test('database: a users store, rows inserted in a transaction, SELECT ... LIMIT 3', async (t) => {
  const db = path.join(tempDir(t), 'users.db');
  const want = [
    '[t=0.00s] inserted 5 users in one transaction',
    '[t=0.00s] transaction failed (duplicate email), rolled back',
    '[t=0.00s] users in the store: 5',
    '[t=0.00s] query results: [{"email":"user1@example.com","id":1,"name":"Alice"},' +
      '{"email":"user2@example.com","id":2,"name":"Bob"},{"email":"user3@example.com","id":3,"name":"Carol"}]',
  ];
  assert.deepEqual(await run('database', ['--virtual', `path=${db}`]), want);
  assert.ok(existsSync(db), 'the log file exists');
  // Again on the real clock, on the now existing database: the same rows, no duplicates.
  assert.deepEqual(stripStamps(await run('database', [`path=${db}`])), stripStamps(want));
});
