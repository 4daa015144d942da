/**
 * The RollingUpdate step (pkg/controller/daemon/update.go `rollingUpdate`,
 * `updatedDesiredNodeCounts`) through whole syncs, ported from update_test.go. Each sync is
 * manage followed by the update step, as upstream's fake pod control observes its own creates and
 * deletes at once; a template change is a new revision hash. Upstream visits nodes in Go map order,
 * so, like upstream, these tests assert counts, not which nodes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../../model/decode.js';
import { updateBudgets } from './budgets.js';
import {
  addNodes,
  addPods,
  decodeDs,
  dsObject,
  expectCounts,
  FakeCluster,
  isReady,
  labelsOf,
  nodeObject,
  onDelete,
  podObject,
  simpleDaemonSetLabel,
  sync,
  targetOf,
  unixMs,
  updateSurge,
  updateUnavailable,
  type DaemonSetOptions,
} from '../../testing/daemonset-fixtures.js';

/** A sync step's expected (creates, deletes). */
type Step = readonly [number, number];

/** Runs syncs with one hash, checking each step's counts. */
function expectSteps(cluster: FakeCluster, ds: JsonObject, hash: string, steps: readonly Step[], label: string, now?: number): void {
  steps.forEach(([creates, deletes], i) => expectCounts(cluster.sync(ds, { hash, ...(now !== undefined ? { now } : {}) }), creates, deletes, `${label} step ${i + 1}`));
}

/** upstream's opening: an OnDelete DaemonSet creates its pods on `n` nodes (revision h1). */
function started(n: number, options: DaemonSetOptions = {}): FakeCluster {
  const cluster = new FakeCluster(addNodes(0, n));
  expectCounts(cluster.sync(dsObject({ ...options, strategy: onDelete() }), { hash: 'h1' }), n, 0, 'initial sync');
  return cluster;
}

test('TestDaemonSetUpdatesPods: maxUnavailable 2 over 5 nodes', () => {
  const cluster = started(5);
  cluster.markPodsReady();
  const ds = dsObject({ strategy: updateUnavailable(2) });
  expectSteps(cluster, ds, 'h2', [[0, 2], [2, 0]], 'round 1');
  cluster.markPodsReady();
  expectSteps(cluster, ds, 'h2', [[0, 2], [2, 0]], 'round 2');
  cluster.markPodsReady();
  expectSteps(cluster, ds, 'h2', [[0, 1], [1, 0]], 'round 3');
  cluster.markPodsReady();
  expectSteps(cluster, ds, 'h2', [[0, 0]], 'done');
  assert.ok(cluster.pods.every((p) => labelsOf(p)['controller-revision-hash'] === 'h2'));
});

test('TestDaemonSetUpdatesWhenNewPodIsNotReady: unready new pods use up maxUnavailable 3', () => {
  const cluster = started(5);
  cluster.markPodsReady();
  expectSteps(cluster, dsObject({ strategy: updateUnavailable(3) }), 'h2', [[0, 3], [3, 0], [0, 0]], 'update');
});

test('TestDaemonSetUpdatesSomeOldPodsNotReady-style: a second update replaces 2 and leaves 3 available', () => {
  const cluster = started(5);
  cluster.markPodsReady();
  const ds = dsObject({ strategy: updateUnavailable(2) });
  expectSteps(cluster, ds, 'h2', [[0, 2], [2, 0], [0, 0]], 'first update');
  expectSteps(cluster, ds, 'h3', [[0, 2], [2, 0], [0, 0]], 'second update');
  assert.is(cluster.pods.filter(isReady).length, 5 - 2);
});

test('TestDaemonSetUpdatesAllOldPodsNotReady: all 5 unready old pods go at once despite maxUnavailable 3', () => {
  const cluster = started(5);
  expectSteps(cluster, dsObject({ strategy: updateUnavailable(3) }), 'h2', [[0, 5], [5, 0], [0, 0]], 'update');
});

