// Decoding of the session's event batches (see wasm/sandbox/session.hpp) into the event log's
// entries. A batch is a Float64Array of records of RECORD_SIZE numbers
//   [kind, tick, time_ns, task, other, wait, result, num, text]
// plus the strings first used in that batch (text indexes a string table that only grows).

export const RECORD_SIZE = 9;

// The names of the codes, filled from the module's protocol() (the C++ tables: trace.hpp,
// session.hpp; wasm/sandbox/protocol_bindings.cpp) when it loads: a code is a position.
export const TRACE_KINDS = [];     // aio::trace_kind
export const SESSION_KINDS = {};   // aio::sandbox::stream_kind, by code (from 32)
export const WAIT_KINDS = [];      // aio::wait_kind
export const OUTCOMES = [];        // aio::outcome
// {code: English template} of what the engine reports as a message (wasm/sandbox/messages.hpp):
// recipe validation reasons, limit errors, the deadlock report's parts ("{name}": a parameter).
export const MESSAGES = {};

// Takes the names from a loaded module's protocol(); the same module always gives the same.
export function useProtocol(protocol) {
  if (protocol.record_size !== RECORD_SIZE) {
    throw new Error(`the module's event records have ${protocol.record_size} numbers, this package reads ${RECORD_SIZE}`);
  }
  TRACE_KINDS.splice(0, Infinity, ...protocol.trace_kinds);
  for (const code of Object.keys(SESSION_KINDS)) delete SESSION_KINDS[code];
  protocol.session_kinds.forEach((name, i) => { SESSION_KINDS[protocol.session_kind_base + i] = name; });
  WAIT_KINDS.splice(0, Infinity, ...protocol.wait_kinds);
  OUTCOMES.splice(0, Infinity, ...protocol.outcomes);
  Object.assign(MESSAGES, protocol.messages);
}

// Kinds whose `num` is a deadline (loop time, ns) rather than a value.
const DEADLINE_KINDS = new Set(['timer_armed', 'timer_fired', 'timer_cancelled', 'task_suspended']);

export function kindName(code) {
  return TRACE_KINDS[code] ?? SESSION_KINDS[code] ?? `kind_${code}`;
}

// One event of the log (format version 1). Fields that are zero / none are left out:
//   kind     string (TRACE_KINDS or SESSION_KINDS)
//   tick     loop tick counter when it happened
//   time     loop time in seconds
//   task     the task id it is about (0 / absent: the loop itself)
//   other    parent task (task_created), awaited task (task_suspended), run id (output)
//   wait     what a suspended task waits on (WAIT_KINDS)
//   result   how a task or run ended (OUTCOMES)
//   deadline loop time in seconds (timers, suspensions with a deadline)
//   value    ready items (tick_begin), duration ns (slow_step), exit status (run_done), flags (output:
//            2 a stderr line, 4 a program's unterminated last line)
//   text     task name, wait label, error message, output line, deadlock report JSON, a task's lane
//            name (task_label: a task without a name shown as its call: Python's task_func('A', 1),
//            a C++ example's worker (Task-3))
export function decodeBatch(records, strings, table, out = []) {
  for (const s of strings) table.push(s);
  for (let i = 0; i + RECORD_SIZE <= records.length; i += RECORD_SIZE) {
    const kind = kindName(records[i]);
    const e = { kind, tick: records[i + 1], time: records[i + 2] / 1e9 };
    const task = records[i + 3];
    if (task) e.task = task;
    const other = records[i + 4];
    if (other) e.other = other;
    const wait = records[i + 5];
    if (wait) e.wait = WAIT_KINDS[wait];
    const result = records[i + 6];
    if (result) e.result = OUTCOMES[result];
    const num = records[i + 7];
    if (num) {
      if (DEADLINE_KINDS.has(kind)) e.deadline = num / 1e9;
      else e.value = num;
    }
    const text = records[i + 8];
    if (text >= 0) e.text = table[text];
    out.push(e);
  }
  return out;
}

// The recorded events, kept as the session sent them (copies of the Float64Array batches; the
// string table is shared) and decoded only when read: a run of 100,000 tasks leaves a few hundred
// typed arrays, not a million objects for the garbage collector to trace while the page animates.
// Indexes are absolute (events ever appended); `trim` drops whole batches from the front.
export class EventLog {
  #chunks = [];   // { first: index of its first event, records: Float64Array }
  #count = 0;

  constructor(table) { this.table = table; }

  get length() { return this.#count; }

  append(records) {
    const n = Math.floor(records.length / RECORD_SIZE);
    if (!n) return;
    this.#chunks.push({ first: this.#count, records: records.slice(0, n * RECORD_SIZE) });
    this.#count += n;
  }

  // Keeps at least the last `max` events.
  trim(max) {
    while (this.#chunks.length > 1 && this.#count - this.#chunks[1].first >= max) this.#chunks.shift();
  }

  // The events with indexes in [from, to), decoded (those trimmed away are gone).
  events(from = 0, to = this.#count) {
    const out = [];
    for (const c of this.#chunks) {
      const n = c.records.length / RECORD_SIZE;
      const a = Math.max(from, c.first);
      const b = Math.min(to, c.first + n);
      if (a < b) decodeBatch(c.records.subarray((a - c.first) * RECORD_SIZE, (b - c.first) * RECORD_SIZE), [], this.table, out);
    }
    return out;
  }
}
