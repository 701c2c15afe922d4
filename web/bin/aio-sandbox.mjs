#!/usr/bin/env node
// aio-sandbox CLI: runs a catalog example or a task recipe on the wasm runtime, shows live
// progress and a compact timeline, and writes the trace. See web/README.md.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORAGE_STEPS, createSandbox, defaultHttpAllow, recipeUses, taskIntervals, toChromeTrace } from '../src/index.js';

const USAGE = `usage: aio-sandbox <command> [options]
commands:
  list                          the examples and their parameters
  run EXAMPLE [name=value ...]  run a catalog example
  run FILE.py                   run a Python program (the front-end in the module) as
                                python3 FILE.py would: its output, its exit status, its
                                files in the current folder; its tasks run on the
                                sandbox's loop (--trace, --events, --speed)
  python FILE                   the same, whatever the file's name
  recipe FILE                   run a task recipe (a JSON file; - reads stdin)
  validate FILE                 check a recipe without running it
  store repair DIR              repair a damaged store (DIR/store.db): keeps every intact
                                record, the original in DIR/store.db.damaged
options:
  --real            the real clock (default: virtual - exact and instant)
  --speed X         loop time per wall time: virtual clock paced (0.5 = slow motion; default
                    instant), real clock scaled (10 = fast forward; default 1)
  --trace FILE      write the trace in the Chrome Trace Event Format (open it in ui.perfetto.dev)
  --events FILE     write the raw event log (aio-sandbox-trace, version 1)
  --no-timeline     no timeline at the end
  --timeline        a Python program's timeline on stderr (its stderr is the program's otherwise)
  --quiet           only the output lines
  --wasm-dir DIR    where aio_sandbox.mjs/.wasm are (default: web/dist/ or $AIO_SANDBOX_DIST)
  --allow-http ORIGIN  let recipes and examples make HTTP requests to ORIGIN (repeatable;
                    https://api.example.com, http://host:* for any port, * for anything);
                    default: loopback only (http://127.0.0.1:*, http://localhost:*, http://[::1]:*)
  --http-base ORIGIN  what relative URLs in recipes ("/json") are joined to
  --simulate-network  answer HTTP to origins not allowed with the labelled simulated network
                    (as the page does: the tutorials' sites; each answer logged as simulated)
  --data DIR        where recipes' store and file steps keep their data (DIR/store.db,
                    DIR/files/; created if missing, kept: a later run on DIR sees it);
                    default: a fresh temporary folder, named on stderr
On a deadlock, and on Ctrl-C while it runs, it prints the await tree (like python -m asyncio pstree):
each task with what it waits on, its recipe steps and its coroutine frames.
Task errors nobody awaited ("Task exception was never retrieved") are printed to stderr the
moment they happen.
exit status: 0 ok, 1 the run failed or a task error was reported, 2 bad input, 3 deadlock,
4 the module is not built, 130 interrupted`;

const EXIT = { ok: 0, failed: 1, usage: 2, deadlock: 3, module: 4 };
const MAX_RECIPE_BYTES = 1 << 20;  // the sandbox's default limits.max_recipe_bytes

function fail(code, message) {
  process.stderr.write(`aio-sandbox: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { positional: [], clock: 'virtual', speed: undefined, timeline: true, quiet: false, allowHttp: [], httpBase: undefined, data: undefined, simulate: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(EXIT.usage, `${a} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (a === '--real') opts.clock = 'real';
    else if (a === '--virtual') opts.clock = 'virtual';
    else if (a === '--speed') opts.speed = Number(value());
    else if (a === '--trace') opts.trace = value();
    else if (a === '--events') opts.events = value();
    else if (a === '--no-timeline') opts.timeline = false;
    else if (a === '--timeline') opts.timelineAsked = true;
    else if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--wasm-dir') opts.wasmDir = value();
    else if (a === '--allow-http') opts.allowHttp.push(value());
    else if (a === '--http-base') opts.httpBase = value();
    else if (a === '--simulate-network') opts.simulate = true;
    else if (a === '--data') opts.data = value();
    else if (a === '-h' || a === '--help') { process.stdout.write(USAGE + '\n'); process.exit(0); }
    else if (a.startsWith('--')) fail(EXIT.usage, `unknown option ${a}\n${USAGE}`);
    else opts.positional.push(a);
  }
  if (opts.speed !== undefined && (!(opts.speed > 0) || (opts.clock === 'real' && !Number.isFinite(opts.speed)))) {
    fail(EXIT.usage, '--speed must be a positive number');
  }
  return opts;
}

