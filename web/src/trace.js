// The event log (format "aio-sandbox-trace", version 1) and its export to the Chrome Trace Event
// Format, which Perfetto (ui.perfetto.dev) and chrome://tracing open.
//
// Export mapping:
// - every task is an async b/e pair (cat "task", id = task id) named after the task, from its
//   creation to its end (args: outcome, error); while it is suspended a nested b/e pair
//   "await <what>" shows what it waits on, so the track reads ran-vs-waited at a glance;
// - every loop tick is an X slice "tick N" on the "event loop" thread, and every task step an X
//   slice (the task's name) inside it;
// - flow arrows (s/f, cat "flow") go from a spawn to the child's first step, from a timer firing
//   to the sleeper's resumption, and from a task's end to the steps of the tasks awaiting it;
// - M events name the process and the thread.
// Tasks still alive at the end of the log are closed at its last timestamp (outcome "pending"),
// so every b has its e.

export const TRACE_FORMAT = 'aio-sandbox-trace';
export const TRACE_VERSION = 1;

export function makeLog(events, meta = {}) {
  return { format: TRACE_FORMAT, version: TRACE_VERSION, ...meta, events };
}

const PID = 1;
const LOOP_TID = 1;

export function toChromeTrace(logOrEvents, { name = 'aio sandbox' } = {}) {
  const events = Array.isArray(logOrEvents) ? logOrEvents : logOrEvents.events;
  const out = [];
  const us = (seconds) => Math.round(seconds * 1e9) / 1e3;  // µs, ns precision
  out.push({ ph: 'M', pid: PID, name: 'process_name', args: { name } });
  out.push({ ph: 'M', pid: PID, tid: LOOP_TID, name: 'thread_name', args: { name: 'event loop' } });
  out.push({ ph: 'M', pid: PID, tid: LOOP_TID, name: 'thread_sort_index', args: { sort_index: 0 } });

  const names = new Map();      // task id -> name
  const labels = new Map();     // task id -> the name its lane was given (task_label: the task's call)
  for (const e of events) if (e.kind === 'task_label') labels.set(e.task, e.text);
  const open = new Map();       // task id -> {awaiting: label|null}
  const steps = new Map();      // task id -> step start (µs)
  const pendingFlows = new Map();  // task id -> [flow ids] to finish at its next step
  const awaiters = new Map();   // awaited task id -> Set of waiting task ids
  let flowId = 0;
  let tickStart = null;
  let tickNo = 0;
  let tickReady = 0;
  let last = 0;

  const flowFrom = (ts, target, label) => {
    const id = ++flowId;
    out.push({ ph: 's', pid: PID, tid: LOOP_TID, cat: 'flow', name: label, id, ts });
    if (!pendingFlows.has(target)) pendingFlows.set(target, []);
    pendingFlows.get(target).push({ id, label });
  };
  const endAwait = (task, ts) => {
    const state = open.get(task);
    if (state && state.awaiting !== null) {
      out.push({ ph: 'e', pid: PID, cat: 'task', id: task, name: state.awaiting, ts });
      state.awaiting = null;
    }
  };
  const endStep = (task, ts) => {
    const start = steps.get(task);
    if (start === undefined) return;
    steps.delete(task);
    out.push({ ph: 'X', pid: PID, tid: LOOP_TID, cat: 'step', name: names.get(task) ?? `Task-${task}`,
               ts: start, dur: Math.max(0, ts - start), args: { task } });
  };

  for (const e of events) {
    const ts = us(e.time);
    last = Math.max(last, ts);
    switch (e.kind) {
      case 'tick_begin':
        tickStart = ts; tickNo = e.tick; tickReady = e.value ?? 0;
        break;
      case 'tick_end':
        if (tickStart !== null) {
          out.push({ ph: 'X', pid: PID, tid: LOOP_TID, cat: 'loop', name: `tick ${tickNo}`, ts: tickStart,
                     dur: Math.max(0, ts - tickStart), args: { tick: tickNo, ready: tickReady } });
        }
        tickStart = null;
        break;
      case 'task_created': {
        const name = labels.get(e.task) ?? e.text ?? `Task-${e.task}`;
        names.set(e.task, name);
        open.set(e.task, { awaiting: null });
        out.push({ ph: 'b', pid: PID, cat: 'task', id: e.task, name, ts, args: { id: e.task, parent: e.other ?? 0 } });
        flowFrom(ts, e.task, 'spawn');
        break;
      }
      case 'task_started':
      case 'task_resumed': {
        endAwait(e.task, ts);
        steps.set(e.task, ts);
        for (const f of pendingFlows.get(e.task) ?? [])
          out.push({ ph: 'f', bp: 'e', pid: PID, tid: LOOP_TID, cat: 'flow', name: f.label, id: f.id, ts });
        pendingFlows.delete(e.task);
        break;
      }
      case 'task_suspended': {
        endStep(e.task, ts);
        const state = open.get(e.task);
        if (state) {
          const label = `await ${e.text || e.wait || 'yield'}`;
          state.awaiting = label;
          out.push({ ph: 'b', pid: PID, cat: 'task', id: e.task, name: label, ts,
                     args: { wait: e.wait ?? 'none', on: e.other ?? null } });
        }
        if (e.other && (e.wait === 'task' || e.wait === 'future')) {
          if (!awaiters.has(e.other)) awaiters.set(e.other, new Set());
          awaiters.get(e.other).add(e.task);
        }
        break;
      }
      case 'timer_fired':
        if (e.task) flowFrom(ts, e.task, 'wake (timer)');
        break;
      case 'task_finished': {
        endStep(e.task, ts);
        endAwait(e.task, ts);
        if (open.has(e.task)) {
          const args = { outcome: e.result ?? 'value' };
          if (e.text) args.error = e.text;
          out.push({ ph: 'e', pid: PID, cat: 'task', id: e.task, name: names.get(e.task), ts, args });
          open.delete(e.task);
        }
        for (const waiter of awaiters.get(e.task) ?? []) flowFrom(ts, waiter, 'wake (task done)');
        awaiters.delete(e.task);
        break;
      }
      case 'output':
        out.push({ ph: 'i', s: 't', pid: PID, tid: LOOP_TID, cat: 'output', name: e.text, ts,
                   args: { task: e.task ?? 0 } });
        break;
      case 'error':
      case 'deadlock':
        out.push({ ph: 'i', s: 'p', pid: PID, tid: LOOP_TID, cat: e.kind, name: e.kind, ts, args: { text: e.text } });
        break;
      default:
        break;
    }
  }
  // Close whatever is still open so every b has its e.
  for (const [task] of steps) endStep(task, last);
  for (const [task] of open) {
    endAwait(task, last);
    out.push({ ph: 'e', pid: PID, cat: 'task', id: task, name: names.get(task), ts: last, args: { outcome: 'pending' } });
  }
  // Flows whose target never ran again are dropped (an s without its f is harmless, but tidy).
  const finished = new Set(out.filter((x) => x.ph === 'f').map((x) => x.id));
  return { traceEvents: out.filter((x) => x.ph !== 's' || finished.has(x.id)), displayTimeUnit: 'ms' };
}

