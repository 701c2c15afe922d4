// Type declarations of the aio-sandbox package's main entry (src/index.js); the trace helpers'
// are in trace.d.ts (the "./trace" subpath). tests/types/ type-checks a consumer of every export
// and tests/node/types.test.mjs compares these names with what the modules export.

import type { Clock, TraceLog, TraceEvent, ChromeTrace } from './trace.js';

export type { Clock, TraceKind, WaitKind, Outcome, TraceEvent, TraceLog, ChromeTrace, TaskInterval, Stuck } from './trace.js';
export { toChromeTrace, taskIntervals, makeLog } from './trace.js';

// <protocol:limits> generated from the C++ tables by web/tools/protocol.mjs: do not edit by hand
export interface Limits {
  max_tasks: number;  // tasks created over the run (100,000)
  max_depth: number;  // nesting of tasks and blocks (at most 256, whatever is asked) (16)
  max_steps: number;  // steps executed over the run (5,000,000)
  max_repeat: number;  // one repeat's count (1,000,000)
  max_duration: number;  // loop seconds before the run is cancelled (3600 s)
  max_cpu_ms: number;  // milliseconds of one cpu / to_thread step (2000 ms)
  max_output_lines: number;  // lines printed, then "output truncated" (10,000)
  max_recipe_bytes: number;  // bytes of recipe text (at most 16 MiB; JS checks it before copying the text into wasm) (1 MiB)
  max_queued_bytes: number;  // bytes held by the items of all queues at once (16 MiB)
  max_live_tasks: number;  // tasks of the recipe alive at once (10,000)
  max_http_body_bytes: number;  // bytes of one http step's response body (the transfer is aborted, the step fails) (4 MiB)
  max_value_bytes: number;  // bytes of one store_put value (as JSON) or write_file text (64 KiB)
  max_written_bytes: number;  // bytes store_put and write_file write over the run (16 MiB)
}
// </protocol:limits>
// A run-time limit ends the whole recipe with an error naming it: "... (limit max_steps)".

// Where HTTP from recipes and examples may go. Patterns: an origin ("https://api.example.com"),
// any port of a host ("http://127.0.0.1:*"), or "*" (anything). Literal recipe URLs are checked
// at validation (RecipeError), every request and redirect hop at run time (the task fails with
// "HTTP to ORIGIN is not allowed").
export interface HttpOptions {
  allow?: string[];   // default: the page's origin in a browser, loopback (127.0.0.1/localhost/[::1], any port) in Node
  base?: string;      // what relative recipe URLs ("/json") are joined to; default: the page's origin (none in Node)
  // Requests of examples and Python programs to origins off `allow` are answered by the labelled,
  // deterministic simulated network (aio/http.hpp) instead of failing; default: true in a browser,
  // false in Node. Recipes' literal URLs are still checked against `allow`.
  simulate?: boolean;
  // Recorded responses (browsers only; aio/http.hpp record_responses): 'record' keeps every real
  // response in IndexedDB (Emscripten's Fetch API) and replays it when the network fails;
  // 'replay' answers from the recordings only. Replayed responses carry X-Aio-Replayed: 1 and a
  // `log` event says so. Default 'off'; in Node anything else is InvalidArgument.
  record?: 'off' | 'record' | 'replay';
}

// Where recipes' store and file steps keep their data: DIR/store.db (the key-value store) and
// DIR/files/NAME. Node: a real directory (created if missing); browser: the store is the
// IndexedDB database "DIR/store.db", files live in the virtual folder (IndexedDB "aio-files").
// Both persist. "" (Node's default): none, and recipes with such steps are rejected.
export interface StorageOptions {
  dir?: string;       // default: '/aio-sandbox' in a browser, '' in Node
}

