// The timeline: time on the x-axis, one lane per task (children under their parent), solid while
// running, hatched while awaiting (labelled with what it awaits), errors and cancellations marked
// at the end of the lane, a deadlocked lane with what it was stuck on, ran-versus-waited on hover,
// a cancel button on live lanes. Zoom (Ctrl + wheel / pinch, +/− buttons and keys, around the
// pointer), pan (drag, Shift + wheel, arrow keys), fit; it follows the live edge while running
// unless the user panned away.
//
// It stays fast with 100,000 tasks: TaskModel folds event batches in as they come (no re-scan of
// the log; the fold is trace.js's TaskFold, shared with the CLI), and only the lanes in view are
// drawn (virtual scrolling), each with at most about one shape per pixel column however many
// segments it has. Pure DOM/SVG, no inline styles (CSP).
//
// A run whose loop time does not move (no sleeps: every event at t = 0) would draw as slivers at
// one instant: while its time span stays under a microsecond the x-axis counts steps instead (the
// order of the task events, TaskModel.stepFold) and says so; the host's data-axis is 'step' or 'time'.
import { TaskFold } from '../src/trace.js';

const SVG = 'http://www.w3.org/2000/svg';
const LANE = 24;
const LABEL = 160;
const AXIS = 22;
const MAX_HEIGHT = 460;   // the view scrolls vertically past this many pixels of lanes
const ZOOM_STEP = 1.6;
const STILL = 1e-6;       // a run spanning less loop time than this is drawn on a step axis

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const k in attrs) if (attrs[k] !== undefined) e.setAttribute(k, String(attrs[k]));
  if (parent) parent.appendChild(e);
  return e;
}

const fmt = (s) => (s === 0 ? '0' : s >= 10 ? s.toFixed(1) : s >= 1 ? s.toFixed(2) : s >= 0.001 ? s.toFixed(3) : s.toExponential(1)) + ' s';

function niceStep(span, px) {
  const target = span / Math.max(2, Math.floor(px / 90));
  const p = 10 ** Math.floor(Math.log10(target || 1));
  for (const m of [1, 2, 5, 10]) if (m * p >= target) return m * p;
  return 10 * p;
}

// The timeline's lanes: the shared fold of the event stream (TaskFold, web/src/trace.js) with
// each lane placed under its parent, and the lane order and ran/waited totals the view needs.
export class TaskModel extends TaskFold {
  clear() {
    super.clear();
    this.kids = new Map();      // parent id -> child lanes, in creation order
    this.roots = [];
    this.orderVersion = -1;
    this.orderAt = 0;
    this.order = [];
    this.stepFold = new TaskFold({ byStep: true });   // dropped once time moves
  }

  add(events) {
    super.add(events);
    if (!this.stepFold) return;
    if (this.t1 - this.t0 >= STILL) this.stepFold = null;
    else this.stepFold.add(events);
  }

  get size() { return this.tasks.size; }

  created(t) {
    const parent = t.parent && this.tasks.get(t.parent);
    if (parent) {
      t.depth = parent.depth + 1;
      let list = this.kids.get(parent.task);
      if (!list) this.kids.set(parent.task, (list = []));
      list.push(t);
    } else this.roots.push(t);
    this.orderVersion = -1;
  }

  // Parent/child order: depth-first from the roots, siblings by creation. Cached until a task is
  // added; with thousands of tasks redone at most every 200 ms (stale() says a redo is due).
  stale() { return this.orderVersion === -1; }
  lanes() {
    const big = this.tasks.size > 5000 && this.order.length > 0;
    if (this.orderVersion === -1 && (!big || performance.now() - this.orderAt >= 200)) {
      this.orderAt = performance.now();
      const out = [];
      const stack = [];
      for (let r = this.roots.length - 1; r >= 0; --r) stack.push(this.roots[r]);
      while (stack.length) {
        const t = stack.pop();
        out.push(t);
        const kids = this.kids.get(t.task);
        if (kids) for (let k = kids.length - 1; k >= 0; --k) stack.push(kids[k]);
      }
      this.order = out;
      this.orderVersion = this.version;
    }
    return this.order;
  }

