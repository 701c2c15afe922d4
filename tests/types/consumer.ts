// A TypeScript consumer of every export of the aio-sandbox package (".", "./trace", "./widget"), imported
// by package name as a user would (resolved through web/package.json's "exports"). It is
// type-checked, never run, by tests/node/types.test.mjs: a declaration that drifts from the code
// shows here as a type error; the `@ts-expect-error` lines fail if the types become too loose.
import {
  createSandbox, defaultHttpAllow, defaultStorageDir, recipeUses, STORAGE_STEPS,
  Sandbox, SandboxError, RecipeError, ShareLinkError,
  toChromeTrace, taskIntervals, makeLog, TRACE_KINDS, SESSION_KINDS, WAIT_KINDS, OUTCOMES,
} from 'aio-sandbox';
import type {
  SandboxOptions, Limits, RunResult, PythonResult, ShareLink, Snapshot, TaskInfo, DeadlockReport,
  TraceEvent, TraceLog, WaitKind, ChromeTrace, TaskInterval, Stuck, Clock,
} from 'aio-sandbox';
import * as trace from 'aio-sandbox/trace';
import type { AioSandboxElement } from 'aio-sandbox/widget';

export async function everyExport(): Promise<void> {
  const limits: Partial<Limits> = { max_tasks: 10, max_output_lines: 5 };
  const options: SandboxOptions = { clock: 'virtual', speed: Infinity, paused: false, limits,
                                    http: { allow: defaultHttpAllow() }, storage: { dir: defaultStorageDir() } };
  const sb: Sandbox = await createSandbox(options);
  if (!(sb instanceof Sandbox)) throw new Error('Sandbox is a value');

  const run: RunResult = await sb.run('gather', { count: 2, first: '1' });
  const lines: string[] = run.output;
  const kind: 'example' | 'recipe' | 'python' = run.kind;
  const tasks: number = run.tasks;
  const failed: string | undefined = run.error?.message;
  const events: TraceEvent[] = run.trace.events;
  void [lines, kind, tasks, failed, events];

  await sb.runRecipe({ main: [{ sleep: 1 }] });
  const id: number = sb.spawn('{"main": [{"print": "hi"}]}');
  const checked = sb.validate({ main: [] });
  if (!checked.ok) void (checked.path + checked.reason);
  const py: PythonResult = await sb.runPython('print(1)', { filename: 'a.py', clock: 'real' });
  const hosted: RunResult = await sb.spawnPython('print(2)', { filename: 'b.py' });
  void [id, py.status + py.stdout + py.stderr, hosted.ok];

  const link: ShareLink | null = sb.parseShareLink('#ex=gather');
  if (link?.mode === 'example') void link.params;
  else if (link?.mode === 'recipe') void link.recipe;
  else if (link?.mode === 'python') void (await sb.decodePythonLink(link.python)).length;
  const code: string = await sb.encodePythonLink('print("分享")');
  void code;

  const repaired = await sb.repairStore();
  void repaired.recordsKept;
  const cancelled: boolean = sb.cancel(id, 'stop');
  sb.pause();
  const step = sb.step();
  sb.resume();
  sb.setSpeed(2);
  const snap: Snapshot = sb.snapshot({ limit: 10 });
  const first: TaskInfo | undefined = snap.tasks[0];
  const deadlock: DeadlockReport | null = snap.deadlock;
  void [cancelled, step.tick, first?.awaits?.what, deadlock?.message, sb.examples[0]?.id, sb.clock, sb.speed, sb.paused];

  const off = sb.on('output', (o) => void (o.text + (o.stream ?? '')));
  sb.on('done', (r: RunResult) => void r.status);
  sb.on('deadlock', (d: DeadlockReport) => void d.cycle);
  sb.off('batch', (b: TraceEvent[]) => void b.length);
  off();
  const log: TraceLog = sb.trace();
  const chrome: ChromeTrace = sb.exportTrace(log, { name: 'x' });
  sb.reset({ clock: 'real', speed: 1 });
  sb.dispose();

  const intervals: TaskInterval[] = taskIntervals(makeLog(log.events, { clock: 'virtual' as Clock }));
  void [chrome.traceEvents, toChromeTrace(log).displayTimeUnit, intervals[0]?.segments];
  const stuck: Stuck | undefined = intervals[0]?.stuck;
  void [stuck?.on, stuck?.wait?.code, stuck?.wait?.params['name']];
  void [TRACE_KINDS[0], SESSION_KINDS[32], WAIT_KINDS[2], OUTCOMES[1], STORAGE_STEPS[0], recipeUses(log, ['sleep'])];

  // The "./trace" subpath: its own constants, and the same functions.
  const format: 'aio-sandbox-trace' = trace.TRACE_FORMAT;
  const version: 1 = trace.TRACE_VERSION;
  const again: TraceLog = trace.makeLog([]);
  void [format, version, trace.toChromeTrace(again), trace.taskIntervals(again.events)];
  class Lanes extends trace.TaskFold {
    roots: trace.TaskLane[] = [];
    override created(lane: trace.TaskLane): void { if (!lane.parent) this.roots.push(lane); }
  }
  const lanes = new Lanes();
  lanes.add(again.events);
  const lane = lanes.tasks.get(1);
  void [lanes.t0, lanes.t1, lanes.version, lane?.from[0], lane?.run[0] === 1, lane?.label[0], lane?.error];
  lanes.clear();
  const bySteps = new trace.TaskFold({ byStep: true });
  void [bySteps.byStep, bySteps.steps];

  // The errors are constructible (a tool may raise them) and keep their fields.
  const errors = [new SandboxError('InvalidArgument', 'bad'), new RecipeError('$.main: bad', '$.main', 'bad'),
                  new ShareLinkError('ex: bad', 'ex', 'bad')];
  for (const e of errors) {
    if (e instanceof RecipeError) void e.path;
    else if (e instanceof ShareLinkError) void e.key;
    else void e.type;
  }
}

// The <aio-sandbox> element, typed by its tag once "./widget"'s declarations are in.
export async function theWidget(): Promise<void> {
  const element: AioSandboxElement | null = document.querySelector('aio-sandbox');
  if (!element || element.python) return;
  const result: RunResult = await element.run();
  const events: TraceLog | null = element.trace;
  element.addEventListener('aio-done', (e) => { const done: RunResult = e.detail; void done; });
  // @ts-expect-error run() resolves to a RunResult, not its output text
  const text: string = await element.run();
  void [result, events, text];
}

export function tooLoose(sb: Sandbox): void {
  // @ts-expect-error a Sandbox comes from createSandbox
  void new Sandbox();
  // @ts-expect-error the runtime never emits a 'gather' wait
  const wait: WaitKind = 'gather';
  // @ts-expect-error option names are checked (a misspelt limit)
  const misspelt: SandboxOptions = { limits: { max_stesp: 1 } };
  // @ts-expect-error there is no 'tick' event
  sb.on('tick', () => {});
  void [wait, misspelt];
}