test('TestDaemonSetUpdatesSaveOldHealthyPods: only the 10 unavailable pods are replaced while maxUnavailable ≤ 10', () => {
  const cluster = started(20);
  cluster.markPodsReady();
  const first = dsObject({ strategy: updateUnavailable(10) });
  expectSteps(cluster, first, 'h2', [[0, 10], [10, 0], [0, 0]], 'first update to get 10 old pods which should never be touched');
  const oldReady = new Set(cluster.pods.filter(isReady).map((p) => (p['metadata'] as JsonObject)['name']));
  assert.is(oldReady.size, 10);
  // upstream draws maxUnavailable = rand.Intn(10) ten times; here every value 0…9 once
  for (let maxUnavailable = 0; maxUnavailable < 10; maxUnavailable++) {
    const ds = dsObject({ strategy: updateUnavailable(maxUnavailable) });
    expectSteps(cluster, ds, `h3-${maxUnavailable}`, [[0, 10], [10, 0], [0, 0]], `maxUnavailable=${maxUnavailable}`);
    const ready = new Set(cluster.pods.filter(isReady).map((p) => (p['metadata'] as JsonObject)['name']));
    for (const name of oldReady) assert.ok(ready.has(name), `maxUnavailable=${maxUnavailable}: ${String(name)} was touched`);
  }
  expectSteps(cluster, dsObject({ strategy: updateUnavailable(11) }), 'h4', [[0, 11], [11, 0], [0, 0]], 'maxUnavailable=11');
  assert.is(cluster.pods.filter(isReady).length, 9);
});

test('TestDaemonSetUpdatesAllOldNotReadyPodsAndNewNotReadyPods: 88 unavailable new pods, 2 unavailable old pods, 10 available old pods', () => {
  const cluster = started(100);
  cluster.markPodsReady();
  const ds = dsObject({ strategy: updateUnavailable(10) });
  for (let i = 0; i < 10; i++) {
    expectSteps(cluster, ds, 'h2', [[0, 10], [10, 0]], `round ${i + 1}`);
    cluster.markPodsReady();
  }
  expectSteps(cluster, ds, 'h2', [[0, 0]], 'rolled out');
  const oldUnavailable: string[] = [];
  cluster.pods.forEach((pod, i) => {
    const status = pod['status'] as JsonObject;
    if (i >= 10) status['conditions'] = [{ type: 'Ready', status: 'False' }];
    if (i < 12) {
      labelsOf(pod)['controller-revision-hash'] = 'h1';
      if (i >= 10) oldUnavailable.push((pod['metadata'] as JsonObject)['name'] as string);
    }
  });
  expectSteps(cluster, ds, 'h2', [[0, 2], [2, 0], [0, 0]], 'old unavailable pods');
  for (const name of oldUnavailable) assert.not.ok(cluster.pods.some((p) => (p['metadata'] as JsonObject)['name'] === name), name);
});

test('TestDaemonSetUpdatesNoTemplateChanged: switching to RollingUpdate without a template change deletes nothing', () => {
  const cluster = started(5);
  expectSteps(cluster, dsObject({ strategy: updateUnavailable(3) }), 'h1', [[0, 0]], 'same hash');
});

test('TestDaemonSetUpdatesPodsWithMaxSurge: maxSurge 2 over 5 nodes', () => {
  const cluster = started(5);
  cluster.markPodsReady();
  const maxSurge = 2;
  const ds = dsObject({ strategy: updateSurge(maxSurge) });
  expectSteps(cluster, ds, 'h2', [[maxSurge, 0], [0, 0]], 'round 1');
  cluster.markPodsReady();
  expectSteps(cluster, ds, 'h2', [[maxSurge, maxSurge], [0, 0]], 'round 2');
  cluster.markPodsReady();
  expectSteps(cluster, ds, 'h2', [[5 % maxSurge, maxSurge], [0, 0]], 'round 3');
  cluster.markPodsReady();
  expectSteps(cluster, ds, 'h2', [[0, 5 % maxSurge], [0, 0]], 'round 4');
  assert.is(cluster.pods.length, 5);
});

test('TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge: unavailable old pods are surged at once, beyond maxSurge 3', () => {
  const cluster = started(5);
  const maxSurge = 3;
  const ds = dsObject({ strategy: updateSurge(maxSurge) });
  // all old pods are unavailable so should be surged
  expectSteps(cluster, ds, 'h2', [[5, 0]], 'surge', unixMs(100));
  // waiting for pods to go ready, old pods are deleted
  expectSteps(cluster, ds, 'h2', [[0, 5]], 'old unready pods deleted', unixMs(200));

  cluster.setPodReadiness(true, 5, () => true, unixMs(200));
  const ds3 = dsObject({ strategy: updateSurge(maxSurge), minReadySeconds: 15 });
  expectSteps(cluster, ds3, 'h3', [[3, 0]], 'surge up to maxSurge', unixMs(300));

  const nodesWithCurrent = new Set(cluster.pods.filter((p) => labelsOf(p)['controller-revision-hash'] === 'h3').map(targetOf));
  // mark two updated pods as ready at time 300
  cluster.setPodReadiness(true, 2, (p) => labelsOf(p)['controller-revision-hash'] === 'h3', unixMs(300));
  // mark one of the old pods that is on a node without an updated pod as unready
  cluster.setPodReadiness(false, 1, (p) => labelsOf(p)['controller-revision-hash'] !== 'h3' && !nodesWithCurrent.has(targetOf(p)), unixMs(300));

  // the new pods still wait for minReadySeconds, so only the unready old pod gets a replacement
  expectSteps(cluster, ds3, 'h3', [[1, 0]], 'replace the unready old pod', unixMs(310));
  // the new pods are now available: delete their old pods, surge onto the last node
  expectSteps(cluster, ds3, 'h3', [[1, 3]], 'available at 320', unixMs(320));
  cluster.setPodReadiness(true, 3, (p) => labelsOf(p)['controller-revision-hash'] === 'h3', unixMs(320));
  expectSteps(cluster, ds3, 'h3', [[0, 2]], 'available at 340', unixMs(340));
  expectSteps(cluster, ds3, 'h3', [[0, 0]], 'completed', unixMs(350));
});

