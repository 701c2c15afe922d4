// W2 spawn + gather: N async calls each sleep(0) once and return i, Promise.all. -> tasks/s
import { args, now, report } from './common.mjs';

const o = args(1000000);

async function one(i) {
  await o.sleep0();
  return i;
}

async function spawnGather(n) {
  const start = now();
  const tasks = [];
  for (let i = 0; i < n; ++i) tasks.push(one(i));
  const results = await Promise.all(tasks);
  const seconds = now() - start;
  let sum = 0;
  for (const v of results) sum += v;
  if (sum !== (n * (n - 1)) / 2) throw new Error(`wrong sum ${sum}`);
  return seconds;
}

for (let i = 0; i < o.warmup; ++i) await spawnGather(o.n);
report('W2', o.n, { seconds: await spawnGather(o.n) });
