// Runs a Python peer (tests/bench/peers/python/SCRIPT.py) in MicroPython's webassembly port under
// Node:  AIO_BENCH_NODE_MODULES=DIR node micropython_run.mjs SCRIPT.py [ARGS...]
// DIR holds node_modules/@micropython/micropython-webassembly-pyscript. The port's asyncio runs on
// JavaScript's event loop: the script's `asyncio.run` line is skipped (sys.platform
// "webassembly") and main(argv) is awaited from runPythonAsync. Heap: AIO_BENCH_MP_HEAP_MB (default 1024).
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [script, ...argv] = process.argv.slice(2);
const modules = process.env.AIO_BENCH_NODE_MODULES;
if (!script || !modules) throw new Error('usage: AIO_BENCH_NODE_MODULES=DIR node micropython_run.mjs SCRIPT.py [ARGS]');
const pkg = join(modules, '@micropython', 'micropython-webassembly-pyscript', 'micropython.mjs');
const { loadMicroPython } = await import(pathToFileURL(pkg).href);
const heapMb = Number(process.env.AIO_BENCH_MP_HEAP_MB || 1024);
// gather(*tasks) passes every task on the Python stack: pystack (in words) must hold N of them.
const pystack = Number(process.env.AIO_BENCH_MP_PYSTACK || 4 * 1024 * 1024);
const mp = await loadMicroPython({ pystack, heapsize: heapMb * 1024 * 1024, stdout: (line) => console.log(line) });
const folder = dirname(resolve(script));
mp.FS.mkdir('/bench');
for (const f of ['common.py', basename(script)]) mp.FS.writeFile(`/bench/${f}`, readFileSync(join(folder, f)));
const name = basename(script, '.py');
await mp.runPythonAsync(`
import sys
sys.path.insert(0, "/bench")
import ${name}
await ${name}.main(${JSON.stringify(argv)})
`);
process.exit(0);
