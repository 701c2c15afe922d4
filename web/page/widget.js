// <aio-sandbox example="gather"></aio-sandbox> or <aio-sandbox>{"main": [...]}</aio-sandbox>
// (an inline recipe as the element's text, or a recipe="..." attribute): code, Run, timeline,
// output. One script tag; framework-free; no COOP/COEP needed (no SharedArrayBuffer: threads use
// the runtime's documented fallback); sized with CSS variables (see web/README.md).
//
// It loads the lean module (aio_sandbox_widget: recipes and the examples that run on any static
// host, built for size); only an example that module lacks (the I/O group) loads the page's full
// module (aio_sandbox) instead.
//
// <aio-sandbox lang="python">: a Python program (the element's text or src="file.py"), editable,
// with Run / Step / Reset (widget_python.js). It loads the Python module (aio_sandbox_python: the
// front-end without its I/O libraries); a program that imports one of those (aiohttp, aiofiles,
// requests, a database) loads the page's module instead.
import { STORAGE_STEPS, createSandbox, recipeUses } from '../src/index.js';
import { STRINGS } from './i18n.js';
import { Timeline, TaskModel } from './timeline.js';
import CSS from 'aio:widget-css';
import EXAMPLE_IDS from 'aio:example-ids';

const here = new URL('./', import.meta.url);
const modules = new Map();    // module name -> Promise<Sandbox>, one instance each for every widget on the page
let queue = Promise.resolve();  // one run at a time
const runs = { stepping: null };  // {el, sb}: a widget's paused Python run, which gives way to any other run
function enqueue(el, job) {
  const { stepping } = runs;
  if (stepping && stepping.el !== el) stepping.sb.reset({ clock: 'virtual' });  // its run ends as cancelled
  const p = queue.then(job);
  queue = p.catch(() => {});
  return p;
}
function load(moduleName) {
  if (!modules.has(moduleName)) modules.set(moduleName, createSandbox({ wasmDir: here, moduleName, print: () => {}, printErr: () => {} }));
  return modules.get(moduleName);
}
const sandbox = () => load('aio_sandbox_widget');
let pythonScript = null;
const pythonPane = () => (pythonScript ??= import('./widget_python.js'));
// The lean module has no HTTP client, store or files: recipes with such steps need the full one.
const IO_STEPS = ['http', ...STORAGE_STEPS];

// The instance that can run example `id` (or the recipe `text`): the lean one when it can, else the full one.
async function sandboxFor(id, text) {
  if (!id && text && recipeUses(text, IO_STEPS)) return load('aio_sandbox');
  const lean = await sandbox();
  if (!id || lean.examples.some((e) => e.id === id && e.runnable)) return lean;
  return load('aio_sandbox');
}

