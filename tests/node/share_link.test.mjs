// Share links through the JS package: sb.parseShareLink(location.hash) decodes and validates in
// C++ (wasm/sandbox/share_link.cpp) what the page's encodeShare() writes with URLSearchParams;
// sb.encodePythonLink / decodePythonLink make and read a Python program's py= code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { createSandbox, RecipeError, requireModule, wasmDir } from './sandbox_common.mjs';
import { ShareLinkError, SandboxError } from '../../web/src/index.js';

requireModule();

test('parseShareLink: example + params + speed, and a recipe, as URLSearchParams writes them', async () => {
  const sb = await createSandbox({ wasmDir });
  try {
    const q = new URLSearchParams();
    q.set('ex', 'gather');
    q.set('p', JSON.stringify({ first: '1.5', count: 3 }));
    q.set('speed', '2');
    assert.deepEqual(sb.parseShareLink('#' + q.toString()),
      { mode: 'example', id: 'gather', params: { first: '1.5', count: '3' }, speed: 2 });

    const recipe = '{"title": "ünï & +", "main": [{"sleep": 0.5}, {"print": "shared"}]}';
    const r = new URLSearchParams({ recipe });
    assert.deepEqual(sb.parseShareLink('#' + r.toString()), { mode: 'recipe', recipe, speed: null });
    assert.equal(sb.parseShareLink(''), null);
    assert.equal(sb.parseShareLink('#'), null);
  } finally {
    sb.dispose();
  }
});

test('parseShareLink: bad links throw ShareLinkError (key, reason) or RecipeError (path, reason)', async () => {
  const sb = await createSandbox({ wasmDir });
  try {
    assert.throws(() => sb.parseShareLink('#ex=nope'), (e) =>
      e instanceof ShareLinkError && e instanceof SandboxError && e.name === 'ShareLinkError' &&
      e.key === 'ex' && e.reason === "no example 'nope'" && e.message === "ex: no example 'nope'");
    assert.throws(() => sb.parseShareLink('#ex=gather&p=' + encodeURIComponent('{"zz": 1}')),
      (e) => e instanceof ShareLinkError && e.key === 'p.zz');
    assert.throws(() => sb.parseShareLink('#ex=gather&speed=fast'), (e) => e instanceof ShareLinkError && e.key === 'speed');
    assert.throws(() => sb.parseShareLink('#ex=gath%2'), (e) => e instanceof ShareLinkError && e.key === 'ex');
    assert.throws(() => sb.parseShareLink('#recipe=' + encodeURIComponent('{"main": [{"sleep": "x"}]}')), (e) =>
      e instanceof RecipeError && e.path === '$.main[0].sleep' && /must be a number/.test(e.reason));
  } finally {
    sb.dispose();
  }
});

