// The <aio-sandbox> widget as a tutorial author embeds it, on a plain static host (no COOP/COEP):
// parameters, one fetch per example source however many widgets show it, the Python original in
// its own tab, and an unknown example named at once, before any module is downloaded. (Its download budget: page.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentType, startPageHarness } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let harness;
before(async () => { harness = await startPageHarness(); });
after(async () => { await harness?.stop(); });

// A tutorial's page, served from the plain host's origin (so the widget's script is same-origin).
async function openAuthorPage(body) {
  const url = `${harness.plainBase}/author-page.html`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="aio-sandbox-widget.js"></script></head><body>${body}</body></html>`;
  const opened = await harness.open('about:blank', { width: 900, height: 900 });
  await opened.page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await opened.page.goto(url);
  await opened.page.waitForFunction(() => customElements.get('aio-sandbox') !== undefined);
  return opened;
}
const shadowText = (page, id, sel) => page.evaluate(([id, sel]) => document.getElementById(id).shadowRoot.querySelector(sel).textContent, [id, sel]);
const fetchedFiles = (responses) => responses.map((r) => new URL(r.url()).pathname.slice(1));

test('two widgets of one example fetch its source once, and each runs with its own parameters', async () => {
  const { page, errors, context, responses } = await openAuthorPage(`
    <aio-sandbox id="a" example="gather"></aio-sandbox>
    <aio-sandbox id="b" example="gather" params='{"third": "0.25"}'></aio-sandbox>`);
  try {
    await page.waitForFunction(() => ['a', 'b'].every((id) => /gather/.test(document.getElementById(id).shadowRoot?.querySelector('.code')?.textContent ?? '')));
    for (const id of ['a', 'b']) {
      await page.locator(`#${id}`).locator('button.run').click();
      await page.waitForFunction((id) => document.getElementById(id).shadowRoot?.querySelector('.status.ok'), id, { timeout: 20000 });
    }
    assert.match(await shadowText(page, 'a', '.out'), /results: \[1, 2, 0\.5\]/);
    assert.match(await shadowText(page, 'b', '.out'), /results: \[1, 2, 0\.25\]/);
    // A re-render (an attribute change) shows the source again without fetching it again.
    await page.evaluate(() => document.getElementById('a').setAttribute('lang', 'zh'));
    await page.waitForFunction(() => /gather/.test(document.getElementById('a').shadowRoot?.querySelector('.code')?.textContent ?? ''));
    assert.equal(fetchedFiles(responses).filter((f) => f === 'examples/gather.cpp').length, 1, fetchedFiles(responses).join(', '));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the package\'s "./widget" subpath is the widget: served from the package\'s folder, it runs an example', async () => {
  // The package as a site serves it (its node_modules folder, a CDN): web/'s files under one path,
  // the script the one its package.json exports as "./widget" (web/build.mjs copies the widget there).
  const web = path.join(root, 'web');
  const script = JSON.parse(readFileSync(path.join(web, 'package.json'), 'utf8')).exports['./widget'].default;
  assert.ok(existsSync(path.join(web, script)), `web/${script} is missing: build the page (web/build.mjs copies the widget there)`);
  const prefix = '/node_modules/aio-sandbox/';
  const url = `${harness.plainBase}/package-page.html`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="${prefix}${script.replace(/^\.\//, '')}"></script></head>
<body><aio-sandbox id="a" example="gather"></aio-sandbox></body></html>`;
  const { page, errors, context, responses } = await harness.open('about:blank', { width: 900, height: 900 });
  try {
    await page.route(`${harness.plainBase}${prefix}**`, (route) => {
      const file = path.join(web, decodeURIComponent(new URL(route.request().url()).pathname.slice(prefix.length)));
      if (!file.startsWith(web + path.sep) || !existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({ status: 200, contentType: contentType(file), body: readFileSync(file) });
    });
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(url);
    await page.waitForFunction(() => /gather/.test(document.getElementById('a')?.shadowRoot?.querySelector('.code')?.textContent ?? ''));
    await page.locator('#a').locator('button.run').click();
    await page.waitForFunction(() => document.getElementById('a').shadowRoot?.querySelector('.status.ok'), null, { timeout: 20000 });
    assert.match(await shadowText(page, 'a', '.out'), /results: \[1, 2, 0\.5\]/);
    // Everything the widget loaded came from the package's widget folder.
    const loaded = fetchedFiles(responses).filter((f) => f !== 'package-page.html');
    assert.ok(loaded.includes('node_modules/aio-sandbox/dist/widget/aio_sandbox_widget.wasm'), loaded.join(', '));
    assert.deepEqual(loaded.filter((f) => !f.startsWith('node_modules/aio-sandbox/dist/widget/')), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an unknown example is named at once, in the widget\'s language, and nothing is downloaded for it', async () => {
  const { page, errors, context, responses } = await openAuthorPage(`
    <aio-sandbox id="en" example="nope"></aio-sandbox>
    <aio-sandbox id="zh" example="nope" lang="zh"></aio-sandbox>`);
  try {
    assert.match(await shadowText(page, 'en', '.out'), /^no example 'nope' \(the examples are: .*\bgather\b.*\)$/);
    assert.match(await shadowText(page, 'zh', '.out'), /^没有名为 'nope' 的示例/);
    const failure = await page.evaluate(() => document.getElementById('en').run().then(() => 'resolved', (e) => e.message));
    assert.match(failure, /^no example 'nope'/);
    assert.match(await shadowText(page, 'en', '.status'), /✗/);
    const fetched = fetchedFiles(responses);
    assert.ok(!fetched.some((f) => f.endsWith('.wasm') || f.startsWith('examples/')), fetched.join(', '));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an example widget shows the tutorial\'s Python original in its Python tab, fetched once and only when opened', async () => {
  const { page, errors, context, responses } = await openAuthorPage(`
    <aio-sandbox id="a" example="gather"></aio-sandbox>
    <aio-sandbox id="b" example="gather"></aio-sandbox>`);
  try {
    const tab = (id, ext) => page.locator(`#${id}`).locator(`button.tab[data-ext="${ext}"]`);
    await page.waitForFunction(() => /#include/.test(document.getElementById('a').shadowRoot?.querySelector('.code')?.textContent ?? ''));
    assert.equal(await tab('a', 'cpp').getAttribute('aria-selected'), 'true');
    assert.ok(!fetchedFiles(responses).includes('examples/gather.py'), 'the Python is not fetched before its tab is opened');
    const python = JSON.parse(readFileSync(path.join(root, 'examples', 'catalog.json'), 'utf8')).examples.find((e) => e.id === 'gather').python;
    for (const id of ['a', 'b']) {
      await tab(id, 'py').click();
      // The C++ port's comments name asyncio.gather too: wait for the Python itself (no #include).
      await page.waitForFunction((id) => {
        const code = document.getElementById(id).shadowRoot.querySelector('.code').textContent;
        return /async def/.test(code) && !/#include/.test(code);
      }, id);
      assert.equal(await shadowText(page, id, '.code'), python);
      assert.equal(await tab(id, 'py').getAttribute('aria-selected'), 'true');
    }
    // Back to the C++: shown again from the first fetch.
    await tab('a', 'cpp').click();
    await page.waitForFunction(() => /#include/.test(document.getElementById('a').shadowRoot?.querySelector('.code')?.textContent ?? ''));
    const files = fetchedFiles(responses);
    assert.equal(files.filter((f) => f === 'examples/gather.cpp').length, 1, files.join(', '));
    assert.equal(files.filter((f) => f === 'examples/gather.py').length, 1, files.join(', '));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
