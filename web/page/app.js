// The sandbox page: gallery, code beside the Python original, parameters, controls, live timeline,
// event-loop panel, console, results, recipe editor, share links, zh/en. Bundled by build.mjs.
import { createSandbox, defaultHttpAllow } from '../src/index.js';
import { STRINGS, defaultLang } from './i18n.js';
import { Timeline } from './timeline.js';
import { BLOCKS, addBlock } from './blocks.js';
import { PAGE_STRINGS, PARAM_HELP_ZH, NOTE_ZH, SEARCH_EXTRA, counted } from './page_strings.js';
import { jsonErrorAt, jsonPathSpan } from './json_text.js';
import { GALLERY_RECIPES, recipeText } from './gallery_recipes.js';
import { ConsoleView } from './console_view.js';
import { messageText, deadlockText } from './messages.js';
import SOURCES from 'aio:sources';
import SNIPPETS from 'aio:snippets';

const $ = (sel) => document.querySelector(sel);
const h = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
};

const SAMPLE_RECIPE = {
  version: 1,
  title: 'two workers and a lock',
  resources: { locks: ['db'] },
  main: [
    { spawn: { name: 'worker_a', steps: [{ with: 'db', steps: [{ sleep: 1 }, { print: 'a wrote' }] }] } },
    { spawn: { name: 'worker_b', steps: [{ with: 'db', steps: [{ sleep: 0.5 }, { print: 'b wrote' }] }] } },
    { sleep: 0.2 },
    { print: 'main waits for both' },
    { await: 'worker_a' },
    { await: 'worker_b' },
  ],
};

const state = {
  lang: defaultLang(),
  sb: null,
  selected: 'gather',
  mode: 'example',          // 'example' | 'recipe'
  recipe: null,             // the gallery recipe in the editor (its id), null for the plain editor
  python: false,            // the Python box is what the page shows: edited, run or opened from a link
  speed: 'instant',         // 'instant' or a number: the virtual clock paced (slow motion stays deterministic)
  running: false,
  pending: 0,               // runs started (run, recipe, launched) and not yet done
  snap: null,               // the last loop snapshot and when it was taken
  snapAt: 0,
  lastTrace: null,          // the last finished run's result (its trace is cut when read)
  driver: '—',
  threads: 'simulated',     // which module runs: 'real' (pthreads, Web Workers) or 'simulated' (none)
  http: null,               // the sandbox's http options: this origin and the deployer's allow-list
  record: savedRecord(),    // recorded responses (aio::http::record_responses): 'off', 'record' or 'replay'
  query: '',
  params: {},
  results: [],              // the results panel's entries (summaries), newest first: re-rendered per language
  recipeSpan: null,         // the recipe text's characters the validation message names ({start, end})
  deadlock: null,           // the last deadlock report (a deadlocked run's result is drawn from it)
};
const S = () => STRINGS[state.lang];
// The recorded-responses choice outlives a reload (recording, then rerunning offline, is the point).
function savedRecord() {
  try {
    const v = localStorage.getItem('aio-record');
    if (v === 'record' || v === 'replay') return v;
  } catch { /* storage may be blocked */ }
  return 'off';
}
const P = () => PAGE_STRINGS[state.lang];

// ---------- share links: #ex=ID&p=JSON, #recipe=JSON or #py=CODE (+ speed), validated like any recipe ----------
// What Share puts in the link: the recipe in the recipe view; the Python box once the user edited
// or ran it (or opened it from a link); else the example with its parameters.
const sharedThing = () => (state.mode === 'recipe' ? 'recipe' : state.python ? 'python' : 'example');

export async function encodeShare() {
  const q = new URLSearchParams();
  const thing = sharedThing();
  if (thing === 'recipe') q.set('recipe', $('#recipe-text').value);
  else if (thing === 'python') q.set('py', await state.sb.encodePythonLink($('#code-py').value));
  else {
    q.set('ex', state.selected);
    const p = currentParams();
    if (Object.keys(p).length) q.set('p', JSON.stringify(p));
  }
  if (state.speed !== 'instant') q.set('speed', String(state.speed));
  return '#' + q.toString();
}

// Decoded and validated in C++ (wasm/sandbox/share_link.cpp): example and params against the
// catalog, a recipe like any recipe. Throws ShareLinkError / RecipeError.
function parseShare(hash) {
  const link = state.sb.parseShareLink(hash);
  if (!link) return null;
  return { ...link, speed: link.speed !== null && link.speed <= 100 ? link.speed : 'instant' };
}

