#!/usr/bin/env node
// Local demo server for examples and tests. Node only, no dependencies, loopback only.
//
//   node tools/demo_server.mjs [--port N] [--exit-with-stdin] [--static DIR] [--csp]
//        port: --port, else AIO_DEMO_PORT or PORT, else 8080; 0 = ephemeral
//        --static DIR: serve DIR at / instead of the repo's web/ (the browser tests' pages)
//        --csp: send the sandbox page's strict Content-Security-Policy (PAGE_CSP below) with
//               every static file (./tools/run serves the page so; test pages with inline
//               scripts are served without it)
//
// The first line on stdout is always `listening on http://127.0.0.1:PORT/` (parse the port from
// it when you asked for port 0). SIGTERM/SIGINT stop it.
//
// Serves:
//   /                    the repo's web/ folder, statically (404 page if web/ does not exist), with
//                        COOP same-origin + COEP require-corp (cross-origin isolation for pthreads)
//                        and, with --csp, the page's strict Content-Security-Policy
//   /delay?ms=N          responds "waited N ms" after N ms (a client that disconnects first is
//                        counted as aborted in /stats)
//   /hang                accepts the request and never answers (until the client leaves)
//   /status/CODE         responds with that status and a short text body
//   /json                a JSON document
//   /latin1              a short text in ISO-8859-1, labelled so (charset=ISO-8859-1)
//   /big?bytes=N         N bytes of body (a repeating a..z pattern), default 1 MiB, max 256 MiB
//   /flaky?fail=K&key=X  the first K requests for key X get 503, later ones 200 "ok after K"
//   /stream?chunks=N&ms=M  N chunks "chunk i\n", M ms apart, chunked encoding
//   /echo                any method: JSON {method, url, headers, body} of the request
//   /drop?how=H          drops the connection abruptly: H=none (default) closes it before any
//                        response, H=partial sends the headers and half the promised body first
//   /barrier?key=K&n=N&ms=T&drop=H   holds every request for key K until N of them wait at once
//                        (or T ms, default 60000, after the first), then answers them all
//                        "barrier K opened at W of N" (W: how many were waiting), or drops the
//                        connection as /drop does when H is none/partial. Requests for K after it
//                        opened are answered at once. Proves N requests were in flight together.
//   /redirect?to=URL&status=S  a redirect (S: 301, 302, 303, 307 or 308; default 302) to URL
//   /stats               JSON counters {requests, aborted, completed, active, flaky: {...}}
//   /stats/reset         POST: zeroes the counters and the flaky keys
// Every response also carries CORS `Access-Control-Allow-Origin: *` and
// `Cross-Origin-Resource-Policy: cross-origin`, so pages on another port may call the API.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';  // never anything but loopback
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let webRoot = path.join(root, 'web');

let exitWithStdin = process.env.AIO_DEMO_EXIT_WITH_STDIN === '1';
let csp = false;
function parsePort(argv, env) {
  let port = env.AIO_DEMO_PORT ?? env.PORT ?? '8080';
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--port') port = argv[++i];
    else if (argv[i].startsWith('--port=')) port = argv[i].slice(7);
    else if (argv[i] === '--exit-with-stdin') exitWithStdin = true;
    else if (argv[i] === '--static') webRoot = path.resolve(argv[++i]);
    else if (argv[i] === '--csp') csp = true;
    else if (argv[i] === '-h' || argv[i] === '--help') {
      process.stdout.write('usage: node tools/demo_server.mjs [--port N] [--exit-with-stdin] [--static DIR] [--csp]  (port 0 = ephemeral)\n');
      process.exit(0);
    } else {
      process.stderr.write(`demo_server: unknown argument ${argv[i]}\n`);
      process.exit(2);
    }
  }
  const n = Number(port);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`demo_server: bad port ${port}\n`);
    process.exit(2);
  }
  return n;
}

// The sandbox page's and widget's CSP (tests/README.md "Sandbox safety"): no 'unsafe-eval', no
// 'unsafe-inline'; 'wasm-unsafe-eval' only lets WebAssembly compile (Chromium needs it for that).
const PAGE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'self'";

const stats = { requests: 0, completed: 0, aborted: 0, active: 0, byPath: {} };
const flaky = new Map();
const barriers = new Map();      // key -> {n, waiting: [{req, res, how}], timer}
const openedBarriers = new Set();

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

