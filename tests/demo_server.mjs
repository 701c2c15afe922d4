// tools/demo_server.mjs as a child process on an ephemeral loopback port, for the Node and
// browser tests (the C++ tests' counterpart is demo_server.hpp). It exits when its stdin closes,
// so it never outlives a test process that was killed.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'demo_server.mjs');

// `args`: more demo_server flags (--static DIR, --csp). Resolves once it listens:
// {base: "http://127.0.0.1:PORT", stop()}.
export async function startDemoServer(args = []) {
  const server = spawn(process.execPath, [script, '--port', '0', '--exit-with-stdin', ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise((resolve, reject) => {
    createInterface({ input: server.stdout }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`demo server exited (${code})`)));
  });
  const base = /^listening on (http:\/\/127\.0\.0\.1:\d+)\/$/.exec(first)?.[1];
  if (!base) {
    server.kill('SIGTERM');
    throw new Error(`unexpected first line from the demo server: ${first}`);
  }
  return { base, stop: () => server.kill('SIGTERM') };
}
