// Type declarations of the trace helpers (src/trace.js: the "./trace" subpath, also re-exported
// by the main entry except TRACE_FORMAT and TRACE_VERSION).

export type Clock = 'virtual' | 'real';

// <protocol:kinds> generated from the C++ tables by web/tools/protocol.mjs: do not edit by hand
export type TraceKind =
  | 'tick_begin' | 'tick_end' | 'task_created' | 'task_started' | 'task_resumed' | 'task_suspended'
  | 'task_finished' | 'task_cancel_requested' | 'timer_armed' | 'timer_fired' | 'timer_cancelled'
  | 'callback_run' | 'slow_step' | 'host_wake' | 'thread_fallback' | 'output' | 'error' | 'log' | 'run_done'
  | 'deadlock' | 'task_label' | 'message';
export type WaitKind =
  | 'yield' | 'sleep' | 'future' | 'task' | 'primitive' | 'host_io' | 'thread';
export type Outcome =
  | 'value' | 'exception' | 'cancelled';
// </protocol:kinds>

// One entry of the event log (format 'aio-sandbox-trace', version 1); absent = zero / none.
export interface TraceEvent {
  kind: TraceKind;
  tick: number;         // loop tick counter
  time: number;         // loop time, seconds
  task?: number;        // the task it is about
  other?: number;       // parent (task_created), awaited task (task_suspended), run id (output)
  wait?: WaitKind;      // task_suspended: on what
  result?: Outcome;     // task_finished, run_done
  deadline?: number;    // seconds: timers, suspensions with a deadline
  value?: number;       // ready items (tick_begin), ns (slow_step), exit status (run_done)
  text?: string;        // name, wait label, error, output line, deadlock report (JSON)
}

export interface TraceLog {
  format: 'aio-sandbox-trace';
  version: 1;
  clock?: Clock;
  title?: string;
  events: TraceEvent[];
}

export interface ChromeTrace {
  traceEvents: Array<{ ph: 'M' | 'X' | 'b' | 'e' | 's' | 'f' | 'i'; name: string; pid: number; tid?: number;
                       ts?: number; dur?: number; id?: number; cat?: string; bp?: 'e'; s?: string; args?: object }>;
  displayTimeUnit: 'ms';
}

// What a timeline knows of a task: its lane's identity and how it ended (null: not yet).
export interface TaskSummary {
  task: number;
  name: string;                 // its name, or a Python task's call (task_label)
  parent: number;
  start: number;
  end: number | null;
  outcome: Outcome | null;
}

// A deadlocked lane (from the deadlock report): when the loop stalled, what the task waited on, and
// the same as a message of Module.protocol().messages ("wait.resource", {kind: "lock", name: "b"}).
export interface Stuck {
  at: number;
  on: string;
  wait?: { code: string; params: Record<string, string> };
}

export interface TaskInterval extends TaskSummary {
  error?: string;
  cancels?: number[];           // when its cancellation was requested (Task.cancel(), a timeout)
  stuck?: Stuck;
  segments: { from: number; to: number; state: 'run' | 'wait'; label: string }[];
}

// A task's lane as TaskFold keeps it: segment i starts at from[i], running if run[i] is 1 (else
// awaiting label[i]), and lasts until from[i + 1] — the last one until end (or the fold's t1).
export interface TaskLane extends TaskSummary {
  error: string | null;
  from: number[];
  run: (0 | 1)[];
  label: string[];
  depth: number;
  cancels?: number[];           // when its cancellation was requested (a task may survive one)
  stuck?: Stuck;
}

// The one fold of the event stream into lanes that every timeline shares; add() takes batches as
// they come (incremental). taskIntervals is this fold as objects. With {byStep: true} a time is the
// event's place among the task events (0, 1, 2, …): lanes for a run whose loop time never moves.
export class TaskFold {
  constructor(options?: { byStep?: boolean });
  readonly byStep: boolean;
  tasks: Map<number, TaskLane>;
  t0: number;                   // the first task's creation (Infinity: none yet)
  t1: number;                   // the latest event time (-Infinity: none yet)
  steps: number;                // task events folded so far
  version: number;              // bumps on every add() with events
  clear(): void;
  created(task: TaskLane): void;   // a subclass places each new lane
  add(events: TraceEvent[]): void;
}

export const TRACE_FORMAT: 'aio-sandbox-trace';
export const TRACE_VERSION: 1;
export function makeLog(events: TraceEvent[], meta?: { clock?: Clock; title?: string }): TraceLog;
export function toChromeTrace(log: TraceLog | TraceEvent[], options?: { name?: string }): ChromeTrace;
export function taskIntervals(log: TraceLog | TraceEvent[]): TaskInterval[];
