// The tutorials' per-snippet C++ ports (examples/ports/<snippet>.cpp) built to wasm
// (build/wasm/ports/<snippet>.js, target aio_ports) and run under Node with AIO_CLOCK=virtual: each
// prints what CPython 3.11 printed for examples/python/<snippet>.py (its .out: stdout and stderr
// in one stream, then "[exit N]") and ends with the same status, as natively (tests/test_ports.cpp).
// This host has no threads: the runtime's labelled notices on stderr ("aio: to_thread: ...", the
// to_thread fallback and its simulated blocking time) are set apart, and a port that used the
// fallback is compared line by line in any order (see below).
// Snippets marked `random` in examples/python/catalog.json are compared by shape, `unordered` ones
// line by line in any order. Network snippets (`io` has "network": their recordings are this
// machine's DNS failures) run on the simulated network (AIO_NETWORK=simulated) and are compared
// with aio-python.js's run of the snippet on that network, as natively (tests/test_ports.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
const examples = path.join(root, 'examples');
const catalog = JSON.parse(readFileSync(path.join(examples, 'python', 'catalog.json'), 'utf8'));
const byShape = new Set(catalog.snippets.filter((s) => s.file && s.random).map((s) => s.file.slice(0, -3)));
const unordered = new Set(catalog.snippets.filter((s) => s.file && s.unordered).map((s) => s.file.slice(0, -3)));
const network = new Set(catalog.snippets.filter((s) => s.file && s.io?.includes('network')).map((s) => s.file.slice(0, -3)));
const fixtures = path.join(examples, 'python', 'fixtures');
const ports = readdirSync(path.join(examples, 'ports')).filter((f) => f.endsWith('.cpp')).map((f) => f.slice(0, -4)).sort();

// Digits blanked (runs of them as one #), lines sorted.
const shape = (text) => text.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '')
  .map((l) => l.replace(/\d+/g, '#')).sort().join('\n');

// Runs a port (or `args` for it) with stdout and stderr into one file (one stream, in the order
// written), in a fresh folder holding examples/python/fixtures/ (as CPython was recorded).
function runPort(stem, args) {
  const js = path.join(buildRoot, 'wasm', 'ports', `${stem}.js`);
  if (!args) assert.ok(existsSync(js), `${js} is missing: build the wasm target aio_ports`);
  const env = { ...process.env, AIO_CLOCK: 'virtual', AIO_NETWORK: network.has(stem) ? 'simulated' : '' };
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-port-'));
  try {
    const work = path.join(dir, 'work');
    cpSync(fixtures, work, { recursive: true });
    const file = path.join(dir, 'out');
    const fd = openSync(file, 'w');
    const r = spawnSync(process.execPath, args ?? [js], { cwd: work, stdio: ['ignore', fd, fd], env, timeout: 60000 });
    closeSync(fd);
    assert.equal(r.error, undefined, `${stem}: ${r.error}`);
    return { output: readFileSync(file, 'utf8'), status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the ports are all here', () => {
  assert.ok(ports.length >= 10, ports.join(', '));
});

// The simulated network's labels ("simulated network: GET ...", "aio: " taken off), sorted, apart
// from the other lines.
const splitLabels = (text) => {
  const lines = text.split('\n').map((l) => l.replace(/^aio: (?=simulated network: )/, ''));
  const isLabel = (l) => l.startsWith('simulated network: ');
  return { lines: lines.filter((l) => !isLabel(l)), labels: lines.filter(isLabel).sort() };
};

for (const stem of ports.filter((p) => network.has(p))) {
  test(`port ${stem} prints in wasm what aio-python.js prints for its snippet on the simulated network`, () => {
    const got = runPort(stem);
    const reference = runPort(stem, [path.join(buildRoot, 'wasm', 'aio-python.js'), path.join(examples, 'python', `${stem}.py`)]);
    const port = splitLabels(got.output), snippet = splitLabels(reference.output);
    // Without threads a run_in_executor function runs whole on the loop thread (its notice set
    // apart, as below), so the lines are compared as a multiset there.
    const notices = port.lines.filter((l) => l.startsWith('aio: to_thread: '));
    const lines = port.lines.filter((l) => !l.startsWith('aio: to_thread: '));
    if (notices.length) assert.deepEqual([...lines].sort(), [...snippet.lines].sort(), stem);
    else assert.deepEqual(lines, snippet.lines, stem);
    assert.deepEqual(port.labels, snippet.labels, stem);
    assert.equal(got.status, reference.status, stem);
  });
}

for (const stem of ports.filter((p) => !network.has(p))) {
  test(`port ${stem} prints in wasm what CPython 3.11 printed`, () => {
    const recorded = readFileSync(path.join(examples, 'python', `${stem}.out`), 'utf8');
    const at = recorded.lastIndexOf('[exit ');
    const expected = { output: recorded.slice(0, at), status: Number(recorded.slice(at + 6).match(/^\d+/)[0]) };
    const got = runPort(stem);
    const lines = got.output.split('\n');
    const notices = lines.filter((l) => l.startsWith('aio: to_thread: '));
    const output = lines.filter((l) => !l.startsWith('aio: to_thread: ')).join('\n');
    if (byShape.has(stem)) {
      assert.equal(shape(output), shape(expected.output), stem);
    } else if (notices.length || unordered.has(stem)) {
      // Without threads each to_thread function runs whole on the loop thread (said by a notice
      // per call, with the blocking time its simulated thread spent): the lines it prints come in
      // one piece per call instead of interleaved with the other threads' lines, so the lines are
      // compared as a multiset; the results and the loop's timing are exact.
      // `unordered` snippets: their lines come from work finishing on threads, in any order.
      if (!unordered.has(stem)) assert.ok(notices.some((l) => /no threads on this host; ran \w+ on the loop thread/.test(l)), notices.join(' | '));
      const sorted = (t) => t.split('\n').sort().join('\n');
      assert.equal(sorted(output), sorted(expected.output), stem);
    } else {
      assert.equal(output, expected.output, stem);
    }
    assert.equal(got.status, expected.status, stem);
  });
}