test('TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge: an old pod on a NoSchedule-tainted node goes, though it may continue', () => {
  const maxSurge = 1;
  const tolerating = dsObject({ strategy: updateSurge(maxSurge), spec: { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] } });
  const nodes = [nodeObject('node-0', undefined, { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), ...addNodes(1, 4)];
  const cluster = new FakeCluster(nodes);
  expectSteps(cluster, tolerating, 'h1', [[5, 0]], 'create with toleration');
  cluster.markPodsReady();

  const intolerant = dsObject({ strategy: updateSurge(maxSurge) });
  expectSteps(cluster, intolerant, 'h2', [[maxSurge, 1], [0, 0]], 'round 1');
  assert.is(cluster.podsOn('node-0').length, 0, 'the tainted node lost its pod');
  for (let round = 2; round <= 4; round++) {
    cluster.markPodsReady();
    expectSteps(cluster, intolerant, 'h2', [[maxSurge, maxSurge], [0, 0]], `round ${round}`);
  }
  cluster.markPodsReady();
  expectSteps(cluster, intolerant, 'h2', [[0, maxSurge], [0, 0]], 'last');
  assert.is(cluster.pods.length, 4);
});

test('surge: a sunsetting node keeps its available old pod until a replacement is available elsewhere', () => {
  // node-0 stops matching the selector-by-taint (R false, C true); the other node has no pod yet
  const maxSurge = 1;
  const cluster = new FakeCluster([nodeObject('node-0', undefined, { taints: [{ key: 'k', effect: 'NoSchedule' }] }), nodeObject('node-1')]);
  const tolerating = dsObject({ strategy: updateSurge(maxSurge), spec: { tolerations: [{ key: 'k', operator: 'Exists' }] } });
  cluster.pods.push(podObject('old-', 'node-0', simpleDaemonSetLabel, tolerating, { hash: 'h1', ready: true }));
  const intolerant = dsObject({ strategy: updateSurge(maxSurge) });
  // numAvailable 1 − desired 1 = 0: the old pod stays while node-1 gets its pod
  expectSteps(cluster, intolerant, 'h2', [[1, 0]], 'create elsewhere');
  expectSteps(cluster, intolerant, 'h2', [[0, 0]], 'new pod not yet available');
  cluster.markPodsReady();
  expectSteps(cluster, intolerant, 'h2', [[0, 1]], 'now the old pod goes');
});

test('without surge, an old pod on a node that may only continue is an ordinary candidate and is not recreated', () => {
  const cluster = new FakeCluster([nodeObject('node-0', undefined, { taints: [{ key: 'k', effect: 'NoSchedule' }] }), nodeObject('node-1')]);
  const before = dsObject({ strategy: updateUnavailable(1), spec: { tolerations: [{ key: 'k', operator: 'Exists' }] } });
  cluster.pods.push(...['node-0', 'node-1'].map((n) => podObject('old-', n, simpleDaemonSetLabel, before, { hash: 'h1', ready: true })));
  const after = dsObject({ strategy: updateUnavailable(1) });
  // desired 1 → maxUnavailable 1: one of the two old pods goes per round
  expectSteps(cluster, after, 'h2', [[0, 1]], 'round 1');
  // whichever went first (map order upstream), the other old pod goes next and node-1 gets a new one
  expectSteps(cluster, after, 'h2', [[0, 1], [1, 0]], 'round 2');
  cluster.markPodsReady();
  expectSteps(cluster, after, 'h2', [[0, 0]], 'settled');
  assert.is(cluster.podsOn('node-0').length, 0);
  assert.is(cluster.podsOn('node-1').length, 1);
});

