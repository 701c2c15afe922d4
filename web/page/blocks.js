// Recipe building blocks for the page's editor: each block is a snippet of the recipe format
// (web/recipe.md) that is appended to the recipe's main task, with the resources it needs and
// task names made unique, so the result always validates and can be launched at once.
const N = '#';   // stands for the block's number in names (worker#, lock#)

export const BLOCKS = [
  { id: 'sleep', steps: [{ sleep: 1 }] },
  { id: 'print', steps: [{ print: 'hello' }] },
  { id: 'cpu', steps: [{ cpu: 300 }] },
  { id: 'to_thread', steps: [{ to_thread: 300 }] },
  { id: 'spawn', steps: [{ spawn: { name: `child${N}`, steps: [{ sleep: 1 }, { print: 'child done' }] } }, { await: `child${N}` }] },
  { id: 'gather', steps: [{ gather: [{ name: `a${N}`, steps: [{ sleep: 1 }] }, { name: `b${N}`, steps: [{ sleep: 2 }] }] }] },
  { id: 'wait', steps: [{ wait: [{ name: `quick${N}`, steps: [{ sleep: 0.5 }] }, { name: `slow${N}`, steps: [{ sleep: 2 }] }], return_when: 'FIRST_COMPLETED' }] },
  { id: 'as_completed', steps: [{ as_completed: [{ name: `two${N}`, steps: [{ sleep: 2 }] }, { name: `one${N}`, steps: [{ sleep: 1 }] }] }] },
  // wait_for raises TimeoutError: inside its own task, so the recipe's main task goes on.
  { id: 'wait_for', steps: [{ spawn: { name: `timed${N}`, steps: [{ wait_for: { name: `slow_call${N}`, steps: [{ sleep: 3 }] }, timeout: 1 }] } }] },
  { id: 'task_group', steps: [{ task_group: [{ name: `g1_${N}`, steps: [{ sleep: 1 }] }, { name: `g2_${N}`, steps: [{ sleep: 1.5 }] }] }] },
  { id: 'cancel', steps: [{ spawn: { name: `slow${N}`, steps: [{ sleep: 10 }, { print: 'never printed' }] } }, { sleep: 0.5 }, { cancel: `slow${N}` }] },
  { id: 'raise', steps: [{ gather: [{ name: `ok${N}`, steps: [{ sleep: 1 }] }, { name: `bad${N}`, steps: [{ sleep: 0.5 }, { raise: 'boom' }] }], return_exceptions: true }] },
  { id: 'lock', resources: { locks: [`lock${N}`] }, steps: [
    { spawn: { name: `writer${N}`, steps: [{ with: `lock${N}`, steps: [{ sleep: 1 }, { print: 'wrote' }] }] } },
    { with: `lock${N}`, steps: [{ sleep: 0.5 }, { print: 'main holds the lock' }] }] },
  { id: 'acquire', resources: { locks: [`mutex${N}`] }, steps: [{ acquire: `mutex${N}` }, { print: 'have the lock' }, { sleep: 0.5 }, { release: `mutex${N}` }] },
  { id: 'event', resources: { events: [`ready${N}`] }, steps: [
    { spawn: { name: `waiter${N}`, steps: [{ wait_event: `ready${N}` }, { print: 'go!' }] } },
    { sleep: 1 }, { set: `ready${N}` }, { await: `waiter${N}` }, { clear: `ready${N}` }] },
  { id: 'semaphore', resources: { semaphores: { [`pool${N}`]: 2 } }, steps: [{ task_group: [1, 2, 3].map((i) =>
    ({ name: `user${i}_${N}`, steps: [{ with: `pool${N}`, steps: [{ sleep: 1 }] }] })) }] },
  { id: 'queue', resources: { queues: { [`jobs${N}`]: 2 } }, steps: [
    { spawn: { name: `producer${N}`, steps: [{ repeat: 3, steps: [{ put: `jobs${N}`, value: 'job' }, { sleep: 0.2 }] }] } },
    { spawn: { name: `consumer${N}`, steps: [{ repeat: 3, steps: [{ get: `jobs${N}` }, { sleep: 0.5 }] }] } },
    { await: `consumer${N}` }] },
  // The sandbox's storage folder persists (IndexedDB): each launch or reload adds to what is there.
  { id: 'store', steps: [{ store_put: `visit${N}`, value: { page: 'sandbox', n: 1 } }, { store_get: `visit${N}` }] },
  { id: 'file', steps: [{ write_file: 'notes.txt', text: 'a line from the sandbox\n', append: true }, { read_file: 'notes.txt' }] },
];

// The step kinds no block shows, and why; tests/node/protocol.test.mjs fails when a step kind of
// the protocol is neither in a block nor here, so a new kind gets a block or a reason.
export const NOT_IN_PALETTE = {
  http: 'needs an origin on the HTTP allow-list, which depends on where the page is served',
  store_delete: "the store block's entries are meant to pile up across reloads",
};

// Every task and resource name used in a recipe.
function namesIn(recipe) {
  const names = new Set();
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.name === 'string') names.add(v.name);
      Object.values(v).forEach(walk);
    }
  };
  walk(recipe.main);
  const r = recipe.resources ?? {};
  for (const n of [...(r.locks ?? []), ...(r.events ?? [])]) names.add(n);
  for (const n of [...Object.keys(r.semaphores ?? {}), ...Object.keys(r.queues ?? {})]) names.add(n);
  return names;
}

// Returns a new recipe: `recipe` (an object) with the block appended to its main task.
export function addBlock(recipe, block) {
  const out = structuredClone(recipe ?? {});
  if (!out.main) out.main = [];
  const steps = Array.isArray(out.main) ? out.main : (out.main.steps ??= []);
  const used = namesIn(out);
  const text = JSON.stringify({ resources: block.resources ?? {}, steps: block.steps });
  let n = 1;
  const fits = (k) => [...text.matchAll(/"([^"]*#[^"]*)"/g)].every(([, name]) => !used.has(name.replaceAll(N, String(k))));
  while (!fits(n)) ++n;
  const filled = JSON.parse(text.replaceAll(N, String(n)));
  steps.push(...filled.steps);
  const res = filled.resources;
  if (Object.keys(res).length) {
    out.resources ??= {};
    for (const kind of ['locks', 'events']) if (res[kind]) out.resources[kind] = [...(out.resources[kind] ?? []), ...res[kind]];
    for (const kind of ['semaphores', 'queues']) if (res[kind]) out.resources[kind] = { ...(out.resources[kind] ?? {}), ...res[kind] };
  }
  return out;
}
