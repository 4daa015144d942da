/**
 * One `syncDaemonSet` (daemon_controller.go) end to end through `engine.daemonset`: the early
 * exits (a `{}` selector, a DaemonSet being deleted), the burst cap on creates and deletes, the
 * revision the sync treats as current, and that repeated syncs reach the fixed point of one pod per
 * eligible node.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../../api/engine.js';
import type { ControllerRevision } from '../../model/daemonset-types.js';
import { isPodUpdated, revisionOf } from './pod-state.js';
import { burstReplicas } from './sync.js';
import {
  addNodes,
  addPods,
  decodeDs,
  decodeNodes,
  decodePods,
  dsObject,
  expectCounts,
  FakeCluster,
  NOW,
  nodeObject,
  noExecuteTaints,
  podObject,
  rollingUpdate,
  simpleDaemonSetLabel,
  simpleDaemonSetLabel2,
  simpleNodeLabel,
  sync,
  unix,
  updateStrategies,
} from '../../testing/daemonset-fixtures.js';

test('TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector: a {} selector does nothing but warn', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ strategy, selector: {}, spec: { nodeSelector: { foo: 'bar' } } });
    // the decoder keeps the misconfigured object (the API server would reject it; see validate: false)
    assert.ok(decodeDs(d).selector?.isEmptyObject, name);
    const notControlled = podObject('x-', 'node1', { bang: 'boom' }, undefined);
    const plan = sync(d, [nodeObject('node1')], [notControlled]);
    expectCounts(plan, 0, 0, name);
    assert.equal(plan.adopted, [], `${name}: syncDaemonSet returns before getDaemonPods, so nothing is adopted`);
    assert.equal(plan.released, [], name);
    assert.equal(plan.warnings, ['SelectingAll: This daemon set is selecting all pods. A non-empty selector is required.'], name);
  }
});

test('TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector: a matching node and owned pods are left alone too', () => {
  const d = dsObject({ selector: {} });
  const owned = podObject('owned-', 'node-0', { other: 'labels' }, d);
  const plan = sync(d, addNodes(0, 2), [owned, ...addPods('node-1', simpleDaemonSetLabel, d, 3)]);
  expectCounts(plan, 0, 0);
  assert.equal(plan.released, []);
});

test('TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector: pods it does not already control are not its pods (status, evictions)', () => {
  const d = dsObject({ selector: {} });
  const tainted = nodeObject('node-0', undefined, { taints: [{ key: 'gone', effect: 'NoExecute', timeAdded: unix(10) }] });
  const orphan = podObject('orphan-', 'node-0', { bang: 'boom' }, undefined);
  const owned = podObject('owned-', 'node-1', simpleDaemonSetLabel, d);
  const plan = sync(d, [tainted, nodeObject('node-1'), nodeObject('node-2')], [orphan, owned]);
  expectCounts(plan, 0, 0);
  assert.equal(plan.evictions, []);
  assert.is(plan.status.currentNumberScheduled, 1);
  assert.is(plan.status.numberMisscheduled, 0);
});

test('an empty-but-present matchLabels map is not the {} selector (reflect.DeepEqual), so the sync runs', () => {
  const d = dsObject({ selector: { matchLabels: {} } });
  assert.not.ok(decodeDs(d).selector?.isEmptyObject);
  const plan = sync(d, addNodes(0, 2), []);
  expectCounts(plan, 2, 0);
  assert.equal(plan.warnings, []);
});

test('TestDontDoAnythingIfBeingDeleted', () => {
  for (const { name, strategy } of updateStrategies()) {
    const spec = { nodeName: 'not-too-much-mem', containers: [{ name: 'c', image: 'x', resources: { requests: { memory: '75M', cpu: '75m' } } }] };
    const d = dsObject({ strategy, spec, deletionTimestamp: unix(1000) });
    const orphan = podObject('orphan-', 'not-too-much-mem', simpleDaemonSetLabel, undefined);
    const stale = podObject('stale-', 'not-too-much-mem', simpleDaemonSetLabel2, d);
    const plan = sync(d, [nodeObject('not-too-much-mem')], [orphan, stale]);
    expectCounts(plan, 0, 0, name);
    assert.equal(plan.adopted, [], name);
    assert.equal(plan.released, [], name);
    assert.is(plan.warnings.length, 1, name);
  }
});

test('a DaemonSet being deleted does not delete pods where they may not continue', () => {
  const d = dsObject({ deletionTimestamp: unix(1000) });
  const plan = sync(d, [nodeObject('tainted', undefined, { taints: noExecuteTaints })], addPods('tainted', simpleDaemonSetLabel, d, 2));
  expectCounts(plan, 0, 0);
});

test(`burstReplicas: at most ${burstReplicas} creates per sync`, () => {
  assert.is(burstReplicas, 250);
  for (const { name, strategy } of updateStrategies()) {
    const plan = sync(dsObject({ strategy }), addNodes(0, 300), []);
    expectCounts(plan, 250, 0, name);
    assert.equal(plan.create.slice(0, 2), ['node-0', 'node-1'], name);
    // status sees only what this sync created (TestSimpleDaemonSetPodCreateErrors' status checks)
    assert.is(plan.status.desiredNumberScheduled, 300, name);
    assert.is(plan.status.currentNumberScheduled, 250, name);
  }
});

test(`burstReplicas: at most ${burstReplicas} deletes per sync, the rest on the next`, () => {
  const d = dsObject();
  const nodes = addNodes(0, 300, undefined, { taints: noExecuteTaints });
  const cluster = new FakeCluster(nodes, nodes.map((_, i) => podObject(`p${i}-`, `node-${i}`, simpleDaemonSetLabel, d)));
  expectCounts(cluster.sync(d), 0, 250);
  expectCounts(cluster.sync(d), 0, 50);
  expectCounts(cluster.sync(d), 0, 0);
});

test('burstReplicas: manage and the update step are capped separately', () => {
  const d = dsObject({ strategy: rollingUpdate('100%') });
  const nodes = addNodes(0, 300);
  // 300 nodes: 260 without a pod (created), 40 with an old unavailable pod (all deleted by the update)
  const pods = nodes.slice(0, 40).map((_, i) => podObject(`old${i}-`, `node-${i}`, simpleDaemonSetLabel, d, { hash: 'old' }));
  const plan = sync(d, nodes, pods);
  expectCounts(plan, 250, 40);
});

test('the sync reaches the fixed point: one pod per eligible node, then nothing to do', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ strategy, spec: { nodeSelector: { ...simpleNodeLabel } } });
    const nodes = [...addNodes(0, 3), ...addNodes(3, 3, simpleNodeLabel)];
    const cluster = new FakeCluster(nodes, [
      ...addPods('node-0', simpleDaemonSetLabel, d, 2),
      ...addPods('node-4', simpleDaemonSetLabel, d, 3),
      podObject('failed-', 'node-5', simpleDaemonSetLabel, d, { phase: 'Failed' }),
    ]);
    expectCounts(cluster.sync(d), 1, 5, `${name} first`);
    expectCounts(cluster.sync(d), 1, 0, `${name} second (the failed pod's replacement)`);
    expectCounts(cluster.sync(d), 0, 0, `${name} third`);
    for (let i = 0; i < 6; i++) assert.is(cluster.podsOn(`node-${i}`).length, i >= 3 ? 1 : 0, `${name} node-${i}`);
  }
});

test('revision: --revision-hash wins; else the newest ControllerRevision of this DaemonSet', () => {
  const d = dsObject({ strategy: rollingUpdate(1) });
  const ds = decodeDs(d);
  const nodes = decodeNodes(addNodes(0, 2));
  const pods = decodePods([podObject('a-', 'node-0', simpleDaemonSetLabel, d, { hash: 'h2', ready: true }), podObject('b-', 'node-1', simpleDaemonSetLabel, d, { hash: 'h1', ready: true })]);
  const revision = (name: string, revision: number, hash: string, ownerUid = 'uid-foo'): ControllerRevision => ({ name, namespace: 'default', ownerUid, ownerName: 'foo', revision, hash });
  const revisions = [revision('foo-h1', 1, 'h1'), revision('foo-h2', 2, 'h2'), revision('bar-h9', 9, 'h9', 'uid-bar')];
  const engine = createEngine({ nodes });
  const byRevisions = engine.daemonset(ds, pods, { revisions, now: NOW });
  assert.is(byRevisions.status.updatedNumberScheduled, 1);
  assert.equal(byRevisions.delete, [pods[1]!.name], 'the h1 pod is old');
  const byFlag = engine.daemonset(ds, pods, { revisions, revisionHash: 'h1', now: NOW });
  assert.equal(byFlag.delete, [pods[0]!.name], 'with h1 current, the h2 pod is old');
});

test('revision unknown: manage runs, the update step is not planned, and a warning says why', () => {
  const d = dsObject({ strategy: rollingUpdate(1) });
  const plan = sync(d, addNodes(0, 2), addPods('node-0', simpleDaemonSetLabel, d, 1, { hash: 'whatever', ready: true }), { hash: '' });
  expectCounts(plan, 1, 0);
  assert.is(plan.warnings.length, 1);
  assert.match(plan.warnings[0]!, /revision/);
  // OnDelete never needs one
  assert.equal(sync(dsObject(), addNodes(0, 2), [], { hash: '' }).warnings, []);
});

test('pod-template-generation: pods carrying the DaemonSet generation are current even without the hash', () => {
  const d = dsObject({ strategy: rollingUpdate(1), annotations: { 'deprecated.daemonset.template.generation': '7' } });
  const pod = podObject('gen-', 'node-0', { ...simpleDaemonSetLabel, 'pod-template-generation': '7' }, d, { hash: null, ready: true });
  const plan = sync(d, addNodes(0, 1), [pod]);
  expectCounts(plan, 0, 0);
  assert.is(plan.status.updatedNumberScheduled, 1);
});

const isPodUpdatedCases: { test: string; generation?: string; labels: Record<string, string> | undefined; hash: string; isUpdated: boolean }[] = [
  { test: 'templateGeneration and hash both match', generation: '12345', labels: { 'pod-template-generation': '12345', 'controller-revision-hash': '55555' }, hash: '55555', isUpdated: true },
  { test: "templateGeneration matches, hash doesn't", generation: '12345', labels: { 'pod-template-generation': '12345', 'controller-revision-hash': '55555' }, hash: '55555123', isUpdated: true },
  { test: 'templateGeneration matches, no hash label, has hash', generation: '12345', labels: { 'pod-template-generation': '12345' }, hash: '55555', isUpdated: true },
  { test: 'templateGeneration matches, no hash label, no hash', generation: '12345', labels: { 'pod-template-generation': '12345' }, hash: '', isUpdated: true },
  { test: 'templateGeneration matches, has hash label, no hash', generation: '12345', labels: { 'pod-template-generation': '12345', 'controller-revision-hash': '55555' }, hash: '', isUpdated: true },
  { test: "templateGeneration doesn't match, hash does", generation: '12350', labels: { 'pod-template-generation': '12345', 'controller-revision-hash': '55555' }, hash: '55555', isUpdated: true },
  { test: "templateGeneration and hash don't match", generation: '12350', labels: { 'pod-template-generation': '12345', 'controller-revision-hash': '55555' }, hash: '55555123', isUpdated: false },
  { test: 'empty labels, no hash', generation: '12345', labels: {}, hash: '', isUpdated: false },
  { test: 'empty labels', generation: '12345', labels: {}, hash: '55555', isUpdated: false },
  { test: 'no labels', generation: '12345', labels: undefined, hash: '55555', isUpdated: false },
  // GetTemplateGeneration parses the annotation as an int64 and prints it back
  { test: 'generation "007" matches label 7', generation: '007', labels: { 'pod-template-generation': '7' }, hash: '', isUpdated: true },
  { test: 'an unparsable generation is absent', generation: 'abc', labels: { 'pod-template-generation': 'abc' }, hash: '', isUpdated: false },
];
for (const c of isPodUpdatedCases) {
  test(`TestIsPodUpdated: ${c.test}`, () => {
    const ds = decodeDs(dsObject(c.generation !== undefined ? { annotations: { 'deprecated.daemonset.template.generation': c.generation } } : {}));
    const [pod] = decodePods([podObject('pod1', 'node1', c.labels, undefined)]);
    assert.is(isPodUpdated(pod!, revisionOf(ds, c.hash)), c.isUpdated);
  });
}

test('TestCreatePodTemplate: created pods carry the generation label, so they count as updated', () => {
  const d = dsObject({ strategy: rollingUpdate(1), annotations: { 'deprecated.daemonset.template.generation': '2' } });
  const plan = sync(d, addNodes(0, 3), [], { hash: '' });
  expectCounts(plan, 3, 0);
  assert.is(plan.status.updatedNumberScheduled, 3);
  assert.equal(plan.warnings, [], 'the generation identifies the revision');
});

test('plan nodes: one answer per node in input order', () => {
  const nodes = [nodeObject('zeta'), nodeObject('alpha', undefined, { taints: noExecuteTaints }), nodeObject('mid', simpleNodeLabel)];
  const plan = sync(dsObject(), nodes, []);
  assert.equal(plan.nodes.map((n) => [n.node, n.shouldRun, n.shouldContinueRunning]), [
    ['zeta', true, true],
    ['alpha', false, false],
    ['mid', true, true],
  ]);
});

test.run();
