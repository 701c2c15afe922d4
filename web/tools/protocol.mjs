#!/usr/bin/env node
// The static copies of the C++/JS contract, generated from the module's protocol() (the C++
// tables; wasm/sandbox/protocol_bindings.cpp): each lives between marker lines
//   <protocol:NAME> ... </protocol:NAME>   (in a comment of the file's language)
// and is rewritten here; tests/node/protocol.test.mjs fails when a committed copy differs.
// The recipe schema's step kinds are checked against the table (checkSchema), not generated.
//
//   node web/tools/protocol.mjs [--wasm DIR]     rewrites the marked regions (DIR: build/wasm)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The protocol of the module aio_sandbox.mjs in `wasmDir`.
export async function loadProtocol(wasmDir) {
  const factory = (await import(pathToFileURL(path.join(wasmDir, 'aio_sandbox.mjs')).href)).default;
  const module = await factory({ wasmBinary: readFileSync(path.join(wasmDir, 'aio_sandbox.wasm')), print() {}, printErr() {} });
  return module.protocol();
}

const quoted = (names) => names.map((n) => `'${n}'`);

// `items` joined by `sep` into lines of at most `width` characters, each starting with `indent`.
function wrap(items, sep, indent, width = 110) {
  const lines = [];
  let line = '';
  for (const item of items) {
    if (line && (indent + line + sep + item).length > width) {
      lines.push(indent + line);
      line = item;
    } else {
      line = line ? line + sep + item : item;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

const KIB = 1024;
const thousands = (n) => n.toLocaleString('en-US');
function amount(limit) {
  const v = limit.default;
  if (limit.name.endsWith('_bytes')) return v % (KIB * KIB) === 0 ? `${v / (KIB * KIB)} MiB` : `${v / KIB} KiB`;
  if (limit.name === 'max_duration') return `${v} s`;
  if (limit.name === 'max_cpu_ms') return `${v} ms`;
  return thousands(v);
}

// The text of each region, by file and name.
export function regions(p) {
  const union = (name, names) => [`export type ${name} =`, ...wrap(quoted(names), ' | ', '  | ')].join('\n') + ';';
  return {
    'trace.d.ts': {
      kinds: [
        union('TraceKind', [...p.trace_kinds, ...p.session_kinds]),
        // 'none' is never seen: fields that are zero / none are left out of an event.
        union('WaitKind', p.wait_kinds.filter((k) => k !== 'none')),
        union('Outcome', p.outcomes.filter((k) => k !== 'none')),
      ].join('\n'),
    },
    'index.d.ts': {
      limits: ['export interface Limits {',
        ...p.limits.map((l) => `  ${l.name}: number;  // ${l.meaning} (${amount(l)})`), '}'].join('\n'),
    },
    'src/index.js': {
      limits: [`const LIMITS = [`, ...wrap(quoted(p.limits.map((l) => l.name)), ', ', '  ').map((l) => l + ','), '];',
        `const MAX_RECIPE_BYTES = ${p.limits.find((l) => l.name === 'max_recipe_bytes').default};  // limits.max_recipe_bytes's default`,
      ].join('\n'),
    },
    'src/python_link.js': {
      share_link: [
        `export const MAX_PYTHON_SOURCE_BYTES = ${p.share_link.max_python_source_bytes};`,
        `export const MAX_PYTHON_LINK_CHARS = ${p.share_link.max_python_link_chars};`,
      ].join('\n'),
    },
    'recipe.md': {
      limits: ['| limit | default | meaning | checked |', '| --- | --- | --- | --- |',
        ...p.limits.map((l) => `| \`${l.name}\` | ${amount(l)} | ${l.meaning} | ${l.checked} |`)].join('\n'),
    },
  };
}

const MARK = /^(.*)<protocol:([a-z_]+)>(.*)$/;

// `text` with each marked region replaced by `wanted[name]`; throws on a region it does not know.
export function rewrite(text, wanted, file) {
  const lines = text.split('\n');
  const out = [];
  const seen = new Set();
  for (let i = 0; i < lines.length; ++i) {
    out.push(lines[i]);
    const m = MARK.exec(lines[i]);
    if (!m) continue;
    const name = m[2];
    if (!(name in wanted)) throw new Error(`${file}:${i + 1}: unknown protocol region '${name}'`);
    const end = lines.findIndex((l, j) => j > i && l.includes(`</protocol:${name}>`));
    if (end < 0) throw new Error(`${file}:${i + 1}: protocol region '${name}' has no end marker`);
    out.push(wanted[name], lines[end]);
    seen.add(name);
    i = end;
  }
  for (const name of Object.keys(wanted)) if (!seen.has(name)) throw new Error(`${file}: protocol region '${name}' is missing`);
  return out.join('\n');
}

// Each generated file as it should be: { file: { committed, generated } }.
export function generate(p) {
  const files = {};
  for (const [file, wanted] of Object.entries(regions(p))) {
    const committed = readFileSync(path.join(web, file), 'utf8');
    files[file] = { committed, generated: rewrite(committed, wanted, file) };
  }
  return files;
}

// Differences between the schema's step kinds and the table (names, value types left aside):
// each step kind with exactly its keys, the required ones required.
export function checkSchema(p) {
  const schema = JSON.parse(readFileSync(path.join(web, 'recipe.schema.json'), 'utf8'));
  const problems = [];
  const inSchema = new Map(schema.$defs.step.oneOf.map((s) => [s.required[0], s]));
  for (const kind of p.step_kinds) {
    const s = inSchema.get(kind.name);
    if (!s) { problems.push(`recipe.schema.json: no step '${kind.name}'`); continue; }
    const keys = [kind.name, ...kind.modifiers.map((m) => m.name)].sort();
    const required = [kind.name, ...kind.modifiers.filter((m) => m.required).map((m) => m.name)].sort();
    if (Object.keys(s.properties).sort().join() !== keys.join()) problems.push(`recipe.schema.json: step '${kind.name}' has keys ${Object.keys(s.properties)}, the parser takes ${keys}`);
    if ([...s.required].sort().join() !== required.join()) problems.push(`recipe.schema.json: step '${kind.name}' requires ${s.required}, the parser ${required}`);
    inSchema.delete(kind.name);
  }
  for (const name of inSchema.keys()) problems.push(`recipe.schema.json: step '${name}' is not one the parser knows`);
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--wasm');
  const wasmDir = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(process.env.AIO_BUILD_ROOT ?? path.join(web, '..', 'build'), 'wasm');
  const p = await loadProtocol(wasmDir);
  for (const [file, { committed, generated }] of Object.entries(generate(p))) {
    if (committed !== generated) {
      writeFileSync(path.join(web, file), generated);
      console.log(`rewrote web/${file}`);
    }
  }
  for (const problem of checkSchema(p)) console.log(problem);
}
