// W3 ping-pong: two async functions alternating sleep(0), N switches in total. -> switches/s
import { args, now, report } from './common.mjs';

const o = args(1000000);

async function player(turns) {
  for (let i = 0; i < turns; ++i) await o.sleep0();
}

async function pingPong(n) {
  const start = now();
  await Promise.all([player(n / 2), player(n / 2)]);
  return now() - start;
}

for (let i = 0; i < o.warmup; ++i) await pingPong(o.n);
report('W3', o.n, { seconds: await pingPong(o.n) });