// Each source file (examples/ID.cpp, its Python original examples/ID.py, a src="file.py") is
// fetched once per page however many widgets show it (and re-renders); an example's Python only
// when its tab is opened. Rejects with "HTTP 404" and the like.
const sources = new Map();  // absolute URL -> Promise<string>
function fetchOnce(url) {
  const key = url.href;
  if (!sources.has(key)) sources.set(key, fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`)))));
  return sources.get(key);
}
function exampleSource(id, ext = 'cpp') {
  const file = `examples/${id}.${ext}`;
  return fetchOnce(new URL(file, here)).catch((e) => `${ext === 'py' ? '#' : '//'} ${file}: ${e.message}`);
}

let sheet = null;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

class AioSandboxElement extends HTMLElement {
  static get observedAttributes() { return ['example', 'recipe', 'params', 'lang', 'src']; }

  #root;
  #lastTrace = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styles()];
  }

  // lang="python" chooses the program's language; any other lang the widget's (en, zh).
  get python() { return /^py(thon)?$/i.test(this.getAttribute('lang') ?? ''); }

  get strings() {
    const own = this.python ? null : this.getAttribute('lang');
    const lang = own || document.documentElement.lang || navigator.language || 'en';
    return STRINGS[lang.toLowerCase().startsWith('zh') ? 'zh' : 'en'];
  }

  recipeText() {
    const attr = this.getAttribute('recipe');
    if (attr) return attr;
    const text = this.textContent.trim();
    return text || null;
  }

  connectedCallback() { this.#render(); }
  attributeChangedCallback() { if (this.isConnected) this.#render(); }

  #render() {
    this.#pane?.dispose();  // a re-render drops a paused Python run
    this.#pane = null;
    this.#paneReady = null;
    if (this.python) return this.#renderPython();
    const s = this.strings;
    const id = this.getAttribute('example');
    const recipe = id ? null : this.recipeText();
    const root = this.#root;
    root.replaceChildren();
    const mk = (tag, cls, text) => {
      const e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const head = mk('div', 'head');
    const title = mk('span', 'title', id ? id : s.recipe);
    const run = mk('button', 'run', '▶ ' + s.run);
    run.part = 'run';
    const status = mk('span', 'status', '');
    head.append(title);
    const code = mk('pre', 'code', recipe ?? '');
    // An example shows its C++ or the tutorial's Python original (tabs).
    let shown = null;
    const show = (ext) => {
      shown = ext;
      for (const t of head.querySelectorAll('.tab')) t.setAttribute('aria-selected', String(t.dataset.ext === ext));
      exampleSource(id, ext).then((t) => { if (shown === ext) code.textContent = t; });  // the last tab clicked wins
    };
    if (id && EXAMPLE_IDS.includes(id)) {
      for (const [ext, label] of [['cpp', 'C++'], ['py', 'Python']]) {
        const tab = mk('button', 'tab', label);
        tab.dataset.ext = ext;
        tab.addEventListener('click', () => show(ext));
        head.append(tab);
      }
    }
    head.append(status, run);
    const tl = mk('div', 'timeline');
    this.#timeline = new Timeline(tl, s);
    this.#timeline.setEmptyText(s.noOutput);
    const out = mk('pre', 'out', s.noOutput);
    root.append(head, code, tl, out);
    if (id && !EXAMPLE_IDS.includes(id)) {
      // Said at once, in the widget, without downloading a module or a source that is not there.
      code.textContent = '';
      out.textContent = s.noExample(id, EXAMPLE_IDS);
      out.classList.add('bad');
    } else if (id) {
      show('cpp');
    } else if (recipe) {
      try { code.textContent = JSON.stringify(JSON.parse(recipe), null, 2); } catch { /* shown as is */ }
    }
    // The failure is shown in the widget (and run() rejects for scripts that call it).
    run.addEventListener('click', () => { this.run().catch(() => {}); });
    this.#els = { run, status, tl, out, code };
  }

  #els = null;
  #timeline = null;

  // Runs the example, recipe or Python program; resolves to the package's RunResult.
  async run() {
    if (this.python) return (await this.#paneReady).run(false);
    const { run, status, out } = this.#els;
    const s = this.strings;
    const id = this.getAttribute('example');
    if (id && !EXAMPLE_IDS.includes(id)) {
      status.textContent = `✗ ${s.failed}`;
      status.className = 'status bad';
      throw new Error(s.noExample(id, EXAMPLE_IDS));
    }
    run.disabled = true;
    status.textContent = s.running;
    status.className = 'status running';
    const job = enqueue(this, async () => {
      const sb = await sandboxFor(this.getAttribute('example'), this.recipeText());
      sb.reset({ clock: 'virtual' });
      const lines = [];
      const offOut = sb.on('output', (o) => lines.push(o.text));
      const offErr = sb.on('error', (e) => lines.push(`⚠ ${e.message}`));  // e.g. a task error nobody awaited
      const off = () => { offOut(); offErr(); };
      try {
        let params = {};
        if (this.getAttribute('params')) params = JSON.parse(this.getAttribute('params'));
        return { r: id ? await sb.run(id, params) : await sb.runRecipe(this.recipeText() ?? '{}'), lines };
      } finally {
        off();
      }
    });
    try {
      const { r, lines } = await job;
      this.#lastTrace = r.trace;
      out.textContent = lines.join('\n') + (r.error ? `\n${r.error.name}: ${r.error.message}` : '');
      this.#timeline.setModel(TaskModel.fromEvents(r.trace.events));
      const n = this.#timeline.render();
      status.textContent = r.ok ? `✓ ${s.ok} · ${n} ${n === 1 ? s.lane : s.lanes}` : `✗ ${s.failed}`;
      status.className = 'status ' + (r.ok ? 'ok' : 'bad');
      this.dispatchEvent(new CustomEvent('aio-done', { detail: r }));
      return r;
    } catch (e) {
      out.textContent = `${e.name}: ${e.message}`;
      status.textContent = `✗ ${s.failed}`;
      status.className = 'status bad';
      throw e;
    } finally {
      run.disabled = false;
    }
  }

  get trace() { return this.#lastTrace; }

  // Python mode: its own script (widget_python.js), loaded the first time a widget shows Python.
  #pane = null;
  #paneReady = null;
  #renderPython() {
    this.#root.replaceChildren();
    const ready = pythonPane().then(({ PythonPane }) => {
      if (this.#paneReady !== ready) return this.#paneReady;  // re-rendered meanwhile
      this.#pane = new PythonPane(this.#root, this.textContent, this.getAttribute('src'), {
        strings: this.strings, Timeline, TaskModel, fetchOnce, enqueue: (job) => enqueue(this, job), load, runs, owner: this,
        done: (r) => {
          this.#lastTrace = r.trace;
          this.dispatchEvent(new CustomEvent('aio-done', { detail: r }));
        },
      });
      return this.#pane;
    });
    this.#paneReady = ready;
  }

}

if (!customElements.get('aio-sandbox')) customElements.define('aio-sandbox', AioSandboxElement);
// The shared package instance, for scripts and tests (created on first use).
window.aioSandboxReady = () => sandbox().then((sb) => { window.aioSandbox = sb; return sb; });
