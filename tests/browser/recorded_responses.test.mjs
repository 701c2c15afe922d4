// Recorded responses (aio/http.hpp record_responses; the sandbox's http.record) in Chromium: a
// Python program's real aiohttp requests are kept in IndexedDB by Emscripten's Fetch API; after a
// reload, with the server stopped, the same program gets the same responses, each labelled as
// replayed (header X-Aio-Replayed, a `log` line); one never recorded fails as a connection error.
// This test serves the page from a demo server of its own, so it can stop it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, ready, requirePage, site } from './harness.mjs';
import { startDemoServer } from '../demo_server.mjs';

let browser;  // one Chromium for both tests
after(() => browser?.close());

const PROGRAM = `import asyncio, aiohttp
async def main():
    async with aiohttp.ClientSession() as session:
        for path in ("/json", "/status/404"):
            async with session.get(BASE + path) as r:
                body = await r.text()
                print(path, r.status, len(body), r.headers.get("X-Aio-Replayed", "live"))
        if r.headers.get("X-Aio-Replayed"):  # offline: a URL the recorded run never asked for
            try:
                await session.get(BASE + "/never-recorded")
            except aiohttp.ClientError as e:
                print("never recorded:", type(e).__name__)
asyncio.run(main())
`;

// Resets the page's sandbox with recording `mode` and runs PROGRAM as a session run: its printed
// lines and the log lines about recorded responses.
const runRecorded = (page, mode) => page.evaluate(async ({ mode, program }) => {
  const sb = window.aioSandbox;
  sb.reset({ http: { allow: [location.origin], record: mode } });
  const logs = [];
  const off = sb.on('log', (e) => { if (/recorded response/.test(e.text ?? e.message ?? '')) logs.push(e.text ?? e.message); });
  try {
    const r = await sb.spawnPython(`BASE = ${JSON.stringify(location.origin)}\n` + program, { filename: 'recorded.py' });
    return { status: r.status, output: r.output, logs };
  } finally {
    off();
  }
}, { mode, program: PROGRAM });

// The page served by a demo server of the test's own (so it can stop it), in a fresh context
// (a fresh IndexedDB). The server is stopped if opening fails.
async function openOwnPage() {
  requirePage();
  const server = await startDemoServer(['--static', site]);
  try {
    browser ??= await launchChromium();
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.base}/`);
    await ready(page);
    return { server, context, page, errors };
  } catch (e) {
    server.stop();
    throw e;
  }
}

test('real responses recorded in IndexedDB replay after a reload with the server stopped, labelled', async () => {
  const { server, context, page, errors } = await openOwnPage();
  let stopped = false;
  try {
    const live = await runRecorded(page, 'record');
    assert.equal(live.status, 0, live.output.join('\n'));
    assert.deepEqual(live.output, ['/json 200 126 live', '/status/404 404 11 live']);  // the demo server's bodies
    assert.deepEqual(live.logs, []);

    await page.reload();
    await ready(page);
    server.stop();
    stopped = true;
    const offline = await runRecorded(page, 'record');  // the network fails: the recordings answer
    assert.equal(offline.status, 0, offline.output.join('\n'));
    assert.deepEqual(offline.output.slice(0, 2), live.output.slice(0, 2).map((l) => l.replace(/live$/, '1')));
    assert.equal(offline.output[2], 'never recorded: ClientConnectorError');
    assert.equal(offline.logs.length, 2);
    assert.match(offline.logs[0], /recorded response: GET http:\/\/127\.0\.0\.1:\d+\/json -> 200 OK, \d+ bytes, replayed from IndexedDB/);

    const replay = await runRecorded(page, 'replay');  // recordings only, asked for
    assert.deepEqual(replay.output, offline.output);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    if (!stopped) server.stop();
  }
});

// The page's control for the same option: chosen in the controls bar, kept across a reload, used
// by the Python box's program; what is replayed says so in the console.
test('the page\'s "Real responses" control records a Python program\'s requests and replays them offline', async () => {
  const { server, context, page, errors } = await openOwnPage();
  let stopped = false;
  try {
    assert.equal(await page.inputValue('#record'), 'off');
    const runPython = async () => {
      await page.fill('#code-py', `BASE = ${JSON.stringify(server.base)}\n` + PROGRAM);
      const before = await page.locator('#results .result').count();
      await page.click('#btn-run-py');
      await page.waitForFunction((n) => document.querySelectorAll('#results .result').length > n && !document.body.classList.contains('is-running'), before, { timeout: 30000 });
      return page.textContent('#console');
    };
    await page.selectOption('#record', 'record');
    const live = await runPython();
    assert.match(live, /\/json 200 126 live\n?.*\/status\/404 404 11 live/s);

    await page.reload();
    await ready(page);
    assert.equal(await page.inputValue('#record'), 'record', 'the choice outlives a reload');
    server.stop();
    stopped = true;
    await page.selectOption('#record', 'replay');
    const replayed = await runPython();
    assert.match(replayed, /\/json 200 126 1/);
    assert.match(replayed, /\/status\/404 404 11 1/);
    assert.match(replayed, /never recorded: ClientConnectorError/);
    assert.match(replayed, /recorded response: GET http:\/\/127\.0\.0\.1:\d+\/json -> 200 OK, \d+ bytes, replayed from IndexedDB/);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    if (!stopped) server.stop();
  }
});
