#!/usr/bin/env node
// The static copies of the C++/JS contract, generated from the module's protocol() (the C++
// tables; wasm/sandbox/protocol_bindings.cpp): each lives between marker lines
//   <protocol:NAME> ... </protocol:NAME>   (in a comment of the file's language)
// and is rewritten here; tests/node/protocol.test.mjs fails when a committed copy differs.
// The recipe schema's step kinds are generated whole (schemaText), keeping the schema's own
// bounds and descriptions. The page's block palette and its labels are checked against the table
// (checkPage): they are hand-made snippets, not a list.
//
//   node web/tools/protocol.mjs [--wasm DIR]     rewrites the marked regions and the schema's steps (DIR: build/wasm)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The protocol of the module aio_sandbox.mjs in `wasmDir`.
export async function loadProtocol(wasmDir) {
  const factory = (await import(pathToFileURL(path.join(wasmDir, 'aio_sandbox.mjs')).href)).default;
  // nodeRequire/nodeDirname: what the module's Node file system support needs in an ES module
  // (cmake/sandbox_prejs.js), as the JS package passes them.
  const module = await factory({ wasmBinary: readFileSync(path.join(wasmDir, 'aio_sandbox.wasm')), print() {}, printErr() {},
    nodeRequire: createRequire(import.meta.url), nodeDirname: wasmDir });
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
  const schema = readFileSync(path.join(web, 'recipe.schema.json'), 'utf8');
  files['recipe.schema.json'] = { committed: schema, generated: schemaText(p, schema) };
  return files;
}

// The JSON Schema of each value type of the step table (protocol.hpp's step_arg).
const SCHEMA_TYPES = {
  number: { type: 'number' }, integer: { type: 'integer' }, string: { type: 'string' }, boolean: { type: 'boolean' },
  'string|number': { type: ['string', 'number'] }, json: {}, steps: { $ref: '#/$defs/steps' },
  task: { $ref: '#/$defs/task' }, tasks: { type: 'array', items: { $ref: '#/$defs/task' } },
};
const TYPE_KEYWORDS = ['type', '$ref', 'items'];

// The recipe schema `committed` (its text) with its step kinds generated from the table: one
// entry per step kind, in table order, with exactly its keys, the required ones required, each
// key's type from SCHEMA_TYPES. What the table does not carry (bounds, patterns, enums,
// descriptions, the rest of the schema) is kept from `committed`.
export function schemaText(p, committed) {
  const schema = JSON.parse(committed);
  const before = new Map(schema.$defs.step.oneOf.map((s) => [s.required[0], s.properties]));
  const property = (arg, was = {}) => {
    if (!(arg.type in SCHEMA_TYPES)) throw new Error(`recipe.schema.json: no JSON Schema for step value type '${arg.type}' (of '${arg.name}')`);
    const kept = Object.entries(was).filter(([keyword]) => !TYPE_KEYWORDS.includes(keyword));
    return { ...structuredClone(SCHEMA_TYPES[arg.type]), ...Object.fromEntries(kept) };
  };
  schema.$defs.step.oneOf = p.step_kinds.map((kind) => {
    const args = [{ name: kind.name, type: kind.type, required: true }, ...kind.modifiers];
    const was = before.get(kind.name) ?? {};
    return {
      type: 'object',
      required: args.filter((a) => a.required).map((a) => a.name),
      properties: Object.fromEntries(args.map((a) => [a.name, property(a, was[a.name])])),
      additionalProperties: false,
    };
  });
  return JSON.stringify(schema, null, 2) + '\n';
}

// The step kinds a block's steps use; each key must be a step kind or a modifier of the step's kind.
function blockKinds(p, block, problems) {
  const byName = new Map(p.step_kinds.map((k) => [k.name, k]));
  const used = new Set();
  const walkSteps = (steps, at) => steps.forEach((step, i) => walkStep(step, `${at}[${i}]`));
  const walkTask = (task, at) => walkSteps(task.steps ?? [], `${at}.steps`);
  const walkStep = (step, at) => {
    const kinds = Object.keys(step).filter((key) => byName.has(key));
    if (kinds.length !== 1) {
      problems.push(`blocks.js: block '${block.id}' ${at} has keys ${Object.keys(step)}, not one step kind of the protocol`);
      return;
    }
    const kind = byName.get(kinds[0]);
    used.add(kind.name);
    for (const key of Object.keys(step)) {
      const modifier = kind.modifiers.find((m) => m.name === key);
      if (key !== kind.name && !modifier) problems.push(`blocks.js: block '${block.id}' ${at}: '${key}' is not a key of step '${kind.name}'`);
      if (modifier?.type === 'steps') walkSteps(step[key], `${at}.${key}`);
    }
    if (kind.type === 'task') walkTask(step[kind.name], `${at}.${kind.name}`);
    if (kind.type === 'tasks') step[kind.name].forEach((t, i) => walkTask(t, `${at}.${kind.name}[${i}]`));
  };
  walkSteps(block.steps, '.steps');
  return used;
}

// Differences between the page's palette and the table: the blocks (web/page/blocks.js) use
// only the protocol's step kinds and keys, and together show each step kind that NOT_IN_PALETTE
// does not leave out (with its reason); the UI strings (web/page/i18n.js) label each block in
// each language, and nothing else. Takes the modules' exports, so a test can hand it altered copies.
export function checkPage(p, { BLOCKS, NOT_IN_PALETTE }, { STRINGS }) {
  const problems = [];
  const used = new Set();
  for (const block of BLOCKS) for (const kind of blockKinds(p, block, problems)) used.add(kind);
  const known = new Set(p.step_kinds.map((k) => k.name));
  for (const kind of known) {
    if (!used.has(kind) && !(kind in NOT_IN_PALETTE)) problems.push(`blocks.js: step kind '${kind}' is in no block and not in NOT_IN_PALETTE`);
  }
  for (const kind of Object.keys(NOT_IN_PALETTE)) {
    if (!known.has(kind)) problems.push(`blocks.js: NOT_IN_PALETTE names '${kind}', not a step kind of the protocol`);
    else if (used.has(kind)) problems.push(`blocks.js: NOT_IN_PALETTE names '${kind}', which a block uses`);
  }
  const ids = BLOCKS.map((b) => b.id);
  for (const [lang, strings] of Object.entries(STRINGS)) {
    const labels = strings.block ?? {};
    for (const id of ids) if (!(id in labels)) problems.push(`i18n.js: ${lang} has no label for block '${id}'`);
    for (const id of Object.keys(labels)) if (!ids.includes(id)) problems.push(`i18n.js: ${lang} labels block '${id}', which blocks.js does not have`);
  }
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
  const page = path.join(web, 'page');
  const blocks = await import(pathToFileURL(path.join(page, 'blocks.js')).href);
  const i18n = await import(pathToFileURL(path.join(page, 'i18n.js')).href);
  for (const problem of checkPage(p, blocks, i18n)) console.log(problem);
}
