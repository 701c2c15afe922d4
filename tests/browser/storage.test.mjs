// aio::store on real IndexedDB and aio::files on the IndexedDB virtual folder, in Chromium.
// Chromium as harness.mjs launches it. tools/demo_server.mjs serves a temp folder holding
// storage.html and build/wasm/host_web_storage.{js,wasm} (tests/host/web_storage.cpp). The page
// writes in its first load, then the test reloads it and checks the data survived; then it
// restarts the browser on the same profile and checks again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startDemoServer } from '../demo_server.mjs';
import { buildRoot, launchChromium } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

let server;
let base;
let site;
let profile;

before(async () => {
  const program = path.join(buildRoot, 'wasm', 'host_web_storage');
  assert.ok(existsSync(program + '.js'), `${program}.js is missing: build host_web_storage in build/wasm first`);
  site = mkdtempSync(path.join(tmpdir(), 'aio-browser-site-'));
  profile = mkdtempSync(path.join(tmpdir(), 'aio-browser-profile-'));
  copyFileSync(path.join(here, 'storage.html'), path.join(site, 'storage.html'));
  copyFileSync(program + '.js', path.join(site, 'host_web_storage.js'));
  copyFileSync(program + '.wasm', path.join(site, 'host_web_storage.wasm'));
  server = await startDemoServer(['--static', site]);
  base = server.base;
});

after(() => {
  server?.stop();
  for (const dir of [site, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
});

function launch() {
  return launchChromium(profile);
}

// Waits for the program in the page to exit; returns {status, phase, lines}.
async function outcome(page) {
  await page.waitForFunction(() => window.aioExit !== undefined, null, { timeout: 60000 });
  return page.evaluate(() => ({ status: window.aioExit, phase: window.aioPhase, lines: window.aioLines }));
}

// Runs storage.html's `phase` in a new browser process on the shared profile and returns its
// outcome; with quotaBytes the origin's quota is cut first (CDP Storage.overrideQuotaForOrigin).
async function runPhase(phase, { quotaBytes } = {}) {
  const context = await launch();
  try {
    const page = await context.newPage();
    if (quotaBytes) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: base, quotaSize: quotaBytes });
    }
    await page.goto(`${base}/storage.html?phase=${phase}`);
    return await outcome(page);
  } finally {
    await context.close();
  }
}

test('IndexedDB store and virtual folder survive a reload and a browser restart', async () => {
  const context = await launch();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => { if (!/ExitStatus|exit\(\d+\)/.test(String(e))) errors.push(String(e)); });
    await page.goto(`${base}/storage.html`);
    const written = await outcome(page);
    assert.equal(written.phase, 'write');
    assert.equal(written.status, 0, written.lines.join('\n'));
    assert.deepEqual(written.lines, [
      'store backend indexeddb, files backend browser',
      'SELECT * FROM users LIMIT 3: 1.0,2.0,3.0',
      'wrote /docs/notes.txt',
      'phase write ok',
    ]);

    await page.reload();
    const checked = await outcome(page);
    assert.equal(checked.phase, 'check');
    assert.equal(checked.status, 0, checked.lines.join('\n'));
    assert.deepEqual(checked.lines, [
      'store backend indexeddb, files backend browser',
      'users after reload: 1.0,2.0,3.0,"bob"',
      'notes.txt after reload: 3 lines, 29 bytes',
      'phase check ok',
    ]);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }

  // A new browser process on the same profile: the data is on disk, not just in memory.
  const again = await runPhase('check');
  assert.equal(again.status, 0, again.lines.join('\n'));
  assert.equal(again.lines.at(-1), 'phase check ok');
});

// The origin gets a 2 MB quota (CDP Storage.overrideQuotaForOrigin): an 8 MB value fails with
// aio::store::quota_error and its transaction rolls back; smaller writes go on working.
test('a write beyond the storage quota is a quota_error, rolled back, not a hang', async () => {
  const r = await runPhase('quota', { quotaBytes: 2 * 1024 * 1024 });
  assert.equal(r.status, 0, r.lines.join('\n'));
  assert.deepEqual(r.lines, [
    'quota_error: IndexedDB commit: QuotaExceededError',
    'after the quota error: 2 records, writes work',
    'phase quota ok',
  ]);
});

// A file replacement that fails mid-way (its IndexedDB transaction exceeds the quota) leaves the
// previous content whole: write_text's new content goes to a temporary file (its flush is the
// refused transaction), renamed over the old one in one transaction.
test('a file replacement beyond the quota fails and leaves the old content whole', async () => {
  const r = await runPhase('files-quota', { quotaBytes: 2 * 1024 * 1024 });
  assert.equal(r.status, 0, r.lines.join('\n'));
  assert.deepEqual(r.lines, [
    'write_text failed: flush [EIO]',
    'after it: /atomic holds f.txt only, with the old content',
    'a small write replaces it',
    'phase files-quota ok',
  ]);
});

// Another connection holds the database open and ignores versionchange: an open that must
// upgrade, and create_store, fail at once with aio::store::blocked_error; once it closes, they work.
test('an upgrade blocked by another open connection is a blocked_error, not a hang', async () => {
  const r = await runPhase('blocked');
  assert.equal(r.status, 0, r.lines.join('\n'));
  assert.equal(r.lines[0].startsWith('open: blocked_error: blocked by another open connection'), true, r.lines.join('\n'));
  assert.deepEqual(r.lines.slice(1), [
    'open after release: stores a',
    'create_store: blocked_error',
    'reopened: stores a,b, record kept',
    'phase blocked ok',
  ]);
});
