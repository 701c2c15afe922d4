// aio::http on the wasm fetch backend (Node's global fetch + AbortController), against
// tools/demo_server.mjs started here on an ephemeral loopback port. Runs build/wasm/host_http.js
// (tests/host/http.cpp, which runs the cases of tests/http_cases.hpp).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startDemoServer } from '../demo_server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
const program = path.join(buildRoot, 'wasm', 'host_http.js');

let server;
let base;
let closedPort;

// A loopback port that nothing listens on: bind an ephemeral one, then close it.
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

before(async () => {
  server = await startDemoServer();
  base = server.base;
  closedPort = await freePort();
});

after(() => {
  server?.stop();
});

function run(name, arg = String(closedPort)) {
  assert.ok(existsSync(program), `${program} is missing: build the wasm suite first`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [program, name, base, arg], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, out: out.trim().split('\n'), err });
    });
  });
}

async function passes(name, arg) {
  const r = await run(name, arg);
  assert.equal(r.status, 0, `case ${name} failed:\n${r.err}\n${r.out.join('\n')}`);
  assert.equal(r.out.at(-1), 'case passed');
  return r;
}

test('json(), methods, headers, bodies, base URL, a 3 MB body', async () => {
  const r = await passes('basics');
  assert.ok(r.out.includes('json name=aio-sandbox'));
});

test('a pending fetch keeps the loop waiting (no deadlock report)', async () => {
  const r = await passes('pending');
  assert.ok(r.out.includes('status 200'));
});

test('a loop busy with ready work (sleep(0) in a loop) still gets its response', async () => {
  const r = await passes('busy_loop');
  assert.ok(r.out.includes('response while busy: status 200'));
});

test('1,000 requests with at most 50 in flight', async () => {
  const r = await passes('concurrency');
  assert.match(r.out.join('\n'), /1000 ok, max in flight 50/);
});

test('a timeout aborts the fetch with timeout_error; the server sees the abort', async () => {
  const r = await passes('timeout');
  assert.match(r.out.join('\n'), /timeout_error: HTTP GET .*no complete response within 0.2 s/);
});

test('an origin allow-list: requests and redirects off the list fail with forbidden_origin_error', async () => {
  const r = await passes('allow_list');
  assert.match(r.out.join('\n'), /forbidden_origin_error: HTTP to http:\/\/127\.0\.0\.1:\d+ is not allowed/);
});

test('retries with backoff against /flaky', async () => {
  await passes('retries');
});

test('cancelling the awaiting task aborts the fetch; /stats counts it', async () => {
  await passes('abort');
});

test('a body over max_body_bytes aborts the fetch with body_too_large_error (Content-Length or streamed)', async () => {
  const r = await passes('body_limit');
  assert.deepEqual(r.out.filter((l) => l.startsWith('body_too_large_error')).map((l) => l.replace(/\d{4,5}\//, 'PORT/')), [
    'body_too_large_error: GET http://127.0.0.1:PORT/big?bytes=1001: the response body is larger than 1000 bytes',
    'body_too_large_error: GET http://127.0.0.1:PORT/stream?chunks=5000&ms=2: the response body is larger than 1000 bytes']);
});

test('connection refused, bad URLs, status errors', async () => {
  const r = await passes('errors');
  const text = r.out.join('\n');
  assert.match(text, /connection_error: GET http:\/\/127\.0\.0\.1:\d+\/json: fetch failed \(ECONNREFUSED\)/);
  assert.match(text, /invalid_url_error: invalid URL 'not a url'/);
  assert.match(text, /status_error: HTTP 500/);
});

// Stress (AIO_STRESS_SCALE scales it): Node's fetch holds 10,000 requests open at once against
// /barrier; the server drops every 10th connection (before answering, or half way through the body).
test('10,000 requests in flight at once; every 10th connection dropped: exactly those fail', async () => {
  const total = Math.max(1, Math.round(10000 * Number(process.env.AIO_STRESS_SCALE || 1)));
  const r = await passes('storm', String(total));
  const line = r.out.find((l) => /requests in flight at once/.test(l));
  assert.match(line, new RegExp(`^${total} requests in flight at once, ${total - Math.floor(total / 10)} answered, ${Math.floor(total / 10)} dropped`));
  console.log(`# [stress] http storm (wasm, fetch): ${line}`);
});
