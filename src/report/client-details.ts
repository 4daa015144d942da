/**
 * The page's script, part 3 of 4: the details panel — a workload's pools, its ineligible nodes
 * grouped by reason, the `why` funnel with the nearest fixes and the constraints, and a
 * DaemonSet's coverage and Pending forecast. Rendered on demand from the embedded details (the
 * file) or fetched from the server (the live page).
 */
export const clientDetails = String.raw`
function table(headers, rows) {
  return h('table', null, [
    h('thead', null, [h('tr', null, headers.map((t) => h('th', { scope: 'col', class: t.num ? 'num' : '', text: t.label || t })))]),
    h('tbody', null, rows),
  ]);
}

function examples(g) {
  return g.nodes.join(', ') + (g.more > 0 ? ' and ' + fmt(g.more) + ' more' : '');
}

function groupRows(groups) {
  return groups.map((g) => h('tr', null, [
    h('td', { class: 'num', text: fmt(g.count) }),
    h('td', null, [h('ul', null, g.reasons.map((r) => h('li', { text: r })))]),
    h('td', null, g.details.length > 0 ? [h('ul', null, g.details.map((d) => h('li', { text: d })))] : []),
    h('td', { class: 'field', text: examples(g) }),
  ]));
}

const groupHeaders = [{ label: 'Nodes', num: true }, 'Reasons', 'Details', 'Examples'];

function poolsSection(w) {
  const used = data.pools.map((p, i) => ({ p, n: w.counts[i] })).filter((x) => x.n > 0).sort((a, b) => b.n - a.n);
  const shown = used.slice(0, 12).map((x) => x.p.name + ' ' + fmt(x.n) + '/' + fmt(x.p.nodes));
  const text = used.length === 0 ? 'No pool has a node it may use.' : shown.join(' · ') + (used.length > 12 ? ' · and ' + (used.length - 12) + ' more pools' : '');
  return [h('h3', { text: 'Where it may run: ' + fmt(w.eligible) + ' of ' + fmt(data.nodes.total) + ' nodes, in ' + used.length + ' pools' }), h('p', { text })];
}

function coverageSection(c) {
  const out = [h('h3', { text: 'Coverage: a daemon pod should run on ' + fmt(c.shouldRun) + ' of ' + fmt(c.total) + ' nodes (' + percent(c.shouldRun, c.total) + '%)' })];
  if (c.missing.length > 0) {
    out.push(h('p', { text: 'Nodes without a daemon pod, by the controller’s reasons:' }), table(groupHeaders, groupRows(c.missing)));
    if (c.moreMissingGroups > 0) out.push(h('p', { class: 'note', text: 'and ' + c.moreMissingGroups + ' more groups' }));
  }
  if (c.podsGiven) {
    const s = c.status;
    out.push(h('p', { text: 'This sync creates ' + fmt(c.create) + ' and deletes ' + fmt(c.delete) + ' daemon pods; status after it: desired ' + fmt(s.desiredNumberScheduled) + ', current ' + fmt(s.currentNumberScheduled) + ', ready ' + fmt(s.numberReady) + ', available ' + fmt(s.numberAvailable) + ', misscheduled ' + fmt(s.numberMisscheduled) + '; ' + fmt(c.evictions) + ' taint-manager evictions.' }));
  }
  if (c.warnings.length > 0) out.push(h('ul', null, c.warnings.map((w) => h('li', { class: 'note', text: 'warning: ' + w }))));
  out.push(h('h3', { text: 'Pending forecast' }));
  if (c.pending) {
    out.push(h('p', { class: c.pending.count > 0 ? 'bad' : '', text: fmt(c.pending.count) + ' daemon pods will stay Pending' + (c.pending.count > 0 ? ':' : '.') }));
    if (c.pending.groups.length > 0) out.push(table(groupHeaders, groupRows(c.pending.groups)));
  } else {
    out.push(h('p', { class: 'note', text: c.podsGiven ? 'No Pending forecast: this engine does not judge the daemon pods’ resources and ports.' : 'No Pending forecast: give the cluster’s pods (--pods) to see which daemon pods would stay Pending.' }));
  }
  return out;
}

function whySection(why) {
  const top = Math.max(1, why.total);
  const steps = [{ filter: 'All nodes', remaining: why.total }].concat(why.funnel);
  const funnel = h('ol', { class: 'funnel', 'aria-label': 'Nodes remaining after each filter' }, steps.map((s) => {
    const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
    bar.style.width = ((100 * s.remaining) / top).toFixed(1) + '%';
    return h('li', null, [h('span', { text: s.filter }), h('span', { class: 'num', text: fmt(s.remaining) }), bar]);
  }));
  const fixes = why.nearestFixes.length === 0
    ? h('p', { text: 'No single change admits more nodes.' })
    : h('ol', null, why.nearestFixes.map((f) => h('li', null, [h('strong', { text: '+' + fmt(f.admits) + ' nodes: ' }), f.change, h('div', { class: 'field', text: f.field })])));
  const rows = why.constraints.map((c) => h('tr', null, [
    h('td', { text: c.filter }),
    h('td', null, [c.constraint, h('div', { class: 'field', text: c.field })]),
    h('td', { class: 'num', text: fmt(c.excludes) }), h('td', { class: 'num', text: fmt(c.excludesOnly) }),
    h('td', { class: 'num', text: c.admitsIfRelaxed > 0 ? '+' + fmt(c.admitsIfRelaxed) : '0' }),
    h('td', { text: (c.values || []).map((v) => v.value + ' +' + fmt(v.admits)).join(', ') }),
  ]));
  const constraintHeaders = ['Filter', 'Constraint', { label: 'Excludes', num: true }, { label: 'Alone', num: true }, { label: 'If relaxed', num: true }, 'Best values'];
  return {
    funnel: [h('h3', { text: 'Funnel: nodes left after each filter' }), funnel, h('h3', { text: 'Nearest fixes' }), fixes],
    constraints: [
      h('h3', { text: 'Constraints: what each one excludes' }),
      rows.length > 0 ? table(constraintHeaders, rows) : h('p', { text: 'The pod has no constraint that excludes nodes.' }),
      why.moreConstraints > 0 ? h('p', { class: 'note', text: 'and ' + why.moreConstraints + ' constraints that exclude fewer nodes' }) : null,
    ],
  };
}

function renderDetails(w, d, focus) {
  const panel = byId('details');
  const title = h('h2', { id: 'details-title', tabindex: -1, text: w.id });
  const close = h('button', { type: 'button', class: 'close', text: 'Close (Esc)' });
  close.addEventListener('click', closeDetails);
  const who = w.decidedBy === 'DaemonSet controller'
    ? 'Placed by the DaemonSet controller: the daemon pod carries the controller’s tolerations, and cordons do not matter.'
    : 'Placed by kube-scheduler.';
  const parts = [close, title, h('p', { class: 'note', text: who }), h('p', { text: d.message })].concat(poolsSection(w));
  if (d.daemonset) parts.push(...coverageSection(d.daemonset));
  const why = whySection(d.why);
  parts.push(...why.funnel);
  parts.push(h('h3', { text: 'Why not: ' + fmt(d.why.total - d.why.eligible) + ' nodes, grouped by reason' }));
  if (d.groups.length > 0) parts.push(table(groupHeaders, groupRows(d.groups)));
  else parts.push(h('p', { text: 'Every node is eligible.' }));
  if (d.moreGroups.groups > 0) parts.push(h('p', { class: 'note', text: 'and ' + fmt(d.moreGroups.groups) + ' smaller groups covering ' + fmt(d.moreGroups.nodes) + ' nodes' }));
  parts.push(...why.constraints);
  panel.replaceChildren(...parts.filter((p) => p !== null));
  panel.hidden = false;
  if (focus) title.focus();
}

function openDetails(index, focus) {
  const w = data.workloads[index];
  if (!w) return;
  state.selected = index;
  for (const row of byId('matrix').querySelectorAll('tr[data-workload]')) row.setAttribute('aria-selected', rowIndex(row) === index ? 'true' : 'false');
  if (data.details) {
    renderDetails(w, data.details[index], focus);
    return;
  }
  const panel = byId('details');
  panel.hidden = false;
  panel.replaceChildren(h('h2', { id: 'details-title', text: w.id }), h('p', { role: 'status', text: 'Loading…' }));
  const cached = state.details.get(w.id);
  const load = cached ? Promise.resolve(cached) : fetchJson('/v1/report/workloads/' + encodeURIComponent(w.namespace) + '/' + encodeURIComponent(w.name));
  load.then((d) => {
    state.details.set(w.id, d);
    if (state.selected === index) renderDetails(w, d, focus);
  }).catch((error) => {
    if (state.selected === index) panel.replaceChildren(h('h2', { id: 'details-title', text: w.id }), h('p', { class: 'bad', role: 'alert', text: 'Could not load the details: ' + error.message }));
  });
}

function closeDetails() {
  byId('details').hidden = true;
  state.selected = -1;
  for (const row of byId('matrix').querySelectorAll('tr[aria-selected="true"]')) row.setAttribute('aria-selected', 'false');
  activate(state.active.row, state.active.column, true);
}
`;
