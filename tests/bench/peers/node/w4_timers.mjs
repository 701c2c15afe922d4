// W4 timers: N async calls each sleep a seeded-random delay in [0, 1 s] with setTimeout (Minstd:
// the same delays in every peer). -> overhead = wall - longest delay, mean / max lateness.
import { Minstd, args, now, report } from './common.mjs';

const o = args(100000);
let lateSum = 0;
let lateMax = 0;

async function sleeper(delay) {
  const start = now();
  await new Promise((resolve) => setTimeout(resolve, delay * 1e3));
  const late = now() - start - delay;
  lateSum += late;
  lateMax = Math.max(lateMax, late);
}

const rng = new Minstd();
const delays = Array.from({ length: o.n }, () => rng.next());
const start = now();
const tasks = [];
for (const d of delays) tasks.push(sleeper(d));
await Promise.all(tasks);
const wall = now() - start;
report('W4', o.n, {
  seconds: wall,
  overhead_ms: (wall - Math.max(...delays)) * 1e3,
  mean_late_ms: (lateSum / o.n) * 1e3,
  max_late_ms: lateMax * 1e3,
});
