// The package's hand-written declarations (web/index.d.ts, web/trace.d.ts) against its code:
// tests/types/consumer.ts, a user of every export importing the package by name, type-checks
// with TypeScript (web/package-lock.json pins it); and the names the declarations give as
// values (exports, Sandbox's members) are exactly the names the modules have at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const web = path.join(root, 'web');
const ts = createRequire(path.join(web, 'package.json'))('typescript');

// A project where `aio-sandbox` is installed (a link to web/) and the consumer is an ES module.
function consumerProject() {
  const dir = mkdtempSync(path.join(tmpdir(), 'aio-types-'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(web, path.join(dir, 'node_modules', 'aio-sandbox'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
  copyFileSync(path.join(root, 'tests', 'types', 'consumer.ts'), path.join(dir, 'consumer.ts'));
  const program = ts.createProgram([path.join(dir, 'consumer.ts')], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [],
  });
  return { dir, program };
}

function diagnostics(program) {
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.basename(d.file.fileName)}:${line + 1}:${character + 1}: ${text}`;
  });
}

// The names a declaration file exports as values (not types only).
function declaredValues(checker, file) {
  return checker.getExportsOfModule(checker.getSymbolAtLocation(file)).filter((s) => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    return target.flags & ts.SymbolFlags.Value;
  }).map((s) => s.name).sort();
}

test('a consumer of every export type-checks against the declarations, and loose types fail', () => {
  const { dir, program } = consumerProject();
  try {
    assert.deepEqual(diagnostics(program), []);
    const consumer = program.getSourceFile(path.join(dir, 'consumer.ts'));
    const expected = consumer.text.split('\n').filter((l) => l.includes('@ts-expect-error')).length;
    assert.ok(expected >= 4, 'the consumer keeps its checks that the types refuse what the code refuses');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the declared value exports and Sandbox members are the modules\' own', async () => {
  const { dir, program } = consumerProject();
  try {
    const checker = program.getTypeChecker();
    // Resolved through package.json "exports": each subpath's "types" must be its code's declarations.
    for (const [subpath, code] of [['aio-sandbox', 'src/index.js'], ['aio-sandbox/trace', 'src/trace.js']]) {
      const resolved = ts.resolveModuleName(subpath, path.join(dir, 'consumer.ts'), program.getCompilerOptions(), ts.sys);
      const file = program.getSourceFile(resolved.resolvedModule.resolvedFileName);
      const actual = Object.keys(await import(path.join(web, code))).sort();
      assert.deepEqual(declaredValues(checker, file), actual, `${subpath}: declared values vs ${code}'s exports`);
    }
    // "./widget" is a browser script that defines <aio-sandbox> and exports nothing: types only
    // (tests/browser/widget.test.mjs loads it through this subpath).
    const widget = ts.resolveModuleName('aio-sandbox/widget', path.join(dir, 'consumer.ts'), program.getCompilerOptions(), ts.sys);
    assert.deepEqual(declaredValues(checker, program.getSourceFile(widget.resolvedModule.resolvedFileName)), []);
    const index = program.getSourceFile(path.join(web, 'index.d.ts'));
    const sandbox = checker.getExportsOfModule(checker.getSymbolAtLocation(index)).find((s) => s.name === 'Sandbox');
    const declared = [...sandbox.members.keys()].filter((n) => n !== '__constructor').sort();
    const { Sandbox } = await import(path.join(web, 'src/index.js'));
    const actual = Object.getOwnPropertyNames(Sandbox.prototype).filter((n) => n !== 'constructor').sort();
    assert.deepEqual(declared, actual, 'Sandbox: declared members vs the class');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
