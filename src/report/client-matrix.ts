/**
 * The page's script, part 2 of 4: the summary, the legend, the pools table and the matrix — an
 * ARIA grid with one focusable cell at a time (arrow keys, Home/End, Page Up/Down, Enter opens a
 * workload), every colour paired with its number and a text label.
 */
export const clientMatrix = String.raw`
function renderSummary() {
  const nowhere = data.workloads.filter((w) => w.eligible === 0).length;
  const perLabel = new Map();
  for (const p of data.pools) {
    const key = p.merged ? 'merging the ' + p.merged + ' smallest pools' : 'by ' + (p.label || 'none of the labels');
    const seen = perLabel.get(key) || { pools: 0, nodes: 0 };
    perLabel.set(key, { pools: seen.pools + 1, nodes: seen.nodes + p.nodes });
  }
  const byLabel = Array.from(perLabel, ([key, n]) => fmt(n.pools) + ' ' + key + ' (' + fmt(n.nodes) + ' nodes)').join(', ');
  const parts = [
    h('strong', { text: fmt(data.nodes.total) }), ' nodes in ', h('strong', { text: fmt(data.pools.length) }), ' pools: ' + byLabel + ' · ',
    h('strong', { text: fmt(data.nodes.cordoned) }), ' cordoned · ', h('strong', { text: fmt(data.nodes.notReady) }), ' not ready · ',
    h('strong', { text: fmt(data.workloads.length) }), ' workloads',
  ];
  if (nowhere > 0) parts.push(' · ', h('strong', { class: 'bad', text: fmt(nowhere) + ' fit nowhere' }));
  parts.push(' · computed ' + data.generatedAt);
  byId('summary').replaceChildren(...parts);
}

function renderLegend() {
  const items = [['s0', '–', 'no eligible node'], ['s1', '1–24%', ''], ['s2', '25–49%', ''], ['s3', '50–74%', ''], ['s4', '75–99%', ''], ['s5', '100%', 'of the pool']];
  byId('legend').replaceChildren(
    h('li', { text: 'Cell: eligible nodes in the pool; colour: share of the pool' }),
    ...items.map(([cls, label, note]) => h('li', null, [h('span', { class: 'swatch ' + cls, text: label }), note])),
    h('li', { text: '⊘ n: cordoned nodes · ! n: not-ready nodes' }),
  );
}

function poolFlags(pool) {
  const flags = [];
  if (pool.cordoned > 0) flags.push('⊘' + pool.cordoned);
  if (pool.notReady > 0) flags.push('!' + pool.notReady);
  return flags.join(' ');
}

function poolTitle(pool) {
  const where = pool.merged ? 'the ' + pool.merged + ' smallest pools, merged' : pool.label === '' ? 'nodes with none of the grouping labels' : pool.label + '=' + pool.value;
  return pool.name + ' (' + where + '): ' + fmt(pool.nodes) + ' nodes, ' + fmt(pool.cordoned) + ' cordoned, ' + fmt(pool.notReady) + ' not ready';
}

function renderPools() {
  const rows = data.pools.map((p) => h('tr', { 'data-pool': p.name }, [
    h('th', { scope: 'row', text: p.name }), h('td', { text: p.label || '—' }),
    h('td', { class: 'num', text: fmt(p.nodes) }), h('td', { class: 'num', text: fmt(p.cordoned) }), h('td', { class: 'num', text: fmt(p.notReady) }),
  ]));
  const head = h('tr', null, ['Pool', 'Label', 'Nodes', 'Cordoned', 'Not ready'].map((t) => h('th', { scope: 'col', text: t })));
  byId('pools').replaceChildren(
    h('summary', { text: 'Pools: ' + fmt(data.pools.length) + ' · ' + fmt(data.nodes.cordoned) + ' cordoned and ' + fmt(data.nodes.notReady) + ' not-ready nodes' }),
    h('table', null, [h('thead', null, [head]), h('tbody', null, rows)]),
  );
}

/** A cell's count under the what-if preview, if one is shown for its pool. */
function previewDelta(w, poolIndex) {
  const whatIf = state.whatIf;
  if (!whatIf || whatIf.pool !== poolIndex) return 0;
  const d = whatIf.deltas.get(w.id);
  return d ? d.delta : 0;
}

function countCell(w, pool, poolIndex) {
  const count = w.counts[poolIndex];
  const delta = previewDelta(w, poolIndex);
  const shown = count + delta;
  const label = fmt(shown) + ' of ' + fmt(pool.nodes) + ' nodes in ' + pool.name + ' (' + percent(shown, pool.nodes) + '%)' + (delta !== 0 ? ', now ' + fmt(count) : '');
  // The tooltip (title) is set on hover from the label: one attribute fewer per cell to draw.
  const cell = h('td', { class: 'cell ' + shareClass(shown, pool.nodes) + (delta !== 0 ? ' changed' : ''), 'data-pool': pool.name, 'data-count': shown, 'aria-label': label, tabindex: -1 });
  if (delta !== 0) cell.append(h('span', { class: 'was', text: count === 0 ? '–' : fmt(count) }));
  cell.append(shown === 0 ? '–' : fmt(shown));
  return cell;
}

function workloadRow(w, index) {
  const delta = state.whatIf ? (state.whatIf.deltas.get(w.id) || { delta: 0 }).delta : 0;
  const eligible = w.eligible + delta;
  const row = h('tr', { 'data-workload': w.id, 'data-eligible': eligible, 'data-row': index, class: eligible === 0 ? 'nowhere' : '', 'aria-selected': state.selected === index ? 'true' : 'false' }, [
    h('th', { scope: 'row', class: 'workload', tabindex: -1, title: w.id + ' — ' + w.message }, [
      h('span', { class: 'kind', text: w.kind + ' ' }), w.namespace + '/' + w.name, eligible === 0 ? h('span', { class: 'badge', text: 'fits nowhere' }) : null,
    ]),
    h('td', { class: 'total' + (delta !== 0 ? ' changed' : ''), tabindex: -1, 'aria-label': fmt(eligible) + ' of ' + fmt(data.nodes.total) + ' nodes eligible' + (delta !== 0 ? ', now ' + fmt(w.eligible) : '') }, [
      delta !== 0 ? h('span', { class: 'was', text: fmt(w.eligible) }) : null, fmt(eligible) + ' / ' + fmt(data.nodes.total),
    ]),
  ]);
  data.pools.forEach((pool, i) => row.append(countCell(w, pool, i)));
  if (state.filter !== '' && !w.id.toLowerCase().includes(state.filter)) row.hidden = true;
  return row;
}

function renderMatrix() {
  const hadFocus = byId('matrix').contains(document.activeElement);
  const columns = [h('th', { scope: 'col', class: 'workload', text: 'Workload (' + fmt(data.workloads.length) + ')' }), h('th', { scope: 'col', text: 'Eligible nodes' })];
  data.pools.forEach((pool, i) => columns.push(h('th', { scope: 'col', class: 'pool' + (state.whatIf && state.whatIf.pool === i ? ' changed' : ''), 'data-pool': pool.name, title: poolTitle(pool), 'aria-label': poolTitle(pool) }, [
    h('span', { class: 'pool-name', text: pool.name }), h('span', { class: 'pool-meta', text: fmt(pool.nodes) }), h('span', { class: 'pool-flags', text: poolFlags(pool) }),
  ])));
  const width = columns.length;
  // The data lists the workloads that fit nowhere first.
  const rows = data.workloads.map(workloadRow);
  const nowhere = data.workloads.filter((w) => w.eligible === 0).length;
  const bodies = [];
  if (nowhere > 0) {
    bodies.push(h('tbody', { class: 'nowhere-group' }, [h('tr', { class: 'section' }, [h('th', { colspan: width, scope: 'colgroup', text: 'Fit nowhere (' + nowhere + '): no node may run these' })]), ...rows.slice(0, nowhere)]));
  }
  if (rows.length > nowhere) {
    const head = nowhere > 0 ? [h('tr', { class: 'section' }, [h('th', { colspan: width, scope: 'colgroup', text: 'May run somewhere (' + (rows.length - nowhere) + ')' })])] : [];
    bodies.push(h('tbody', null, head.concat(rows.slice(nowhere))));
  }
  byId('matrix').replaceChildren(h('caption', { class: 'visually-hidden', id: 'matrix-caption', text: 'Workloads by node pool: nodes each workload may use in each pool' }), h('thead', null, [h('tr', null, columns)]), ...bodies);
  activate(state.active.row, state.active.column, hadFocus);
}

function visibleRows() {
  return Array.from(byId('matrix').querySelectorAll('tr[data-workload]')).filter((r) => !r.hidden);
}

const rowIndex = (tr) => Number(tr.dataset.row);

/** Makes one cell the grid's tab stop (and focuses it when asked). */
function activate(index, column, focus) {
  const rows = visibleRows();
  if (rows.length === 0) return;
  const row = rows.find((r) => rowIndex(r) === index) || rows[0];
  const cells = row.children;
  const col = Math.max(0, Math.min(column, cells.length - 1));
  const previous = byId('matrix').querySelector('[tabindex="0"]');
  if (previous) previous.tabIndex = -1;
  cells[col].tabIndex = 0;
  state.active = { row: rowIndex(row), column: col };
  if (focus) cells[col].focus();
}

function onGridKey(event) {
  const rows = visibleRows();
  const at = rows.findIndex((r) => rowIndex(r) === state.active.row);
  if (at < 0) return;
  const last = rows[at].children.length - 1;
  let r = at;
  let c = state.active.column;
  switch (event.key) {
    case 'ArrowDown': r += 1; break;
    case 'ArrowUp': r -= 1; break;
    case 'ArrowRight': c += 1; break;
    case 'ArrowLeft': c -= 1; break;
    case 'PageDown': r += 10; break;
    case 'PageUp': r -= 10; break;
    case 'Home': c = 0; if (event.ctrlKey) r = 0; break;
    case 'End': c = last; if (event.ctrlKey) r = rows.length - 1; break;
    case 'Enter': case ' ': openDetails(state.active.row, true); event.preventDefault(); return;
    default: return;
  }
  event.preventDefault();
  r = Math.max(0, Math.min(r, rows.length - 1));
  activate(rowIndex(rows[r]), Math.max(0, Math.min(c, last)), true);
}

function onGridClick(event) {
  const cell = event.target.closest('th, td');
  const row = event.target.closest('tr[data-workload]');
  if (!row || !cell) return;
  activate(rowIndex(row), Array.prototype.indexOf.call(row.children, cell), true);
  openDetails(rowIndex(row), false);
}

function onGridHover(event) {
  const cell = event.target.closest('td.cell');
  if (cell && !cell.title) cell.title = cell.getAttribute('aria-label');
}

function onFilter(event) {
  state.filter = event.target.value.trim().toLowerCase();
  for (const row of byId('matrix').querySelectorAll('tr[data-workload]')) row.hidden = state.filter !== '' && !row.dataset.workload.toLowerCase().includes(state.filter);
  activate(state.active.row, state.active.column, false);
}
`;
