// Every relative link in the committed Markdown docs points at a file that exists, and every
// `#anchor` on a Markdown target names one of its headings (GitHub's slug rule), so the README's
// "see X" pointers stay true as docs move beside the code they describe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const docs = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' })
  .split('\n').filter((f) => f && !f.includes('node_modules/'));

// GitHub's heading anchors: lower case, punctuation dropped, spaces to '-'.
function slug(heading) {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchorsOf(file) {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((m) => slug(m[1])));
}

function linksOf(file) {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1])
    .filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l));
}

test('docs are found', () => {
  assert.ok(docs.includes('README.md'), docs.join(', '));
});

for (const doc of docs) {
  test(`relative links in ${doc} resolve`, () => {
    const broken = [];
    for (const link of linksOf(path.join(root, doc))) {
      const [target, anchor] = link.split('#');
      const file = target ? path.resolve(path.dirname(path.join(root, doc)), decodeURI(target))
                          : path.join(root, doc);
      if (!existsSync(file)) { broken.push(`${link}: no such file`); continue; }
      if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor.toLowerCase()))
        broken.push(`${link}: no heading '${anchor}'`);
    }
    assert.deepEqual(broken, []);
  });
}
