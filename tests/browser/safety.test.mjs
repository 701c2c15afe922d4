// Sandbox safety in Chromium: the page and the widget run under the strict CSP the demo server
// sends (no 'unsafe-eval', no 'unsafe-inline') with zero violations; user text (task names,
// output, errors, share links, parameters) is shown as text and never runs; the widget's HTTP
// stays on its own origin; a task error nobody awaits shows in the results panel at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../demo_server.mjs';
import { launchChromium, requirePage, site } from './harness.mjs';

let server;
let base;
let browser;

before(async () => {
  requirePage();
  // --csp: the header ./tools/run serves the page with.
  server = await startDemoServer(['--static', site, '--csp']);
  base = server.base;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

// A page that records CSP violations (from the first script on), console errors and page errors,
// and any payload that managed to run (window.__xss).
async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const response = await page.goto(url);
  return { page, errors, context, response };
}
const violations = (page) => page.evaluate(() => window.__violations);
const ready = (page) => page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });

// Payloads that would run if any of this text reached innerHTML, an attribute handler or eval.
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><svg onload="window.__xss=3"></svg>"\'><aio-xss-marker>';
const XSS_NAME = '<img src=x onerror="window.__xss=4"><aio-xss-marker>';  // task names: up to 100 characters
// Nothing ran, and nothing was parsed into elements anywhere on the page (shadow roots included).
async function assertInert(page) {
  const found = await page.evaluate(() => {
    const all = [];
    const walk = (rootNode) => {
      for (const e of rootNode.querySelectorAll('*')) {
        all.push(e);
        if (e.shadowRoot) walk(e.shadowRoot);
      }
    };
    walk(document);
    return {
      xss: window.__xss ?? null,
      injected: all.filter((e) => ['IMG', 'AIO-XSS-MARKER'].includes(e.tagName) || (e.tagName === 'SCRIPT' && !e.src) ||
        [...e.attributes].some((a) => a.name.startsWith('on'))).map((e) => e.outerHTML.slice(0, 80)),
    };
  });
  assert.deepEqual(found, { xss: null, injected: [] });
}

test('the page and widget are served with a strict CSP and run with zero violations', async () => {
  // ?threads=1: the threads build (opt-in, web/README.md "Threads on the page"), the one with workers.
  const { page, errors, context, response } = await open(`${base}/?threads=1`);
  try {
    const csp = response.headers()['content-security-policy'];
    assert.ok(csp, 'no Content-Security-Policy header');
    assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    await ready(page);
    // Cross-origin isolated and asked: the page runs its threads build, whose Web Workers (started at load;
    // to_thread runs on them) come from 'self' under this CSP too (web/README.md "Threads on the page").
    assert.equal(await page.getAttribute('#loop-threads', 'data-threads'), 'real');
    const params = { to_thread: { blocking: 0.1 } };
    for (const id of ['gather', 'semaphore', 'errors', 'timeout', 'http', 'to_thread']) {
      const r = await page.evaluate(async ([id, params]) => {
        const sb = window.aioSandbox;
        sb.reset({ clock: 'virtual' });
        const res = await sb.run(id, id === 'http' ? { base_url: location.origin } : params[id] ?? {});
        return { ok: res.ok, error: res.error };
      }, [id, params]);
      assert.ok(r.ok, `${id}: ${JSON.stringify(r.error)}`);
    }
    errors.splice(0, errors.length, ...errors.filter((e) => !/status of 503/.test(e)));  // /flaky's 503s, on purpose
    await page.click('#gallery .ex[data-example="__recipe"]');
    await page.fill('#recipe-text', JSON.stringify({ main: [
      { gather: [{ name: 'a', steps: [{ sleep: 0.2 }, { http: '/json' }] }, { name: 'b', steps: [{ print: 'b' }] }] }] }));
    await page.click('#btn-run');
    await page.waitForSelector('#results .result.ok', { timeout: 20000 });
    assert.match(await page.textContent('#console'), /a: GET \/json -> 200/);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);

    const widget = await open(`${base}/widget.html`);
    assert.doesNotMatch(widget.response.headers()['content-security-policy'], /'unsafe-eval'|'unsafe-inline'/);
    for (const id of ['w-gather', 'w-recipe', 'w-python']) {  // w-python: its own script and module
      await widget.page.locator(`#${id}`).locator('button.run').click();
      await widget.page.waitForFunction((id) => document.getElementById(id).shadowRoot?.querySelector('.status.ok'), id, { timeout: 20000 });
    }
    assert.deepEqual(await violations(widget.page), []);
    assert.deepEqual(widget.errors, []);
    // The listener does see a violation when there is one (an inline handler the CSP refuses).
    await widget.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="data:," onload="window.__xss=9">'));
    await widget.page.waitForFunction(() => window.__violations.length > 0, null, { timeout: 5000 });
    assert.match((await violations(widget.page))[0], /script-src/);
    await widget.context.close();
  } finally {
    await context.close();
  }
});

