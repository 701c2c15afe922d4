// The recipe documentation agrees with both validators: every ```json example in web/recipe.md
// (and the README's recipe example) is valid for web/recipe.schema.json and for the C++
// validator, and typical mistakes are rejected by both. The schema is checked by a small
// validator below that knows exactly the keywords the schema uses (and fails on any other, so
// the schema cannot silently use a keyword nobody checks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSandbox, requireModule, root, wasmDir } from './sandbox_common.mjs';

// Store and file steps need a storage folder to be valid; validating writes nothing there.
const storage = { dir: tmpdir() };
const schema = JSON.parse(readFileSync(path.join(root, 'web', 'recipe.schema.json'), 'utf8'));

const IGNORED = new Set(['$schema', '$id', 'title', 'description']);
const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const typeMatches = (t, v) => t === typeOf(v) || (t === 'number' && typeof v === 'number');

// Returns a list of "path: problem" strings (empty when valid).
function check(s, v, at = '$') {
  const errors = [];
  for (const key of Object.keys(s)) {
    if (IGNORED.has(key) || key === '$defs') continue;
    const k = s[key];
    switch (key) {
      case '$ref': {
        const target = k.replace(/^#\//, '').split('/').reduce((o, p) => o[p], schema);
        errors.push(...check(target, v, at));
        break;
      }
      case 'type':
        if (![].concat(k).some((t) => typeMatches(t, v))) errors.push(`${at}: expected ${k}, got ${typeOf(v)}`);
        break;
      case 'const': if (v !== k) errors.push(`${at}: must be ${k}`); break;
      case 'enum': if (!k.includes(v)) errors.push(`${at}: not one of ${k}`); break;
      case 'minimum': if (typeof v === 'number' && v < k) errors.push(`${at}: below ${k}`); break;
      case 'maximum': if (typeof v === 'number' && v > k) errors.push(`${at}: above ${k}`); break;
      case 'minLength': if (typeof v === 'string' && v.length < k) errors.push(`${at}: too short`); break;
      case 'pattern': if (typeof v === 'string' && !new RegExp(k, 'u').test(v)) errors.push(`${at}: does not match ${k}`); break;
      case 'maxLength': if (typeof v === 'string' && v.length > k) errors.push(`${at}: too long`); break;
      case 'minItems': if (Array.isArray(v) && v.length < k) errors.push(`${at}: too few items`); break;
      case 'items': if (Array.isArray(v)) v.forEach((x, i) => errors.push(...check(k, x, `${at}[${i}]`))); break;
      case 'required':
        if (typeOf(v) === 'object') for (const r of k) if (!(r in v)) errors.push(`${at}.${r}: missing`);
        break;
      case 'properties':
        if (typeOf(v) === 'object') for (const [p, ps] of Object.entries(k)) if (p in v) errors.push(...check(ps, v[p], `${at}.${p}`));
        break;
      case 'additionalProperties':
        if (typeOf(v) === 'object') {
          for (const p of Object.keys(v)) {
            if (s.properties && p in s.properties) continue;
            if (k === false) errors.push(`${at}.${p}: not allowed`);
            else errors.push(...check(k, v[p], `${at}.${p}`));
          }
        }
        break;
      case 'propertyNames':
        if (typeOf(v) === 'object') for (const p of Object.keys(v)) errors.push(...check(k, p, `${at}.${p}`));
        break;
      case 'allOf': for (const sub of k) errors.push(...check(sub, v, at)); break;
      case 'oneOf': {
        const passing = k.filter((sub) => check(sub, v, at).length === 0).length;
        if (passing !== 1) errors.push(`${at}: matches ${passing} of oneOf's ${k.length} alternatives`);
        break;
      }
      default:
        throw new Error(`recipe.schema.json uses '${key}', which this checker does not know`);
    }
  }
  return errors;
}

function jsonBlocks(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
}

requireModule();

test('every recipe example in web/recipe.md and the README is valid for the schema and the C++ validator', async () => {
  const sb = await createSandbox({ wasmDir, storage });
  const blocks = [
    ...jsonBlocks(path.join(root, 'web', 'recipe.md')).map((b) => ['web/recipe.md', b]),
    ...jsonBlocks(path.join(root, 'README.md')).filter((b) => b.includes('"main"')).map((b) => ['README.md', b]),
  ];
  assert.ok(blocks.length >= 15, `found ${blocks.length} examples`);
  const ops = new Set();
  for (const [file, text] of blocks) {
    const recipe = JSON.parse(text);
    assert.deepEqual(check(schema, recipe), [], `${file}: schema rejects\n${text}`);
    assert.deepEqual(sb.validate(text), { ok: true }, `${file}: the C++ validator rejects\n${text}`);
    JSON.stringify(recipe, (k, v) => { if (typeof k === 'string') ops.add(k); return v; });
  }
  for (const op of ['sleep', 'print', 'cpu', 'to_thread', 'raise', 'spawn', 'await', 'cancel', 'gather', 'wait',
                    'as_completed', 'wait_for', 'task_group', 'repeat', 'acquire', 'release', 'with', 'set', 'clear',
                    'wait_event', 'put', 'get', 'http', 'store_put', 'store_get', 'store_delete', 'write_file', 'read_file'])
    assert.ok(ops.has(op), `web/recipe.md has no example of '${op}'`);
  sb.dispose();
});

test('mistakes the schema can see are rejected by both validators', async () => {
  const sb = await createSandbox({ wasmDir, storage });
  const bad = [
    { main: [], extra: 1 },
    { version: 2, main: [] },
    {},
    { main: [{ slep: 1 }] },
    { main: [{ sleep: '1' }] },
    { main: [{ sleep: -1 }] },
    { main: [{ sleep: 1, print: 'x' }] },
    { main: [{ sleep: 1, timeout: 2 }] },
    { main: [{ cpu: 100000 }] },
    { main: [{ spawn: { steps: [] } }] },
    { main: [{ gather: [] }] },
    { main: [{ wait_for: { steps: [] } }] },
    { main: [{ wait: [{ steps: [] }], return_when: 'SOON' }] },
    { main: [{ repeat: 2 }] },
    { main: [{ repeat: 1.5, steps: [] }] },
    { main: { name: 'm', steps: [], color: 'red' } },
    { resources: { mutexes: ['a'] }, main: [] },
    { resources: { queues: { q: -1 } }, main: [] },
    { main: [{ put: 'q', value: [1] }] },
    { main: [{ http: 'http://127.0.0.1:8080/', method: 'TRACE' }] },
    { main: [{ http: 'http://127.0.0.1:8080/', timeout: -1 }] },
    { main: [{ store_put: 'k' }] },
    { main: [{ store_get: '' }] },
    { main: [{ write_file: '../x', text: 'a' }] },
    { main: [{ write_file: 'dir/x', text: 'a' }] },
    { main: [{ write_file: '.hidden', text: 'a' }] },
    { main: [{ write_file: 'x', text: 'a', append: 'yes' }] },
    { main: [{ read_file: 'x', text: 'a' }] },
  ];
  for (const recipe of bad) {
    assert.notDeepEqual(check(schema, recipe), [], `the schema accepts ${JSON.stringify(recipe)}`);
    assert.equal(sb.validate(recipe).ok, false, `the C++ validator accepts ${JSON.stringify(recipe)}`);
  }
  sb.dispose();
});