// Option names and types are checked (InvalidArgument): an unknown name (a misspelt limit) or a
// wrong type (paused: 'false') is refused, never ignored.
export interface SandboxOptions {
  clock?: Clock;                  // default 'virtual': exact and instant
  // Loop time per wall time. Real clock: finite, default 1. Virtual clock: default Infinity
  // (instant); a finite speed paces its jumps (0.5 = slow motion), the run staying identical.
  speed?: number;
  paused?: boolean;               // start paused (drive it with step())
  limits?: Partial<Limits>;
  http?: HttpOptions;
  storage?: StorageOptions;
  wasmDir?: string | URL;         // where aio_sandbox.mjs + .wasm are (default: ../dist/ beside src/)
  moduleName?: string;            // the module's file stem (default 'aio_sandbox'; the widget's lean flavour: 'aio_sandbox_widget')
  moduleFactory?: (args: object) => Promise<unknown>;  // the module factory, for bundlers
  record?: boolean;               // keep the event log for trace() (default true; kept as the raw batches, decoded when read)
  maxEvents?: number;             // cap of the recorded log (default 2,000,000; the oldest batches dropped whole)
  print?: (line: string) => void;     // the module's stdout
  printErr?: (line: string) => void;  // the module's stderr
  // The folder Python programs run in (open(), aiofiles, sqlite3 files): an absolute path, '' for
  // the module's memory. Default: in a browser `${storage.dir}/python` on IndexedDB (saved after
  // each run, kept across reloads), in Node none; a Node path is a real folder (the CLI: its cwd).
  pythonDir?: string;
}

export interface ParamInfo { name: string; default: string; help: string }

export interface ExampleInfo {
  id: string;
  runnable: boolean;            // registered in this build (false: planned in the catalog only)
  makes_own_loop?: boolean;     // runs to completion at once on its own (virtual-clock) loops
  params?: ParamInfo[];
  group?: string;
  title_en?: string;
  title_zh?: string;
  python?: string;              // the tutorial's Python original
  status?: string;
  item?: number;
  covers?: { seed: string; section: string }[];   // the tutorial sections the example ports
  note?: string;                // what differs from the tutorial, and why
}

export interface RunResult {
  id: number;                 // the run's root task id
  kind: 'example' | 'recipe' | 'python';
  ok: boolean;
  status: number;             // 0 ok; an example's exit status
  output: string[];
  // code/params: a limit error as a message of Module.protocol().messages ("limit.max_tasks", {max: "100"}).
  error: { name: 'Error' | 'CancelledError' | 'DeadlockError'; message: string; code?: string; params?: Record<string, string> } | null;
  title?: string;             // a recipe's title
  tasks: number;              // how many tasks the run created (its root included)
  trace: TraceLog;            // the run's events (its tasks and the loop's ticks), cut from the log when first read
}

export interface StepResult { ran: boolean; tick: number; time: number }

export interface Awaits {
  kind: string;               // sleep, task, future, primitive, host_io, thread, ...
  label: string;              // the runtime's label ("lock", "queue.get", "http GET")
  what: string;               // readable: "lock 'db'", "task 'fetch'", "queue 'jobs' (get)"
  task?: number;              // the awaited task
  deadline?: number;
  resource?: { kind: string; name: string };
}

// A suspended coroutine frame (the compiler's name and the line of its definition).
export interface FrameInfo { function: string; file: string; line: number }
// A recipe step a task is inside ("with 'db'", "sleep 1 s") and where it is in the recipe.
export interface StepInfo { step: string; path: string }

export interface TaskInfo {
  id: number;
  name: string;
  parent: number | null;
  run: number | null;
  state: 'ready' | 'waiting';
  awaits: Awaits | null;
  awaited_by: number[];       // the await graph, as asyncio.capture_call_graph shows it
  stack: FrameInfo[];         // coroutine frames, outermost first
  steps?: StepInfo[];         // recipe tasks: the open recipe steps, outermost first
}

export interface DeadlockReport {
  message: string;            // readable, with the wait cycle
  cycle: { task: number; name: string; waits_on: string; blocked_by: number }[];
  waiting: { task: number; name: string; waits_on: string; blocked_by: number[]; why?: string;
             awaited_by: number[]; stack: FrameInfo[]; steps?: StepInfo[] }[];
}

