// W5 memory (run with node --expose-gc): N async calls pending on one event -> bytes per pending
// task (V8 heapUsed after gc), then the time to cancel them all and see them finish.
// Plain Node has neither events nor cancellation: a minimal Event whose wait() a task can cancel.
import { args, now, report } from './common.mjs';

const o = args(100000);

class CancelledError extends Error {}

class Task {
  constructor(fn) {
    this.cancelWait = null;
    this.promise = fn(this);
  }
  cancel() {
    if (this.cancelWait) this.cancelWait(new CancelledError());
  }
}

class Event {
  constructor() {
    this.flag = false;
    this.waiters = new Set();
  }
  wait(task) {
    if (this.flag) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = { resolve };
      this.waiters.add(w);
      task.cancelWait = (err) => {
        this.waiters.delete(w);
        reject(err);
      };
    });
  }
  set() {
    this.flag = true;
    for (const w of this.waiters) w.resolve();
    this.waiters.clear();
  }
}

async function waiter(event, task) {
  await event.wait(task);
}

const never = new Event();
const tasks = [];
await null;
globalThis.gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < o.n; ++i) tasks.push(new Task((t) => waiter(never, t)));
await null; // every task is now suspended on the event
globalThis.gc();
const perTask = (process.memoryUsage().heapUsed - before) / o.n;
const start = now();
for (const t of tasks) t.cancel();
const outcomes = await Promise.allSettled(tasks.map((t) => t.promise)); // each: CancelledError
if (!outcomes.every((o) => o.reason instanceof CancelledError)) throw new Error('not all cancelled');
report('W5', o.n, { bytes_per_task: perTask, cancel_ms: (now() - start) * 1e3 });
