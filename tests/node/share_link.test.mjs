// Share links through the JS package: sb.parseShareLink(location.hash) decodes and validates in
// C++ (wasm/sandbox/share_link.cpp) what the page's encodeShare() writes with URLSearchParams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