  // Time ran vs waited (hover text), up to `now` for a live task.
  totals(t, now) {
    let ran = 0;
    let waited = 0;
    const n = t.from.length;
    for (let i = 0; i < n; ++i) {
      const to = i + 1 < n ? t.from[i + 1] : t.end ?? now;
      const d = Math.max(0, to - t.from[i]);
      if (t.run[i]) ran += d; else waited += d;
    }
    return { ran, waited };
  }

  static fromEvents(events) {
    const m = new TaskModel();
    m.add(events);
    return m;
  }
}

// First segment index whose end is after `time` (segments are contiguous and sorted).
function firstAfter(from, time) {
  let lo = 0;
  let hi = from.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (from[mid] <= time) lo = mid; else hi = mid - 1;
  }
  return lo;
}

export class Timeline {
  // host: an empty element; s: UI strings; options.onCancel(taskId) adds cancel buttons to live lanes.
  constructor(host, s, options = {}) {
    this.host = host;
    this.s = s;
    this.onCancel = options.onCancel ?? null;
    this.model = new TaskModel();
    this.now = null;           // loop time while running (live), else null
    this.mode = 'fit';         // 'fit': everything; 'follow': fixed span at the live edge; 'fixed': user-placed
    this.v0 = 0;
    this.v1 = 1;
    this.drawn = null;
    this.#build();
  }

