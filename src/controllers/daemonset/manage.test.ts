/**
 * `manage` / `podsShouldBeOnNode` (daemon_controller.go) as upstream's unit tests observe one sync:
 * create where the pod should run and none exists, keep terminating pods as "exists", delete
 * failed and succeeded pods (replacing them on the next sync unless surging), prune extras to the
 * oldest (scheduled first), delete everything where the pod may not continue, delete unscheduled
 * pods pinned to nodes that are gone, and the surge keep rules (TestSurge*).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { manage } from './manage.js';
import { listAnswers } from './node-answers.js';
import { nodeShouldRunDaemonPod } from './should-run.js';
import { daemonPodPlacement } from './daemon-pod.js';
import { defaultFeatureGates } from '../../model/feature-gates.js';
import { claimPods, groupByNode } from './claim.js';
import { revisionOf } from './pod-state.js';
import type { JsonObject } from '../../model/decode.js';
import {
  addFailedPods,
  addNodes,
  addPods,
  decodeDs,
  decodeNodes,
  decodePods,
  dsObject,
  expectCounts,
  FakeCluster,
  HASH,
  nodeObject,
  noExecuteTaints,
  podName,
  podObject,
  simpleDaemonSetLabel,
  simpleNodeLabel,
  sync,
  unixMs,
  updateStrategies,
  updateSurge,
} from '../../testing/daemonset-fixtures.js';

/** `manage` alone (no update step), for the pod-by-pod decisions. */
function manageOnly(ds: JsonObject, nodes: readonly JsonObject[], pods: readonly JsonObject[], now = 0) {
  const daemonset = decodeDs(ds);
  const daemonPod = daemonPodPlacement(daemonset.workload.pod);
  const decoded = decodeNodes(nodes);
  const inputs = {
    ds: daemonset,
    revision: revisionOf(daemonset, HASH),
    now,
    answers: listAnswers(decoded, decoded.map((node) => nodeShouldRunDaemonPod(daemonPod, node, defaultFeatureGates))),
  };
  return manage(inputs, groupByNode(claimPods(daemonset, decodePods(pods)).claimed));
}

// ---------- creates ----------

test('TestSimpleDaemonSetLaunchesPods: one pod per node', () => {
  for (const { name, strategy } of updateStrategies()) {
    const plan = sync(dsObject({ strategy }), addNodes(0, 5), []);
    expectCounts(plan, 5, 0, name);
    assert.equal(plan.create, ['node-0', 'node-1', 'node-2', 'node-3', 'node-4'], name);
  }
});

test('TestNoNodesDoesNothing / TestOneNodeDaemonLaunchesPod', () => {
  for (const { name, strategy } of updateStrategies()) {
    expectCounts(sync(dsObject({ strategy }), [], []), 0, 0, name);
    expectCounts(sync(dsObject({ strategy }), [nodeObject('only-node')], []), 1, 0, name);
  }
});

test('TestNotReadyNodeDaemonDoesLaunchPod / TestNetworkUnavailableNodeDaemonLaunchesPod / TestTaintPressureNodeDaemonLaunchesPod', () => {
  for (const { name, strategy } of updateStrategies()) {
    const nodes = [
      nodeObject('not-ready', undefined, { conditions: [{ type: 'Ready', status: 'False' }] }),
      nodeObject('network-unavailable', undefined, { conditions: [{ type: 'NetworkUnavailable', status: 'True' }] }),
      nodeObject('resources-pressure', undefined, {
        taints: ['disk-pressure', 'memory-pressure', 'pid-pressure'].map((k) => ({ key: `node.kubernetes.io/${k}`, effect: 'NoSchedule' })),
      }),
    ];
    expectCounts(sync(dsObject({ strategy, namespace: 'kube-system' }), nodes, []), 3, 0, name);
  }
});

test('TestInsufficientCapacityNodeDaemonDoesNotUnscheduleRunningPod / TestNoPortConflictNodeDaemonLaunchesPod: resources and ports are not checked', () => {
  for (const { name, strategy } of updateStrategies()) {
    const tooMuch = { nodeName: 'too-much-mem', containers: [{ name: 'c', image: 'x', resources: { requests: { memory: '75M', cpu: '75m' } } }] };
    const node = nodeObject('too-much-mem');
    (node['status'] as JsonObject)['allocatable'] = { memory: '100M', cpu: '200m', pods: '100' };
    // a pod that is not the DaemonSet's (no labels) uses the node's resources
    const other = podObject('other-', 'too-much-mem', undefined, undefined, { spec: tooMuch });
    expectCounts(sync(dsObject({ strategy, spec: tooMuch }), [node], [other]), 1, 0, name);

    const portSpec = (port: number) => ({ nodeName: 'no-port-conflict', containers: [{ name: 'c', image: 'x', ports: [{ containerPort: port, hostPort: port }] }] });
    const occupying = podObject('port-', 'no-port-conflict', undefined, undefined, { spec: portSpec(6661) });
    expectCounts(sync(dsObject({ strategy, spec: portSpec(6662) }), [nodeObject('no-port-conflict')], [occupying]), 1, 0, name);
  }
});

