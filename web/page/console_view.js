// The page's console: the first few lines of a frame are drawn at once (prompt feedback for a
// click), the rest are queued and drawn once per animation frame as one fragment, and only the
// newest `maxLines` stay in the DOM (older ones are counted in a marker line). A run printing
// 20,000 lines thus costs a few DOM appends and one scroll per frame, not 20,000 appends and
// layouts. The element's data-printed / data-shown / data-batches say what happened
// (the browser tests check them instead of timing).
const DIRECT_PER_FRAME = 5;

export class ConsoleView {
  constructor(el, { maxLines = 2000, hiddenText = (n) => `… ${n}` } = {}) {
    this.el = el;
    this.maxLines = maxLines;
    this.hiddenText = hiddenText;
    this.placeholder = '';
    this.clear();
  }

  clear() {
    this.pending = [];
    this.printed = 0;       // lines given to add() since clear()
    this.hidden = 0;        // of those, not in the DOM (dropped for the cap)
    this.batches = 0;
    this.direct = 0;        // lines drawn at once in this frame
    this.marker = null;
    this.el.replaceChildren();
    this.#stats();
  }

  // `localize(lang)`: the line's text in a language, for a line relabel() redraws (an engine message).
  add(text, cls = '', localize = null) {
    this.printed++;
    this.pending.push([text, cls, localize]);
    if (this.pending.length > this.maxLines) {   // never queue more than can be shown
      this.pending.splice(0, this.pending.length - this.maxLines);
    }
    if (this.direct < DIRECT_PER_FRAME) {
      this.direct++;
      this.flush();
    }
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.direct = 0;
      this.flush();
    });
  }

  // Draws what is queued now (also called when a run ends, so its output is on screen first).
  flush() {
    if (!this.pending.length) return;
    const el = this.el;
    if (el.firstChild?.classList?.contains('placeholder')) el.replaceChildren();
    const frag = document.createDocumentFragment();
    for (const [text, cls, localize] of this.pending) {
      const div = document.createElement('div');
      div.className = 'line ' + cls;
      div.textContent = text;
      if (localize) {
        div.localize = localize;
        div.dataset.localized = '';
      }
      frag.append(div);
    }
    this.pending = [];
    el.append(frag);
    let lines = el.childElementCount - (this.marker ? 1 : 0);
    while (lines > this.maxLines) {
      (this.marker ? this.marker.nextSibling : el.firstChild).remove();
      lines--;
    }
    this.hidden = this.printed - lines;
    if (this.hidden > 0) {
      if (!this.marker) {
        this.marker = document.createElement('div');
        this.marker.className = 'line muted hidden-lines';
        el.prepend(this.marker);
      }
      this.marker.textContent = this.hiddenText(this.hidden);
    }
    this.batches++;
    el.scrollTop = el.scrollHeight;
    this.#stats();
  }

  // Redraws the localized lines in `lang` (queued ones are drawn in it too).
  relabel(lang) {
    for (const div of this.el.querySelectorAll('[data-localized]')) div.textContent = div.localize(lang);
    for (const line of this.pending) if (line[2]) line[0] = line[2](lang);
  }

  setHiddenText(fn) {
    this.hiddenText = fn;
    if (this.marker) this.marker.textContent = fn(this.hidden);
  }

  // Shown while nothing was printed.
  setPlaceholder(text) {
    this.placeholder = text;
    const el = this.el;
    if (this.printed) return;
    el.replaceChildren(Object.assign(document.createElement('div'), { className: 'muted placeholder', textContent: text }));
  }

  #stats() {
    Object.assign(this.el.dataset, { printed: this.printed, shown: this.printed - this.hidden - this.pending.length, batches: this.batches });
  }
}