  #build() {
    const mk = (tag, cls, text) => {
      const e = document.createElement(tag);
      e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    this.tools = mk('div', 'tl-tools');
    this.btnOut = mk('button', 'tl-btn tl-zoom-out', '−');
    this.btnIn = mk('button', 'tl-btn tl-zoom-in', '+');
    this.btnFit = mk('button', 'tl-btn tl-fit', '');
    this.range = mk('span', 'tl-range', '');
    for (const b of [this.btnOut, this.btnIn, this.btnFit]) b.type = 'button';
    this.tools.append(this.btnOut, this.btnIn, this.btnFit, this.range);
    this.view = mk('div', 'tl-view');
    this.view.tabIndex = 0;
    this.svg = el('svg', { class: 'tl-svg', role: 'img' });
    this.spacer = mk('div', 'tl-spacer');
    this.empty = mk('p', 'muted empty tl-empty', '');
    this.view.append(this.svg, this.spacer);
    this.host.replaceChildren(this.tools, this.view, this.empty);
    this.setStrings(this.s);

    this.btnIn.addEventListener('click', () => this.zoom(1 / ZOOM_STEP));
    this.btnOut.addEventListener('click', () => this.zoom(ZOOM_STEP));
    this.btnFit.addEventListener('click', () => this.fit());
    this.view.addEventListener('scroll', () => this.request());
    this.view.addEventListener('wheel', (e) => this.#wheel(e), { passive: false });
    this.view.addEventListener('keydown', (e) => this.#key(e));
    this.view.addEventListener('pointerdown', (e) => this.#dragStart(e));
    this.svg.addEventListener('click', (e) => {
      const b = e.target.closest?.('.tl-cancel');
      if (b && this.onCancel) this.onCancel(Number(b.getAttribute('data-task')));
    });
    new ResizeObserver(() => this.request()).observe(this.view);
  }

  setStrings(s) {
    this.s = s;
    this.btnIn.title = s.zoomIn;
    this.btnOut.title = s.zoomOut;
    this.btnFit.textContent = s.fit;
    this.btnFit.title = s.fitHelp;
    this.view.title = s.zoomHelp;
    this.empty.textContent = this.emptyText ?? s.noResult;
    this.drawn = null;
    this.request();
  }

  // A new model (e.g. a finished run's trace); resets the view to fit.
  setModel(model) {
    this.model = model;
    this.mode = 'fit';
    this.drawn = null;
    this.request();
  }
  reset() { this.setModel(new TaskModel()); }
  setEmptyText(text) { this.emptyText = text; this.empty.textContent = text ?? this.s.noResult; }
  setNow(now) { this.now = now; }

  // Whether the x-axis counts steps: the model's time (and the live loop time) has not moved.
  get stepAxis() {
    const m = this.model;
    return m.stepFold !== null && !(Math.max(m.t1, this.now ?? -Infinity) - m.t0 >= STILL);
  }

  // A position on the axis as text: "1.50 s", or "step 12" on a step axis.
  at(v) { return this.stepAxis ? this.s.stepN(Math.round(v)) : fmt(v); }

  // The whole extent of the data.
  extent() {
    const m = this.model;
    if (this.stepAxis) return [0, Math.max(m.stepFold.steps, 1)];
    let t0 = Number.isFinite(m.t0) ? m.t0 : 0;
    let t1 = Math.max(Number.isFinite(m.t1) ? m.t1 : 0, this.now ?? -Infinity);
    if (t0 > 0 && t0 < (t1 - t0) * 0.05) t0 = 0;    // a run that began just after 0 starts the axis at 0
    if (t1 - t0 < 1e-3) t1 = t0 + 1e-3;
    return [t0, t1];
  }

  #resolveView() {
    const [t0, t1] = this.extent();
    if (this.mode === 'fit') { this.v0 = t0; this.v1 = t1; }
    else if (this.mode === 'follow') {
      const span = this.v1 - this.v0;
      this.v1 = t1;
      this.v0 = t1 - span;
    }
  }

  plotWidth() { return Math.max(this.width - LABEL - 16, 50); }

  // Zooms by `factor` (<1 in, >1 out) keeping the time under pixel x (default: the middle) in place.
  zoom(factor, x = null) {
    this.#resolveView();
    const [t0, t1] = this.extent();
    const plot = this.plotWidth();
    const px = x === null ? plot / 2 : Math.min(Math.max(x - LABEL, 0), plot);
    const at = this.v0 + (px / plot) * (this.v1 - this.v0);
    const span = Math.min(Math.max((this.v1 - this.v0) * factor, 1e-6), t1 - t0);
    if (span >= t1 - t0) { this.fit(); return; }
    this.#place(at - (px / plot) * span, span);
  }

  // Moves the view by `dx` pixels (positive: later).
  pan(dx) {
    this.#resolveView();
    const span = this.v1 - this.v0;
    this.#place(this.v0 + (dx / this.plotWidth()) * span, span);
  }

  #place(v0, span) {
    const [t0, t1] = this.extent();
    v0 = Math.min(Math.max(v0, t0), t1 - span);
    this.v0 = v0;
    this.v1 = v0 + span;
    // At the live edge while running: keep following it; anywhere else (panned away) stay put.
    this.mode = this.now !== null && this.v1 >= t1 - span * 1e-3 ? 'follow' : 'fixed';
    this.request();
  }

  fit() {
    this.mode = 'fit';
    this.request();
  }

  // The visible time range [v0, v1] (tests and the range label).
  get visible() {
    this.#resolveView();
    return { from: this.v0, to: this.v1, mode: this.mode };
  }

  #wheel(e) {
    const rect = this.view.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    if (e.ctrlKey || e.metaKey || (y < AXIS && !e.shiftKey)) {        // pinch arrives as Ctrl + wheel
      e.preventDefault();
      this.zoom(Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.01))), x);
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      e.preventDefault();
      this.pan(e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX);
    }
  }

  #key(e) {
    const k = e.key;
    if (k === '+' || k === '=') this.zoom(1 / ZOOM_STEP);
    else if (k === '-' || k === '_') this.zoom(ZOOM_STEP);
    else if (k === '0') this.fit();
    else if (k === 'ArrowLeft') this.pan(-this.plotWidth() / 8);
    else if (k === 'ArrowRight') this.pan(this.plotWidth() / 8);
    else return;
    e.preventDefault();
  }

  #dragStart(e) {
    if (e.button !== 0 || e.target.closest?.('.tl-cancel')) return;
    const rect = this.view.getBoundingClientRect();
    if (e.clientX - rect.left < LABEL) return;
    let last = e.clientX;
    let moved = false;
    this.view.setPointerCapture?.(e.pointerId);
    const move = (m) => {
      const dx = m.clientX - last;
      if (!moved && Math.abs(dx) < 3) return;
      moved = true;
      last = m.clientX;
      this.view.classList.add('dragging');
      this.pan(-dx);
    };
    const up = () => {
      this.view.removeEventListener('pointermove', move);
      this.view.removeEventListener('pointerup', up);
      this.view.removeEventListener('pointercancel', up);
      this.view.classList.remove('dragging');
    };
    this.view.addEventListener('pointermove', move);
    this.view.addEventListener('pointerup', up);
    this.view.addEventListener('pointercancel', up);
  }

  request() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  // Draws the lanes in view. Cheap when nothing moved (same model version, view and scroll).
  render() {
    const m = this.model;
    const n = m.size;
    this.host.dataset.lanes = String(n);
    this.empty.hidden = n > 0;
    this.view.hidden = n === 0;
    this.tools.hidden = n === 0;
    if (!n) return 0;
    this.width = Math.max(this.view.clientWidth || this.host.clientWidth || 600, 320);
    this.#resolveView();
    const full = AXIS + n * LANE + 6;
    const height = Math.min(full, MAX_HEIGHT);
    const scroll = this.view.scrollTop;
    const key = `${m.version}|${this.v0}|${this.v1}|${this.width}|${scroll}|${this.now}`;
    if (this.drawn === key) return n;
    this.drawn = key;
    this.spacer.style.height = `${full - height}px`;
    this.#draw(height, scroll);
    if (m.stale()) {   // the lane order waits for its next redo: draw again then
      this.drawn = null;
      clearTimeout(this.redo);
      this.redo = setTimeout(() => this.request(), 220);
    }
    const { from, to } = this.visible;
    const steps = this.stepAxis;
    this.range.textContent = `${this.at(from)} → ${this.at(to)}` + (steps ? ` · ${this.s.stepAxisHelp}` : '') +
      (this.mode === 'follow' ? ` · ${this.s.live}` : '');
    this.host.dataset.axis = steps ? 'step' : 'time';
    this.host.dataset.from = String(from);
    this.host.dataset.to = String(to);
    this.host.dataset.mode = this.mode;
    return n;
  }

  #draw(height, scroll) {
    const { width, v0, v1, s, model: m } = this;
    // On a step axis the lanes' segments come from the step fold, and a live lane reaches the last step.
    const steps = this.stepAxis;
    const now = steps ? (this.now === null ? null : m.stepFold.steps) : this.now;
    const last = steps ? m.stepFold.steps : m.t1;
    const plot = this.plotWidth();
    const span = v1 - v0;
    const x = (time) => LABEL + ((time - v0) / span) * plot;
    const svg = this.svg;
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.replaceChildren();
    const defs = el('defs', {}, svg);
    const pat = el('pattern', { id: 'aio-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse',
      patternTransform: 'rotate(45)' }, defs);
    el('rect', { width: 6, height: 6, class: 'tl-hatch-bg' }, pat);
    el('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'tl-hatch-line' }, pat);
    const clip = el('clipPath', { id: 'aio-plot' }, defs);
    el('rect', { x: LABEL, y: 0, width: plot + 12, height }, clip);

    const lanes = m.lanes();
    const first = Math.floor(scroll / LANE);
    const count = Math.ceil((height - AXIS) / LANE) + 1;
    const body = el('g', { class: 'tl-body' }, svg);
    for (let i = first; i < Math.min(lanes.length, first + count); ++i) {
      this.#lane(body, lanes[i], AXIS + (i - first) * LANE - (scroll % LANE), i, x, now, last, steps);
    }
    // the axis on top, always visible
    el('rect', { x: 0, y: 0, width, height: AXIS, class: 'tl-axis-bg' }, svg);
    const step = steps ? Math.max(1, niceStep(span, plot)) : niceStep(span, plot);
    const grid = el('g', { class: 'tl-axis-g' }, svg);
    for (let v = Math.ceil(v0 / step) * step; v <= v1 + step * 1e-6; v += step) {
      const xv = x(v);
      el('line', { x1: xv, x2: xv, y1: AXIS - 4, y2: height, class: 'tl-grid' }, grid);
      const label = el('text', { x: xv, y: AXIS - 8, class: 'tl-axis', 'text-anchor': 'middle' }, grid);
      label.textContent = steps ? s.stepN(v) : `${+v.toPrecision(6)}s`;
    }
    if (steps) {
      const note = el('text', { x: 8, y: AXIS - 8, class: 'tl-axis tl-axis-mode' }, svg);
      note.textContent = s.stepAxis;
      el('title', {}, note).textContent = s.stepAxisHelp;
    } else if (now !== null && now >= v0 && now <= v1) el('line', { x1: x(now), x2: x(now), y1: AXIS - 4, y2: height, class: 'tl-now' }, svg);
  }

  // t: the lane (name, place, times); `d` has the segments drawn: on a step axis the step fold's.
  #lane(parent, t, y, index, x, now, last, steps) {
    const { s, v0, v1 } = this;
    const d = steps ? this.model.stepFold.tasks.get(t.task) ?? t : t;
    const width = this.width;
    const plot = this.plotWidth();
    const g = el('g', { class: 'tl-lane', 'data-task': t.task }, parent);
    if (index % 2) el('rect', { x: 0, y, width, height: LANE, class: 'tl-stripe' }, g);
    const live = t.end === null;
    const depth = Math.min(t.depth, 8);
    const name = el('text', { x: 8 + depth * 12, y: y + LANE / 2 + 4, class: 'tl-name' }, g);
    const room = Math.floor((LABEL - 14 - depth * 12 - (live && this.onCancel ? 18 : 0)) / 6.6);
    const label = (depth ? '└ ' : '') + t.name;
    name.textContent = label.length > room ? label.slice(0, Math.max(1, room - 1)) + '…' : label;
    const { ran, waited } = this.model.totals(t, this.now ?? this.model.t1);   // seconds, also on a step axis
    const shown = steps ? this.model.totals(d, now ?? last) : null;
    const dur = steps ? s.stepCount : fmt;
    el('title', {}, name).textContent = `${t.name} (#${t.task}) — ${s.ran} ${dur(shown?.ran ?? ran)}, ` +
      `${s.waited} ${dur(shown?.waited ?? waited)}` + (t.outcome ? ` — ${t.outcome}` : '') + (t.error ? `: ${t.error}` : '') +
      (t.stuck ? ` — ${s.stuck} ${s.waitOn(t.stuck)}` : '');
    g.setAttribute('data-ran', ran);
    g.setAttribute('data-waited', waited);
    if (t.outcome) g.setAttribute('data-outcome', t.outcome);
    if (live && this.onCancel) {
      const b = el('g', { class: 'tl-cancel', 'data-task': t.task, role: 'button' }, g);
      el('rect', { x: LABEL - 20, y: y + 4, width: 16, height: LANE - 8, rx: 3 }, b);
      const c = el('text', { x: LABEL - 12, y: y + LANE / 2 + 4, 'text-anchor': 'middle' }, b);
      c.textContent = '×';
      el('title', {}, b).textContent = `${s.cancelTask} ${t.name}`;
    }
    const segs = el('g', { 'clip-path': 'url(#aio-plot)' }, g);
    const n = d.from.length;
    const endOf = (i) => (i + 1 < n ? d.from[i + 1] : d.end ?? now ?? last);
    const pxTime = (v1 - v0) / plot;        // seconds per pixel
    let i = firstAfter(d.from, v0);
    // A dense lane (more segments in view than a quarter of its pixels, e.g. a loop spawning 100
    // tasks a tick for seconds) is drawn as runs of pixel columns: a segment under 4 px gets no
    // shape and title of its own, and neighbouring columns of one kind are one shape. Thousands
    // of shapes in a lane made frames of a live run longer than 50 ms.
    const dense = firstAfter(d.from, v1) - i > plot / 4;
    const own = dense ? 4 * pxTime : pxTime;   // a segment at least this long is a shape of its own
    let strip = null;   // dense: the columns not drawn yet, {x0, x1, run}
    const drawStrip = () => {
      if (!strip) return;
      el('rect', { x: strip.x0, y: y + 5, width: Math.max(1, strip.x1 - strip.x0), height: LANE - 10,
        class: strip.run ? 'tl-run' : 'tl-wait', fill: strip.run ? undefined : 'url(#aio-hatch)' }, segs);
      strip = null;
    };
    while (i < n && d.from[i] <= v1) {
      const from = d.from[i];
      const to = endOf(i);
      if (to - from >= own || (!dense && d.run[i] && to >= v0)) {
        drawStrip();
        this.#segment(segs, d, t.name, i, from, to, y, x);
        ++i;
        continue;
      }
      // Thinner segments: one shape per pixel column (running if any ran in it), and in a dense
      // lane one per stretch of columns of the same kind.
      // Segment i is always taken: rounding can put colEnd at or before `from`, and a column that
      // took nothing would loop forever.
      const colEnd = v0 + (Math.floor((from - v0) / pxTime) + 1) * pxTime;
      let j = i + 1;
      let anyRun = d.run[i];
      while (j < n && d.from[j] < colEnd && j - i < 64) anyRun |= d.run[j++];
      if (j < n && d.from[j] < colEnd) {
        j = Math.max(j, firstAfter(d.from, colEnd));
        anyRun = 1;   // many steps in one pixel: show it as busy
      }
      const x0 = x(Math.max(from, v0));
      const x1 = Math.max(x0 + 1, x(Math.min(endOf(j - 1), v1)));
      const run = Boolean(anyRun);
      if (strip && strip.run === run && x0 <= strip.x1 + 0.5) {
        strip.x1 = Math.max(strip.x1, x1);
      } else {
        drawStrip();
        strip = { x0, x1, run };
      }
      if (!dense) drawStrip();
      i = j;
    }
    drawStrip();
    // A cancellation requested (Task.cancel(), a timeout): ⊘ where it came, also one the task survived.
    if (d.cancels) {
      g.setAttribute('data-cancels', d.cancels.length);
      // a task that ended cancelled has its last request shown by the end mark
      const shown = d.cancels.length - (t.outcome === 'cancelled' ? 1 : 0);
      for (let k = 0; k < shown; ++k) {
        const c = d.cancels[k];
        if (c < v0 || c > v1) continue;
        const mark = el('text', { x: x(c) - 4, y: y + LANE / 2 + 4, class: 'tl-mark tl-mark-cancel tl-cancel-req', 'data-at': c }, g);
        mark.textContent = '⊘';
        el('title', {}, mark).textContent = `${s.cancelRequested} ${this.at(c)}`;
      }
    }
    // A deadlock stalled it: what it waited on, just before where the loop stalled. That wait
    // began at the stall (no time passed), so no segment shows it — the last one may be a sleep.
    if (d.stuck) {
      g.setAttribute('data-stuck', d.stuck.on);
      const at = d.stuck.at;
      if (at >= v0 && at <= v1 + (v1 - v0) * 0.02) {
        const mark = el('text', { x: x(at) - 2, y: y + LANE / 2 + 4, 'text-anchor': 'end', class: 'tl-stuck' }, g);
        const on = s.waitOn(d.stuck);
        mark.textContent = `${s.stuck} ${on}`;
        el('title', {}, mark).textContent = s.stuckAt(this.at(at), on);
      }
    }
    if (!live && d.end >= v0 && d.end <= v1 + (v1 - v0) * 0.02) {
      const xe = Math.min(x(d.end) + 4, width - 12);
      const cls = t.outcome === 'exception' ? 'tl-mark-err' : t.outcome === 'cancelled' ? 'tl-mark-cancel' : 'tl-mark-ok';
      const mark = el('text', { x: xe, y: y + LANE / 2 + 5, class: `tl-mark ${cls}` }, g);
      mark.textContent = t.outcome === 'exception' ? '✗' : t.outcome === 'cancelled' ? '⊘' : '✓';
      if (t.error) el('title', {}, mark).textContent = t.error;
    }
  }

  #segment(parent, t, name, i, from, to, y, x) {
    const s = this.s;
    const running = t.run[i];
    const x0 = x(Math.max(from, this.v0));
    let w = x(Math.min(to, this.v1)) - x0;
    if (running) w = Math.max(w, 3);
    if (w <= 0) return;
    const r = el('rect', { x: x0, y: y + 5, width: w, height: LANE - 10, rx: 2, class: running ? 'tl-run' : 'tl-wait',
      fill: running ? undefined : 'url(#aio-hatch)' }, parent);
    const label = t.label[i] && s.waitLabel(t.label[i]);
    el('title', {}, r).textContent = running ? `${name}: ${s.legendRun} ${this.at(from)} → ${this.at(to)}`
      : `${name}: ${s.awaiting} ${label} (${this.at(from)} → ${this.at(to)})`;
    if (!running && w > 70 && label && t.label[i] !== 'ready') {
      const text = el('text', { x: x0 + 4, y: y + LANE / 2 + 4, class: 'tl-seg-label' }, parent);
      text.textContent = label.length > w / 6.5 ? label.slice(0, Math.max(0, Math.floor(w / 6.5) - 1)) + '…' : label;
    }
  }
}
