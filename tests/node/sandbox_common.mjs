// Shared by the sandbox package tests: where the built module is (AIO_BUILD_ROOT/wasm, built by
// ./tools/test's node suite) and small helpers.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const buildRoot = process.env.AIO_BUILD_ROOT || path.join(root, 'build');
export const wasmDir = path.join(buildRoot, 'wasm');
export const cli = path.join(root, 'web', 'bin', 'aio-sandbox.mjs');

export function requireModule() {
  assert.ok(existsSync(path.join(wasmDir, 'aio_sandbox.wasm')),
    `${wasmDir}/aio_sandbox.wasm is missing: build the target aio_sandbox_module (./tools/test --only node)`);
}

export { createSandbox, toChromeTrace, RecipeError } from '../../web/src/index.js';

// Steps a paused sandbox until nothing is left to do; returns the number of ticks.
export function stepToEnd(sb, max = 100000) {
  let n = 0;
  while (sb.step().ran) if (++n > max) throw new Error('did not finish');
  return n;
}

// Runs the CLI (web/bin/aio-sandbox.mjs) on the built module; killed after timeoutMs.
export function runCli(args, { timeoutMs = 120000, cwd } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, AIO_SANDBOX_DIST: wasmDir } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status, signal) => { clearTimeout(timer); resolve({ status, signal, out, err }); });
  });
}
