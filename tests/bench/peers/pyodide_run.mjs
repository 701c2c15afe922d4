// Runs a Python peer (tests/bench/peers/python/SCRIPT.py) in Pyodide under Node:
//   AIO_BENCH_NODE_MODULES=DIR node pyodide_run.mjs SCRIPT.py [ARGS...]
// DIR holds node_modules/pyodide (tools/bench installs it into a cache outside the repo).
// Pyodide's event loop is JavaScript's, so asyncio.run() is unavailable on Node 20: the script
// is loaded as a module (its `asyncio.run` line is skipped on sys.platform "emscripten") and its
// main(argv) runs as a task created on Pyodide's loop, awaited from runPythonAsync.
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...argv] = process.argv.slice(2);
const modules = process.env.AIO_BENCH_NODE_MODULES;
if (!script || !modules) throw new Error('usage: AIO_BENCH_NODE_MODULES=DIR node pyodide_run.mjs SCRIPT.py [ARGS]');
const { loadPyodide } = await import(pathToFileURL(join(modules, 'pyodide', 'pyodide.mjs')).href);
// Node 20 (V8 11.3) aborts in the deoptimizer ("Fatal error ... unreachable code") when JS-to-wasm
// calls are inlined while Pyodide runs many tasks: run with --no-turbo-inline-js-wasm-calls.
const py = await loadPyodide();
const folder = dirname(resolve(script));
py.FS.mkdirTree('/bench');
for (const f of ['common.py', basename(script)]) py.FS.writeFile(`/bench/${f}`, readFileSync(join(folder, f)));
py.globals.set('bench_argv', py.toPy(argv));
py.globals.set('bench_script', `/bench/${basename(script)}`);
await py.runPythonAsync(`
import asyncio, runpy, sys
sys.path.insert(0, "/bench")
module = runpy.run_path(bench_script, run_name="bench")
await asyncio.get_event_loop().create_task(module["main"](list(bench_argv)))
`);
process.exit(0);
