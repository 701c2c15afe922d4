// W7 HTTP: N GET requests of a server's /json, at most 100 in flight (100 async functions taking
// the next request until none is left), on Node's own fetch. -> requests per second
//
//   node w7_http.mjs [N] [--warmup K] --url http://127.0.0.1:PORT
import { now, report } from './common.mjs';

const o = { n: 1000, warmup: 1, url: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  if (argv[i] === '--warmup') o.warmup = Number(argv[++i]);
  else if (argv[i] === '--url') o.url = argv[++i];
  else o.n = Number(argv[i]);
}
if (!o.url) {
  console.error('usage: node w7_http.mjs [N] [--warmup K] --url http://127.0.0.1:PORT');
  process.exit(2);
}
const inFlight = 100;

async function fetchAll(n) {
  let next = 0;
  async function client() {
    while (next < n) {
      ++next;
      const r = await fetch(new URL('/json', o.url));
      if (r.status !== 200) throw new Error(`GET /json: status ${r.status}`);
      await r.text();
    }
  }
  const start = now();
  await Promise.all(Array.from({ length: inFlight }, client));
  return now() - start;
}

for (let i = 0; i < o.warmup; ++i) await fetchAll(o.n);
report('W7', o.n, { seconds: await fetchAll(o.n) });