let opening = 0;   // a newer link (hashchange) wins over a Python link still inflating
async function applyShare() {
  const mine = ++opening;
  let s, source;
  try {
    s = parseShare(location.hash);
    if (s?.mode === 'python') source = await state.sb.decodePythonLink(s.python);
  } catch (e) {
    if (mine === opening) notice(`${S().badLink}: ${e.message}`, true);
    return;
  }
  if (!s || mine !== opening) return;
  state.speed = s.speed;
  $('#speed').value = String(s.speed);
  if (s.mode === 'python') {
    // Into the editor, not run: the user reads it first (a syntax error shows when it runs).
    select(state.selected);
    showPython(source);
    notice(P().openedPython);
  } else if (s.mode === 'recipe') {
    $('#recipe-text').value = s.recipe;
    selectRecipe();
  } else {
    state.params = { ...s.params };
    select(s.id, true);
  }
}

// ---------- rendering ----------
function notice(text, bad = false) {
  const n = $('#notice');
  n.textContent = text;
  n.className = bad ? 'notice bad' : 'notice';
  n.hidden = !text;
}

function applyLang() {
  const s = S();
  if (state.mode === 'example' && document.querySelector('#params input')) state.params = { ...state.params, ...typedParams() };
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  const shown = galleryRecipe();   // a gallery recipe the user has not edited follows the language
  const other = state.lang === 'zh' ? 'en' : 'zh';
  if (shown && $('#recipe-text').value === recipeText(shown, other)) $('#recipe-text').value = recipeText(shown, state.lang);
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = s[e.dataset.i18n];
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = s[e.dataset.i18nPlaceholder];
  $('#lang').textContent = s.lang;
  $('#speed-instant').textContent = s.instant;
  const rec = P().record;
  $('#record-text').textContent = rec.label;
  $('#record-label').title = rec.help;
  for (const v of ['off', 'record', 'replay']) $(`#record-${v}`).textContent = rec[v];
  $('#btn-run-py').textContent = P().runPython;
  renderGallery();
  renderDetail();
  renderBlocks();
  timeline.setStrings(s);
  renderLoop();
  renderTimelineNow();
  renderResults();
  consoleView.setPlaceholder(s.noOutput);
  consoleView.setHiddenText((n) => P().hiddenLines(n));
  consoleView.relabel(state.lang);
}

function renderGallery() {
  const list = $('#gallery');
  const s = S();
  const q = state.query.trim().toLowerCase();
  const groups = new Map();
  for (const ex of state.sb.examples) {
    const hay = searchText(ex);
    if (q && !hay.includes(q)) continue;
    const g = ex.group ?? 'basics';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(ex);
  }
  // The recipe editor (write your own) and the gallery's recipes come first, where a visitor looks.
  const kids = [];
  kids.push(h('h3', { class: 'group', text: s.groups.recipes }));
  kids.push(h('button', { class: 'ex' + (state.mode === 'recipe' && !state.recipe ? ' active' : ''), 'data-example': '__recipe', onclick: () => selectRecipe() },
    h('span', { class: 'ex-id', text: 'recipe' }), h('span', { class: 'ex-title', text: s.recipe })));
  for (const r of GALLERY_RECIPES) {
    if (q && ![r.id, r.title.en, r.title.zh, r.note.en, r.note.zh].join('\n').toLowerCase().includes(q)) continue;
    kids.push(h('button', { class: 'ex' + (state.mode === 'recipe' && state.recipe === r.id ? ' active' : ''), 'data-example': `recipe:${r.id}`,
      title: r.title[state.lang], onclick: () => openGalleryRecipe(r) },
    h('span', { class: 'ex-id', text: r.id }), h('span', { class: 'ex-title', text: r.title[state.lang] })));
  }
  for (const [g, exs] of groups) {
    kids.push(h('h3', { class: 'group', text: s.groups[g] ?? g }));
    for (const ex of exs) {
      const title = state.lang === 'zh' ? ex.title_zh : ex.title_en;
      kids.push(h('button', {
        class: 'ex' + (state.mode === 'example' && ex.id === state.selected ? ' active' : '') + (ex.runnable ? '' : ' planned'),
        'data-example': ex.id, disabled: !ex.runnable, title: title,
        onclick: () => select(ex.id),
      }, h('span', { class: 'ex-id', text: ex.id }), h('span', { class: 'ex-title', text: ex.runnable ? title : `${title} (${s.planned})` })));
    }
  }
  list.replaceChildren(...kids);
}

