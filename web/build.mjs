#!/usr/bin/env node
// Builds the sandbox page and the <aio-sandbox> widget into OUT (default $AIO_BUILD_ROOT/page or
// build/page): esbuild bundles (minified, ES modules, no eval), the page's HTML/CSS, the sandbox
// modules from WASM_DIR (default OUT/../wasm: aio_sandbox.{mjs,wasm} for the page,
// aio_sandbox_widget.{mjs,wasm} for the widget), the page's module built with pthreads from
// THREADS_DIR (default OUT/../wasm-threads: aio_sandbox.{mjs,wasm,worker.js} into OUT/threads/,
// which the page loads where it is cross-origin isolated), examples/*.cpp (the C++ shown beside the
// Python originals) and the tutorial snippets with their C++ ports (OUT/snippets). Prints the
// gzipped size of what the page and the widget download and writes sizes.json; the build FAILS
// (exit 1) when the widget's download is over its 250 KB budget. Also copies the widget's folder
// into web/dist/widget/, the JS package's "./widget" subpath.
//
//   node web/build.mjs [--out DIR] [--wasm DIR] [--wasm-threads DIR]
import { build, transform } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as embind from './page/embind_csp.js';

const web = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(web, '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? path.resolve(args[i + 1]) : def;
};
const buildRoot = process.env.AIO_BUILD_ROOT ? path.resolve(process.env.AIO_BUILD_ROOT) : path.join(root, 'build');
const out = opt('--out', path.join(buildRoot, 'page'));
const wasmDir = opt('--wasm', path.join(buildRoot, 'wasm'));
const threadsDir = opt('--wasm-threads', path.join(buildRoot, 'wasm-threads'));
const BUDGET = 250 * 1024;

mkdirSync(path.join(out, 'examples'), { recursive: true });
const sources = {};
for (const f of readdirSync(path.join(root, 'examples')).sort()) {
  if (!f.endsWith('.cpp')) continue;
  const text = readFileSync(path.join(root, 'examples', f), 'utf8');
  sources[f.slice(0, -4)] = text;
  writeFileSync(path.join(out, 'examples', f), text);
}
// Each example's Python original (the catalog's "python": the tutorial snippets it ports) beside
// its C++, for the widget's Python tab.
for (const ex of JSON.parse(readFileSync(path.join(root, 'examples', 'catalog.json'), 'utf8')).examples) {
  if (ex.python && sources[ex.id] !== undefined) writeFileSync(path.join(out, 'examples', `${ex.id}.py`), ex.python);
}

// The tutorial snippets behind each example (examples/python/catalog.json: a snippet's "cpp" names
// the examples of its lesson): the verbatim Python file and, where there is one, its faithful C++
// port (examples/ports/, a plain int main program), copied into OUT/snippets and fetched only when
// the learner opens one.
mkdirSync(path.join(out, 'snippets'), { recursive: true });
const portStems = new Set(readdirSync(path.join(root, 'examples', 'ports')).filter((f) => f.endsWith('.cpp')).map((f) => f.slice(0, -4)));
const snippets = {};
for (const s of JSON.parse(readFileSync(path.join(root, 'examples', 'python', 'catalog.json'), 'utf8')).snippets) {
  if (!s.file) continue;
  const stem = s.file.slice(0, -3);
  const port = portStems.has(stem);
  copyFileSync(path.join(root, 'examples', 'python', s.file), path.join(out, 'snippets', s.file));
  if (port) copyFileSync(path.join(root, 'examples', 'ports', `${stem}.cpp`), path.join(out, 'snippets', `${stem}.cpp`));
  for (const id of s.cpp ?? []) (snippets[id] ??= []).push({ stem, seed: s.seed.slice(0, 3), section: s.section, port });
}

// Virtual modules: the C++ sources and tutorial snippets (page), the example ids (widget) and the
// widget's stylesheet (adopted, so no inline <style>).
const virtual = {
  name: 'aio-virtual',
  setup(b) {
    b.onResolve({ filter: /^aio:/ }, (a) => ({ path: a.path, namespace: 'aio' }));
    b.onLoad({ filter: /.*/, namespace: 'aio' }, (a) => {
      if (a.path === 'aio:sources') return { contents: JSON.stringify(sources), loader: 'json' };
      if (a.path === 'aio:snippets') return { contents: JSON.stringify(snippets), loader: 'json' };
      // Every example id (the full module's catalog): the widget names an unknown one before loading anything.
      if (a.path === 'aio:example-ids') return { contents: JSON.stringify(Object.keys(sources)), loader: 'json' };
      if (a.path === 'aio:widget-css') return { contents: readFileSync(path.join(web, 'page', 'widget.css'), 'utf8'), loader: 'text' };
      return { errors: [{ text: `unknown virtual module ${a.path}` }] };
    });
  },
};