// The one fold of the event stream into per-task lanes that every timeline shares (the page's,
// the widget's, the CLI's through taskIntervals), so they cannot disagree. Incremental: add()
// takes each batch as it comes, never re-scanning the log (100,000 tasks). A lane's segments are
// parallel arrays: from[i] (s), run[i] (1 running, 0 awaiting), label[i] (what it awaits;
// 'ready' before its first step); segment i lasts until from[i + 1], the last one until the
// task's end (or the latest time seen, t1). A segment of zero length gives way to the next.
// cancels (only on a lane that had one): when its cancellation was requested (Task.cancel(), a
// timeout), which a task may survive — e.g. wait_for's timed-out work in the task that awaits it.
// stuck (only on a lane the deadlock report names): {at, on, wait} — when the loop stalled, what the
// task waited on ("lock 'b'", "event", "queue.get", "task 'A'") and the same as the report's message
// ({code, params}, for a front end that shows it in its language); a wait that began at the stall
// lasts no time, so no segment would show it (the cancelled run resumes the task at once).
// With {byStep: true} an event's "time" is its place among the task events (0, 1, 2, …): the
// lanes of a run whose clock never moves, spaced by the order things happened in.
export class TaskFold {
  constructor({ byStep = false } = {}) {
    this.byStep = byStep;
    this.clear();
  }

