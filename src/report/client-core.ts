/**
 * The page's script, part 1 of 4: shared helpers and state. The parts are plain browser
 * JavaScript, joined into one function scope by render-page.ts. Everything from the data reaches
 * the DOM through `textContent` and `setAttribute` (never `innerHTML`), so a hostile name stays text.
 */
export const clientCore = String.raw`
const byId = (id) => document.getElementById(id);
const config = JSON.parse(byId('placement-config').textContent);
let data = JSON.parse(byId('placement-data').textContent);
// One formatter for every number: toLocaleString builds one per call, which dominated drawing 15,000 cells.
const numberFormat = new Intl.NumberFormat('en-US');
const fmt = (n) => numberFormat.format(n);
const percent = (n, of) => (of === 0 ? 0 : Math.round((100 * n) / of));
// Rows are addressed by their index in data.workloads: two input objects may share a name.
const state = { active: { row: 0, column: 0 }, selected: -1, whatIf: null, details: new Map(), filter: '' };

/** An element with attributes (class, text, and plain attributes) and children (nodes or strings). */
function h(tag, attrs, children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const name of Object.keys(attrs)) {
      const value = attrs[name];
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') el.className = value;
      else if (name === 'text') el.textContent = String(value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children || []) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return el;
}

/** The colour class of a share of a pool: s0 none, s1 under 25%, s2 under 50%, s3 under 75%, s4 under 100%, s5 all. */
function shareClass(count, of) {
  if (count <= 0) return 's0';
  if (count >= of) return 's5';
  const share = count / of;
  return share >= 0.75 ? 's4' : share >= 0.5 ? 's3' : share >= 0.25 ? 's2' : 's1';
}

/** JSON from the server, or an Error with the server's message and field errors. */
function fetchJson(url, body) {
  const init = body === undefined
    ? { cache: 'no-store', headers: { accept: 'application/json' } }
    : { method: 'POST', cache: 'no-store', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return fetch(url, init).then((response) => response.json().then((json) => {
    if (response.ok) return json;
    const error = json && json.error ? json.error : { message: 'HTTP ' + response.status, errors: [] };
    // A what-if names every node of a pool: one bad field repeats per node, so say it once.
    const byMessage = new Map();
    for (const e of error.errors || []) {
      const seen = byMessage.get(e.message);
      if (seen) seen.count++;
      else byMessage.set(e.message, { field: e.field, count: 1 });
    }
    const lines = Array.from(byMessage, ([message, e]) => e.field + ': ' + message + (e.count > 1 ? ' (and ' + (e.count - 1) + ' more like it)' : ''));
    throw new Error([error.message].concat(lines).join('; '));
  }));
}
`;
