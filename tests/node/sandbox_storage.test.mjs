// Recipes' store and file steps on the wasm module in Node: real files in a temporary folder
// (the store's log DIR/store.db, files DIR/files/NAME), persisting from one sandbox to the next;
// names are data confined to the folder; a missing file fails its task with the files error;
// the write limit names itself; the CLI's --data and its default temporary folder.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSandbox, RecipeError, requireModule, wasmDir, runCli } from './sandbox_common.mjs';

requireModule();
const scratch = mkdtempSync(path.join(tmpdir(), 'aio-sandbox-storage-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let folders = 0;
const freshDir = () => path.join(scratch, `data-${++folders}`);
const inUse = (dir) => new RegExp(`storage folder '${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' is in use by another sandbox`);
const make = (options = {}) => createSandbox({ wasmDir, print: () => {}, printErr: () => {}, ...options });
const lines = (run) => run.output.map((l) => l.replace(/^\[t=[\d.]+s\] /, ''));

test('a put and a file survive into a second sandbox on the same folder', async () => {
  const dir = freshDir();
  const first = await make({ storage: { dir } });
  const wrote = await first.runRecipe({ main: [
    { store_put: 'user:1', value: { name: 'Ada', langs: ['C++'] } },
    { store_put: 'temp', value: 1 },
    { write_file: 'notes.txt', text: 'first line\n' },
    { write_file: 'notes.txt', text: 'second line\n', append: true }] });
  assert.equal(wrote.ok, true, JSON.stringify(wrote.error));
  assert.deepEqual(lines(wrote), ['main: store_put user:1 <- {"langs":["C++"],"name":"Ada"}', 'main: store_put temp <- 1',
    'main: write_file notes.txt (11 bytes written)', 'main: write_file notes.txt (12 bytes appended)']);
  first.dispose();
  assert.equal(readFileSync(path.join(dir, 'files', 'notes.txt'), 'utf8'), 'first line\nsecond line\n');
  assert.ok(existsSync(path.join(dir, 'store.db')));

  const second = await make({ storage: { dir } });
  const read = await second.runRecipe({ main: [{ store_get: 'user:1' }, { store_delete: 'temp' }, { store_get: 'temp' },
    { read_file: 'notes.txt' }] });
  assert.equal(read.ok, true, JSON.stringify(read.error));
  assert.deepEqual(lines(read), ['main: store_get user:1 -> {"langs":["C++"],"name":"Ada"}', 'main: store_delete temp',
    'main: store_get temp -> (none)', "main: read_file notes.txt -> 23 bytes, first line 'first line'"]);
  second.dispose();
});

test('a missing file fails the task with the files error; gather sees it like any raise', async () => {
  const sb = await make({ storage: { dir: freshDir() } });
  const failed = await sb.runRecipe({ main: [{ read_file: 'missing.txt' }, { print: 'not reached' }] });
  assert.equal(failed.ok, false);
  assert.deepEqual(failed.output, []);
  assert.match(failed.error.message, /files\/missing\.txt': No such file or directory \[ENOENT\]/);
  const gathered = await sb.runRecipe({ main: [{ gather: [{ name: 'reader', steps: [{ read_file: 'missing.txt' }] }],
    return_exceptions: true }, { print: 'after' }] });
  assert.equal(gathered.ok, true, JSON.stringify(gathered.error));
  assert.match(lines(gathered)[0], /^main: gather: reader .*No such file or directory/);
  assert.equal(lines(gathered)[1], 'main: after');
  sb.dispose();
});

test('names are data inside the folder: paths, dots and odd characters are rejected with the JSON path', async () => {
  const sb = await make({ storage: { dir: freshDir() } });
  for (const name of ['../outside.txt', '/etc/passwd', 'a/b', '..', '.hidden', 'x'.repeat(65)]) {
    assert.throws(() => sb.spawn({ main: [{ sleep: 1 }, { write_file: name, text: 'x' }] }),
      (e) => e instanceof RecipeError && e.path === '$.main[1].write_file', name);
  }
  assert.match(sb.validate({ main: [{ read_file: '../x' }] }).reason, /must be a plain file name/);
  for (const device of ['CON', 'nul.txt', 'Com1.log']) {
    assert.match(sb.validate({ main: [{ write_file: device, text: 'x' }] }).reason, /is a reserved device name on Windows/, device);
  }
  sb.dispose();
  assert.ok(!existsSync(path.join(scratch, 'outside.txt')));

  const none = await make();  // Node's default: no storage folder
  const v = none.validate({ main: [{ store_get: 'k' }] });
  assert.deepEqual([v.ok, v.path], [false, '$.main[0].store_get']);
  assert.match(v.reason, /need the sandbox's storage folder \(option storage\.dir; CLI --data DIR\)/);
  none.dispose();
  await assert.rejects(make({ storage: { dir: 7 } }), { type: 'InvalidArgument', message: /storage\.dir must be a string/ });
});

test('limits: one value (max_value_bytes) at validation, the bytes written per run (max_written_bytes)', async () => {
  const sb = await make({ storage: { dir: freshDir() }, limits: { max_value_bytes: 8, max_written_bytes: 40 } });
  assert.equal(sb.validate({ main: [{ store_put: 'k', value: 'too long a value' }] }).reason, 'larger than 8 bytes (limit max_value_bytes)');
  const r = await sb.runRecipe({ main: [{ repeat: 100, steps: [{ write_file: 'log.txt', text: '12345678', append: true }] }] });
  assert.equal(r.ok, false);
  assert.equal(r.error.message, "the recipe's store and file steps wrote more than 40 bytes (limit max_written_bytes)");
  assert.equal(r.output.length, 5);
  sb.dispose();
});

test('CLI: --data keeps the store and files between runs; without it a temporary folder is named', async () => {
  const dir = freshDir();
  const put = path.join(scratch, 'put.json');
  const get = path.join(scratch, 'get.json');
  writeFileSync(put, JSON.stringify({ main: [{ store_put: 'visits', value: 1 }, { write_file: 'a.txt', text: 'hello\n' }] }));
  writeFileSync(get, JSON.stringify({ main: [{ store_get: 'visits' }, { read_file: 'a.txt' }] }));
  const first = await runCli(['recipe', put, '--data', dir, '--quiet']);
  assert.equal(first.status, 0, first.err);
  const second = await runCli(['recipe', get, '--data', dir, '--quiet']);
  assert.equal(second.status, 0, second.err);
  assert.match(second.out, /main: store_get visits -> 1\n/);
  assert.match(second.out, /main: read_file a\.txt -> 6 bytes, first line 'hello'/);

  const fresh = await runCli(['recipe', get, '--quiet']);
  assert.equal(fresh.status, 1);
  const named = /store and files in (\S+) \(--data DIR/.exec(fresh.err);
  assert.ok(named, fresh.err);
  assert.ok(existsSync(named[1]));
  rmSync(named[1], { recursive: true, force: true });
  assert.match(fresh.err, /a\.txt': No such file or directory/);
  assert.match(fresh.out, /main: store_get visits -> \(none\)/);

  assert.equal((await runCli(['validate', get])).status, 0);
  const noFolder = await runCli(['recipe', get, '--data', '']);
  assert.equal(noFolder.status, 2);
  assert.match(noFolder.err, /--data needs a folder/);
});

test('a pending file or store step shows in the snapshot: io, and the resource it waits on', async () => {
  const sb = await make({ storage: { dir: freshDir() } });
  const run = sb.runRecipe({ main: [{ repeat: 200, steps: [{ write_file: 'busy.txt', text: 'x\n', append: true },
    { store_put: 'n', value: 1 }] }] });
  let done = false;
  run.then(() => { done = true; });
  const seen = new Set();
  while (!done) {
    const snap = sb.snapshot();
    for (const t of snap.tasks) {
      const r = t.awaits?.resource;
      // A store step's own I/O is the store's open (the first store or file step's); after it its
      // commits run in the store's shielded 'store commit' task (aio/store.hpp), which it awaits.
      const inIo = snap.io.some((io) => io.task === t.id || (r?.kind === 'store' && io.name === 'store commit'));
      if (r && inIo) seen.add(`${r.kind} ${r.name}`);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal((await run).ok, true);
  assert.ok(seen.has('file busy.txt'), [...seen].join(', '));
  assert.ok(seen.has('store n'), [...seen].join(', '));
  sb.dispose();
});

test('one sandbox per storage folder: a second one on it is refused, naming the folder, until the first is disposed', async () => {
  const dir = freshDir();
  const first = await make({ storage: { dir } });
  assert.equal((await first.runRecipe({ main: [{ store_put: 'k', value: 1 }] })).ok, true);
  const second = await make({ storage: { dir } });
  for (const step of [{ store_put: 'k', value: 2 }, { store_get: 'k' }, { write_file: 'a.txt', text: 'x' }, { read_file: 'a.txt' }]) {
    const r = await second.runRecipe({ main: [step] });
    assert.equal(r.ok, false);
    assert.match(r.error.message, inUse(dir));
  }
  assert.ok(!existsSync(path.join(dir, 'files', 'a.txt')));
  first.dispose();
  const third = await make({ storage: { dir } });
  const r = await third.runRecipe({ main: [{ store_get: 'k' }] });
  assert.deepEqual(lines(r), ['main: store_get k -> 1']);
  third.dispose();
  second.dispose();
});

test('file-only recipes own the folder too: a second sandbox or a CLI run in another process is refused', async () => {
  const dir = freshDir();
  const first = await make({ storage: { dir } });
  assert.equal((await first.runRecipe({ main: [{ write_file: 'a.txt', text: 'first\n' }] })).ok, true);
  const second = await make({ storage: { dir } });
  const r = await second.runRecipe({ main: [{ write_file: 'a.txt', text: 'second\n' }] });
  assert.equal(r.ok, false);
  assert.match(r.error.message, inUse(dir));
  const recipe = path.join(scratch, `files-only-${folders}.json`);
  writeFileSync(recipe, JSON.stringify({ main: [{ write_file: 'a.txt', text: 'cli\n' }] }));
  const cliRun = await runCli(['recipe', recipe, '--data', dir, '--quiet']);
  assert.equal(cliRun.status, 1, cliRun.err);
  assert.match(cliRun.err, inUse(dir));
  assert.equal(readFileSync(path.join(dir, 'files', 'a.txt'), 'utf8'), 'first\n');
  first.dispose();
  const after = await runCli(['recipe', recipe, '--data', dir, '--quiet']);
  assert.equal(after.status, 0, after.err);
  assert.equal(readFileSync(path.join(dir, 'files', 'a.txt'), 'utf8'), 'cli\n');
  second.dispose();
});

test('symbolic links in the storage folder are refused, not followed', async () => {
  const dir = freshDir();
  const outside = path.join(scratch, `outside-${folders}`);
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
  mkdirSync(path.join(dir, 'files'), { recursive: true });
  symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'files', 'link.txt'));
  const sb = await make({ storage: { dir } });
  for (const step of [{ read_file: 'link.txt' }, { write_file: 'link.txt', text: 'x', append: true }]) {
    const r = await sb.runRecipe({ main: [step] });
    assert.equal(r.ok, false);
    assert.match(r.error.message, /files\/link\.txt': is a symbolic link \(not followed here\) \[ELOOP\]/);
  }
  sb.dispose();
  assert.equal(readFileSync(path.join(outside, 'secret.txt'), 'utf8'), 'secret\n');

  const linked = freshDir();  // the files folder itself a link
  mkdirSync(linked);
  symlinkSync(outside, path.join(linked, 'files'));
  const sb2 = await make({ storage: { dir: linked } });
  const w = await sb2.runRecipe({ main: [{ write_file: 'new.txt', text: 'x' }] });
  assert.equal(w.ok, false);
  assert.match(w.error.message, /files': is a symbolic link/);
  assert.ok(!existsSync(path.join(outside, 'new.txt')));
  sb2.dispose();
});

test('a storage folder under /proc fails at once with the file error (no hang)', { timeout: 60000 }, async () => {
  const sb = await make({ storage: { dir: '/proc/aio-sandbox-test/data' } });
  for (const step of [{ store_put: 'k', value: 1 }, { write_file: 'a.txt', text: 'x' }]) {
    const r = await sb.runRecipe({ main: [step] });
    assert.equal(r.ok, false);
    assert.match(r.error.message, /make_dirs '\/proc\/aio-sandbox-test\/data': No such file or directory \[ENOENT\]/);
  }
  sb.dispose();
});

test('CLI: a damaged store is refused with the offset; store repair keeps every intact record', async () => {
  const dir = freshDir();
  const put = path.join(scratch, 'put3.json');
  const get = path.join(scratch, 'get3.json');
  writeFileSync(put, JSON.stringify({ main: [{ store_put: 'a', value: 1 }, { store_put: 'b', value: 2 }, { store_put: 'c', value: 3 }] }));
  writeFileSync(get, JSON.stringify({ main: [{ store_get: 'a' }, { store_get: 'b' }, { store_get: 'c' }] }));
  assert.equal((await runCli(['recipe', put, '--data', dir, '--quiet'])).status, 0);
  const db = path.join(dir, 'store.db');
  const bytes = readFileSync(db);
  const at = bytes.indexOf('"b"');  // inside the record that puts b
  bytes[at + 1] ^= 0x04;
  writeFileSync(db, bytes);
  const refused = await runCli(['recipe', get, '--data', dir, '--quiet']);
  assert.equal(refused.status, 1);
  assert.match(refused.err, /store\.db' is damaged at byte \d+/);
  assert.ok(readFileSync(db).equals(bytes), 'the damaged file is left as it is');
  const fixed = await runCli(['store', 'repair', dir]);
  assert.equal(fixed.status, 0, fixed.err);
  assert.match(fixed.out, /kept \d+ intact records, dropped \d+ bytes \(damage at byte \d+\)/);
  assert.ok(readFileSync(db + '.damaged').equals(bytes));
  const after = await runCli(['recipe', get, '--data', dir, '--quiet']);
  assert.equal(after.status, 0, after.err);
  assert.match(after.out, /store_get a -> 1\n.*store_get b -> \(none\)\n.*store_get c -> 3/s);
  const again = await runCli(['store', 'repair', dir]);
  assert.match(again.out, /not damaged/);
  const owner = await make({ storage: { dir } });  // a live owner: the repair refuses to touch its store
  assert.equal((await owner.runRecipe({ main: [{ store_get: 'a' }] })).ok, true);
  const busy = await runCli(['store', 'repair', dir]);
  assert.equal(busy.status, 1);
  assert.match(busy.err, /store repair: store '.*store\.db' is in use/);
  owner.dispose();
  const empty = await make({ storage: { dir: freshDir() } });  // the API the CLI uses
  await assert.rejects(empty.repairStore(), (e) => e.type === 'StoreError' && /No such file or directory \[ENOENT\]/.test(e.message));
  empty.dispose();
});