function baseHeaders(extra = {}) {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': '*',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
    'Cache-Control': 'no-store',
    ...extra,
  };
}

function send(res, status, body, type = 'text/plain; charset=utf-8', extra = {}) {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body));
  res.writeHead(status, baseHeaders({ 'Content-Type': type, 'Content-Length': buf.length, ...extra }));
  res.end(buf);
}
const sendJson = (res, status, obj) => send(res, status, JSON.stringify(obj), 'application/json');

function intParam(q, name, dflt, max) {
  const v = q.get(name);
  if (v === null) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) return dflt;
  return Math.min(Math.floor(n), max);
}

// Ends the exchange without a proper response: 'none' closes the socket before anything is sent,
// 'partial' promises a body twice as long as what it sends, then closes.
function drop(req, res, how, body = 'partial body\n') {
  if (how === 'partial') {
    const buf = Buffer.from(body);
    res.writeHead(200, baseHeaders({ 'Content-Type': 'text/plain', 'Content-Length': buf.length * 2 }));
    res.write(buf, () => req.socket?.destroy());
  } else {
    req.socket?.destroy();
  }
}

function answerBarrier(req, res, how, text) {
  if (how === 'none' || how === 'partial') drop(req, res, how, text);
  else send(res, 200, text);
}

function openBarrier(key) {
  const b = barriers.get(key);
  if (!b) return;
  barriers.delete(key);
  openedBarriers.add(key);
  clearTimeout(b.timer);
  const text = `barrier ${key} opened at ${b.waiting.length} of ${b.n}\n`;
  for (const w of b.waiting) answerBarrier(w.req, w.res, w.how, text);
}

function barrier(req, res, q) {
  const key = q.get('key') ?? 'default';
  const how = q.get('drop') ?? '';
  if (openedBarriers.has(key)) return answerBarrier(req, res, how, `barrier ${key} already open\n`);
  let b = barriers.get(key);
  if (!b) {
    b = { n: intParam(q, 'n', 2, 1000000), waiting: [], timer: null };
    b.timer = setTimeout(() => openBarrier(key), intParam(q, 'ms', 60000, 600000));
    barriers.set(key, b);
  }
  b.waiting.push({ req, res, how });
  if (b.waiting.length >= b.n) openBarrier(key);
}

function serveStatic(req, res, pathname) {
  if (!fs.existsSync(webRoot)) {
    return send(res, 404, 'no web/ folder in this checkout yet\n');
  }
  let rel;
  try { rel = decodeURIComponent(pathname); } catch { return send(res, 400, 'bad path\n'); }
  let file = path.resolve(webRoot, '.' + rel);
  if (file !== webRoot && !file.startsWith(webRoot + path.sep)) return send(res, 403, 'forbidden\n');
  try {
    if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const body = fs.readFileSync(file);
    const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    const policy = csp ? { 'Content-Security-Policy': PAGE_CSP } : {};
    if (req.method === 'HEAD') {
      res.writeHead(200, baseHeaders({ 'Content-Type': type, 'Content-Length': body.length, ...policy }));
      return res.end();
    }
    send(res, 200, body, type, policy);
  } catch {
    send(res, 404, 'not found\n');
  }
}

