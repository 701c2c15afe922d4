// The bench's Python front-end impls (tools/bench --impls aio-python,aio-python-wasm): each CPython
// peer script (tests/bench/peers/python, unmodified) runs through build/wasm/aio-python.js with a
// tiny N and prints its BENCH line; the driver (tools/lib/bench_suite.py) parses it into a cell and
// reports a missing build as 'not built'. No timing is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
const peers = path.join(root, 'tests', 'bench', 'peers', 'python');
const cli = path.join(buildRoot, 'wasm', 'aio-python.js');

function runPeer(stem, args) {
  return execFileSync('node', [cli, path.join(peers, 'aio_python_run.py'), stem, ...args], { encoding: 'utf8' });
}

const cases = [
  ['w2_spawn_gather', 'W2', 50], ['w3_ping_pong', 'W3', 50], ['w4_timers', 'W4', 20],
  ['w5_memory', 'W5', 50], ['w6_queue', 'W6', 50],
];
for (const [stem, w, n] of cases) {
  test(`aio-python.js runs the ${w} peer and prints its BENCH line`, () => {
    const lines = runPeer(stem, [String(n)]).split('\n').filter((l) => l.startsWith('BENCH '));
    assert.equal(lines.length, 1);
    const record = JSON.parse(lines[0].slice(6));
    assert.equal(record.w, w);
    assert.equal(record.n, n);
  });
}

test('aio-python.js runs the W1 peer (no BENCH line: the driver times the process)', () => {
  assert.equal(runPeer('w1_startup', []), '');
});

test('the runner refuses an unknown peer with exit 1', () => {
  assert.throws(() => execFileSync('node', [cli, path.join(peers, 'aio_python_run.py'), 'w9_nothing'], { stdio: 'pipe' }),
    (e) => e.status === 1 && /unknown peer 'w9_nothing'/.test(String(e.stderr)));
});

function driver(build, impls, dir) {
  const json = path.join(dir, 'out.json');
  execFileSync('python3', [path.join(root, 'tools', 'lib', 'bench_suite.py'), '--build', build, '--impls', impls,
    '--only', 'W6', '--runs', '1', '--warmup', '0', '--json', json], { stdio: 'pipe' });
  return JSON.parse(readFileSync(json, 'utf8')).records;
}

test('the driver parses aio-python-wasm BENCH lines into cells, only up to its max N', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-python-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const records = driver(buildRoot, 'aio-python-wasm', dir);
  assert.deepEqual(records.map((r) => [r.workload, r.n, r.impl, r.status]), [['W6', 100000, 'aio-python-wasm', 'ok']]);
  assert.equal(records[0].median.n, 100000);
  assert.ok(records[0].median.seconds > 0);
});

test('the driver reports a missing aio-python build as a not built cell', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-python-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const records = driver(path.join(dir, 'no-build'), 'aio-python', dir);
  assert.deepEqual(records.map((r) => [r.n, r.status, r.cell]), [[100000, 'error', 'not built']]);
  assert.match(records[0].error, /missing .*bench-native\/aio-python$/);
});