test('TestPortConflictWithSameDaemonPodDoesNotDeletePod', () => {
  for (const { name, strategy } of updateStrategies()) {
    const spec = { nodeName: 'port-conflict', containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 666, hostPort: 666 }] }] };
    const d = dsObject({ strategy, spec });
    expectCounts(sync(d, [nodeObject('port-conflict')], [podObject('foo-', 'port-conflict', simpleDaemonSetLabel, d)]), 0, 0, name);
  }
});

// ---------- terminating, failed and succeeded pods ----------

test('TestDaemonSetRespectsTermination: a terminating pod blocks its replacement', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ strategy });
    const terminating = podObject('node-0-', 'node-0', simpleDaemonSetLabel, d, { deleted: 1000 });
    expectCounts(sync(d, addNodes(0, 1, simpleNodeLabel), [terminating]), 0, 0, name);
  }
});

const killFailedCases = [
  { numFailedPods: 0, numNormalPods: 1, expectedCreates: 0, expectedDeletes: 0, test: 'normal (do nothing)' },
  { numFailedPods: 0, numNormalPods: 0, expectedCreates: 1, expectedDeletes: 0, test: 'no pods (create 1)' },
  { numFailedPods: 1, numNormalPods: 0, expectedCreates: 0, expectedDeletes: 1, test: '1 failed pod (kill 1), 0 normal pod (create 0; will create in the next sync)' },
  { numFailedPods: 1, numNormalPods: 3, expectedCreates: 0, expectedDeletes: 3, test: '1 failed pod (kill 1), 3 normal pods (kill 2)' },
];
for (const c of killFailedCases) {
  test(`TestDaemonKillFailedPods: ${c.test}`, () => {
    for (const { name, strategy } of updateStrategies()) {
      const d = dsObject({ strategy });
      const failed = addFailedPods('node-0', simpleDaemonSetLabel, d, c.numFailedPods);
      const plan = sync(d, addNodes(0, 1), [...failed, ...addPods('node-0', simpleDaemonSetLabel, d, c.numNormalPods)]);
      expectCounts(plan, c.expectedCreates, c.expectedDeletes, name);
      for (const f of failed) assert.ok(plan.delete.includes(podName(f)), name);
    }
  });
}

test('TestDaemonKillFailedPods: the replacement comes on the next sync', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ strategy });
    const cluster = new FakeCluster(addNodes(0, 1), addFailedPods('node-0', simpleDaemonSetLabel, d, 1));
    expectCounts(cluster.sync(d), 0, 1, `${name} sync 1`);
    expectCounts(cluster.sync(d), 1, 0, `${name} sync 2`);
    expectCounts(cluster.sync(d), 0, 0, `${name} sync 3`);
  }
});

test('a Succeeded pod is deleted like a failed one', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ strategy });
    const succeeded = addPods('node-0', simpleDaemonSetLabel, d, 1, { phase: 'Succeeded' });
    const plan = sync(d, addNodes(0, 1), succeeded);
    expectCounts(plan, 0, 1, name);
  }
});

test('surge: a failed pod is deleted and replaced in the same sync', () => {
  const d = dsObject({ strategy: updateSurge(1) });
  const plan = sync(d, addNodes(0, 1), addFailedPods('node-0', simpleDaemonSetLabel, d, 1));
  expectCounts(plan, 1, 1);
});

// ---------- pruning extras ----------

test('extra pods are pruned to the oldest, scheduled pods first, name breaking ties', () => {
  const d = dsObject();
  const unscheduledOldest = podObject('a-unscheduled-', '', simpleDaemonSetLabel, d, { affinityNode: 'node-0', created: 1 });
  const scheduledNewer = podObject('b-', 'node-0', simpleDaemonSetLabel, d, { created: 50 });
  const tieLater = podObject('x', 'node-0', simpleDaemonSetLabel, d, { created: 10, name: 'pod-c' });
  const tieFirst = podObject('x', 'node-0', simpleDaemonSetLabel, d, { created: 10, name: 'pod-b' });
  const step = manageOnly(d, addNodes(0, 1), [unscheduledOldest, scheduledNewer, tieLater, tieFirst]);
  assert.equal(step.create, []);
  assert.equal([...step.delete].sort(), [podName(unscheduledOldest), podName(scheduledNewer), 'pod-c'].sort());
});