export interface Snapshot {
  version: 1;
  time: number;
  tick: number;
  clock: Clock;
  speed: number;              // Infinity: an instant virtual clock
  paused: boolean;
  pacing: boolean;            // a paced virtual clock waits before its next jump (time stays at the last step)
  host: boolean;
  /** Host slices so far, and the most loop steps one slice ran (at most step_cap + 63). */
  slices: { count: number; max_steps: number; step_cap: number };
  ready: ({ task: number; name: string | null } | { callback: true })[];   // name null: beyond a capped task list
  timers: { deadline: number; in: number; task?: number; name?: string | null }[];
  io: { task: number; name: string; label: string }[];
  outside_work: number;
  tasks: TaskInfo[];
  /** Full sizes of the lists above (which snapshot({limit}) caps). */
  counts: { ready: number; timers: number; io: number; tasks: number };
  resources: { run: number; name: string; kind: string; state: string; holders: number[]; waiting: number }[];
  runs: { id: number; kind: string; name: string; done: boolean }[];
  stalled: boolean;
  deadlock: DeadlockReport | null;
}

export interface SandboxEvents {
  batch: TraceEvent[];          // everything of one host slice / API call, in order
  event: TraceEvent;
  // stream and newline: a Python program's lines (runPython's have task and run 0, time 0);
  // newline false: the program's last line, which it did not end (spawnPython)
  output: { task: number; run: number; text: string; time: number; stream?: 'stdout' | 'stderr'; newline?: boolean };
  error: { task: number; message: string; time: number };   // e.g. "Task exception was never retrieved", the moment it happens
  log: { task: number; message: string; time: number };
  deadlock: DeadlockReport;
  done: RunResult;              // a run(), runRecipe() or spawn() ended
  reset: SandboxOptions;        // reset() made a fresh loop (views of the old one start over)
}

export type Recipe = object | string;

export interface PythonOptions {
  filename?: string;             // in tracebacks and sys.argv[0] (default '<string>')
  clock?: Clock;                 // 'virtual' (default: exact, instant) or 'real' (blocks the thread while it waits)
}
// status: 0, sys.exit's code, or 1 for a SyntaxError / uncaught exception (its traceback in stderr)
export interface PythonResult { status: number; stdout: string; stderr: string }

// A decoded, validated share link ("#ex=ID&p=JSON", "#recipe=JSON" or "#py=CODE", plus "speed").
// A Python program's CODE stays encoded: decodePythonLink reads it.
export type ShareLink =
  | { mode: 'example'; id: string; params: Record<string, string>; speed: number | null }
  | { mode: 'recipe'; recipe: string; speed: number | null }
  | { mode: 'python'; python: string; speed: number | null };