function example() { return state.sb.examples.find((e) => e.id === state.selected); }
function galleryRecipe() { return state.mode === 'recipe' ? GALLERY_RECIPES.find((r) => r.id === state.recipe) : undefined; }
const noteText = (ex) => (state.lang === 'zh' ? NOTE_ZH[ex.id] ?? ex.note : ex.note);
const noteLine = (text) => h('p', { class: 'note' }, h('strong', { text: `${P().note}: ` }), text);

// What search looks in: names, titles (both languages), group, the tutorial sections covered,
// the note, parameter help and the Python original (so library names like aiohttp find it).
const searchCache = new Map();
function searchText(ex) {
  if (!searchCache.has(ex.id)) {
    const s = STRINGS;
    searchCache.set(ex.id, [ex.id, ex.title_en, ex.title_zh, ex.group, s.en.groups[ex.group], s.zh.groups[ex.group],
      ...(ex.covers ?? []).map((c) => c.section), ex.note, NOTE_ZH[ex.id], ex.python, SEARCH_EXTRA[ex.id],
      ...(ex.params ?? []).flatMap((p) => [p.name, p.help, PARAM_HELP_ZH[`${ex.id}.${p.name}`]]),
    ].filter(Boolean).join('\n').toLowerCase());
  }
  return searchCache.get(ex.id);
}

// What the form holds now, defaults included (kept across a language switch).
function typedParams() {
  const out = {};
  for (const input of document.querySelectorAll('#params input')) out[input.name] = input.value;
  return out;
}

function currentParams() {
  const out = {};
  for (const input of document.querySelectorAll('#params input')) {
    const ex = example();
    const def = ex?.params?.find((p) => p.name === input.name)?.default;
    if (input.value !== '' && input.value !== def) out[input.name] = input.value;
  }
  return out;
}

// The http example talks to the demo server; the page is served by it, so its own origin is the
// server to use (and the only one the page's CSP lets it connect to).
function pageDefault(p) {
  return p.name === 'base_url' && /^http:\/\/127\.0\.0\.1:\d+$/.test(p.default) && location.protocol.startsWith('http')
    ? location.origin : p.default;
}

function renderDetail() {
  const s = S();
  const isRecipe = state.mode === 'recipe';
  $('#example-view').hidden = isRecipe;
  $('#recipe-view').hidden = !isRecipe;
  if (isRecipe) {
    const r = galleryRecipe();
    $('#detail-title').textContent = r ? r.title[state.lang] : s.recipe;
    $('#detail-sub').textContent = 'web/recipe.md';
    $('#recipe-about').replaceChildren(...(r ? [noteLine(r.note[state.lang])] : []));
    validateRecipe();
    return;
  }
  const ex = example();
  if (!ex) return;
  $('#detail-title').textContent = state.lang === 'zh' ? ex.title_zh : ex.title_en;
  $('#detail-sub').textContent = `examples/${ex.id}.cpp`;
  $('#code-cpp').textContent = SOURCES[ex.id] ?? '';
  // Editable: the tutorial's program runs as it stands, or as the learner changed it (kept then,
  // e.g. across a language switch).
  $('#code-py').defaultValue = ex.python ?? '';
  if (!state.python) $('#code-py').value = ex.python ?? '';
  const p = P();
  const sections = [...new Set((ex.covers ?? []).map((c) => c.section))];
  $('#example-about').replaceChildren(
    ...(ex.note ? [noteLine(noteText(ex))] : []),
    ...(sections.length ? [h('p', { class: 'covers', text: `${p.covers}: ${sections.join(' · ')}` })] : []));
  renderSnippets(ex);
  const form = $('#params');
  const rows = (ex.params ?? []).map((p) => h('label', { class: 'param' },
    h('span', { class: 'param-name', text: p.name }),
    h('input', { name: p.name, value: state.params[p.name] ?? pageDefault(p), placeholder: p.default, spellcheck: 'false' }),
    h('span', { class: 'param-help', text: paramHelp(ex, p) })));
  form.replaceChildren(...rows);
  if (!rows.length) form.append(h('p', { class: 'muted', text: '—' }));
}

// The tutorial snippets this example teaches (web/build.mjs copies them into snippets/): each
// verbatim Python file opens in the Python box, and its faithful C++ port (a plain int main
// program) is shown under it. Files are fetched once, when first opened.
const snippetFiles = new Map();
function snippetFile(file) {
  if (!snippetFiles.has(file)) {
    snippetFiles.set(file, fetch(`snippets/${file}`).then((r) => {
      if (!r.ok) throw new Error(P().snippets.failed(file, r.status));
      return r.text();
    }));
  }
  return snippetFiles.get(file);
}