test('extra pods: TestDealsWithExistingPods keeps one of five (and terminating pods are neither kept nor deleted)', () => {
  const d = dsObject();
  const pods = [...addPods('node-3', simpleDaemonSetLabel, d, 5, { created: 100 }), podObject('term-', 'node-3', simpleDaemonSetLabel, d, { created: 1, deleted: 200 })];
  const step = manageOnly(d, addNodes(3, 1), pods);
  assert.is(step.delete.length, 4);
  assert.not.ok(step.delete.includes(podName(pods[5]!)));
});

test('!shouldContinueRunning deletes every live pod on the node, failed and succeeded ones included', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ strategy });
    const pods = [
      podObject('running-', 'tainted', simpleDaemonSetLabel, d),
      podObject('failed-', 'tainted', simpleDaemonSetLabel, d, { phase: 'Failed' }),
      podObject('succeeded-', 'tainted', simpleDaemonSetLabel, d, { phase: 'Succeeded' }),
      podObject('terminating-', 'tainted', simpleDaemonSetLabel, d, { deleted: 100 }),
    ];
    const plan = sync(d, [nodeObject('tainted', undefined, { taints: noExecuteTaints })], pods);
    expectCounts(plan, 0, 3, name);
    assert.equal([...plan.delete].sort(), pods.slice(0, 3).map(podName).sort(), name);
  }
});

test('TestSelectorDaemonDeletesUnselectedPods-style: a node that no longer matches loses its pods; a NoSchedule taint keeps them', () => {
  const d = dsObject({ spec: { nodeSelector: { ...simpleNodeLabel } } });
  const nodes = [nodeObject('unselected'), nodeObject('tainted', simpleNodeLabel, { taints: [{ key: 'k', effect: 'NoSchedule' }] })];
  const plan = sync(d, nodes, [...addPods('unselected', simpleDaemonSetLabel, d, 1), ...addPods('tainted', simpleDaemonSetLabel, d, 1)]);
  expectCounts(plan, 0, 1);
});

// ---------- pods pinned to nodes that are gone ----------

test('TestDeleteUnscheduledPodForNotExistingNode: unscheduled pods pinned to a missing node are deleted, bound ones are not', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ strategy });
    const pinned = podObject('pod1-node-3-', '', simpleDaemonSetLabel, d, { affinityNode: 'node-2' });
    const pods = [...addPods('node-0', simpleDaemonSetLabel, d, 1), ...addPods('node-1', simpleDaemonSetLabel, d, 1), pinned];
    const plan = sync(d, addNodes(0, 1), pods);
    expectCounts(plan, 0, 1, name);
    assert.equal(plan.delete, [podName(pinned)], name);
  }
});

// ---------- surge keep rules ----------

const surgeDs = (minReadySeconds?: number) => dsObject({ strategy: updateSurge(1), ...(minReadySeconds !== undefined ? { minReadySeconds } : {}) });

test('TestSurgeDealsWithExistingPods', () => {
  const d = surgeDs();
  const pods = [
    ...addPods('node-1', simpleDaemonSetLabel, d, 1),
    ...addPods('node-2', simpleDaemonSetLabel, d, 2),
    ...addPods('node-3', simpleDaemonSetLabel, d, 5),
    ...addPods('node-4', { name: 'simple-daemon', type: 'test' }, d, 2),
  ];
  expectCounts(sync(d, addNodes(0, 5), pods), 2, 5);
});

test('TestSurgePreservesReadyOldPods', () => {
  const d = surgeDs();
  const current = podObject('node-1-', 'node-1', simpleDaemonSetLabel, d, { created: 100 });
  const oldest = podObject('node-1-old-', 'node-1', simpleDaemonSetLabel, d, { hash: null, created: 50, ready: true });
  const oldReady = podObject('node-1-delete-', 'node-1', simpleDaemonSetLabel, d, { hash: null, created: 60, ready: true });
  const plan = sync(d, addNodes(0, 5), [current, oldest, oldReady, ...addPods('node-2', simpleDaemonSetLabel, d, 1)]);
  expectCounts(plan, 3, 1);
  assert.equal(plan.delete, [podName(oldReady)]);
});

