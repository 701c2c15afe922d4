// <aio-sandbox lang="python">: a Python program (the element's text or src="file.py"), editable,
// with Run / Step / Reset, the timeline and the output. widget.js loads this script the first time
// a widget shows Python (so C++ widgets never download it) and passes what it shares with the
// C++ mode in `ctx`: the strings, the timeline classes, the fetch-once cache, the run queue and the
// module loader. This file imports nothing, so it stays one small script of its own.
//
// The program runs as a run of a session (sb.spawnPython) on the virtual clock: its tasks are the
// timeline's lanes; Step starts it paused and runs one loop tick per press, Run runs (or resumes)
// it to the end, Reset cancels it and clears the output.

// Programs that import the tutorials' I/O libraries need the page's module (HTTP, SQLite, storage);
// every other program runs on the widget's Python module.
const PYTHON_IO = /^[ \t]*(?:from|import)[ \t][^\n#]*\b(?:aiohttp|aiofiles|requests|sqlite3|aiosqlite|aiomysql|asyncpg)\b/m;
const pythonModuleFor = (source) => (PYTHON_IO.test(source) ? 'aio_sandbox' : 'aio_sandbox_python');

// Inline code as the author indented it inside the HTML: common indentation and blank edges removed.
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)[0].length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

const mk = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

export class PythonPane {
  #ctx;
  #els;
  #timeline;
  #error = null;  // why the program cannot run (a src that did not load)
  #loaded = null;
  #run = null;    // the program's run while it lasts: {sb (once loaded), paused}

  constructor(root, text, src, ctx) {
    this.#ctx = ctx;
    const s = ctx.strings;
    const name = src ? src.split('/').pop() : 'main.py';
    const head = mk('div', 'head');
    const status = mk('span', 'status', '');
    const step = mk('button', 'tl-btn step', s.step);
    const reset = mk('button', 'tl-btn reset', s.reset);
    const run = mk('button', 'run', '▶ ' + s.run);
    run.part = 'run';
    head.append(mk('span', 'title', name), status, step, reset, run);
    const code = mk('textarea', 'code edit');
    code.spellcheck = false;
    code.setAttribute('aria-label', name);
    const tl = mk('div', 'timeline');
    this.#timeline = new ctx.Timeline(tl, s);
    this.#timeline.setEmptyText(s.noOutput);
    const out = mk('pre', 'out', s.noOutput);
    root.append(head, code, tl, out);
    this.#els = { run, status, out, code, name };
    if (src) {
      code.disabled = true;  // until the file is here
      this.#loaded = ctx.fetchOnce(new URL(src, document.baseURI)).then((t) => {
        code.value = t;
        code.disabled = false;
      }, (e) => {
        code.value = '';
        this.#fail(s.noSource(src, e.message));
      });
    } else if (text.trim()) {
      code.value = dedent(text);
    } else {
      this.#show(s.noProgram);  // the box stays editable: a program typed into it runs
    }
    run.addEventListener('click', () => {
      if (this.#run?.paused && this.#run.sb) {  // Run resumes a stepped run
        this.#run.paused = false;
        run.disabled = true;
        this.#setStatus(s.running, 'running');
        this.#run.sb.resume();
        return;
      }
      this.run(false).catch(() => {});  // the failure is shown in the widget
    });
    step.addEventListener('click', () => this.#step());
    reset.addEventListener('click', () => this.#reset());
  }

  // `message` in the output, in red; #fail also keeps it as the reason the program cannot run.
  #show(message) {
    this.#els.out.textContent = message;
    this.#els.out.className = 'out bad';
  }
  #fail(message) {
    this.#error = message;
    this.#show(message);
  }

  #setStatus(text, cls = '') {
    this.#els.status.textContent = text;
    this.#els.status.className = 'status ' + cls;
  }

  #draw(events) {
    this.#timeline.setModel(events ? this.#ctx.TaskModel.fromEvents(events) : new this.#ctx.TaskModel());
    return this.#timeline.render();
  }

  // The first press starts the program paused at its start; each next one runs one loop tick.
  #step() {
    const r = this.#run;
    if (!r) {
      this.run(true).catch(() => {});
      return;
    }
    if (!r.paused || !r.sb) return;
    try {
      const { tick } = r.sb.step();
      this.#setStatus(`${this.#ctx.strings.paused} · ${this.#ctx.strings.stepN(tick)}`, 'running');
      this.#draw(r.sb.trace().events);
    } catch (e) {
      this.#show(`${e.name}: ${e.message}`);
    }
  }

  #reset() {
    this.dispose();
    const { out, run } = this.#els;
    out.textContent = this.#error ?? this.#ctx.strings.noOutput;
    out.className = this.#error ? 'out bad' : 'out';
    this.#setStatus('');
    this.#draw(null);
    run.disabled = false;
  }

  // Cancels the running or paused program (its run then ends as cancelled, which is not shown).
  dispose() {
    this.#run?.sb?.reset({ clock: 'virtual' });
    this.#run = null;
  }

  // Runs the program; resolves to the package's RunResult (status 1 after a traceback).
  async run(paused) {
    const { run, out, code, name } = this.#els;
    const ctx = this.#ctx;
    const s = ctx.strings;
    await this.#loaded;
    const source = code.value;
    const refusal = this.#error ?? (source.trim() ? null : s.noProgram);
    if (refusal) {
      this.#show(refusal);
      this.#setStatus(`✗ ${s.failed}`, 'bad');
      throw new Error(refusal);
    }
    const mine = { sb: null, paused };
    this.#run = mine;
    run.disabled = !paused;  // while paused, Run resumes
    this.#setStatus(paused ? s.paused : s.running, 'running');
    out.className = 'out';
    out.textContent = '';
    this.#draw(null);
    const lines = [];
    const job = ctx.enqueue(async () => {
      const sb = await ctx.load(pythonModuleFor(source));
      if (this.#run !== mine) throw new Error('reset before it started');
      mine.sb = sb;
      sb.reset({ clock: 'virtual', paused });
      const offs = [sb.on('output', (o) => {
        lines.push(o.text);
        if (this.#run === mine) out.textContent = lines.join('\n');
      }), sb.on('error', (e) => lines.push(`⚠ ${e.message}`))];
      if (paused) ctx.runs.stepping = { el: ctx.owner, sb };
      try {
        return await sb.spawnPython(source, { filename: name });
      } finally {
        for (const off of offs) off();
        if (ctx.runs.stepping?.sb === sb) ctx.runs.stepping = null;
      }
    });
    let r;
    try {
      r = await job;
    } catch (e) {
      if (this.#run === mine) {
        this.#run = null;
        this.#show(`${e.name}: ${e.message}`);
        this.#setStatus(`✗ ${s.failed}`, 'bad');
        run.disabled = false;
      }
      throw e;
    }
    if (this.#run !== mine) return r;  // reset or re-rendered meanwhile
    this.#run = null;
    run.disabled = false;
    // A traceback is already in the output (stderr); a cancelled run says so.
    out.textContent = lines.join('\n') + (r.error?.name === 'CancelledError' ? `\n${r.error.name}: ${r.error.message}` : '');
    if (!r.ok) out.className = 'out bad';
    const n = this.#draw(r.trace.events);
    if (r.ok) this.#setStatus(`✓ ${s.ok} · ${n} ${n === 1 ? s.lane : s.lanes}`, 'ok');
    else this.#setStatus(`✗ ${s.failed} (${s.status} ${r.status})`, 'bad');
    ctx.done(r);
    return r;
  }
}
