/**
 * The page's script, part 4 of 4: start-up, and on the live page the refresh (a cheap version
 * poll, the map fetched again only when nodes or workloads changed, paused while the tab is
 * hidden) and the what-if box, which asks `POST /v1/impact` about a change to every node of a pool
 * and shows the cells it would move, without applying anything.
 */
export const clientLive = String.raw`
function describeChange(form) {
  const key = form.key.value.trim();
  const value = form.value.value.trim();
  const effect = form.effect.value;
  switch (form.action.value) {
    case 'taint': return { change: { addTaints: [{ key, value, effect }] }, text: 'taint ' + key + (value ? '=' + value : '') + ':' + effect };
    case 'untaint': return { change: { removeTaints: [{ key }] }, text: 'remove taint ' + key };
    case 'label': return { change: { setLabels: { [key]: value } }, text: 'label ' + key + '=' + value };
    case 'unlabel': return { change: { removeLabels: [key] }, text: 'remove label ' + key };
    case 'cordon': return { change: { unschedulable: true }, text: 'cordon' };
    default: return { change: { unschedulable: false }, text: 'uncordon' };
  }
}

function previewOf(impact, poolIndex, text) {
  const deltas = new Map();
  for (const w of impact.workloads) deltas.set(w.kind + '/' + w.workload, { delta: w.gained.length - w.lost.length, evict: w.evict.length });
  for (const d of impact.daemonsets) deltas.set('DaemonSet/' + d.daemonset, { delta: d.create.length - d.lost.length, evict: d.evict.length });
  return { pool: poolIndex, deltas, text };
}

function previewSummary(preview, nodes) {
  let gain = 0, lose = 0, evict = 0;
  for (const d of preview.deltas.values()) {
    if (d.delta > 0) gain++;
    if (d.delta < 0) lose++;
    if (d.evict > 0) evict++;
  }
  const workloads = (n) => n + (n === 1 ? ' workload' : ' workloads');
  return 'What if: ' + preview.text + ' on all ' + fmt(nodes) + ' nodes of pool ' + data.pools[preview.pool].name + ' → ' + workloads(lose) + ' would lose nodes, ' + workloads(gain) + ' would gain nodes; pods of ' + workloads(evict) + ' running there would be evicted. Changed cells are outlined; nothing was applied.';
}

function runWhatIf(event) {
  event.preventDefault();
  const form = event.target;
  const status = byId('whatif-status');
  const poolIndex = Number(form.pool.value);
  const pool = data.pools[poolIndex];
  if (!pool) return;
  const asked = describeChange(form);
  status.textContent = 'Asking the server…';
  fetchJson('/v1/report/pool-nodes?pool=' + encodeURIComponent(pool.name) + groupByQuery('&'))
    .then((members) => fetchJson('/v1/impact', { changes: members.nodes.map((node) => Object.assign({ node }, asked.change)) })
      .then((impact) => {
        state.whatIf = previewOf(impact, poolIndex, asked.text);
        renderMatrix();
        status.textContent = previewSummary(state.whatIf, members.nodes.length);
        // Bring the pool's column into view: with many pools it may be far to the right.
        const header = byId('matrix').querySelector('th.pool[data-pool="' + CSS.escape(pool.name) + '"]');
        if (header) header.scrollIntoView({ block: 'nearest', inline: 'center' });
      }))
    .catch((error) => { status.textContent = 'The server refused the change: ' + error.message; });
}

function clearWhatIf() {
  state.whatIf = null;
  renderMatrix();
  byId('whatif-status').textContent = 'Preview cleared.';
}

function groupByQuery(separator) {
  return config.groupBy ? separator + 'groupBy=' + encodeURIComponent(config.groupBy) : '';
}

function renderPoolChoices() {
  const select = byId('whatif-pool');
  const chosen = select.value;
  select.replaceChildren(...data.pools.map((p, i) => h('option', { value: i, text: p.name + ' (' + fmt(p.nodes) + ' nodes)' })));
  if (chosen !== '' && Number(chosen) < data.pools.length) select.value = chosen;
}

function startLive() {
  const status = byId('live-status');
  status.hidden = false;
  let version = config.version;
  const clock = () => new Date().toLocaleTimeString('en-GB');
  status.textContent = 'Live: checking for node and workload changes every ' + config.pollMs / 1000 + ' s.';
  const poll = () => {
    if (document.visibilityState === 'hidden') return void setTimeout(poll, config.pollMs);
    fetchJson('/v1/report/version')
      .then((v) => {
        if (v.version === version) return;
        return fetchJson('/v1/report' + groupByQuery('?')).then((next) => {
          const selectedId = state.selected >= 0 ? data.workloads[state.selected].id : '';
          const activeId = data.workloads[state.active.row] ? data.workloads[state.active.row].id : '';
          version = v.version;
          data = next;
          state.details.clear();
          const hadPreview = state.whatIf !== null;
          state.whatIf = null;
          state.selected = -1;
          state.active.row = Math.max(0, data.workloads.findIndex((w) => w.id === activeId));
          renderAll();
          // The rows may have moved: keep the open workload by name, or close the panel.
          const again = selectedId === '' ? -1 : data.workloads.findIndex((w) => w.id === selectedId);
          if (again >= 0) openDetails(again, false);
          else if (selectedId !== '') byId('details').hidden = true;
          status.textContent = 'Live: the map changed at ' + clock() + (hadPreview ? '; the what-if preview was cleared.' : '.');
        });
      })
      .catch((error) => { status.textContent = 'Live: could not refresh (' + error.message + '); retrying.'; })
      .finally(() => setTimeout(poll, config.pollMs));
  };
  setTimeout(poll, config.pollMs);
  const form = byId('whatif');
  form.addEventListener('submit', runWhatIf);
  byId('whatif-clear').addEventListener('click', clearWhatIf);
}

function renderAll() {
  renderSummary();
  renderPools();
  renderMatrix();
  if (config.live) renderPoolChoices();
}

function start() {
  renderLegend();
  renderAll();
  const grid = byId('matrix');
  grid.addEventListener('keydown', onGridKey);
  grid.addEventListener('click', onGridClick);
  grid.addEventListener('mouseover', onGridHover);
  byId('filter').addEventListener('input', onFilter);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !byId('details').hidden) closeDetails();
  });
  if (config.live) startLive();
  // Interactive once the first frame with the map has been laid out and painted.
  requestAnimationFrame(() => setTimeout(() => {
    document.body.dataset.ready = 'true';
    performance.mark('placement-interactive');
  }, 0));
}
`;