test('parseShareLink: the session\'s HTTP allow-list applies to a shared recipe', async () => {
  const sb = await createSandbox({ wasmDir, http: { allow: ['http://127.0.0.1:9'], base: 'http://127.0.0.1:9' } });
  try {
    const link = (url) => '#recipe=' + encodeURIComponent(JSON.stringify({ main: [{ http: url }] }));
    assert.equal(sb.parseShareLink(link('/json')).mode, 'recipe');
    assert.throws(() => sb.parseShareLink(link('https://victim.example/transfer')), (e) =>
      e instanceof RecipeError && e.path === '$.main[0].http' && /not in the sandbox's HTTP allow-list/.test(e.reason));
  } finally {
    sb.dispose();
  }
});

test('parseShareLink: the limits of the session apply to a shared recipe', async () => {
  const sb = await createSandbox({ wasmDir, limits: { max_recipe_bytes: 64 } });
  try {
    const big = JSON.stringify({ title: 'x'.repeat(100), main: [] });
    assert.throws(() => sb.parseShareLink('#recipe=' + encodeURIComponent(big)),
      (e) => e instanceof RecipeError && /larger than 64 bytes/.test(e.reason));
  } finally {
    sb.dispose();
  }
});

test('text that is not valid UTF-8 (a lone surrogate) reads as U+FFFD or is a typed error, never an opaque throw', async () => {
  const sb = await createSandbox({ wasmDir });
  try {
    // Embind would hand a lone surrogate over as bytes that are not UTF-8 (fused with the next
    // character); the package makes the text well-formed first, so it reads as U+FFFD.
    const recipe = '{"main": [{"print": "\udc00"}]}';
    assert.deepEqual(sb.validate(recipe), { ok: true });
    assert.match((await sb.runRecipe(recipe)).output[0], /main: \ufffd$/);
    assert.throws(() => sb.parseShareLink('#recipe=x\udc00'), (e) => e instanceof RecipeError || e instanceof ShareLinkError);
    assert.throws(() => sb.parseShareLink('#recipe=%ED%B0%80'),  // the bytes of a lone surrogate, %-encoded
      (e) => e instanceof ShareLinkError && e.key === 'recipe' && /UTF-8/.test(e.reason));
    assert.throws(() => sb.parseShareLink('#ex=' + 'a'.repeat(59) + encodeURIComponent('é')),
      (e) => e instanceof ShareLinkError && e.key === 'ex' && e.message.endsWith("a...'"));
  } finally {
    sb.dispose();
  }
});

// A Python program's link: #py=CODE, CODE base64url of the deflate-raw bytes of its UTF-8 source.
const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const pyError = (reason) => (e) => e instanceof ShareLinkError && e.key === 'py' && reason.test(e.reason) && e.message === `py: ${e.reason}`;

test('a Python program survives encodePythonLink → parseShareLink → decodePythonLink, and runs as CPython runs it', async () => {
  const sb = await createSandbox({ wasmDir });
  try {
    const source = [
      'import asyncio',
      '',
      'async def 问候(名字, 秒):',
      '    await asyncio.sleep(秒)',
      '    print(f"你好，{名字}！等了 {秒} 秒 & 100% 完成 + 😀")',
      '',
      'async def main():',
      '    await asyncio.gather(问候("世界", 0.2), 问候("小明", 0.1))',
      '',
      'asyncio.run(main())',
      '',
    ].join('\n');
    const code = await sb.encodePythonLink(source);
    assert.match(code, /^[A-Za-z0-9_-]+$/);
    assert.ok(code.length < Buffer.byteLength(source) * 4 / 3, 'compressed');
    const link = sb.parseShareLink(`#py=${code}&speed=2`);
    assert.deepEqual(link, { mode: 'python', python: code, speed: 2 });
    const back = await sb.decodePythonLink(link.python);
    assert.equal(back, source);
    const cpython = execFileSync('python3', ['-c', source], { encoding: 'utf8' });
    assert.equal((await sb.runPython(back)).stdout, cpython);
  } finally {
    sb.dispose();
  }
});

test('Python links are bounded: 64 KiB of source, its code in C++, and inflating stops at the limit', async () => {
  const sb = await createSandbox({ wasmDir });
  try {
    const full = 'x'.repeat(64 * 1024);
    assert.equal(await sb.decodePythonLink(await sb.encodePythonLink(full)), full);
    await assert.rejects(sb.encodePythonLink(full + 'x'), pyError(/^the program is longer than 65536 bytes of UTF-8$/));
    await assert.rejects(sb.encodePythonLink('中'.repeat(21846)), pyError(/longer than 65536 bytes/));  // 65538 bytes
    // A link made elsewhere: one byte over, and a zip bomb (10 MB of zeros in ~10 KB) stop the same way.
    await assert.rejects(sb.decodePythonLink(b64url(deflateRawSync(Buffer.alloc(64 * 1024 + 1, 0x61)))),
      pyError(/^the program is longer than 65536 bytes of UTF-8$/));
    const bomb = b64url(deflateRawSync(Buffer.alloc(10 << 20)));
    assert.ok(bomb.length < 20000);
    await assert.rejects(sb.decodePythonLink(bomb), pyError(/longer than 65536 bytes/));
    // The encoded form's bound and charset are the C++ decoder's (wasm/sandbox/share_link.hpp).
    assert.throws(() => sb.parseShareLink('#py=' + 'A'.repeat(90 * 1024 + 1)), pyError(/^longer than 92160 characters/));
    await assert.rejects(sb.decodePythonLink('A'.repeat(90 * 1024 + 1)), pyError(/^longer than 92160 characters/));
  } finally {
    sb.dispose();
  }
});

test('a damaged Python link is a ShareLinkError naming py: base64url, deflate data, UTF-8', async () => {
  const sb = await createSandbox({ wasmDir });
  try {
    const good = await sb.encodePythonLink('print("hi")\n');
    await assert.rejects(sb.decodePythonLink(good.slice(0, 5) + '=' + good.slice(5)), pyError(/^not base64url \(A-Z a-z 0-9 - _, no '=' padding\): character 5 is not one$/));
    await assert.rejects(sb.decodePythonLink(good + '/'), pyError(/^not base64url/));
    await assert.rejects(sb.decodePythonLink('abcde'), pyError(/its length leaves a lone character/));
    await assert.rejects(sb.decodePythonLink(''), pyError(/is empty/));
    await assert.rejects(sb.decodePythonLink(b64url(Buffer.from('not deflate data at all'))), pyError(/^not deflate-raw data/));
    await assert.rejects(sb.decodePythonLink(good.slice(0, -4)), pyError(/^not deflate-raw data/));  // cut short
    await assert.rejects(sb.decodePythonLink(b64url(deflateRawSync(Buffer.from([0x70, 0xff, 0xfe, 0x0a])))), pyError(/^the program is not valid UTF-8$/));
    await assert.rejects(sb.decodePythonLink(7), (e) => e instanceof TypeError && /must be a string, not number/.test(e.message));
    assert.throws(() => sb.parseShareLink(`#py=${good}&ex=gather`), (e) => e instanceof ShareLinkError && e.key === '#');
  } finally {
    sb.dispose();
  }
});
