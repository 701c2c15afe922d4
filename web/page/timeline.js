// The timeline: time on the x-axis, one lane per task (children under their parent), solid while
// running, hatched while awaiting (labelled with what it awaits), errors and cancellations marked
// at the end of the lane, ran-versus-waited on hover. Pure DOM/SVG, no inline styles (CSP).
const SVG = 'http://www.w3.org/2000/svg';
const LANE = 24;
const LABEL = 150;
const AXIS = 22;

function el(name, attrs = {}, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

// Parent/child order: depth-first from the roots, siblings by creation.
export function orderLanes(intervals) {
  const byId = new Map(intervals.map((t) => [t.task, t]));
  const kids = new Map();
  const roots = [];
  for (const t of intervals) {
    if (t.parent && byId.has(t.parent)) {
      if (!kids.has(t.parent)) kids.set(t.parent, []);
      kids.get(t.parent).push(t);
    } else roots.push(t);
  }
  const out = [];
  const visit = (t, depth) => {
    out.push({ t, depth });
    for (const c of kids.get(t.task) ?? []) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return out;
}

const fmt = (s) => (s >= 10 ? s.toFixed(1) : s >= 1 ? s.toFixed(2) : s.toFixed(3)) + ' s';

function niceStep(span, px) {
  const target = span / Math.max(2, Math.floor(px / 90));
  const p = 10 ** Math.floor(Math.log10(target || 1));
  for (const m of [1, 2, 5, 10]) if (m * p >= target) return m * p;
  return 10 * p;
}

// intervals: taskIntervals(...) output; s: strings (ran/waited/awaiting/...); now: current loop time.
export function renderTimeline(host, intervals, s, now = null) {
  const lanes = orderLanes(intervals);
  const width = Math.max(host.clientWidth || 600, 320);
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const { t } of lanes) {
    t0 = Math.min(t0, t.start);
    t1 = Math.max(t1, t.end ?? t.start);
    for (const g of t.segments) t1 = Math.max(t1, g.to);
  }
  if (now !== null) {
    t1 = Math.max(t1, now);
    // live: what a task is doing now lasts until now
    for (const { t } of lanes) {
      const seg = t.segments.at(-1);
      if (t.end === null && seg && seg.to < now) seg.to = now;
    }
  }
  if (!Number.isFinite(t0)) { t0 = 0; t1 = 1; }
  if (t0 > 0 && t0 < (t1 - t0) * 0.05) t0 = 0;   // a run that began just after 0 starts the axis at 0
  const span = Math.max(t1 - t0, 1e-3);
  const plot = width - LABEL - 16;
  const x = (time) => LABEL + ((time - t0) / span) * plot;
  const height = AXIS + lanes.length * LANE + 6;
  const svg = el('svg', { class: 'tl-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const defs = el('defs', {}, svg);
  const pat = el('pattern', { id: 'aio-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse',
    patternTransform: 'rotate(45)' }, defs);
  el('rect', { width: 6, height: 6, class: 'tl-hatch-bg' }, pat);
  el('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'tl-hatch-line' }, pat);

  // time axis
  const step = niceStep(span, plot);
  for (let v = Math.ceil(t0 / step) * step; v <= t1 + 1e-9; v += step) {
    const xv = x(v);
    el('line', { x1: xv, x2: xv, y1: AXIS - 4, y2: height, class: 'tl-grid' }, svg);
    const label = el('text', { x: xv, y: AXIS - 8, class: 'tl-axis', 'text-anchor': 'middle' }, svg);
    label.textContent = `${+v.toFixed(3)}s`;
  }
  lanes.forEach(({ t, depth }, i) => {
    const y = AXIS + i * LANE;
    const g = el('g', { class: 'tl-lane', 'data-task': t.task }, svg);
    if (i % 2) el('rect', { x: 0, y, width, height: LANE, class: 'tl-stripe' }, g);
    const name = el('text', { x: 8 + depth * 12, y: y + LANE / 2 + 4, class: 'tl-name' }, g);
    name.textContent = (depth ? '└ ' : '') + t.name;
    let ran = 0;
    let waited = 0;
    for (const seg of t.segments) {
      const dur = seg.to - seg.from;
      if (seg.state === 'run') ran += dur; else waited += dur;
      const x0 = x(seg.from);
      let w = x(seg.to) - x0;
      if (seg.state === 'run') w = Math.max(w, 3);
      if (w <= 0) continue;
      const r = el('rect', { x: x0, y: y + 5, width: w, height: LANE - 10, rx: 2,
        class: seg.state === 'run' ? 'tl-run' : 'tl-wait', fill: seg.state === 'run' ? undefined : 'url(#aio-hatch)' }, g);
      if (seg.state !== 'run') r.setAttribute('fill', 'url(#aio-hatch)');
      const tip = el('title', {}, r);
      tip.textContent = seg.state === 'run' ? `${t.name}: ${s.legendRun} ${fmt(seg.from)} → ${fmt(seg.to)}`
        : `${t.name}: ${s.awaiting} ${seg.label} (${fmt(seg.from)} → ${fmt(seg.to)})`;
      if (seg.state !== 'run' && w > 70 && seg.label && seg.label !== 'ready') {
        const lbl = el('text', { x: x0 + 4, y: y + LANE / 2 + 4, class: 'tl-seg-label' }, g);
        lbl.textContent = seg.label.length > w / 6.5 ? seg.label.slice(0, Math.max(0, Math.floor(w / 6.5) - 1)) + '…' : seg.label;
      }
    }
    if (t.end !== null) {
      const xe = x(t.end) + 4;
      const cls = t.outcome === 'exception' ? 'tl-mark-err' : t.outcome === 'cancelled' ? 'tl-mark-cancel' : 'tl-mark-ok';
      const m = el('text', { x: Math.min(xe, width - 10), y: y + LANE / 2 + 5, class: `tl-mark ${cls}` }, g);
      m.textContent = t.outcome === 'exception' ? '✗' : t.outcome === 'cancelled' ? '⊘' : '✓';
      if (t.error) el('title', {}, m).textContent = t.error;
    }
    const hover = el('title', {}, name);
    hover.textContent = `${t.name} (#${t.task}) — ${s.ran} ${fmt(ran)}, ${s.waited} ${fmt(waited)}` +
      (t.outcome ? ` — ${t.outcome}` : '') + (t.error ? `: ${t.error}` : '');
    g.dataset.ran = String(ran);
    g.dataset.waited = String(waited);
  });
  if (now !== null) el('line', { x1: x(now), x2: x(now), y1: AXIS - 4, y2: height, class: 'tl-now' }, svg);
  host.replaceChildren(svg);
  return lanes.length;
}
