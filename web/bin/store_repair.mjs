// `aio-sandbox store repair DIR`: the CLI twin of aio::store::repair (wasm/src/store_log.cpp
// repair_log, wasm/src/store.cpp repair) for DIR/store.db, so a damaged store can be repaired
// without the module: keeps every intact record (length, CRC-32, a JSON object that replays)
// in order, drops the damaged stretches, keeps the original as store.db.damaged. Refuses while
// a live process owns the store (store.db.lock holding its pid).
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MAGIC = Buffer.from('AIOLOG1\n');
const HEADER = 8;
const STARTS = [Buffer.from('{"ops":'), Buffer.from('{"snapshot":')];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; ++i) {
    let c = i;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

function crc32(bytes) {
  let c = 0xFFFFFFFF;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >>> 8);
  return (c ^ 0xFFFFFFFF) >>> 0;
}

// The record at `at` when whole and intact (checksum, a JSON object of ops or a snapshot): its
// size, else 0.
function intactAt(buf, at) {
  if (at + HEADER > buf.length) return 0;
  const len = buf.readUInt32LE(at);
  if (len > buf.length - at - HEADER) return 0;
  const payload = buf.subarray(at + HEADER, at + HEADER + len);
  if (crc32(payload) !== buf.readUInt32LE(at + 4)) return 0;
  try {
    const doc = JSON.parse(payload.toString('utf8'));
    if (!doc || typeof doc !== 'object' || !(Array.isArray(doc.ops) || Array.isArray(doc.snapshot))) return 0;
  } catch (e) {
    return 0;
  }
  return HEADER + len;
}

function nextIntact(buf, from) {
  let best = -1;
  for (const start of STARTS) {
    for (let q = buf.indexOf(start, from + 1 + HEADER); q >= 0 && (best < 0 || q < best); q = buf.indexOf(start, q + 1)) {
      if (intactAt(buf, q - HEADER)) {
        best = q - HEADER;
        break;
      }
    }
  }
  return best;
}

// The repaired bytes of a log, the records kept and the offsets where damage began.
export function repairLog(buf) {
  let at = MAGIC.length;
  const damage = [];
  if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    at = nextIntact(buf, 0);
    if (at < 0) throw new Error('not an aio store log (bad header, no intact record)');
    damage.push(0);
  }
  const parts = [MAGIC];
  let kept = 0;
  while (at < buf.length) {
    const n = intactAt(buf, at);
    if (n) {
      parts.push(buf.subarray(at, at + n));
      ++kept;
      at += n;
      continue;
    }
    damage.push(at);
    const next = nextIntact(buf, at);
    at = next < 0 ? buf.length : next;
  }
  return { content: Buffer.concat(parts), kept, damage };
}

function writeDurably(path, bytes) {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

// Repairs DIR/store.db; returns a line saying what it did. Throws with a message on failure.
export function repairStore(dir) {
  const path = join(dir, 'store.db');
  let owner = '';
  try {
    owner = readFileSync(path + '.lock', 'utf8');
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  if (Number(owner) > 0 && alive(Number(owner))) throw new Error(`'${path}' is in use by pid ${owner}: stop it first`);
  if (lstatSync(path).isSymbolicLink()) throw new Error(`'${path}' is a symbolic link (not followed here)`);
  const buf = readFileSync(path);
  const r = repairLog(buf);
  if (r.content.equals(buf)) return `${path}: not damaged (${r.kept} records), nothing to do`;
  writeDurably(path + '.damaged', buf);
  writeDurably(path + '.repair', r.content);
  renameSync(path + '.repair', path);
  const fd = openSync(dirname(path), 'r');
  try { fsyncSync(fd); } catch (e) { } finally { closeSync(fd); }
  return `${path}: kept ${r.kept} intact records, dropped ${buf.length - r.content.length} bytes ` +
    `(damage at byte ${r.damage.join(', ')}); the original is in ${path}.damaged`;
}
