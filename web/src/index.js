// aio-sandbox: the JS face of the C++ sandbox session (wasm/sandbox/session.hpp). All scheduling
// happens in C++ on the real runtime; this file only asks (run, spawn, cancel, pause, step,
// resume, speed) and watches (event batches, snapshots). Same API in browsers and Node.
import { decodeBatch, EventLog, useProtocol } from './events.js';
import { makeLog, toChromeTrace, taskIntervals } from './trace.js';
import { deflateSource, inflateSource, MAX_PYTHON_LINK_CHARS } from './python_link.js';
import { mountPythonFolder, savePythonFolder } from './python_files.js';

export { toChromeTrace, taskIntervals, makeLog } from './trace.js';
export { TRACE_KINDS, SESSION_KINDS, WAIT_KINDS, OUTCOMES, MESSAGES } from './events.js';

const isNode = typeof process === 'object' && process !== null && !!process.versions?.node &&
  typeof window === 'undefined';

export class SandboxError extends Error {
  constructor(type, message, extra = {}) {
    super(message);
    this.name = type === 'RecipeError' ? 'RecipeError' : 'SandboxError';
    this.type = type;
    Object.assign(this, extra);
  }
}
// A recipe that cannot run: `path` names the bad field ("$.main[2].sleep"), `reason` says why.
export class RecipeError extends SandboxError {
  constructor(message, path, reason) {
    super('RecipeError', message, { path, reason });
  }
}

// A share link that cannot be used: `key` names its bad part ("ex", "p.delay", "py", "speed", "#").
export class ShareLinkError extends SandboxError {
  constructor(message, key, reason) {
    super('ShareLinkError', message, { key, reason });
    this.name = 'ShareLinkError';
  }
}

function toError(error) {
  if (error.type === 'RecipeError') return new RecipeError(error.message, error.path, error.reason);
  if (error.type === 'ShareLinkError') return new ShareLinkError(error.message, error.key, error.reason);
  return new SandboxError(error.type, error.message);
}

// A failed Python run's error: a traceback's or SyntaxError report's last line names the
// exception ("KeyError: 'k'").
function pythonError(last, status) {
  const m = /^([A-Za-z_][\w.]*)(?:: (.*))?$/.exec(last);
  return m ? { name: m[1], message: m[2] ?? '' } : { name: 'Error', message: last || `exit status ${status}` };
}

function unwrap(text) {
  const r = JSON.parse(text);
  if (!r.ok) throw toError(r.error);
  return r;
}