function renderSnippets(ex) {
  const p = P().snippets;
  const list = SNIPPETS[ex.id] ?? [];
  const row = (sn) => {
    const port = h('pre', { class: 'code snippet-port', hidden: true });
    const note = h('p', { class: 'muted snippet-note', text: p.portNote, hidden: true });
    const portButton = h('button', { class: 'small', type: 'button', 'data-act': 'port', text: p.port });
    portButton.addEventListener('click', async () => {
      const open = port.hidden;
      port.hidden = note.hidden = !open;
      portButton.textContent = open ? p.hide : p.port;
      if (open && !port.textContent) {
        try { port.textContent = await snippetFile(`${sn.stem}.cpp`); } catch (e) { port.textContent = e.message; }
      }
    });
    const pyButton = h('button', { class: 'small', type: 'button', 'data-act': 'python', text: p.python });
    pyButton.addEventListener('click', () => snippetFile(`${sn.stem}.py`).then(showPython).catch(reportError));
    return h('div', { class: 'snippet', 'data-stem': sn.stem },
      h('span', { class: 'snippet-name', text: `${sn.seed} · ${sn.section} · ${sn.stem}.py` }), ' ', pyButton, ' ',
      sn.port ? portButton : h('span', { class: 'muted', text: p.noPort }), note, port);
  };
  $('#snippets').replaceChildren(...(list.length ? [h('h4', { text: p.title }), ...list.map(row)] : []));
}

function paramHelp(ex, p) {
  return state.lang === 'zh' ? PARAM_HELP_ZH[`${ex.id}.${p.name}`] ?? p.help : p.help;
}

// Checks the recipe text and says what is wrong where: the message names the path and its line and
// column, and (clicked, or on Run) selects those characters in the editor.
function validateRecipe() {
  const text = $('#recipe-text').value;
  const box = $('#recipe-msg');
  let v;
  let span = null;
  try {
    JSON.parse(text);
  } catch (e) {
    // A syntax error: say where it is (line and column), not just "$".
    const at = jsonErrorAt(text);
    span = { start: at.offset, end: Math.min(at.offset + 1, text.length) };
    v = { ok: false, path: P().at(at.line, at.column), reason: e.message };
  }
  try {
    v ??= state.sb.validate(text);
  } catch (e) {
    v = { ok: false, path: '$', reason: e.message };
  }
  if (!v.ok && !span) {
    const found = jsonPathSpan(text, v.path);
    if (found) {
      span = found;
      v = { ...v, path: `${v.path} (${P().at(found.line, found.column)})` };
    }
  }
  box.className = v.ok ? 'recipe-msg ok' : 'recipe-msg bad' + (span ? ' marks' : '');
  const reason = v.code ? messageText(state.lang, v) : v.reason;   // the engine's reasons in the page's language
  box.textContent = v.ok ? '✓ ' + S().recipeValid : `✗ ${v.path}: ${reason}`;
  box.dataset.code = v.code ?? '';
  state.recipeSpan = span;
  $('#recipe-text').setAttribute('aria-invalid', v.ok ? 'false' : 'true');
  return v.ok;
}

// Selects the characters the last validation message names, and scrolls them into view.
function markRecipeError() {
  const span = state.recipeSpan;
  if (!span) return;
  const box = $('#recipe-text');
  box.focus();
  box.setSelectionRange(span.start, span.end);
  const lineHeight = parseFloat(getComputedStyle(box).lineHeight) || 16;
  const line = box.value.slice(0, span.start).split('\n').length;
  box.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

function select(id, keepParams = false) {
  state.mode = 'example';
  state.python = false;
  state.selected = id;
  if (!keepParams) state.params = {};
  renderGallery();
  renderDetail();
}
function selectRecipe(id = null) {
  state.mode = 'recipe';
  state.recipe = id;
  state.python = false;
  renderGallery();
  renderDetail();
}

function openGalleryRecipe(r) {
  $('#recipe-text').value = recipeText(r, state.lang);
  selectRecipe(r.id);
}

// A shared program in the Python box, which Share then shares.
function showPython(source) {
  state.python = true;
  const editor = $('#code-py');
  editor.value = source;
  editor.scrollIntoView({ block: 'nearest' });
  editor.focus();
}

// ---------- timeline, loop panel, console, results ----------
let frame = 0;
function schedule() {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    renderLoop();
    renderTimelineNow();
    // Paced (1×, slow motion): loop time passes between events too, so keep drawing while it runs.
    if (pacedAndMoving()) schedule();
  });
}