function handle(req, res, body) {
  const url = new URL(req.url, `http://${HOST}`);
  const q = url.searchParams;
  const p = url.pathname;

  if (req.method === 'OPTIONS') { res.writeHead(204, baseHeaders()); return res.end(); }

  if (p === '/delay') {
    const ms = intParam(q, 'ms', 1000, 600000);
    const timer = setTimeout(() => send(res, 200, `waited ${ms} ms\n`), ms);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (p === '/hang') return;  // the silent server: only the client's timeout ends it
  let m;
  if ((m = /^\/status\/(\d{3})$/.exec(p))) {
    const code = Number(m[1]);
    if (code < 200 || code > 599) return send(res, 400, 'status must be 200..599\n');
    if (code === 204 || code === 304) { res.writeHead(code, baseHeaders()); return res.end(); }
    return send(res, code, `status ${code}\n`);
  }
  if (p === '/json') {
    return sendJson(res, 200, {
      name: 'aio-sandbox', version: 1, ok: true, pi: 3.14159,
      tags: ['asyncio', 'wasm', 'c++20'], nested: { answer: 42, none: null },
    });
  }
  if (p === '/latin1') return send(res, 200, Buffer.from('café, naïve, ½\n', 'latin1'), 'text/plain; charset=ISO-8859-1');
  if (p === '/big') {
    const n = intParam(q, 'bytes', 1 << 20, 256 << 20);
    const pattern = Buffer.from('abcdefghijklmnopqrstuvwxyz');
    const buf = Buffer.alloc(n);
    for (let i = 0; i < n; i += pattern.length) pattern.copy(buf, i, 0, Math.min(pattern.length, n - i));
    return send(res, 200, buf, 'application/octet-stream');
  }
  if (p === '/flaky') {
    const fail = intParam(q, 'fail', 2, 1000);
    const key = q.get('key') ?? 'default';
    const seen = (flaky.get(key) ?? 0) + 1;
    flaky.set(key, seen);
    if (seen <= fail) return send(res, 503, `failure ${seen} of ${fail}\n`, undefined, { 'Retry-After': '0' });
    return send(res, 200, `ok after ${fail}\n`);
  }
  if (p === '/stream') {
    const chunks = intParam(q, 'chunks', 5, 10000);
    const ms = intParam(q, 'ms', 100, 60000);
    res.writeHead(200, baseHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }));
    let i = 0;
    const tick = () => {
      if (res.destroyed) return;
      if (i >= chunks) return res.end();
      res.write(`chunk ${i++}\n`);
      timer = setTimeout(tick, ms);
    };
    let timer = setTimeout(tick, 0);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (p === '/echo') {
    return sendJson(res, 200, {
      method: req.method, url: req.url, headers: req.headers, body: body.toString('utf8'),
    });
  }
  if (p === '/drop') return drop(req, res, q.get('how') === 'partial' ? 'partial' : 'none');
  if (p === '/barrier') return barrier(req, res, q);
  if (p === '/redirect') {
    const status = [301, 302, 303, 307, 308].includes(Number(q.get('status'))) ? Number(q.get('status')) : 302;
    return send(res, status, `redirect to ${q.get('to') ?? '/'}\n`, undefined, { Location: q.get('to') ?? '/' });
  }
  if (p === '/stats') {
    return sendJson(res, 200, { ...stats, flaky: Object.fromEntries(flaky) });
  }
  if (p === '/stats/reset') {
    Object.assign(stats, { requests: 0, completed: 0, aborted: 0, byPath: {} });
    flaky.clear();
    return sendJson(res, 200, { reset: true });
  }
  return serveStatic(req, res, p);
}

const server = http.createServer((req, res) => {
  const p = (req.url || '/').split('?')[0];
  const counted = p !== '/stats' && p !== '/stats/reset';
  if (counted) {
    stats.requests++;
    stats.active++;
    stats.byPath[p] = (stats.byPath[p] || 0) + 1;
  }
  // A response that never finished when the connection closed: the client went away.
  res.on('close', () => {
    if (!counted) return;
    stats.active--;
    if (res.writableFinished) stats.completed++;
    else stats.aborted++;
  });
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    try {
      handle(req, res, Buffer.concat(parts));
    } catch (e) {
      if (!res.headersSent) send(res, 500, `server error: ${e.message}\n`);
      else res.destroy();
    }
  });
  req.on('error', () => {});
});
server.keepAliveTimeout = 5000;
server.headersTimeout = 10000;
server.requestTimeout = 0;
// The stress tests hold 10,000 requests open at once (/barrier); the fd limit is the real bound.
server.maxConnections = 65536;

server.on('error', (e) => {
  process.stderr.write(`demo_server: ${e.message}\n`);
  process.exit(1);
});
server.listen({ host: HOST, port: parsePort(process.argv.slice(2), process.env), backlog: 16384 }, () => {
  const { port } = server.address();
  process.stdout.write(`listening on http://${HOST}:${port}/\n`);
});

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    server.close();
    server.closeAllConnections?.();
    process.exit(0);
  });
}
// --exit-with-stdin (or AIO_DEMO_EXIT_WITH_STDIN=1): exit when stdin reaches EOF. A test that
// spawns the server with a pipe as stdin and keeps the write end open thereby makes sure the
// server goes away with it, even if the test is killed before it can stop the server.
if (exitWithStdin) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