// Where the built module lives: options.wasmDir, else (Node) $AIO_SANDBOX_DIST, else ../dist/
// next to this file (the tools copy build/wasm/aio_sandbox.{mjs,wasm} there).
async function baseUrl(dir) {
  if (dir === undefined && isNode && process.env.AIO_SANDBOX_DIST) dir = process.env.AIO_SANDBOX_DIST;
  if (dir === undefined) return new URL('../dist/', import.meta.url);
  if (dir instanceof URL) return new URL(dir.href.endsWith('/') ? dir.href : dir.href + '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(dir) && !/^[a-z]:[\\/]/i.test(dir)) return new URL(dir.endsWith('/') ? dir : dir + '/');
  if (isNode) {
    const { pathToFileURL } = await import('node:url');
    const { resolve } = await import('node:path');
    return pathToFileURL(resolve(dir) + '/');
  }
  return new URL(dir.endsWith('/') ? dir : dir + '/', globalThis.location?.href);
}

async function loadModule(options) {
  const base = await baseUrl(options.wasmDir);
  const name = options.moduleName ?? 'aio_sandbox';
  const jsUrl = new URL(`${name}.mjs`, base);
  const wasmUrl = new URL(`${name}.wasm`, base);
  const args = {
    print: options.print ?? ((line) => console.log(line)),
    printErr: options.printErr ?? ((line) => console.error(line)),
    // The module lives as long as the sandbox: Emscripten's own callbacks (the Fetch API's, which
    // keep recorded responses) must never end its runtime when they find nothing else pending.
    noExitRuntime: true,
  };
  let factory = options.moduleFactory;
  const failed = (what, e) => new SandboxError('ModuleLoadError', `cannot ${what} the sandbox module from ${jsUrl.href}: ${e?.message ?? e}`);
  if (isNode) {
    const { createRequire } = await import('node:module');
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    try {
      args.wasmBinary = await readFile(wasmUrl);
    } catch (e) {
      throw new SandboxError('ModuleNotFound',
        `the sandbox module is not built: ${fileURLToPath(wasmUrl)} is missing ` +
        '(build it with `./tools/run sandbox list`, which builds it and copies it to web/dist/; or pass wasmDir / set AIO_SANDBOX_DIST)');
    }
    args.nodeRequire = createRequire(jsUrl);
    args.nodeDirname = fileURLToPath(base);
  } else {
    args.locateFile = (file) => new URL(file, base).href;
  }
  if (!factory) {
    try {
      factory = (await import(/* @vite-ignore */ jsUrl.href)).default;
    } catch (e) {
      throw failed('load', e);
    }
    if (typeof factory !== 'function') throw failed('load', 'it has no default export (not an aio_sandbox.mjs?)');
  }
  let module;
  try {
    module = await factory(args);
  } catch (e) {
    // e.g. the wasm failed to compile (a CSP without 'wasm-unsafe-eval') or to download
    throw failed('start', e);
  }
  useProtocol(module.protocol());
  return module;
}

// Where HTTP from recipes and examples may go unless options.http.allow says otherwise: a page's
// own origin in a browser (nothing if it has none, e.g. file:), loopback in Node.
const LOOPBACK = ['http://127.0.0.1:*', 'http://localhost:*', 'http://[::1]:*'];
function pageOrigin() {
  const origin = globalThis.location?.origin;
  return typeof origin === 'string' && /^https?:\/\//.test(origin) ? origin : null;
}
export function defaultHttpAllow() {
  if (isNode) return [...LOOPBACK];
  const origin = pageOrigin();
  return origin ? [origin] : [];
}

// An origin ("https://api.example.com", "http://127.0.0.1:8080"), any port ("http://127.0.0.1:*"), or "*".
const ORIGIN_PATTERN = /^(\*|https?:\/\/(\[[0-9a-f:.]+\]|[^/?#@\s:[\]]+)(:(\d{1,5}|\*))?\/?)$/i;

function httpOptions(http = {}) {
  if (typeof http !== 'object' || http === null || Array.isArray(http)) {
    throw new SandboxError('InvalidArgument', 'http must be an object like { allow: [origins], base: origin, simulate: boolean }');
  }
  checkKeys(http, 'http', ['allow', 'base', 'simulate', 'record']);
  const allow = http.allow ?? defaultHttpAllow();
  if (!Array.isArray(allow)) throw new SandboxError('InvalidArgument', 'http.allow must be an array of origins');
  for (const p of allow) {
    if (typeof p !== 'string' || !ORIGIN_PATTERN.test(p)) {
      throw new SandboxError('InvalidArgument', `http.allow: ${JSON.stringify(p)} is not an origin (scheme://host[:port], a port of *, or "*")`);
    }
  }
  const base = http.base ?? pageOrigin() ?? '';
  if (typeof base !== 'string' || (base && !/^https?:\/\/[^/?#\s]+$/i.test(base))) {
    throw new SandboxError('InvalidArgument', `http.base must be an origin like https://example.com, not ${JSON.stringify(base)}`);
  }
  // The simulated network (labelled; aio/http.hpp) answers origins off `allow`: on by default in
  // a browser, where the tutorials' sites are out of reach (CORS, CSP, offline).
  const simulate = http.simulate ?? !isNode;
  if (typeof simulate !== 'boolean') throw new SandboxError('InvalidArgument', 'http.simulate must be true or false');
  // Recorded responses (aio/http.hpp): real responses kept in IndexedDB, replayed offline or on request.
  const record = http.record ?? 'off';
  if (!['off', 'record', 'replay'].includes(record)) {
    throw new SandboxError('InvalidArgument', `http.record must be 'off', 'record' or 'replay', not ${describe(record)}`);
  }
  if (record !== 'off' && typeof indexedDB === 'undefined') {
    throw new SandboxError('InvalidArgument', 'http.record needs IndexedDB (a browser): recorded responses are kept there');
  }
  return { allow, base, simulate, record };
}

// Where recipes' store and file steps keep their data. A browser has a default (the store in the
// IndexedDB database "/aio-sandbox/store.db", files in the virtual folder /aio-sandbox/files/,
// both surviving a reload); Node has none unless given a directory (the CLI's --data).
export function defaultStorageDir() { return isNode ? '' : '/aio-sandbox'; }

function storageOptions(storage = {}) {
  if (typeof storage !== 'object' || storage === null || Array.isArray(storage)) {
    throw new SandboxError('InvalidArgument', 'storage must be an object like { dir: "/path/to/folder" }');
  }
  checkKeys(storage, 'storage', ['dir']);
  const dir = storage.dir ?? defaultStorageDir();
  if (typeof dir !== 'string') throw new SandboxError('InvalidArgument', 'storage.dir must be a string (a folder; "" for none)');
  return { dir };
}

// Real clock: 1 (wall time). Virtual clock: Infinity (instant); a finite speed paces its jumps.
const defaultSpeed = (clock) => (clock === 'real' ? 1 : Infinity);

// Option names are checked, not ignored: a misspelt limit would otherwise silently be no limit.
// <protocol:limits> generated from the C++ tables by web/tools/protocol.mjs: do not edit by hand
const LIMITS = [
  'max_tasks', 'max_depth', 'max_steps', 'max_repeat', 'max_duration', 'max_cpu_ms', 'max_output_lines',
  'max_recipe_bytes', 'max_queued_bytes', 'max_live_tasks', 'max_http_body_bytes', 'max_value_bytes',
  'max_written_bytes',
];
const MAX_RECIPE_BYTES = 1048576;  // limits.max_recipe_bytes's default
// </protocol:limits>
const SESSION_OPTIONS = ['clock', 'speed', 'paused', 'limits', 'http', 'storage'];
const LOAD_OPTIONS = ['wasmDir', 'moduleName', 'moduleFactory', 'record', 'maxEvents', 'print', 'printErr', 'pythonDir'];

const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v);

// `what` must be an object whose keys are among `known`.
function checkKeys(value, what, known) {
  if (!isPlainObject(value)) throw new SandboxError('InvalidArgument', `${what} must be an object, not ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new SandboxError('InvalidArgument', `${what}: unknown option '${key}' (known: ${known.join(', ')})`);
    }
  }
}

// The load options' types (the session's are checked by sessionOptions).
function checkLoadOptions(o) {
  checkKeys(o, 'options', [...SESSION_OPTIONS, ...LOAD_OPTIONS]);
  const bad = (name, type) => new SandboxError('InvalidArgument', `${name} must be ${type}, not ${describe(o[name])}`);
  if (o.wasmDir !== undefined && typeof o.wasmDir !== 'string' && !(o.wasmDir instanceof URL)) throw bad('wasmDir', 'a string or a URL');
  if (o.moduleName !== undefined && typeof o.moduleName !== 'string') throw bad('moduleName', 'a string');
  for (const name of ['moduleFactory', 'print', 'printErr']) {
    if (o[name] !== undefined && typeof o[name] !== 'function') throw bad(name, 'a function');
  }
  if (o.record !== undefined && typeof o.record !== 'boolean') throw bad('record', 'true or false');
  if (o.maxEvents !== undefined && !(typeof o.maxEvents === 'number' && o.maxEvents >= 0)) throw bad('maxEvents', 'a number >= 0');
  if (o.pythonDir !== undefined && !(typeof o.pythonDir === 'string' && (o.pythonDir === '' || o.pythonDir.startsWith('/')))) {
    throw bad('pythonDir', 'an absolute path or "" (none)');
  }
}

// The folder Python programs run in (python_files.js): options.pythonDir, else in a browser the
// storage folder's python/ (IndexedDB), in Node none (the module's memory).
function pythonDir(o) {
  if (o.pythonDir !== undefined) return o.pythonDir;
  const storage = o.storage?.dir ?? defaultStorageDir();
  return isNode || !storage ? '' : `${storage.replace(/\/+$/, '')}/python`;
}

function sessionOptions(o) {
  const clock = o.clock ?? 'virtual';
  if (clock !== 'virtual' && clock !== 'real') throw new SandboxError('InvalidArgument', `clock must be 'virtual' or 'real', not ${describe(clock)}`);
  const speed = o.speed ?? defaultSpeed(clock);
  if (typeof speed !== 'number' || !(speed > 0) || (clock === 'real' && !Number.isFinite(speed))) {
    throw new SandboxError('InvalidArgument', clock === 'real' ? 'speed must be a positive number'
      : 'speed must be a positive number or Infinity');
  }
  if (o.paused !== undefined && typeof o.paused !== 'boolean') {
    throw new SandboxError('InvalidArgument', `paused must be true or false, not ${describe(o.paused)}`);
  }
  const limits = o.limits ?? {};
  checkKeys(limits, 'limits', LIMITS);
  for (const [k, v] of Object.entries(limits)) {
    if (!(typeof v === 'number' && v >= 0 && Number.isFinite(v))) throw new SandboxError('InvalidArgument', `limits.${k} must be a number >= 0`);
  }
  // JSON has no Infinity: an instant virtual clock is the session's default, so it is left out.
  return JSON.stringify({ clock, ...(Number.isFinite(speed) ? { speed } : {}), paused: o.paused === true, limits, http: httpOptions(o.http),
    storage: storageOptions(o.storage) });
}

// Text for the module as well-formed UTF-16: a lone surrogate becomes U+FFFD (the module's UTF-8
// conversion would otherwise fuse it with the next character).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function wellFormed(text) {
  text = String(text);
  return typeof text.toWellFormed === 'function' ? text.toWellFormed() : text.replace(LONE_SURROGATE, '\uFFFD');
}

function recipeText(recipe) {
  if (typeof recipe === 'string') return wellFormed(recipe);
  if (typeof recipe === 'object' && recipe !== null) return wellFormed(JSON.stringify(recipe));
  throw new SandboxError('InvalidArgument', `a recipe is a JSON string or an object, not ${recipe === null ? 'null' : typeof recipe}`);
}
// Whether a recipe (JSON text or object) has a step of the kinds given (its operation keys)
// anywhere; invalid JSON has none (validation says why). The widget picks its module by this,
// the CLI whether it needs a storage folder.
export const STORAGE_STEPS = ['store_put', 'store_get', 'store_delete', 'write_file', 'read_file'];
export function recipeUses(recipe, kinds) {
  const has = (v) => Array.isArray(v) ? v.some(has)
    : v !== null && typeof v === 'object' && (kinds.some((k) => Object.hasOwn(v, k)) || Object.values(v).some(has));
  try { return has(typeof recipe === 'string' ? JSON.parse(recipe) : recipe); } catch { return false; }
}
function recipeTitle(recipe) {
  try { return (typeof recipe === 'string' ? JSON.parse(recipe) : recipe).title; } catch { return undefined; }
}

const disposedError = () => new SandboxError('Disposed', 'this sandbox was disposed: create a new one with createSandbox()');

const EVENTS = new Set(['batch', 'event', 'output', 'error', 'log', 'deadlock', 'done', 'reset']);

class Sandbox {
  #module;
  #session = null;
  #options;
  #listeners = new Map();
  #strings = [];
  #stringsFreed = 0;       // #strings below this index were dropped (record: false)
  #log = new EventLog([]);
  #runs = new Map();       // run id -> {resolve, start, tasks:Set, kind}
  #finished = new Map();   // run_done events that came before run() registered the id
  #messages = new Map();   // run id -> its error as {code, params} (a message record before its run_done)
  #runTasks = new Map();   // task id -> run id
  #inBatch = 0;
  #examples = null;
  #disposed = false;
  #inPython = false;       // runPython is running (it is synchronous)

  constructor(module, options) {
    this.#module = module;
    this.#options = options;
    this.#open(options);
  }

  #open(options) {
    this.#session = new this.#module.Session(sessionOptions(options));
    this.#strings = [];
    this.#stringsFreed = 0;
    this.#log = new EventLog(this.#strings);
    this.#session.setListener((records, strings, firstLive) => this.#onBatch(records, strings, firstLive));
  }

  #onBatch(records, strings, firstLive = 0) {
    const batch = decodeBatch(records, strings, this.#strings);
    // Not recording: strings the session will never reference again are dropped (the table's
    // slots stay, so later indexes still line up).
    if (this.#options.record === false) {
      for (let i = this.#stringsFreed; i < firstLive; i++) this.#strings[i] = undefined;
      this.#stringsFreed = Math.max(this.#stringsFreed, firstLive);
    }
    this.#inBatch++;
    try {
      if (this.#options.record !== false) {
        this.#log.append(records);
        this.#log.trim(this.#options.maxEvents ?? 2_000_000);
      }
      for (const e of batch) this.#track(e);
      this.#emit('batch', batch);
      const wantEvent = this.#listeners.get('event')?.size;
      for (const e of batch) {
        if (wantEvent) this.#emit('event', e);
        if (e.kind === 'output') this.#runs.get(e.other)?.output.push(e.text ?? '');
        if (e.kind === 'output') {
          // An empty line's event carries no text (the trace leaves empty fields out).
          const o = { task: e.task ?? 0, run: e.other ?? 0, text: e.text ?? '', time: e.time };
          // value: bit 2 a stderr line, bit 4 a program's last line that it did not end (Python)
          o.stream = e.value & 2 ? 'stderr' : 'stdout';
          o.newline = !(e.value & 4);
          this.#emit('output', o);
        }
        else if (e.kind === 'error') this.#emit('error', { task: e.task ?? 0, message: e.text, time: e.time });
        else if (e.kind === 'log') this.#emit('log', { task: e.task ?? 0, message: e.text, time: e.time });
        else if (e.kind === 'deadlock') this.#emit('deadlock', JSON.parse(e.text));
        else if (e.kind === 'message') this.#messages.set(e.task, JSON.parse(e.text));
        else if (e.kind === 'run_done') this.#runDone(e);
      }
    } finally {
      this.#inBatch--;
    }
  }

  #track(e) {
    if (e.kind === 'task_created') {
      const run = this.#runTasks.get(e.other ?? 0) ?? (this.#runs.has(e.task) ? e.task : undefined);
      if (run !== undefined) {
        this.#runTasks.set(e.task, run);
        this.#runs.get(run)?.tasks.add(e.task);
      }
    }
  }

  #emit(event, value) {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const fn of set) {
      try {
        fn(value);
      } catch (err) {
        queueMicrotask(() => { throw err; });  // a listener's bug must not break the stream
      }
    }
  }

  #runDone(e) {
    const run = this.#runs.get(e.task);
    if (!run) {
      this.#finished.set(e.task, e);
      return;
    }
    this.#runs.delete(e.task);
    const result = this.#result(e, run);
    this.#emit('done', result);
    run.resolve?.(result);
  }

  #result(e, run) {
    const output = run.output;
    const status = e.value ?? 0;
    let error = null;
    if (e.result === 'exception' || e.result === 'cancelled') {
      const text = e.text ?? e.result;
      error = { name: text.startsWith('deadlock') ? 'DeadlockError' : e.result === 'cancelled' ? 'CancelledError' : 'Error',
                message: text };
    } else if (status !== 0) {
      const line = [...output].reverse().find((l) => l.startsWith('error: '));
      error = { name: 'Error', message: line ? line.slice(7) : `exit status ${status}` };
      if (run.kind === 'python') error = pythonError(output.at(-1) ?? '', status);
    }
    const message = this.#messages.get(e.task);
    this.#messages.delete(e.task);
    if (error && message) Object.assign(error, message);   // {code, params}: the page's own language
    for (const t of run.tasks) this.#runTasks.delete(t);
    // The trace is cut from the log when first read: a run of 100,000 tasks ends without a pause.
    const log = this.#log;
    const end = log.length;
    const clock = this.#options.clock ?? 'virtual';
    let trace = null;
    return { id: e.task, kind: run.kind, title: run.title, ok: error === null, status, output, error, tasks: run.tasks.size,
             get trace() {
               trace ??= makeLog(log.events(run.start, end).filter((x) => x.task === undefined || run.tasks.has(x.task) ||
                 x.task === e.task || (x.kind === 'output' && x.other === e.task)), { clock, title: run.title });
               return trace;
             } };
  }

  #start(kind, title, id, start) {
    return new Promise((resolve, reject) => {
      this.#runs.set(id, { resolve, reject, start, tasks: new Set([id]), kind, title, output: [] });
      this.#runTasks.set(id, id);
      const early = this.#finished.get(id);
      if (early) {
        this.#finished.delete(id);
        // It ended inside the call that started it: its output came before it was registered.
        this.#runs.get(id).output = this.#log.events(start).filter((x) => x.kind === 'output' && x.other === id).map((x) => x.text);
        this.#runDone(early);
      }
    });
  }

  // The session, or an error that says why there is none.
  #live() {
    if (this.#disposed || !this.#session) throw disposedError();
    return this.#session;
  }

  // --- the API ---
  get examples() {
    if (!this.#examples) this.#examples = JSON.parse(this.#live().examples());
    return this.#examples;
  }
  get clock() {
    this.#live();
    return this.#options.clock ?? 'virtual';
  }
  get speed() {
    this.#live();
    return this.#options.speed ?? defaultSpeed(this.clock);
  }
  get paused() { return this.#live().paused(); }

  run(exampleId, params = {}) {
    // An example that makes its own loops ends inside this call: its events are already in.
    const start = this.#log.length;
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new SandboxError('InvalidArgument', 'params must be an object of name: value');
    }
    const { id } = unwrap(this.#live().run(wellFormed(exampleId), wellFormed(JSON.stringify(params))));
    return this.#start('example', exampleId, id, start);
  }

  // The recipe's text, refused before it is copied into wasm memory if it is over the limit (a
  // UTF-8 byte per UTF-16 unit at least: longer in units is longer in bytes).
  #recipeText(recipe) {
    const text = recipeText(recipe);
    const limit = this.#options.limits?.max_recipe_bytes ?? MAX_RECIPE_BYTES;
    if (text.length > limit) {
      const reason = `the recipe is larger than ${limit} bytes (limit max_recipe_bytes)`;
      throw Object.assign(new RecipeError(`$: ${reason}`, '$', reason), { code: 'recipe.too_large', params: { max: String(limit) } });
    }
    return text;
  }

  runRecipe(recipe) {
    const start = this.#log.length;
    const { id } = unwrap(this.#live().spawn(this.#recipeText(recipe), true));
    return this.#start('recipe', recipeTitle(recipe) ?? 'recipe', id, start);
  }

  spawn(recipe) {
    const start = this.#log.length;
    const { id } = unwrap(this.#live().spawn(this.#recipeText(recipe), false));
    this.#runs.set(id, { resolve: null, start, tasks: new Set([id]), kind: 'recipe', title: recipeTitle(recipe), output: [] });
    this.#runTasks.set(id, id);
    return id;
  }

  validate(recipe) {
    let text;
    try {
      text = this.#recipeText(recipe);
    } catch (e) {
      if (e.type !== 'RecipeError') throw e;
      return { ok: false, path: e.path, reason: e.reason, message: e.message, code: e.code, params: e.params };
    }
    const r = JSON.parse(this.#live().validate(text));
    if (r.ok) return { ok: true };
    const v = { ok: false, path: r.error.path ?? '$', reason: r.error.reason ?? r.error.message, message: r.error.message };
    return r.error.code ? { ...v, code: r.error.code, params: r.error.params } : v;
  }

  // Runs a Python program (the front-end in wasm/python) as `python3 FILE` would →
  // Promise<{status, stdout, stderr}>: a SyntaxError or uncaught exception is status 1 with
  // CPython's traceback text in stderr, sys.exit(n) status n. Each output line is also an 'output'
  // event ({task: 0, run: 0, text, time: 0, stream: 'stdout' | 'stderr'}) the moment it is printed.
  // The program runs to completion inside this call, on its own loops (asyncio.run): clock
  // 'virtual' (default: exact and instant) or 'real' (the wait between timers blocks the thread).
  runPython(source, options = {}) {
    PYTHON: {  // dropped from the widget's bundle (web/build.mjs): Python widgets use spawnPython
    const session = this.#live();
    if (typeof source !== 'string') throw new TypeError(`runPython: the source must be a string, not ${describe(source)}`);
    checkKeys(options, 'runPython options', ['filename', 'clock']);
    const { filename = '<string>', clock = 'virtual' } = options;
    if (typeof filename !== 'string' || filename === '') throw new TypeError(`runPython: filename must be a non-empty string, not ${describe(filename)}`);
    if (clock !== 'virtual' && clock !== 'real') throw new SandboxError('InvalidArgument', `runPython: clock must be 'virtual' or 'real', not ${describe(clock)}`);
    if (typeof this.#module.runPython !== 'function') {
      throw new SandboxError('Unsupported', 'runPython: this module has no Python front-end (the widget\'s C++ module)');
    }
    // The front-end has one interpreter state: a listener cannot start a program inside another.
    if (this.#inPython) throw new SandboxError('InvalidState', 'runPython: a Python program is running (called from its output listener?)');
    if ([...this.#runs.values()].some((r) => r.kind === 'python')) {
      throw new SandboxError('InvalidState', 'runPython: a Python program is running in the session (spawnPython): cancel it or wait for its end');
    }
    session.flush();  // the session's pending events come before the program's output
    const onLine = (fd, text) => this.#emit('output', { task: 0, run: 0, text, time: 0, stream: fd === 2 ? 'stderr' : 'stdout' });
    this.#inPython = true;
    let text;
    try {
      text = this.#module.runPython(wellFormed(source), wellFormed(filename), clock === 'real', onLine);
    } finally {
      this.#inPython = false;
    }
    const r = JSON.parse(text);
    return savePythonFolder(this.#module, isNode).then(() => ({ status: r.status, stdout: r.stdout, stderr: r.stderr }));
    }
    throw new SandboxError('Unsupported', 'runPython: not in the widget (its Python programs run with spawnPython)');
  }

  // Runs a Python program as a run of the session, as `python3 FILE` would → Promise<RunResult>
  // (as run() gives; status 1 after a traceback, sys.exit(n) n). Its module body runs on the
  // session's loop, so asyncio.run(main()) puts main and its tasks on the timeline and in the
  // trace beside the other runs, on the session's clock, paused, stepped and cancelled like them.
  // Output lines are 'output' events (stream 'stdout' or 'stderr'). One program at a time.
  spawnPython(source, options = {}) {
    const session = this.#live();
    if (typeof source !== 'string') throw new TypeError(`spawnPython: the source must be a string, not ${describe(source)}`);
    checkKeys(options, 'spawnPython options', ['filename']);
    const { filename = '<string>' } = options;
    if (typeof filename !== 'string' || filename === '') throw new TypeError(`spawnPython: filename must be a non-empty string, not ${describe(filename)}`);
    if (typeof this.#module.runPython !== 'function') {
      throw new SandboxError('Unsupported', 'spawnPython: this module has no Python front-end (the widget\'s C++ module)');
    }
    if (this.#inPython) throw new SandboxError('InvalidState', 'spawnPython: a Python program is running (called from its output listener?)');
    const start = this.#log.length;
    const { id } = unwrap(this.#module.spawnPython(session.handle(), wellFormed(source), wellFormed(filename)));
    // What the program wrote is saved (a browser's IndexedDB) before its end is reported.
    const save = () => savePythonFolder(this.#module, isNode);
    return this.#start('python', filename, id, start).then((r) => save().then(() => r), (e) => save().then(() => { throw e; }));
  }

  // Repairs the storage folder's store (DIR/store.db; Node): aio::store::repair in the module keeps
  // every intact record and the original in store.db.damaged. Resolves { path, recordsKept,
  // bytesDropped, damage (offsets), backup ('' when it was not damaged) }; rejects with the store's
  // error (in use by a live owner, missing, not a store log, a symbolic link).
  async repairStore() {
    NODE: {  // dropped from the widget's bundle (web/build.mjs): a tool for a storage folder on disk
    const session = this.#live();
    if (!this.#module.repairStore) throw new SandboxError('Unsupported', 'repairStore: this module has no store (the widget\'s lean module)');
    let text;
    try {
      text = await this.#module.repairStore(session.handle());
    } catch (e) {
      if (e instanceof SandboxError) throw e;
      throw new SandboxError('StoreError', String(e?.message ?? e));
    }
    const r = JSON.parse(text);
    return { path: r.path, recordsKept: r.records_kept, bytesDropped: r.bytes_dropped, damage: r.damage, backup: r.backup };
    }
    throw new SandboxError('Unsupported', 'repairStore: not in the widget');
  }

  // Decodes and validates a share link (location.hash: "#ex=ID&p=JSON", "#recipe=JSON" or
  // "#py=CODE", plus "speed") in C++ (wasm/sandbox/share_link.hpp); nothing runs. A recipe is validated as this
  // sandbox would run it (its limits, HTTP allow-list and storage folder); a Python program stays
  // encoded (decodePythonLink reads it). null for an empty fragment; throws
  // ShareLinkError (key, reason) or RecipeError (path, reason).
  parseShareLink(fragment) {
    PAGE: {  // dropped from the widget's bundle (web/build.mjs): its module has no share link parser
    const text = wellFormed(fragment ?? '');
    // As the C++ decoder's own bound (a %-encoded recipe is at most three times its size; a Python
    // program's code has its own bound), checked before the text is copied into wasm memory.
    const limit = Math.max((this.#options.limits?.max_recipe_bytes ?? MAX_RECIPE_BYTES) * 3, MAX_PYTHON_LINK_CHARS) + 4096;
    if (text.length > limit) {
      const reason = `the link is longer than ${limit} characters`;
      throw new ShareLinkError(`#: ${reason}`, '#', reason);
    }
    if (!this.#module.shareLink) throw new SandboxError('Unsupported', 'parseShareLink: this module has no share link parser (the widget\'s lean module)');
    return unwrap(this.#module.shareLink(this.#live().handle(), text)).link;
    }
    throw new SandboxError('Unsupported', 'parseShareLink: the widget opens no share links');
  }

  // A Python program's source → the CODE of a "#py=CODE" link (web/src/python_link.js): rejects
  // with ShareLinkError key 'py' for a source over 64 KiB of UTF-8 or a link over the C++ bound.
  async encodePythonLink(source) {
    PYTHON: {  // dropped from the widget's bundle (web/build.mjs): the widget makes no share links
    if (typeof source !== 'string') throw new TypeError(`encodePythonLink: the source must be a string, not ${describe(source)}`);
    const code = await deflateSource(wellFormed(source));
    this.parseShareLink(`py=${code}`);   // the C++ bound on the encoded size
    return code;
    }
    throw new SandboxError('Unsupported', 'encodePythonLink: not in the widget');
  }

  // The CODE of a "#py=CODE" link → the program's source. Its charset and size are checked in C++
  // (as parseShareLink does), then it is inflated, stopping at 64 KiB; rejects with ShareLinkError
  // key 'py' naming what is wrong (not base64url, too long, not deflate-raw data, not UTF-8).
  async decodePythonLink(code) {
    PYTHON: {  // dropped from the widget's bundle (web/build.mjs): the widget opens no share links
    if (typeof code !== 'string') throw new TypeError(`decodePythonLink: the code must be a string, not ${describe(code)}`);
    const link = this.parseShareLink(`py=${encodeURIComponent(code)}`);
    return inflateSource(link.python);
    }
    throw new SandboxError('Unsupported', 'decodePythonLink: not in the widget');
  }

  // false if no live task has that id (it ended, or never was), like asyncio's Task.cancel().
  cancel(taskId, message = '') {
    const id = Number(taskId);
    if (!Number.isSafeInteger(id) || id <= 0) throw new SandboxError('InvalidArgument', `a task id is a positive integer, not ${String(taskId)}`);
    return this.#live().cancel(id, wellFormed(message));
  }
  pause() { this.#live().pause(); }
  resume() { this.#live().resume(); }
  step() {
    const session = this.#live();
    if (!session.paused()) throw new SandboxError('InvalidState', 'step() runs one tick of a paused loop: call pause() first');
    const r = unwrap(session.step());
    return { ran: r.ran, tick: r.tick, time: r.time };
  }
  setSpeed(speed) {
    unwrap(this.#live().setSpeed(Number(speed)));
    this.#options = { ...this.#options, speed: Number(speed) };
  }
  // options.limit caps each list (counts has the full sizes): cheap enough to poll every frame.
  snapshot({ limit } = {}) {
    const s = JSON.parse(this.#live().snapshot(limit >= 0 ? Number(limit) : -1));
    if (s.speed === null) s.speed = Infinity;  // an instant virtual clock (JSON has no Infinity)
    return s;
  }

  // A fresh loop (cancels and drops everything); options may change the clock and speed.
  reset(options = {}) {
    if (this.#inBatch) throw new SandboxError('InvalidState', 'reset() cannot be called from an event listener; defer it (queueMicrotask)');
    this.#live();
    checkKeys(options, 'reset options', SESSION_OPTIONS);
    const next = { ...this.#options, ...options };
    // A new clock without a speed: keep the old speed only if that clock can take it.
    if (options.clock !== undefined && options.speed === undefined && next.clock === 'real' && !Number.isFinite(next.speed ?? 1)) {
      delete next.speed;
    }
    sessionOptions(next);  // bad options throw before anything changes
    this.#options = next;
    this.#close();
    this.#runTasks.clear();
    this.#finished.clear();
    this.#open(this.#options);
    this.#emit('reset', { ...this.#options });
  }

  // Pending runs end: reset() resolves them as cancelled, dispose() rejects them (Disposed).
  #close() {
    if (!this.#session) return;
    this.#session.setListener(undefined);
    this.#session.delete();
    this.#session = null;
    for (const [id, run] of this.#runs) {
      if (this.#disposed) {
        run.reject?.(disposedError());
      } else {
        run.resolve?.({ id, kind: run.kind, title: run.title, ok: false, status: 1, output: run.output, tasks: run.tasks.size,
                        trace: makeLog([]), error: { name: 'CancelledError', message: 'the sandbox was reset' } });
      }
    }
    this.#runs.clear();
  }

  // Every later call throws Disposed (dispose() itself may be called again).
  dispose() {
    this.#disposed = true;
    this.#listeners.clear();
    if (this.#inBatch) {
      queueMicrotask(() => this.#close());
      return;
    }
    this.#close();
  }

  on(event, listener) {
    this.#live();
    if (!EVENTS.has(event)) throw new SandboxError('InvalidArgument', `no event '${event}' (events: ${[...EVENTS].join(', ')})`);
    if (typeof listener !== 'function') throw new SandboxError('InvalidArgument', `the listener for '${event}' must be a function`);
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event).add(listener);
    return () => this.off(event, listener);
  }
  off(event, listener) {
    this.#live();
    this.#listeners.get(event)?.delete(listener);
  }

  // The recorded event log (format aio-sandbox-trace v1) and its Chrome/Perfetto export.
  trace() {
    this.#live();
    return makeLog(this.#log.events(), { clock: this.clock });
  }
  exportTrace(log = this.trace(), options = {}) {
    this.#live();
    return toChromeTrace(log, options);
  }
}

// Loads the module and starts a session. Options: clock ('virtual' | 'real'), speed, paused,
// limits, http ({allow, base}), storage ({dir}), wasmDir, moduleName, moduleFactory, record, maxEvents, print,
// printErr (see index.d.ts).
export async function createSandbox(options = {}) {
  checkLoadOptions(options);
  sessionOptions(options);
  const module = await loadModule(options);
  PYTHON: {  // dropped from the widget's bundle (web/build.mjs): the widget keeps no Python folder
    const dir = pythonDir(options);
    if (dir && typeof module.runPython === 'function') {
      try {
        await mountPythonFolder(module, dir, isNode);
      } catch (e) {
        throw new SandboxError('StorageError', `cannot use '${dir}' as the Python programs' folder: ${e?.message ?? e}`);
      }
    }
  }
  return new Sandbox(module, { ...options });
}

export { Sandbox };