const pacedAndMoving = () => state.running && state.speed !== 'instant' && state.snap && !state.snap.paused;

// The loop time to draw up to. Paced, it moves between events at the chosen speed: from the loop
// time of the last snapshot that changed it (or its tick, a pause or the speed), by the wall clock
// since, but never past the next timer (the loop cannot get there without an event, which brings
// a new snapshot). The loop panel's time and the timeline's live end both show it.
const since = { key: '', at: 0 };
function liveNow() {
  const snap = state.snap;
  if (!snap) return 0;
  const moving = pacedAndMoving();
  const key = `${snap.time}|${snap.tick}|${state.speed}|${moving}`;   // a pause restarts the count
  if (key !== since.key) Object.assign(since, { key, at: performance.now() });
  if (!moving) return snap.time;
  const next = snap.timers.length ? snap.timers[0].deadline : Infinity;
  return Math.max(snap.time, Math.min(snap.time + (performance.now() - since.at) / 1000 * Number(state.speed), next));
}

let timeline = null;
function renderTimelineNow() {
  const own = state.lastTrace && state.mode === 'example' && example()?.makes_own_loop;
  timeline.setEmptyText(own ? S().ownLoop : S().noResult);
  timeline.setNow(state.running ? Math.max(liveNow(), timeline.model.t1) : null);
  const n = timeline.render();
  $('#lane-count').textContent = n ? counted(state.lang, n, 'task') : '';
}

// The loop panel polls a capped snapshot (12 items a list): cheap with 100,000 tasks alive.
function safeSnapshot() {
  try { return state.sb.snapshot({ limit: 12 }); } catch { return null; }
}

function renderLoop() {
  const s = S();
  // With thousands of tasks alive a snapshot costs milliseconds: then at most 4 a second.
  const busy = state.running && (state.snap?.counts?.tasks ?? 0) > 1000 && performance.now() - state.snapAt < 250;
  const snap = busy ? state.snap : safeSnapshot();
  if (!busy) state.snapAt = performance.now();
  state.snap = snap;
  if (!snap) return;
  $('#loop-tick').textContent = String(snap.tick);
  $('#loop-time').textContent = `${liveNow().toFixed(3)} s`;   // paced: moving between events too
  $('#loop-driver').textContent = snap.clock === 'virtual' && state.driver === '—' ? P().virtualClock : state.driver;
  $('#loop-threads-label').textContent = P().threads.label;
  $('#loop-threads').textContent = P().threads[state.threads];
  $('#loop-threads').dataset.threads = state.threads;
  const sw = $('#threads-switch');
  sw.hidden = globalThis.crossOriginIsolated !== true;
  sw.textContent = state.threads === 'real' ? P().threads.useSimulated : P().threads.useReal;
  $('#loop-state').textContent = snap.paused ? s.paused : state.running ? s.running : s.idle;
  $('#loop-state').className = 'pill ' + (snap.paused ? 'paused' : state.running ? 'running' : 'idle');
  const list = (sel, items, total, fmt) => {
    const ul = $(sel);
    ul.replaceChildren(...(items.length ? items.slice(0, 12).map((x) => h('li', { text: fmt(x) })) : [h('li', { class: 'muted', text: s.empty })]));
    if (total > 12) ul.append(h('li', { class: 'muted', text: `… +${total - 12}` }));
  };
  const who = (x) => (x.name ? `${x.name} (#${x.task})` : `#${x.task}`);   // capped snapshots may leave names out
  list('#loop-ready', snap.ready, snap.counts.ready, (r) => (r.callback ? s.callback : who(r)));
  list('#loop-timers', snap.timers, snap.counts.timers, (t) => `${t.task ? who(t) : s.callback} @ ${t.deadline.toFixed(3)} s (+${t.in.toFixed(3)})`);
  list('#loop-io', snap.io, snap.counts.io, (i) => `${i.name}: ${s.waitLabel(i.label)}`);
  $('#btn-pause').disabled = !state.running || snap.paused;
  $('#btn-resume').disabled = !snap.paused;
}

let consoleView = null;
const consoleLine = (text, cls = '', localize = null) => consoleView.add(text, cls, localize);

function renderResultIdle() {
  renderResults();
  consoleView.setPlaceholder(S().noOutput);
}

// The results panel: the last 20 entries, kept as summaries (not the runs' traces) and drawn
// in the current language.
function pushResult(entry) {
  state.results.unshift(entry);
  state.results.length = Math.min(state.results.length, 20);
  renderResults();
}

