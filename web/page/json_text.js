// Positions in a recipe's JSON text, for the editor: where the first syntax error is, and which
// characters a validation path ("$.main[0].spawn.steps[1].sleep") names. Engines word (and place)
// JSON.parse errors differently, some with no position at all, so both scan the text itself.

// Scans one JSON value from text; visit(path, start, end) is called for every value (an object's
// member from its key, so an unknown field is marked by name). Throws the offset where the text
// stops being JSON, or a RangeError when nested too deep to scan.
function scan(text, visit) {
  let i = 0;
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const ws = () => { while (' \t\n\r'.includes(text[i]) && i < text.length) i++; };
  const fail = () => { throw i; };
  const expect = (c) => { if (text[i] !== c) fail(); i++; };
  const string = () => {
    const start = i;
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') { i++; return text.slice(start, i); }
      if (c === '\\') {
        i++;
        if (text[i] === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(); i += 4; }
        else if (!'"\\/bfnrt'.includes(text[i]) || text[i] === undefined) fail();
      }
      i++;
    }
  };
  const value = (path, from) => {
    ws();
    const start = from ?? i;
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++; ws();
      if (text[i] !== close) {
        for (let index = 0; ; index++) {
          if (c === '{') {
            ws();
            const keyAt = i;
            const key = JSON.parse(string());
            ws(); expect(':');
            value(`${path}.${key}`, keyAt);
          } else {
            value(`${path}[${index}]`);
          }
          ws();
          if (text[i] === ',') { i++; continue; }
          break;
        }
      }
      expect(close);
    } else if (c === '"') {
      string();
    } else if (['true', 'false', 'null'].some((w) => text.startsWith(w, i) && (i += w.length))) {
      // a literal
    } else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail();
      i = NUMBER.lastIndex;
    }
    visit(path, start, i);
  };
  value('$');
  ws();
  if (i < text.length) fail();
}

const lineColumn = (text, at) => {
  const before = text.slice(0, at).split('\n');
  return { offset: at, line: before.length, column: before[before.length - 1].length + 1 };
};

// Where the first JSON syntax error in `text` is, as {offset, line, column} (line and column 1-based).
export function jsonErrorAt(text) {
  try {
    scan(text, () => {});
    return lineColumn(text, text.length);
  } catch (at) {
    return lineColumn(text, typeof at === 'number' ? at : text.length);
  }
}

// The characters a validation path names, as {start, end, line, column}: the value at the path
// (a member from its key), else that of its longest existing prefix (a missing field marks the
// object that lacks it); null for text that is not JSON.
export function jsonPathSpan(text, path) {
  const spans = new Map();
  try {
    scan(text, (p, start, end) => spans.set(p, { start, end }));
  } catch {
    return null;
  }
  for (let p = path; ;) {
    const span = spans.get(p);
    if (span) return { ...span, ...lineColumn(text, span.start) };
    const parent = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
    if (parent === p) return null;
    p = parent;
  }
}