// The storage folder: --data DIR, else for a recipe with store or file steps (or the files and
// database examples) a fresh temporary
// folder (named on stderr, so its files can be looked at); validating writes nothing, so any
// folder name will do.
async function storageDir(command, target, recipe, opts) {
  if (opts.data !== undefined) {
    if (!opts.data) fail(EXIT.usage, '--data needs a folder');
    return opts.data;
  }
  if (command === 'validate') return tmpdir();
  // The examples with a path parameter keep their files in the storage folder too.
  const writes = command === 'recipe' ? recipeUses(recipe, STORAGE_STEPS) : command === 'run' && ['files', 'database'].includes(target);
  if (!writes) return '';
  const dir = await mkdtemp(join(tmpdir(), 'aio-sandbox-'));
  process.stderr.write(`aio-sandbox: store and files in ${dir} (--data DIR to keep them elsewhere)\n`);
  return dir;
}

// ---------------------------------------------------------------- timeline

const BAR = { run: '█', wait: '░', ready: '·' };
const END = { value: '✓', exception: '✗', cancelled: '⊘' };

function renderTimeline(events, { width = 48, maxTasks = 24 } = {}) {
  const tasks = taskIntervals(events);
  if (!tasks.length) return [];
  const t0 = Math.min(...tasks.map((t) => t.start));
  const t1 = Math.max(...tasks.map((t) => t.end ?? t.segments.at(-1)?.to ?? t.start), t0);
  const span = t1 - t0 || 1;
  const col = (time) => Math.min(width - 1, Math.floor(((time - t0) / span) * width));
  const nameWidth = Math.min(16, Math.max(4, ...tasks.map((t) => t.name.length)));
  const lines = [`${'task'.padEnd(nameWidth)} ${fmt(t0)}${' '.repeat(Math.max(1, width - fmt(t0).length - fmt(t1).length))}${fmt(t1)}`];
  for (const t of tasks.slice(0, maxTasks)) {
    const row = Array(width).fill(' ');
    for (const s of t.segments) {
      const a = col(s.from), b = col(s.to);
      const ch = s.state === 'run' ? BAR.run : s.label === 'ready' ? BAR.ready : BAR.wait;
      for (let c = a; c <= b; c++) if (row[c] !== BAR.run) row[c] = ch;
    }
    const end = t.end === null ? '…' : END[t.outcome] ?? '?';
    const plain = safe(t.name);
    const name = plain.length > nameWidth ? plain.slice(0, nameWidth - 1) + '…' : plain.padEnd(nameWidth);
    lines.push(`${name} ${row.join('')} ${end}${t.error ? ' ' + safe(t.error) : ''}`);
  }
  if (tasks.length > maxTasks) lines.push(`… and ${tasks.length - maxTasks} more tasks`);
  lines.push(`${BAR.run} running  ${BAR.wait} awaiting  ${BAR.ready} ready  ✓ done  ✗ failed  ⊘ cancelled`);
  return lines;
}

