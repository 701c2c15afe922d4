// ./tools/run example http starts the demo server itself (as the tests do), so the example's
// URLs answer instead of failing with "connection refused"; the invalid URL still fails.
// Uses build/wasm's http program (built by the node suite); tools/run only re-checks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('./tools/run example http starts the demo server and every URL answers', () => {
  const r = spawnSync(path.join(root, 'tools/run'), ['example', 'http', '--wasm', '--', '--virtual', 'slow_ms=100'],
    { encoding: 'utf8', timeout: 300000, env: { ...process.env, AIO_BUILD_ROOT: process.env.AIO_BUILD_ROOT || path.join(root, 'build') } });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /== demo server: http:\/\/127\.0\.0\.1:\d+ /);
  for (const url of ['/json', '/delay?ms=100', '/flaky?fail=2']) assert.ok(r.stdout.includes(`${url} | status: 200`), `${url}:\n${r.stdout}`);
  assert.match(r.stdout, /invalid\.url: error: invalid URL/);
  assert.doesNotMatch(r.stdout, /connection|refused/i);
});
