// Durability of the store's log in Node (the wasm build, fs.promises): kill trials, as natively
// (tests/test_durability.cpp). Each trial runs build/wasm/host_store_writer.js writing into one
// store, SIGKILLs it after a random (seeded) delay, then runs it in verify mode: every transaction
// the writer reported committed is there whole, nothing partial or uncommitted is visible, and
// the store takes new writes; the file it replaces after each commit is the last reported one or
// a later one, whole. AIO_DURABILITY_TRIALS (default 30: every trial starts Node twice;
// AIO_DURABILITY_TRIALS=100 for the full run), AIO_STRESS_SEED (default 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
const program = path.join(buildRoot, 'wasm', 'host_store_writer.js');

// A small seeded generator (mulberry32), so a failing trial can be replayed.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Starts the writer and SIGKILLs it `ms` milliseconds after it printed "ready" (opened the
// store), or after it was spawned if `early`; resolves with its output and how it ended.
function writeThenKill(dbPath, ms, early) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [program, 'write', dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer = early ? setTimeout(() => child.kill('SIGKILL'), ms) : null;
    child.stdout.on('data', (d) => {
      out += d;
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), ms);
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ out, err, code, signal });
    });
  });
}

// The last "committed T" (or "file T") among the complete lines, and how many there were.
function reported(out, what = 'committed') {
  const lines = out.split('\n').slice(0, -1).filter((l) => new RegExp(`^${what} \\d+$`).test(l));
  return { last: lines.length ? Number(lines.at(-1).split(' ')[1]) : 0, count: lines.length };
}

test('store: the writer SIGKILLed at random points; every reported commit survives whole', async (t) => {
  assert.ok(existsSync(program), `${program} is missing: build host_store_writer in build/wasm first`);
  const trials = Number(process.env.AIO_DURABILITY_TRIALS || 30);
  const seed = Number(process.env.AIO_STRESS_SEED || 1);
  const next = random(seed);
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-durability-node-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = path.join(dir, 'kill.db');
  let known = 0;
  let knownFile = 0;
  let files = 0;
  let commits = 0;
  let tornTails = 0;
  let noCommit = 0;
  for (let trial = 0; trial < trials; ++trial) {
    // Most kills land while it commits (after "ready"); every 5th during start-up and replay.
    const early = next() < 0.2;
    const ms = Math.floor(next() * (early ? 150 : 400));
    const w = await writeThenKill(dbPath, ms, early);
    const where = `trial ${trial} (kill ${ms} ms after ${early ? 'spawn' : 'ready'}; replay with AIO_STRESS_SEED=${seed})`;
    assert.equal(w.signal, 'SIGKILL', `${where}: the writer ended on its own: ${w.err}\n${w.out.slice(-400)}`);
    const r = reported(w.out);
    commits += r.count;
    if (r.last) known = r.last;
    else ++noCommit;
    const f = reported(w.out, 'file');
    files += f.count;
    if (f.last) knownFile = f.last;
    const v = spawnSync(process.execPath, [program, 'verify', dbPath, String(known), String(knownFile)], { encoding: 'utf8', timeout: 60000 });
    assert.equal(v.status, 0, `${where}: verify failed:\n${v.stderr}\n${v.stdout}`);
    const m = /^verified (\d+) \(replayed \d+ records, discarded (\d+) bytes/.exec(v.stdout);
    assert.ok(m, `${where}: unexpected verifier output ${v.stdout}`);
    if (Number(m[2]) > 0) ++tornTails;
    known = Number(m[1]) + 1;  // the verifier committed one more
  }
  assert.ok(commits > 0);
  assert.ok(files > 0);
  console.log(`# [durability] node: ${trials} SIGKILL trials survived (seed ${seed}), ${commits} reported commits and ` +
    `${files} reported file replacements all intact, store at transaction ${known}, ${tornTails} torn tails cut at reopen, ${noCommit} runs killed before their first commit`);
});