test('task names, output, errors, share links and parameters are shown as text, never run', async () => {
  const recipe = { title: XSS, main: [
    { spawn: { name: XSS_NAME, steps: [{ print: XSS }, { raise: XSS }] } },
    { gather: [{ name: `${XSS_NAME}2`, steps: [{ sleep: 0.1 }, { print: `gathered ${XSS}` }] }] },
    { raise: XSS }] };
  const { page, errors, context } = await open(`${base}/`);
  try {
    await ready(page);
    await page.click('#gallery .ex[data-example="__recipe"]');
    await page.fill('#recipe-text', JSON.stringify(recipe));
    await page.click('#btn-run');
    await page.waitForSelector('#results .result.bad:not(.exception)', { timeout: 20000 });
    assert.ok((await page.textContent('#console')).includes(`gathered ${XSS}`));
    assert.ok((await page.textContent('#results')).includes(XSS));                  // the error message
    assert.ok(await page.locator('#timeline .tl-lane').count() >= 3);               // the names, as lanes
    assert.ok((await page.textContent('#timeline')).includes(XSS_NAME));
    // A validation error that quotes the user's key, and a bad share link that quotes the user's text.
    await page.fill('#recipe-text', JSON.stringify({ main: [{ [XSS]: 1 }] }));
    assert.ok((await page.textContent('#recipe-msg')).includes(XSS));
    await assertInert(page);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);

    const link = await open(`${base}/#recipe=${encodeURIComponent(JSON.stringify({ main: [{ [XSS]: 1 }] }))}`);
    await ready(link.page);
    assert.ok((await link.page.textContent('#notice')).includes(XSS));
    await assertInert(link.page);
    await link.context.close();

    // (a text parameter: a number parameter's link with text in it is refused before it shows)
    const param = await open(`${base}/#ex=as_completed&p=${encodeURIComponent(JSON.stringify({ delays: XSS }))}`);
    await ready(param.page);
    assert.equal(await param.page.inputValue('#params input[name="delays"]'), XSS);
    await param.page.click('#btn-run');
    await param.page.waitForSelector('#results .result', { timeout: 20000 });
    await assertInert(param.page);
    await param.context.close();

    const widget = await open(`${base}/widget.html`);
    await widget.page.waitForFunction(() => customElements.get('aio-sandbox') !== undefined);
    await widget.page.evaluate((text) => {
      const w = document.createElement('aio-sandbox');
      w.id = 'w-xss';
      w.textContent = text;   // the recipe, as an author would write it inside the element
      document.querySelector('main').append(w);
    }, JSON.stringify(recipe));
    await widget.page.locator('#w-xss').locator('button.run').click();
    await widget.page.waitForFunction(() => document.getElementById('w-xss').shadowRoot?.querySelector('.status.bad'), null, { timeout: 20000 });
    assert.ok((await widget.page.evaluate(() => document.getElementById('w-xss').shadowRoot.querySelector('.out').textContent)).includes(XSS));
    await assertInert(widget.page);
    assert.deepEqual(await violations(widget.page), []);
    assert.deepEqual(widget.errors, []);
    await widget.context.close();
  } finally {
    await context.close();
  }
});

test('the widget talks to its own origin only; a task error nobody awaits shows at once', async () => {
  const widget = await open(`${base}/widget.html`);
  try {
    await widget.page.waitForFunction(() => customElements.get('aio-sandbox') !== undefined);
    const add = (id, recipe) => widget.page.evaluate(({ id, text }) => {
      const w = document.createElement('aio-sandbox');
      w.id = id;
      w.textContent = text;
      document.querySelector('main').append(w);
    }, { id, text: JSON.stringify(recipe) });
    const out = (id) => widget.page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('.out').textContent, id);
    await add('w-same', { main: [{ http: '/json' }] });
    await widget.page.locator('#w-same button.run').click();
    await widget.page.waitForFunction(() => document.getElementById('w-same').shadowRoot?.querySelector('.status.ok'), null, { timeout: 20000 });
    assert.match(await out('w-same'), /GET \/json -> 200/);
    await add('w-far', { main: [{ http: 'https://third-party.example/api' }] });
    await widget.page.locator('#w-far button.run').click();
    await widget.page.waitForFunction(() => document.getElementById('w-far').shadowRoot?.querySelector('.status.bad'), null, { timeout: 20000 });
    assert.match(await out('w-far'), /RecipeError: \$\.main\[0\]\.http: origin https:\/\/third-party\.example is not in the sandbox's HTTP allow-list \(http:\/\/127\.0\.0\.1:\d+\)/);
    assert.equal(await widget.page.evaluate(async () => (await window.aioSandboxReady()).validate({ main: [{ http: 'http://127.0.0.1:1/' }] }).ok), false,
      'another port on the same host is another origin');
    assert.deepEqual(widget.errors, []);
  } finally {
    await widget.context.close();
  }

  const { page, errors, context } = await open(`${base}/`);
  try {
    await ready(page);
    await page.selectOption('#speed', '1');      // the real clock: the run takes 30 s
    await page.click('#gallery .ex[data-example="__recipe"]');
    await page.fill('#recipe-text', JSON.stringify({ main: [
      { spawn: { name: 'doomed', steps: [{ sleep: 0.1 }, { raise: 'nobody awaits me' }] } }, { sleep: 30 }] }));
    await page.click('#btn-run');
    await page.waitForSelector('#results .result.exception', { timeout: 15000 });
    assert.match(await page.textContent('#results .result.exception'), /Task exception was never retrieved \(task doomed\).*nobody awaits me/);
    assert.equal(await page.evaluate(() => window.aioSandbox.snapshot().tasks.some((t) => t.name === 'main')), true, 'the run is still going');
    await page.click('#btn-reset');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