function renderResults() {
  const s = S();
  const box = $('#results');
  if (!state.results.length) {
    box.replaceChildren(h('p', { class: 'muted placeholder', text: s.noResult }));
    return;
  }
  box.replaceChildren(...state.results.map((r) => {
    if (r.exception) {
      return h('div', { class: 'result bad exception' },
        h('div', { class: 'result-head' }, h('span', { class: 'pill bad', text: s.failed }), h('strong', { text: r.name })),
        h('pre', { class: 'result-error', text: r.message }));
    }
    const label = r.cls === 'ok' ? s.ok : r.cls === 'cancel' ? s.cancelled : s.failed;
    return h('div', { class: `result ${r.cls}`, 'data-run': r.id },
      h('div', { class: 'result-head' }, h('span', { class: `pill ${r.cls}`, text: label }),
        h('strong', { text: r.title }), h('span', { class: 'muted',
          text: ` · ${counted(state.lang, r.tasks, 'task')} · ${s.status} ${r.status} · ${counted(state.lang, r.lines, 'line')}` })),
      r.error ? h('pre', { class: 'result-error', text: resultError(r), 'data-code': r.message?.code ?? (r.deadlock ? 'deadlock' : '') })
        : null);
  }));
}

// A result's error in the page's language when the engine gave it as a message (a limit) or a report (a deadlock).
function resultError(r) {
  if (r.message) return `${r.message.name}: ${messageText(state.lang, r.message)}`;
  if (r.deadlock) return `DeadlockError: ${deadlockText(state.lang, r.deadlock)}`;
  return r.error;
}

// A failed Python run: the program's line its traceback (or SyntaxError report) points at last is
// selected in the editor, and named under it.
function markPythonError(r) {
  const box = $('#py-error');
  box.textContent = '';
  if (r.kind !== 'python' || r.ok) return;
  let at = null;
  r.output.forEach((l, i) => {
    const m = /^ {2}File "([^"]+)", line (\d+)/.exec(l);
    if (m && m[1] === r.title) at = { line: Number(m[2]), caret: r.output.slice(i + 1, i + 4).find((x) => /^ +[~^]+ *$/.test(x)) };
  });
  if (!at) return;
  const editor = $('#code-py');
  const lines = editor.value.split('\n');
  if (at.line < 1 || at.line > lines.length) return;
  const start = lines.slice(0, at.line - 1).reduce((n, l) => n + l.length + 1, 0);
  editor.focus();
  editor.setSelectionRange(start, start + lines[at.line - 1].length);
  // The report prints the line without its indentation, 4 columns in: the caret's column is CPython's.
  const indent = lines[at.line - 1].length - lines[at.line - 1].trimStart().length;
  const column = at.caret ? at.caret.search(/[~^]/) - 4 + indent + 1 : null;
  box.textContent = `${column ? P().at(at.line, column) : P().line(at.line)}: ${r.error.name}${r.error.message ? `: ${r.error.message}` : ''}`;
}

function showResult(r) {
  markPythonError(r);
  const cls = r.ok ? 'ok' : r.error?.name === 'CancelledError' ? 'cancel' : 'bad';
  const deadlock = r.error?.name === 'DeadlockError' ? state.deadlock : null;
  pushResult({ id: r.id, cls, title: r.title ?? r.kind, tasks: r.tasks, status: r.status, lines: r.output.length,
    error: r.error ? `${r.error.name}: ${r.error.message}` : null,
    message: r.error?.code ? { name: r.error.name, code: r.error.code, params: r.error.params } : null, deadlock });
}

// An error that surfaced outside a run's result (e.g. "Task exception was never retrieved", or
// an API call that threw): shown in the results panel the moment it happens.
function showException(name, message) {
  pushResult({ exception: true, name, message });
}
const reportError = (e) => showException(e?.name ?? 'Error', e?.message ?? String(e));

// ---------- controls ----------
function clockOptions(paused) {
  return { clock: 'virtual', speed: state.speed === 'instant' ? Infinity : Number(state.speed), paused };
}

function resetSession(paused = false) {
  state.sb.reset({ ...clockOptions(paused), http: { ...state.http, record: state.record } });
  timeline.reset();
  state.pending = 0;
  state.driver = '—';
  state.lastTrace = null;
}

