// Python programs' files on the page, in real IndexedDB: what a program writes with aiofiles and
// sqlite3 (the tutorials' file and database chapters) is in the Python folder
// (/aio-sandbox/python on Emscripten's IDBFS, web/src/python_files.js), saved when the run ends,
// and a program after a page reload reads it back. Servers and browser: harness.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPageHarness, ready } from './harness.mjs';

let h;
before(async () => { h = await startPageHarness(); });
after(() => h?.stop());

const runPython = (page, source) => page.evaluate(async (source) => {
  const r = await window.aioSandbox.runPython(source, { filename: 'storage.py' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}, source);

const WRITE = `import asyncio, aiofiles, os, sqlite3
async def main():
    async with aiofiles.open("notes.txt", "w") as f:
        await f.write("written before the reload\\n")
asyncio.run(main())
with sqlite3.connect("tutorial.db") as db:
    db.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT)")
    db.executemany("INSERT INTO users (name) VALUES (?)", [("Alice",), ("Bob",)])
print(os.getcwd(), sorted(os.listdir(".")))
`;

const READ = `import asyncio, aiofiles, sqlite3
async def main():
    async with aiofiles.open("notes.txt") as f:
        print(await f.read(), end="")
    print(sqlite3.connect("tutorial.db").execute("SELECT name FROM users ORDER BY id").fetchall())
asyncio.run(main())
`;

test('aiofiles files and a sqlite3 database written by Python survive a reload (IndexedDB)', async () => {
  const { page, errors, context } = await h.open(`${h.base}/`);
  try {
    await ready(page);
    const wrote = await runPython(page, WRITE);
    assert.deepEqual(wrote, { status: 0, stdout: "/aio-sandbox/python ['notes.txt', 'tutorial.db']\n", stderr: '' });

    await page.reload();
    await ready(page);
    const read = await runPython(page, READ);
    assert.deepEqual(read, { status: 0, stdout: "written before the reload\n[('Alice',), ('Bob',)]\n", stderr: '' });
    const missing = await runPython(page, 'open("never-written.txt")\n');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /FileNotFoundError: \[Errno 2\] No such file or directory: 'never-written.txt'\n$/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