test('TestSurgeCreatesNewPodWhenAtMaxSurgeAndOldPodDeleted', () => {
  const d = surgeDs();
  const pods = [
    podObject('node-0-', 'node-0', simpleDaemonSetLabel, d, { created: 100, ready: false }),
    podObject('node-0-old-ready-', 'node-0', simpleDaemonSetLabel, d, { hash: null, created: 50, ready: true }),
    ...[1, 2, 3, 4].map((i) =>
      podObject(`node-${i}-preserve-`, `node-${i}`, simpleDaemonSetLabel, d, { hash: null, created: 1, ready: true, ...(i === 4 ? { deleted: 31 } : {}) }),
    ),
  ];
  const plan = sync(d, addNodes(0, 5), pods);
  expectCounts(plan, 1, 0);
  assert.equal(plan.create, ['node-4']);
});

test('TestSurgeDeletesUnreadyOldPods', () => {
  const d = surgeDs();
  const current = podObject('node-1-', 'node-1', simpleDaemonSetLabel, d, { created: 100 });
  const oldUnready = podObject('node-1-old-unready-', 'node-1', simpleDaemonSetLabel, d, { hash: null, created: 50, ready: false });
  const oldReady = podObject('node-1-delete-', 'node-1', simpleDaemonSetLabel, d, { hash: null, created: 60, ready: true });
  const plan = sync(d, addNodes(0, 5), [current, oldUnready, oldReady, ...addPods('node-2', simpleDaemonSetLabel, d, 1)]);
  expectCounts(plan, 3, 2);
  assert.equal([...plan.delete].sort(), [podName(oldReady), podName(oldUnready)].sort());
});

function minReadyCase(clockSeconds: number) {
  const d = surgeDs(15);
  const current = podObject('node-1-', 'node-1', simpleDaemonSetLabel, d, { created: 100, ready: { status: true, at: 50 } });
  const oldReady = podObject('node-1-old-ready-', 'node-1', simpleDaemonSetLabel, d, { hash: null, created: 50, ready: true });
  const oldExcess = podObject('node-1-delete-', 'node-1', simpleDaemonSetLabel, d, { hash: null, created: 60, ready: true });
  const plan = sync(d, addNodes(0, 5), [current, oldReady, oldExcess, ...addPods('node-2', simpleDaemonSetLabel, d, 1)], { now: unixMs(clockSeconds) });
  return { plan, oldReady: podName(oldReady), oldExcess: podName(oldExcess) };
}

test('TestSurgePreservesOldReadyWithUnsatisfiedMinReady: 10s after Ready with minReadySeconds 15', () => {
  const { plan, oldExcess } = minReadyCase(50 + 10);
  expectCounts(plan, 3, 1);
  assert.equal(plan.delete, [oldExcess]);
});

test('TestSurgeDeletesOldReadyWithUnsatisfiedMinReady: 20s after Ready with minReadySeconds 15', () => {
  const { plan, oldReady, oldExcess } = minReadyCase(50 + 20);
  expectCounts(plan, 3, 2);
  assert.equal([...plan.delete].sort(), [oldExcess, oldReady].sort());
});

test('surge keep rule: available means strictly after minReadySeconds (exactly 15s is not enough)', () => {
  const { plan } = minReadyCase(50 + 15);
  expectCounts(plan, 3, 1);
});

test('surge keep rule: with neither pod ready only the current-hash pod stays', () => {
  const d = surgeDs();
  const current = podObject('new-', 'node-0', simpleDaemonSetLabel, d, { created: 100 });
  const old = podObject('old-', 'node-0', simpleDaemonSetLabel, d, { hash: null, created: 50 });
  const plan = sync(d, addNodes(0, 1), [current, old]);
  expectCounts(plan, 0, 1);
  assert.equal(plan.delete, [podName(old)]);
});

test('surge keep rule: two old pods and no new one keep the oldest old pod', () => {
  const d = surgeDs();
  const older = podObject('old-a-', 'node-0', simpleDaemonSetLabel, d, { hash: 'previous', created: 10, ready: true });
  const newer = podObject('old-b-', 'node-0', simpleDaemonSetLabel, d, { hash: 'previous', created: 20, ready: true });
  const step = manageOnly(d, addNodes(0, 1), [newer, older]);
  assert.equal(step, { create: [], delete: [podName(newer)] });
});

test('OnDelete never surges (SurgeCount is 0 unless RollingUpdate): an old and a new pod are pruned to the oldest', () => {
  const d = dsObject({ strategy: { type: 'OnDelete', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
  const old = podObject('old-', 'node-0', simpleDaemonSetLabel, d, { hash: 'previous', created: 10, ready: true });
  const current = podObject('new-', 'node-0', simpleDaemonSetLabel, d, { created: 20 });
  const plan = sync(d, addNodes(0, 1), [current, old]);
  expectCounts(plan, 0, 1);
  assert.equal(plan.delete, [podName(current)]);
});

test.run();