// `python`: the Python box's program (sb.spawnPython) instead of the C++ example or the recipe.
async function start(paused = false, python = false) {
  const sb = state.sb;
  // A recipe that would not run leaves the last run on screen and points at what is wrong.
  if (!python && state.mode === 'recipe' && !validateRecipe()) { markRecipeError(); return null; }
  resetSession(paused);
  consoleView.clear();
  state.running = true;
  state.pending = 1;
  document.body.classList.add('is-running');
  let p;
  try {
    if (python) {
      p = sb.spawnPython($('#code-py').value, { filename: `${state.selected}.py` });
    } else if (state.mode === 'recipe') {
      p = sb.runRecipe($('#recipe-text').value);
    } else {
      p = sb.run(state.selected, currentParams());
    }
  } catch (e) {
    state.running = false;
    state.pending = 0;
    document.body.classList.remove('is-running');
    consoleLine(`${e.name}: ${e.message}`, 'err');
    reportError(e);
    return null;
  }
  schedule();
  return p;
}

function onDone(r) {
  consoleView.flush();   // the run's output is on screen before its result
  state.lastTrace = r;
  state.pending = Math.max(0, state.pending - 1);
  if (!state.pending) {
    state.running = false;
    document.body.classList.remove('is-running');
  }
  showResult(r);
  schedule();
}

// ---------- building blocks, launch into the running loop, cancel ----------
function renderBlocks() {
  const s = S();
  $('#blocks').replaceChildren(...BLOCKS.map((b) => h('button', { type: 'button', class: 'block', 'data-block': b.id,
    title: JSON.stringify(b.steps), onclick: () => insertBlock(b) }, s.block[b.id] ?? b.id)));
}

function insertBlock(block) {
  let recipe;
  try {
    recipe = JSON.parse($('#recipe-text').value);
  } catch {
    recipe = { main: [] };   // an unparsable editor starts over from the block
  }
  if (!recipe || typeof recipe !== 'object' || Array.isArray(recipe)) recipe = { main: [] };
  $('#recipe-text').value = JSON.stringify(addBlock(recipe, block), null, 2);
  validateRecipe();
}

// Launch now: into the running loop (sb.spawn), or as a run of its own when nothing runs.
function launch() {
  if (!validateRecipe()) { markRecipeError(); return; }
  if (!state.running) {
    state.mode = 'recipe';
    start(false).catch(reportError);
    return;
  }
  try {
    const id = state.sb.spawn($('#recipe-text').value);
    state.pending++;
    consoleLine(`▶ ${S().launched} #${id}`, 'log');
  } catch (e) {
    consoleLine(`${e.name}: ${e.message}`, 'err');
  }
  schedule();
}

function cancelTask(id) {
  state.sb.cancel(id, S().cancelled_by_user);
  schedule();
}

// The module with pthreads (threads/, web/README.md "Threads on the page") where the page is
// cross-origin isolated (SharedArrayBuffer usable) and asked for it: C++ to_thread then runs on
// real Web Workers. That build runs every program about 2× slower (exceptions are JS-emulated
// with pthreads on this Emscripten), so it is opt-in: `?threads=1`, set by the loop panel's switch
// (which keeps what the page shows, as a share link does). Otherwise, or if that module fails to
// load, the thread-less one, where the examples simulate threads on the virtual clock (and say so).
const threadsAsked = () => new URLSearchParams(location.search).get('threads') === '1';

async function switchThreads() {
  const url = new URL(location.href);
  if (state.threads === 'real') url.searchParams.delete('threads');
  else url.searchParams.set('threads', '1');
  try {
    url.hash = await encodeShare();
  } catch { /* a program over the link's size limit: switch without it */ }
  location.assign(url.href);
}

async function loadSandbox(base, options) {
  if (globalThis.crossOriginIsolated === true && threadsAsked()) {
    try {
      const sb = await createSandbox({ ...options, wasmDir: new URL('threads/', base) });
      state.threads = 'real';
      return sb;
    } catch (e) {
      console.warn(`the threads build did not load (${e.message}); using the build without threads`);
    }
  }
  state.threads = 'simulated';
  return createSandbox({ ...options, wasmDir: base });
}

