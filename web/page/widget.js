// <aio-sandbox example="gather"></aio-sandbox> or <aio-sandbox>{"main": [...]}</aio-sandbox>
// (an inline recipe as the element's text, or a recipe="..." attribute): code, Run, timeline,
// output. One script tag; framework-free; no COOP/COEP needed (no SharedArrayBuffer: threads use
// the runtime's documented fallback); sized with CSS variables (see web/README.md).
import { createSandbox, taskIntervals } from '../src/index.js';
import { STRINGS } from './i18n.js';
import { renderTimeline } from './timeline.js';
import CSS from 'aio:widget-css';

const here = new URL('./', import.meta.url);
let shared = null;            // one module instance for every widget on the page, one run at a time
let queue = Promise.resolve();
function sandbox() {
  shared ??= createSandbox({ wasmDir: here, print: () => {}, printErr: () => {} });
  return shared;
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
  static get observedAttributes() { return ['example', 'recipe', 'params', 'lang']; }

  #root;
  #lastTrace = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styles()];
  }

  get strings() {
    const lang = this.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
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
    head.append(title, status, run);
    const code = mk('pre', 'code', recipe ?? '');
    const tl = mk('div', 'timeline');
    const out = mk('pre', 'out', s.noOutput);
    root.append(head, code, tl, out);
    if (id) {
      fetch(new URL(`examples/${encodeURIComponent(id)}.cpp`, here)).then((r) => (r.ok ? r.text() : ''))
        .then((t) => { code.textContent = t; }).catch(() => {});
    } else if (recipe) {
      try { code.textContent = JSON.stringify(JSON.parse(recipe), null, 2); } catch { /* shown as is */ }
    }
    run.addEventListener('click', () => this.run());
    this.#els = { run, status, tl, out, code };
  }

  #els = null;

  // Runs the example or recipe; resolves to the package's RunResult.
  async run() {
    const { run, status, tl, out } = this.#els;
    const s = this.strings;
    run.disabled = true;
    status.textContent = s.running;
    status.className = 'status running';
    const job = queue.then(async () => {
      const sb = await sandbox();
      sb.reset({ clock: 'virtual' });
      const lines = [];
      const off = sb.on('output', (o) => lines.push(o.text));
      try {
        const id = this.getAttribute('example');
        let params = {};
        if (this.getAttribute('params')) params = JSON.parse(this.getAttribute('params'));
        return { r: id ? await sb.run(id, params) : await sb.runRecipe(this.recipeText() ?? '{}'), lines };
      } finally {
        off();
      }
    });
    queue = job.catch(() => {});
    try {
      const { r, lines } = await job;
      this.#lastTrace = r.trace;
      out.textContent = lines.join('\n') + (r.error ? `\n${r.error.name}: ${r.error.message}` : '');
      const n = renderTimeline(tl, taskIntervals(r.trace), s);
      tl.dataset.lanes = String(n);
      status.textContent = r.ok ? `✓ ${s.ok} · ${n} ${s.lanes}` : `✗ ${s.failed}`;
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
}

if (!customElements.get('aio-sandbox')) customElements.define('aio-sandbox', AioSandboxElement);
// The shared package instance, for scripts and tests (created on first use).
window.aioSandboxReady = () => sandbox().then((sb) => { window.aioSandbox = sb; return sb; });