// Output lines, names and error messages come from recipes: their control characters are shown
// escaped, never sent to the terminal (an ESC sequence could rewrite the screen or the title), and
// so are the bidi controls (U+202E would show the rest of the line reversed) and the line and
// paragraph separators (a line break that line-based tools do not see).
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
function safe(text) {
  return String(text).replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function fmt(t) {
  return `${t.toFixed(t < 10 ? 2 : 1)}s`;
}

// ---------------------------------------------------------------- await tree (pstree)

// tasks: [{id, name, waits, awaited_by, stack, steps}]; a task hangs under each task awaiting it.
function renderPstree(list) {
  const tasks = [...list].sort((a, b) => a.id - b.id);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const children = new Map();
  for (const t of tasks) {
    for (const p of t.awaited_by ?? []) {
      if (byId.has(p)) children.set(p, [...(children.get(p) ?? []), t]);
    }
  }
  const roots = tasks.filter((t) => !(t.awaited_by ?? []).some((p) => byId.has(p)));
  const lines = [];
  const seen = new Set();
  const visit = (t, prefix, last) => {
    const branch = last ? '└── ' : '├── ';
    const cont = prefix + (last ? '    ' : '│   ');
    if (seen.has(t.id)) {
      lines.push(`${prefix}${branch}(T) ${t.name} [${t.id}] (cycle)`);
      return;
    }
    seen.add(t.id);
    lines.push(`${prefix}${branch}(T) ${t.name} [${t.id}]${t.waits ? ` waits on ${t.waits}` : ''}`);
    const kids = children.get(t.id) ?? [];
    const bar = kids.length ? '│   ' : '    ';
    if (t.steps?.length) lines.push(`${cont}${bar}steps:  ${t.steps.map((s) => s.step).join(' › ')}`);
    if (t.stack?.length) lines.push(`${cont}${bar}frames: ${t.stack.map((f) => f.function).join(' › ')}`);
    kids.forEach((k, i) => visit(k, cont, i === kids.length - 1));
  };
  roots.forEach((t, i) => visit(t, '', i === roots.length - 1));
  // Tasks only reachable through a cycle have no root: show them too.
  for (const t of tasks) if (!seen.has(t.id)) visit(t, '', true);
  return lines;
}

const fromSnapshot = (snap) => snap.tasks.map((t) => ({ ...t, waits: t.awaits?.what ?? null }));
const fromDeadlock = (report) => report.waiting.map((w) => ({ ...w, id: w.task, waits: w.waits_on }));

// ---------------------------------------------------------------- live progress

class Live {
  constructor(enabled) {
    this.enabled = enabled;
    this.lines = 0;
    this.last = 0;
    this.events = [];
    this.status = '';
  }
  clear() {
    if (this.lines) process.stderr.write(`\x1b[${this.lines}A\x1b[J`);
    this.lines = 0;
  }
  draw(force = false) {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    this.clear();
    const block = [this.status, ...renderTimeline(this.events, { maxTasks: 8 })];
    process.stderr.write(block.join('\n') + '\n');
    this.lines = block.length;
  }
  print(line) {
    this.clear();
    process.stdout.write(safe(line) + '\n');
    this.draw(true);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const [command, target, ...rest] = opts.positional;
  if (!command) fail(EXIT.usage, `no command\n${USAGE}`);
  if (command === 'store') {
    if (target !== 'repair' || rest.length !== 1) fail(EXIT.usage, `usage: aio-sandbox store repair DIR`);
    // aio::store::repair itself, in the module (one implementation for the library and the CLI).
    let sb;
    let line;
    try {
      sb = await createSandbox({ wasmDir: opts.wasmDir, storage: { dir: rest[0] } });
      const r = await sb.repairStore();
      line = r.backup
        ? `${r.path}: kept ${r.recordsKept} intact records, dropped ${r.bytesDropped} bytes ` +
          `(damage at byte ${r.damage.join(', ')}); the original is in ${r.backup}`
        : `${r.path}: not damaged (${r.recordsKept} records), nothing to do`;
    } catch (e) {
      fail(EXIT.failed, `store repair: ${e.message}`);
    } finally {
      sb?.dispose();
    }
    process.stdout.write(line + '\n');
    return;
  }
  if ((command === 'run' && target?.endsWith('.py')) || command === 'python') {
    if (!target) fail(EXIT.usage, 'python needs a file');
    return runPythonFile(target, rest, opts);
  }
  if (!['list', 'run', 'recipe', 'validate'].includes(command)) fail(EXIT.usage, `unknown command '${command}'\n${USAGE}`);
  if (command !== 'list' && !target) fail(EXIT.usage, `${command} needs ${command === 'run' ? 'an example id' : 'a recipe file'}`);

  let recipe;
  if (command === 'recipe' || command === 'validate') {
    try {
      // Refused before it is read whole (the sandbox refuses a recipe over 1 MiB anyway).
      if (target !== '-' && (await stat(target)).size > MAX_RECIPE_BYTES) throw new RecipeTooLarge();
      recipe = target === '-' ? await readStdin(MAX_RECIPE_BYTES) : await readFile(target, 'utf8');
    } catch (e) {
      if (e instanceof RecipeTooLarge) fail(EXIT.usage, `invalid recipe ${target}: $: the recipe is larger than ${MAX_RECIPE_BYTES} bytes (limit max_recipe_bytes)`);
      fail(EXIT.usage, `cannot read recipe file ${target}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    }
  }
  const params = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (command !== 'run' || eq <= 0) fail(EXIT.usage, `unexpected argument '${p}' (parameters are name=value, for run)`);
    params[p.slice(0, eq)] = p.slice(eq + 1);
  }

  let sb;
  try {
    const http = { allow: [...defaultHttpAllow(), ...opts.allowHttp], base: opts.httpBase };
    const storage = { dir: await storageDir(command, target, recipe, opts) };
    sb = await createSandbox({ clock: opts.clock, speed: opts.speed, wasmDir: opts.wasmDir, http, storage });
  } catch (e) {
    fail(e.type === 'ModuleNotFound' ? EXIT.module : e.type === 'InvalidArgument' ? EXIT.usage : EXIT.failed, e.message);
  }

  if (command === 'list') {
    for (const e of sb.examples) {
      if (!e.runnable) continue;
      const params = (e.params ?? []).map((p) => `${p.name}=${p.default}`).join(' ');
      process.stdout.write(`${e.id.padEnd(20)} ${e.title_en ?? ''}${params ? `\n${' '.repeat(21)}${params}` : ''}\n`);
    }
    process.exit(EXIT.ok);
  }
  if (command === 'validate') {
    const v = sb.validate(recipe);
    if (!v.ok) fail(EXIT.usage, `invalid recipe ${target}: ${safe(v.path)}: ${safe(v.reason)}`);
    process.stdout.write(`${target}: valid\n`);
    process.exit(EXIT.ok);
  }

  const live = new Live(!opts.quiet && process.stderr.isTTY === true);
  const names = new Map();
  sb.on('batch', (batch) => {
    for (const e of batch) {
      if (e.kind === 'task_created' || e.kind === 'task_label') names.set(e.task, e.text);
      if (live.enabled && e.kind !== 'output') live.events.push(e);
    }
    const last = batch.at(-1);
    if (last) live.status = `t=${last.time.toFixed(2)}s  tick ${last.tick}  tasks ${names.size}`;
    live.draw();
  });
  sb.on('output', (o) => live.print(o.text));
  let reported = 0;  // task errors reported as they happened: they fail the run's exit status
  sb.on('error', (e) => { reported++; live.clear(); process.stderr.write(`error: ${safe(e.message)}\n`); live.draw(true); });
  sb.on('log', (e) => { if (!opts.quiet) { live.clear(); process.stderr.write(`log: ${safe(e.message)}\n`); live.draw(true); } });
  let deadlock = null;
  sb.on('deadlock', (report) => { deadlock ??= report; });
  process.on('SIGINT', () => {
    live.clear();
    process.stderr.write(`interrupted; the await tree:\n${renderPstree(fromSnapshot(sb.snapshot())).map(safe).join('\n')}\n`);
    process.exit(130);
  });

  let result;
  try {
    result = command === 'run' ? await sb.run(target, params) : await sb.runRecipe(recipe);
  } catch (e) {
    live.clear();
    if (e.type === 'RecipeError') fail(EXIT.usage, `invalid recipe ${target}: ${safe(e.path)}: ${safe(e.reason)}`);
    if (e.type === 'InvalidArgument') fail(EXIT.usage, safe(e.message));
    fail(EXIT.failed, safe(e.message));
  }
  live.clear();

  const log = result.trace;
  if (opts.timeline && !opts.quiet) process.stderr.write(renderTimeline(log.events).join('\n') + '\n');
  if (opts.trace) await writeFile(opts.trace, JSON.stringify(toChromeTrace(log, { name: `aio-sandbox ${command} ${target}` })));
  if (opts.events) await writeFile(opts.events, JSON.stringify(log));

  let code = EXIT.ok;
  if (result.error) {
    code = result.error.name === 'DeadlockError' ? EXIT.deadlock : EXIT.failed;
    process.stderr.write(`${result.error.name === 'DeadlockError' ? '' : 'failed: '}${safe(result.error.message)}\n`);
    if (deadlock) process.stderr.write(`await tree (pstree):\n${renderPstree(fromDeadlock(deadlock)).map(safe).join('\n')}\n`);
  } else if (reported) {
    code = EXIT.failed;
    process.stderr.write(`failed: ${reported} task error${reported > 1 ? 's' : ''} nobody awaited (above)\n`);
  } else if (!opts.quiet) {
    process.stderr.write(`ok (${command} ${target}, ${log.events.length} events)\n`);
  }
  sb.dispose();
  process.exit(code);
}

// `run FILE.py`: the program as a run of the session (sb.spawnPython: its tasks on the loop, the
// trace and the timeline), its stdout and stderr as it writes them (unescaped, as python3 does),
// exit status the program's (2: the file cannot be read, as python3; 3: a deadlock). stderr is the
// program's: the timeline (live on a terminal, then the whole run) only with --timeline.
async function runPythonFile(file, rest, opts) {
  if (rest.length) fail(EXIT.usage, `unexpected argument '${rest[0]}' (run FILE.py takes no arguments)`);
  let source;
  try {
    source = await readFile(file, 'utf8');
  } catch (e) {
    fail(EXIT.usage, `can't open file '${file}': ${e.code === 'ENOENT' ? '[Errno 2] No such file or directory' : e.message}`);
  }
  let sb;
  try {
    // It runs in this process's working folder, as python3 does: its files (open(), aiofiles,
    // sqlite3 databases) are real ones there.
    sb = await createSandbox({ clock: opts.clock, speed: opts.speed, wasmDir: opts.wasmDir, pythonDir: process.cwd(),
      http: { allow: [...defaultHttpAllow(), ...opts.allowHttp], base: opts.httpBase, simulate: opts.simulate } });
  } catch (e) {
    fail(e.type === 'ModuleNotFound' ? EXIT.module : e.type === 'InvalidArgument' ? EXIT.usage : EXIT.failed, e.message);
  }
  const showTimeline = opts.timelineAsked && !opts.quiet;
  const live = new Live(showTimeline && process.stderr.isTTY === true);
  if (live.enabled) sb.on('batch', (batch) => { live.events.push(...batch.filter((e) => e.kind !== 'output')); live.draw(); });
  const out = { stdout: process.stdout, stderr: process.stderr };
  sb.on('output', (o) => {
    live.clear();
    out[o.stream].write(o.text + (o.newline === false ? '' : '\n'));
    live.draw(true);
  });
  sb.on('log', (e) => { live.clear(); process.stderr.write(e.message + '\n'); live.draw(true); });  // asyncio's logger
  let deadlock = null;
  sb.on('deadlock', (report) => { deadlock ??= report; });
  const r = await sb.spawnPython(source, { filename: file });
  live.clear();
  if (showTimeline) process.stderr.write(renderTimeline(r.trace.events).join('\n') + '\n');
  if (opts.trace) await writeFile(opts.trace, JSON.stringify(toChromeTrace(r.trace, { name: `aio-sandbox run ${file}` })));
  if (opts.events) await writeFile(opts.events, JSON.stringify(r.trace));
  if (r.error?.name === 'DeadlockError') {
    process.stderr.write(`${safe(r.error.message)}\n`);
    if (deadlock) process.stderr.write(`await tree (pstree):\n${renderPstree(fromDeadlock(deadlock)).map(safe).join('\n')}\n`);
  }
  sb.dispose();
  process.exitCode = r.error?.name === 'DeadlockError' ? EXIT.deadlock : r.status & 0xff;
}

class RecipeTooLarge extends Error {}

async function readStdin(limit) {
  const chunks = [];
  let size = 0;
  for await (const c of process.stdin) {
    size += c.length;
    if (size > limit) throw new RecipeTooLarge();
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

main().catch((e) => fail(EXIT.failed, e.stack ?? String(e)));