async function init() {
  document.title = STRINGS[state.lang].title;
  const base = new URL('./', import.meta.url);
  // HTTP from recipes and examples: this page's origin, plus what the deployer lists in
  // <meta name="aio-http-allow" content="https://api.example.com ..."> (never a share link).
  const extra = (document.querySelector('meta[name="aio-http-allow"]')?.content ?? '').split(/\s+/).filter(Boolean);
  // The page is where people try big runs (the issue's 100,000 tasks at once): more tasks alive at
  // once than the embeddable widget's default 10,000.
  state.http = { allow: [...defaultHttpAllow(), ...extra] };
  const sb = await loadSandbox(base, { print: () => {}, printErr: () => {},
    http: { ...state.http, record: state.record }, limits: { max_live_tasks: 100_000 } });
  state.sb = sb;
  window.aioSandbox = sb;
  timeline = new Timeline($('#timeline'), S(), { onCancel: cancelTask });
  consoleView = new ConsoleView($('#console'), { hiddenText: (n) => P().hiddenLines(n) });
  sb.on('batch', (batch) => {
    timeline.model.add(batch);
    for (const e of batch) {
      if (e.kind === 'host_wake' && e.text) state.driver = e.text;
      if (e.kind === 'task_created' && !state.running) { state.running = true; }
    }
    schedule();
  });
  sb.on('output', (o) => consoleLine(o.text));
  sb.on('error', (e) => {
    consoleLine(`⚠ ${e.message}`, 'err');
    showException('Task error', e.message);
  });
  sb.on('log', (e) => consoleLine(e.message, 'log'));
  // The report in the page's language, redrawn when it changes; a deadlocked run's result shows it too.
  sb.on('deadlock', (d) => {
    state.deadlock = d;
    consoleLine(deadlockText(state.lang, d), 'err deadlock', (lang) => deadlockText(lang, d));
  });
  sb.on('done', (r) => onDone(r));
  sb.on('reset', () => { timeline.reset(); schedule(); });   // also a reset by a script (window.aioSandbox)

  $('#search').addEventListener('input', (e) => { state.query = e.target.value; renderGallery(); });
  $('#lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    try { localStorage.setItem('aio-lang', state.lang); } catch { /* ignore */ }
    applyLang();
  });
  $('#record').value = state.record;
  $('#record').addEventListener('change', (e) => {  // from the next run on (each run starts a fresh loop)
    state.record = e.target.value;
    try { localStorage.setItem('aio-record', state.record); } catch { /* ignore */ }
  });
  $('#speed').addEventListener('change', (e) => {
    state.speed = e.target.value === 'instant' ? 'instant' : Number(e.target.value);
    if (state.running) sb.setSpeed(state.speed === 'instant' ? Infinity : state.speed);
  });
  $('#btn-run').addEventListener('click', () => { start(false).catch(reportError); });
  $('#btn-run-py').addEventListener('click', () => { state.python = true; start(false, true).catch(reportError); });
  $('#code-py').addEventListener('input', () => { state.python = true; });
  $('#btn-pause').addEventListener('click', () => { sb.pause(); schedule(); });
  $('#btn-resume').addEventListener('click', () => { sb.resume(); schedule(); });
  $('#btn-step').addEventListener('click', () => {
    try {
      if (!state.running) {
        start(true).catch(reportError);
        return;
      }
      if (!sb.paused) sb.pause();
      sb.step();
    } catch (e) {
      reportError(e);
    }
    schedule();
  });
  $('#btn-reset').addEventListener('click', () => {
    resetSession(false);
    state.running = false;
    consoleView.clear();
    state.results = [];
    renderResultIdle();
    schedule();
  });
  $('#btn-export').addEventListener('click', () => {
    const log = state.lastTrace?.trace ?? sb.trace();
    const blob = new Blob([JSON.stringify(sb.exportTrace(log))], { type: 'application/json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `aio-trace-${state.mode === 'recipe' ? 'recipe' : state.selected}.json` });
    document.body.append(a);
    a.click();
    a.remove();
  });
  $('#btn-share').addEventListener('click', async () => {
    let hash;
    try {
      hash = await encodeShare();
    } catch (e) {
      notice(e.message, true);   // a program over the link's size limit
      return;
    }
    history.replaceState(null, '', hash);
    navigator.clipboard?.writeText(location.href).catch(() => notice(location.href));  // no clipboard: show the link
    notice(`${S().copied} (${P().shares[sharedThing()]})`);
    setTimeout(() => notice(''), 2500);
  });
  $('#recipe-text').value = JSON.stringify(SAMPLE_RECIPE, null, 2);
  $('#recipe-text').addEventListener('input', () => validateRecipe());
  $('#recipe-msg').addEventListener('click', markRecipeError);
  $('#btn-launch').addEventListener('click', () => launch());
  window.addEventListener('hashchange', applyShare);
  $('#threads-switch').addEventListener('click', switchThreads);
  window.addEventListener('resize', () => schedule());

  applyLang();
  applyShare();
  $('#app').classList.remove('loading');
  $('#loading').hidden = true;
  document.body.dataset.ready = '1';
}

window.aioPage = { encodeShare: () => encodeShare(), state, timeline: () => timeline };
init().catch((e) => {
  $('#loading').textContent = `${e.name}: ${e.message}`;
  console.error(e);
});
