// W6 queue: a bounded queue (maxsize 100), 1 producer, 4 consumers, N items. -> items/s
// Plain Node has no queue: a minimal one with asyncio.Queue's algorithm (FIFO getters/putters).
import { args, now, report } from './common.mjs';

const o = args(1000000);
const CONSUMERS = 4;

class Queue {
  constructor(maxsize) {
    this.maxsize = maxsize;
    this.items = [];
    this.getters = [];
    this.putters = [];
  }
  async put(v) {
    while (this.items.length >= this.maxsize) await new Promise((r) => this.putters.push(r));
    this.items.push(v);
    if (this.getters.length) this.getters.shift()();
  }
  async get() {
    while (this.items.length === 0) await new Promise((r) => this.getters.push(r));
    const v = this.items.shift();
    if (this.putters.length) this.putters.shift()();
    return v;
  }
}

async function producer(q, n) {
  for (let i = 0; i < n; ++i) await q.put(i);
  for (let c = 0; c < CONSUMERS; ++c) await q.put(-1); // one stop mark per consumer
}

async function consumer(q, total) {
  for (;;) {
    const v = await q.get();
    if (v < 0) break;
    total.sum += v;
  }
}

async function runQueue(n) {
  const start = now();
  const q = new Queue(100);
  const total = { sum: 0 };
  const tasks = [producer(q, n)];
  for (let c = 0; c < CONSUMERS; ++c) tasks.push(consumer(q, total));
  await Promise.all(tasks);
  const seconds = now() - start;
  if (total.sum !== (n * (n - 1)) / 2) throw new Error(`wrong sum ${total.sum}`);
  return seconds;
}

for (let i = 0; i < o.warmup; ++i) await runQueue(o.n);
report('W6', o.n, { seconds: await runQueue(o.n) });