  clear() {
    this.tasks = new Map();
    this.t0 = Infinity;        // the first task's creation
    this.t1 = -Infinity;       // the latest event time
    this.steps = 0;            // task events folded so far
    this.version = 0;          // bumps on every add() with events
  }

  created(task) {}             // a subclass places each new lane (e.g. under its parent)

  add(events) {
    for (let i = 0; i < events.length; ++i) {
      const e = events[i];
      const kind = e.kind;
      if (kind === 'task_label') {  // a lane named by its call: task_func('A', 1), worker (Task-3)
        const t = this.tasks.get(e.task);
        if (t) t.name = e.text;
        continue;
      }
      if (kind === 'deadlock') {   // each stuck task's wait, from the report (its zero-length wait is no segment)
        for (const w of JSON.parse(e.text).waiting ?? []) {
          const t = this.tasks.get(w.task);
          if (t) t.stuck = { at: this.byStep ? this.steps : e.time, on: w.waits_on, wait: w.messages?.wait };
        }
        continue;
      }
      if (kind !== 'task_created' && kind !== 'task_started' && kind !== 'task_resumed' && kind !== 'task_suspended' &&
          kind !== 'task_finished' && kind !== 'task_cancel_requested') {
        if (!this.byStep && e.time > this.t1) this.t1 = e.time;   // time passes in other events too
        continue;
      }
      const time = this.byStep ? this.steps : e.time;
      this.steps++;
      if (time > this.t1) this.t1 = time;
      if (kind === 'task_created') {
        const t = { task: e.task, name: e.text ?? `Task-${e.task}`, parent: e.other ?? 0, start: time, end: null,
                    outcome: null, error: null, from: [time], run: [0], label: ['ready'], depth: 0 };
        this.tasks.set(e.task, t);
        if (time < this.t0) this.t0 = time;
        this.created(t);
        continue;
      }
      const t = this.tasks.get(e.task);
      if (!t) continue;
      if (kind === 'task_cancel_requested') {
        (t.cancels ??= []).push(time);
      } else if (kind === 'task_finished') {
        t.end = time;
        t.outcome = e.result ?? 'value';
        if (e.text) t.error = e.text;
      } else {
        const running = kind === 'task_suspended' ? 0 : 1;
        const label = running ? '' : e.text || e.wait || 'yield';
        const n = t.from.length - 1;
        if (t.from[n] === time && n > 0) {
          t.run[n] = running;
          t.label[n] = label;
        } else {
          t.from.push(time);
          t.run.push(running);
          t.label.push(label);
        }
      }
    }
    if (events.length) this.version++;
  }
}

// Per-task intervals for timelines: [{task, name, parent, start, end, outcome, error?, segments:
// [{from, to, state: 'run'|'wait', label}]}], times in seconds (TaskFold's lanes, as objects).
export function taskIntervals(logOrEvents) {
  const fold = new TaskFold();
  fold.add(Array.isArray(logOrEvents) ? logOrEvents : logOrEvents.events);
  return [...fold.tasks.values()].map((t) => {
    const n = t.from.length;
    const segments = t.from.map((from, i) => ({ from, to: i + 1 < n ? t.from[i + 1] : t.end ?? fold.t1,
                                                 state: t.run[i] ? 'run' : 'wait', label: t.label[i] }));
    const out = { task: t.task, name: t.name, parent: t.parent, start: t.start, end: t.end, outcome: t.outcome, segments };
    if (t.error) out.error = t.error;
    if (t.cancels) out.cancels = t.cancels;
    if (t.stuck) out.stuck = t.stuck;
    return out;
  });
}