const common = {
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'safari15.4'],
  minify: true,
  sourcemap: false,
  splitting: false,
  external: ['node:*'],
  plugins: [virtual],
  logLevel: 'warning',
  metafile: true,
};
// The widget's bundle drops the code labelled PYTHON (sb.runPython, which runs a program outside
// the session, Python share links, the Python folder's mount: Python widgets use sb.spawnPython),
// which would only count against its download budget; NODE (the store repair tool, for a storage
// folder on disk); and PAGE (share links: only the page opens them).
const results = [
  await build({ ...common, entryPoints: { app: path.join(web, 'page', 'app.js') } }),
  // Split: widget.js imports widget_python.js (Python mode) dynamically, so it becomes a script
  // of its own (aio-sandbox-widget_python.js) that only a lang="python" widget downloads.
  await build({ ...common, entryPoints: { 'aio-sandbox-widget': path.join(web, 'page', 'widget.js') }, dropLabels: ['PYTHON', 'NODE', 'PAGE'],
    splitting: true, chunkNames: 'aio-sandbox-[name]' }),
];
if (results.some((r) => r.warnings.length)) process.exitCode = 1;
// The widget is the files its docs list (web/README.md): no shared chunk beside the two scripts.
const WIDGET_SCRIPTS = ['aio-sandbox-widget.js', 'aio-sandbox-widget_python.js'];
const widgetOutputs = Object.keys(results[1].metafile.outputs).map((f) => path.basename(f)).sort();
if (widgetOutputs.join() !== WIDGET_SCRIPTS.join()) {
  console.error(`error: the widget bundle is ${widgetOutputs.join(', ')}, not ${WIDGET_SCRIPTS.join(', ')} (a module imported by both scripts?)`);
  process.exitCode = 1;
}