// Failures: bad input throws at once (SandboxError with `type` InvalidArgument, RecipeError with
// path and reason, InvalidState for step() while running, Disposed after dispose());
// createSandbox rejects (InvalidArgument, ModuleNotFound, ModuleLoadError, StorageError: pythonDir unusable). A run's promise
// rejects only with Disposed (dispose() while it ran): a failed run resolves with ok: false and its error.
// Made by createSandbox (the constructor is internal); a value, so `instanceof Sandbox` works.
export class Sandbox {
  private constructor();
  readonly examples: ExampleInfo[];
  readonly clock: Clock;
  readonly speed: number;
  readonly paused: boolean;
  run(exampleId: string, params?: Record<string, string | number>): Promise<RunResult>;
  runRecipe(recipe: Recipe): Promise<RunResult>;   // cancelled with a DeadlockError on a deadlock
  // A Python program (as `python3 FILE`), run to completion; a non-string source is a TypeError.
  runPython(source: string, options?: PythonOptions): Promise<PythonResult>;
  // A Python program as a run of the session: its tasks on the loop, timeline and trace, on the
  // session's clock; one at a time (InvalidState); Unsupported in the widget's lean module.
  spawnPython(source: string, options?: { filename?: string }): Promise<RunResult>;
  spawn(recipe: Recipe): number;                   // task id; throws RecipeError; stays on a deadlock
  // code/params: the reason as a message of Module.protocol().messages (a front end's own language).
  validate(recipe: Recipe): { ok: true } | { ok: false; path: string; reason: string; message: string; code?: string; params?: Record<string, string> };
  parseShareLink(fragment: string): ShareLink | null;  // throws ShareLinkError or RecipeError; Unsupported in the widget
  // A Python program ↔ the CODE of a "#py=CODE" link (base64url of its deflate-raw UTF-8 bytes):
  // at most 64 KiB of source; rejects with ShareLinkError key 'py'. Unsupported in the widget.
  encodePythonLink(source: string): Promise<string>;
  decodePythonLink(code: string): Promise<string>;
  // Node: aio::store::repair of the storage folder's store (the CLI's `store repair DIR`); rejects
  // with SandboxError type 'StoreError' (in use by a live owner, missing, not a store log).
  repairStore(): Promise<{ path: string; recordsKept: number; bytesDropped: number; damage: number[]; backup: string }>;
  cancel(taskId: number, message?: string): boolean;  // false: no live task with that id
  pause(): void;
  resume(): void;
  step(): StepResult;                              // exactly one loop tick of a paused loop
  setSpeed(speed: number): void;                  // both clocks; Infinity (virtual only) finishes the wait at once
  /** limit caps the ready, timers, io and tasks lists (cheap to poll while 100,000 tasks run). */
  snapshot(options?: { limit?: number }): Snapshot;
  reset(options?: Pick<SandboxOptions, 'clock' | 'speed' | 'paused' | 'limits' | 'http' | 'storage'>): void;  // other names: InvalidArgument
  on<K extends keyof SandboxEvents>(event: K, listener: (value: SandboxEvents[K]) => void): () => void;
  off<K extends keyof SandboxEvents>(event: K, listener: (value: SandboxEvents[K]) => void): void;
  trace(): TraceLog;
  exportTrace(log?: TraceLog, options?: { name?: string }): ChromeTrace;
  dispose(): void;                                 // pending runs reject (Disposed); every later call but dispose() throws it
}

export function createSandbox(options?: SandboxOptions): Promise<Sandbox>;
export function defaultHttpAllow(): string[];       // the default http.allow of this host
export function defaultStorageDir(): string;        // the default storage.dir of this host
export const STORAGE_STEPS: string[];               // the store and file step kinds (store_put, ..., read_file)
// Whether a recipe (JSON text or object) has a step of these kinds anywhere (false for invalid JSON).
export function recipeUses(recipe: string | object, kinds: string[]): boolean;

export class SandboxError extends Error {
  constructor(type: string, message: string, extra?: object);   // extra's fields are copied onto the error
  type: 'InvalidArgument' | 'InvalidState' | 'Disposed' | 'ModuleNotFound' | 'ModuleLoadError' | 'StorageError' | 'RecipeError' | 'Error' | string;
}
export class RecipeError extends SandboxError {
  constructor(message: string, path: string, reason: string);
  path: string;
  reason: string;
}
export class ShareLinkError extends SandboxError {
  constructor(message: string, key: string, reason: string);
  key: string;                  // the link's bad part: "ex", "p.delay", "py", "speed", "#" (the whole link)
  reason: string;
}

// The names of the event stream's codes (a code is a position), filled from the module's
// protocol() by the first createSandbox(); empty before that.
export const TRACE_KINDS: readonly string[];
export const SESSION_KINDS: Readonly<Record<number, string>>;
export const WAIT_KINDS: readonly string[];
export const OUTCOMES: readonly string[];
// {code: English template} of the messages the engine reports (recipe reasons, limit errors, deadlock report parts).
export const MESSAGES: Readonly<Record<string, string>>;
