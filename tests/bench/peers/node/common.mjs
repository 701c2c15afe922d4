// Shared by the Node peers: plain async functions and Promise.all, no runtime. Same output
// protocol as tests/bench/bench.hpp:  BENCH {"w":"W2","n":...,"seconds":...}
//
//   node wN_NAME.mjs [N] [--warmup K] [--immediate]
//
// sleep(0) has two forms: the default is a microtask (`await null`), --immediate yields to the
// macrotask queue (`await new Promise(r => setImmediate(r))`), as a sleep(0) that lets I/O run.

export const now = () => performance.now() / 1e3;

export function args(defaultN) {
  const o = { n: defaultN, warmup: 1, immediate: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--warmup') o.warmup = Number(argv[++i]);
    else if (argv[i] === '--immediate') o.immediate = true;
    else o.n = Number(argv[i]);
  }
  o.sleep0 = o.immediate ? () => new Promise((resolve) => setImmediate(resolve)) : () => null;
  return o;
}

export function report(w, n, fields) {
  console.log('BENCH ' + JSON.stringify({ w, n, ...fields }));
}

// x = x * 48271 mod 2^31-1 (exact in doubles): the same delays in every peer.
export class Minstd {
  constructor(seed = 42) { this.x = seed; }
  next() {
    this.x = (this.x * 48271) % 2147483647;
    return this.x / 2147483647;
  }
}