test('OnDelete never updates: old pods stay after a template change', () => {
  const cluster = started(5);
  cluster.markPodsReady();
  expectSteps(cluster, dsObject({ strategy: onDelete() }), 'h2', [[0, 0], [0, 0]], 'OnDelete');
  assert.ok(cluster.pods.every((p) => labelsOf(p)['controller-revision-hash'] === 'h1'));
  // pods the user deletes come back with the new template
  cluster.pods.splice(0, 2);
  expectSteps(cluster, dsObject({ strategy: onDelete() }), 'h2', [[2, 0]], 'recreate');
  assert.is(cluster.pods.filter((p) => labelsOf(p)['controller-revision-hash'] === 'h2').length, 2);
});

test('OnDelete: old pods on nodes where they may only continue stay forever', () => {
  const d = dsObject({ strategy: onDelete() });
  const plan = sync(d, [nodeObject('node-0', undefined, { taints: [{ key: 'k', effect: 'NoSchedule' }] })], addPods('node-0', simpleDaemonSetLabel, d, 1, { hash: 'h1', ready: true }), { hash: 'h2' });
  expectCounts(plan, 0, 0);
});

// ---------- TestGetUnavailableNumbers ----------

const budgetCases: { name: string; strategy: JsonObject; desired: number; maxSurge: number; maxUnavailable: number }[] = [
  { name: 'No nodes', strategy: updateUnavailable(0), desired: 0, maxSurge: 0, maxUnavailable: 0 },
  { name: 'Two nodes with ready pods', strategy: updateUnavailable(1), desired: 2, maxSurge: 0, maxUnavailable: 1 },
  { name: 'Two nodes, one node without pods', strategy: updateUnavailable(0), desired: 2, maxSurge: 0, maxUnavailable: 1 },
  { name: 'Two nodes, one node without pods, surge', strategy: updateSurge(0), desired: 2, maxSurge: 0, maxUnavailable: 1 },
  { name: 'Two nodes with pods, MaxUnavailable in percents', strategy: updateUnavailable('50%'), desired: 2, maxSurge: 0, maxUnavailable: 1 },
  { name: 'Two nodes with pods, MaxUnavailable in percents, surge', strategy: updateSurge('50%'), desired: 2, maxSurge: 1, maxUnavailable: 0 },
  { name: 'Two nodes with pods, MaxUnavailable is 100%, surge', strategy: updateSurge('100%'), desired: 2, maxSurge: 2, maxUnavailable: 0 },
  { name: 'Two nodes with pods, MaxUnavailable in percents, pod terminating', strategy: updateUnavailable('50%'), desired: 3, maxSurge: 0, maxUnavailable: 2 },
];
for (const c of budgetCases) {
  test(`TestGetUnavailableNumbers: ${c.name}`, () => {
    assert.equal(updateBudgets(decodeDs(dsObject({ strategy: c.strategy })), c.desired), { maxSurge: c.maxSurge, maxUnavailable: c.maxUnavailable });
  });
}

test('TestGetUnavailableNumbers: desiredNumberScheduled counts nodes with shouldRun (terminating pods included)', () => {
  // "pod terminating" case: 3 nodes, pod-0 ready, pod-1 ready but terminating, node-2 empty → desired 3, maxUnavailable ceil(1.5) = 2
  const d = dsObject({ strategy: updateUnavailable('50%') });
  const pods = [podObject('pod-0', 'node-0', simpleDaemonSetLabel, undefined, { ready: true }), podObject('pod-1', 'node-1', simpleDaemonSetLabel, undefined, { ready: true, deleted: 10 })];
  const plan = sync(d, addNodes(0, 3), pods);
  assert.is(plan.status.desiredNumberScheduled, 3);
});

test('percentages round up for both budgets; any non-zero surge percentage enables surge', () => {
  const budgets = (strategy: JsonObject, desired: number) => updateBudgets(decodeDs(dsObject({ strategy })), desired);
  assert.equal(budgets(updateUnavailable('50%'), 3), { maxSurge: 0, maxUnavailable: 2 });
  assert.equal(budgets(updateUnavailable('10%'), 1), { maxSurge: 0, maxUnavailable: 1 });
  assert.equal(budgets(updateSurge('1%'), 1), { maxSurge: 1, maxUnavailable: 0 });
  assert.equal(budgets(updateSurge('1%'), 250), { maxSurge: 3, maxUnavailable: 0 });
  assert.equal(budgets(updateUnavailable('0%'), 4), { maxSurge: 0, maxUnavailable: 1 });
  // OnDelete: both counts are 0, so the safety default shows (unused: OnDelete has no update step)
  assert.equal(budgets(onDelete(), 4), { maxSurge: 0, maxUnavailable: 1 });
});

test.run();