for (const f of ['index.html', 'page.css', 'widget.html']) copyFileSync(path.join(web, 'page', f), path.join(out, f));
// Each module: where it comes from, where it goes, the files Emscripten made for it (the threads
// build's worker script starts each pthread's Web Worker) and the target that builds them.
const MODULES = [
  { from: wasmDir, to: out, name: 'aio_sandbox', target: 'aio_sandbox_module in build/wasm' },
  { from: wasmDir, to: out, name: 'aio_sandbox_widget', target: 'aio_sandbox_widget in build/wasm', minify: true },
  { from: wasmDir, to: out, name: 'aio_sandbox_python', target: 'aio_sandbox_python in build/wasm', minify: true },
  { from: threadsDir, to: path.join(out, 'threads'), name: 'aio_sandbox', worker: true, target: 'aio_sandbox_module in build/wasm-threads' },
];
for (const { from, to, name, worker, target, minify } of MODULES) {
  mkdirSync(to, { recursive: true });
  for (const f of [`${name}.mjs`, `${name}.wasm`, ...(worker ? [`${name}.worker.js`] : [])]) {
    try {
      copyFileSync(path.join(from, f), path.join(to, f));
    } catch {
      console.error(`error: ${path.join(from, f)} is missing (build the wasm target ${target} first)`);
      process.exit(1);
    }
  }
  cspSafe(path.join(to, `${name}.mjs`));
  if (worker) cspSafe(path.join(to, `${name}.worker.js`));
  // The widget's glue, minified (local names too): 28 → 22 KB gzip of its 250 KB budget. Emscripten
  // 3.1.6 minifies only whitespace at -Oz without Closure; the page's modules keep their names.
  if (minify) {
    const file = path.join(to, `${name}.mjs`);
    const { code } = await transform(readFileSync(file, 'utf8'), { minify: true, format: 'esm', target: common.target });
    writeFileSync(file, code);
  }
}
// Emscripten 3.1.6's Embind names functions with `new Function`, which a CSP without
// 'unsafe-eval' forbids. Swap in the eval-free form newer Emscripten uses (a computed property
// name gives the function its name); fail if any other dynamic code remains.
function cspSafe(file) {
  let js = readFileSync(file, 'utf8');
  const swap = (name, re, text) => {
    if (!re.test(js)) return;
    js = js.replace(re, () => text);
  };
  // Each generated function ends where the next top-level `function ` starts.
  const fn = (name) => new RegExp(`function ${name}\\([\\s\\S]*?(?=function [A-Za-z_$][\\w$]*\\()`);
  swap('createNamedFunction', fn('createNamedFunction'), embind.createNamedFunction);
  swap('craftInvokerFunction', fn('craftInvokerFunction'), embind.craftInvokerFunction);
  swap('__emval_get_method_caller', fn('__emval_get_method_caller'), embind.emvalGetMethodCaller);
  if (/new Function|new_\(Function|\beval\(/.test(js)) {
    console.error(`error: ${path.basename(file)} still uses new Function / eval: the page would need unsafe-eval`);
    process.exitCode = 1;
  }
  writeFileSync(file, js);
}

// Download sizes (gzip -9, what a static host with compression sends). The widget downloads its
// script (its CSS is inside), the lean module and the C++ source of the example it shows (counted
// here as the largest one); the page its HTML, CSS, script and the full module.
const gz = (f) => gzipSync(readFileSync(path.join(out, f)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
const largestExample = Object.keys(sources).map((id) => `examples/${id}.cpp`).sort((a, b) => gz(b) - gz(a))[0];
const measure = (files) => {
  const rows = files.map((f) => ({ file: f, raw: statSync(path.join(out, f)).size, gzip: gz(f) }));
  return { files: rows, gzip_total: rows.reduce((a, r) => a + r.gzip, 0) };
};
const widget = measure(['aio-sandbox-widget.js', 'aio_sandbox_widget.mjs', 'aio_sandbox_widget.wasm', largestExample]);
// <aio-sandbox lang="python">: the same script and the Python module (its program is the page's own).
const widgetPython = measure([...WIDGET_SCRIPTS, 'aio_sandbox_python.mjs', 'aio_sandbox_python.wasm']);
const page = measure(['index.html', 'page.css', 'app.js', 'aio_sandbox.mjs', 'aio_sandbox.wasm']);
// Where the page is cross-origin isolated it downloads the threads module instead of the plain one.
const threads = measure(['threads/aio_sandbox.mjs', 'threads/aio_sandbox.wasm', 'threads/aio_sandbox.worker.js']);
const line = (m) => m.files.map((r) => `${r.file} ${kb(r.raw)} → ${kb(r.gzip)}`).join(', ');
console.log(`page built in ${out}`);
console.log(`page download: ${kb(page.gzip_total)} gzip (${line(page)})`);
console.log(`page's threads module (cross-origin isolated, instead of aio_sandbox.*): ${kb(threads.gzip_total)} gzip (${line(threads)})`);
console.log(`widget download: ${line(widget)}`);
const over = widget.gzip_total > BUDGET;
console.log(`widget total: ${kb(widget.gzip_total)} gzip (budget ${kb(BUDGET)})${over ? ' — OVER BUDGET' : ''}`);
console.log(`widget with lang="python": ${kb(widgetPython.gzip_total)} gzip (${line(widgetPython)})`);
writeFileSync(path.join(out, 'sizes.json'), JSON.stringify({ widget, widgetPython, page, threads, budget: BUDGET }, null, 2));

// The package's "./widget" subpath (web/package.json): the widget's folder, the files the README's
// copy-paste snippet lists (the full module too, for I/O examples and Python programs that import
// aiohttp, aiofiles, requests or a database), in web/dist/widget/ (gitignored, shipped in dist/).
const WIDGET_FOLDER = [...WIDGET_SCRIPTS, 'aio_sandbox_widget.mjs', 'aio_sandbox_widget.wasm', 'aio_sandbox_python.mjs',
  'aio_sandbox_python.wasm', 'aio_sandbox.mjs', 'aio_sandbox.wasm', 'examples'];
const packageWidget = path.join(web, 'dist', 'widget');
rmSync(packageWidget, { recursive: true, force: true });
for (const f of WIDGET_FOLDER) cpSync(path.join(out, f), path.join(packageWidget, f), { recursive: true });
console.log(`the package's widget (aio-sandbox/widget): ${path.relative(root, packageWidget)}/`);
if (over) {
  console.error(`error: the widget downloads ${kb(widget.gzip_total)} gzipped, over its ${kb(BUDGET)} budget (web/README.md: the widget's module)`);
  process.exitCode = 1;
}
