/**
 * DaemonSet status as `updateDaemonSetStatus` (daemon_controller.go) computes it at the end of a
 * sync, after this sync's creates and deletes: desired / current / misscheduled over all nodes,
 * ready / available / updated from the first pod per node after sorting, unavailable as
 * desired − available. The clock is injected for minReadySeconds.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DaemonSetStatus } from './status.js';
import {
  addNodes,
  addPods,
  dsObject,
  expectCounts,
  FakeCluster,
  nodeObject,
  noExecuteTaints,
  podObject,
  simpleDaemonSetLabel,
  simpleNodeLabel,
  sync,
  unixMs,
  updateStrategies,
  updateSurge,
} from '../../testing/daemonset-fixtures.js';

function expectStatus(actual: DaemonSetStatus, expected: Partial<DaemonSetStatus>, message = ''): void {
  const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, actual[k as keyof DaemonSetStatus]]));
  assert.equal(picked, expected, message);
}

test('TestSimpleDaemonSetUpdatesStatusAfterLaunchingPods: pods created in this sync count as scheduled', () => {
  for (const { name, strategy } of updateStrategies()) {
    const plan = sync(dsObject({ strategy }), addNodes(0, 5), []);
    expectCounts(plan, 5, 0, name);
    expectStatus(plan.status, { desiredNumberScheduled: 5, currentNumberScheduled: 5, updatedNumberScheduled: 5, numberReady: 0, numberAvailable: 0, numberUnavailable: 5 }, name);
  }
});

test('desired, current and misscheduled: nodes that may only continue count as misscheduled', () => {
  const d = dsObject({ spec: { nodeSelector: { ...simpleNodeLabel } } });
  const nodes = [
    nodeObject('with-pod', simpleNodeLabel),
    nodeObject('without-pod', simpleNodeLabel),
    nodeObject('cordoned-by-taint', simpleNodeLabel, { taints: [{ key: 'k', effect: 'NoSchedule' }] }),
    nodeObject('unselected-empty'),
    nodeObject('unselected-with-pod'),
    nodeObject('evicting', simpleNodeLabel, { taints: noExecuteTaints }),
  ];
  const pods = [
    ...addPods('with-pod', simpleDaemonSetLabel, d, 1),
    ...addPods('cordoned-by-taint', simpleDaemonSetLabel, d, 1),
    ...addPods('unselected-with-pod', simpleDaemonSetLabel, d, 1),
    // terminating: not deleted again, so it is still there at status time
    ...addPods('evicting', simpleDaemonSetLabel, d, 1, { deleted: 100 }),
  ];
  const plan = sync(d, nodes, pods);
  expectCounts(plan, 1, 1);
  expectStatus(plan.status, { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 2 });
});

test('TestNumberReadyStatus: numberReady follows the Ready condition', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ strategy });
    const cluster = new FakeCluster(addNodes(0, 2, simpleNodeLabel), [...addPods('node-0', simpleDaemonSetLabel, d, 1), ...addPods('node-1', simpleDaemonSetLabel, d, 1)]);
    const before = cluster.sync(d);
    expectCounts(before, 0, 0, name);
    expectStatus(before.status, { numberReady: 0, numberAvailable: 0 }, name);
    cluster.markPodsReady();
    const after = cluster.sync(d);
    expectCounts(after, 0, 0, name);
    expectStatus(after.status, { numberReady: 2, numberAvailable: 2, numberUnavailable: 0, updatedNumberScheduled: 2 }, name);
  }
});

test('numberAvailable: Ready for longer than minReadySeconds, judged strictly against the injected clock', () => {
  const d = dsObject({ minReadySeconds: 30 });
  const pods = [
    ...addPods('node-0', simpleDaemonSetLabel, d, 1, { ready: { status: true, at: 100 } }),
    ...addPods('node-1', simpleDaemonSetLabel, d, 1, { ready: { status: true, at: 100 } }),
    // Ready without a transition time is never available when minReadySeconds > 0
    ...addPods('node-2', simpleDaemonSetLabel, d, 1, { ready: true }),
  ];
  const at = (seconds: number) => sync(d, addNodes(0, 3), pods, { now: unixMs(seconds) }).status;
  expectStatus(at(120), { numberReady: 3, numberAvailable: 0, numberUnavailable: 3 });
  expectStatus(at(130), { numberReady: 3, numberAvailable: 0, numberUnavailable: 3 });
  expectStatus(at(131), { numberReady: 3, numberAvailable: 2, numberUnavailable: 1 });
  // minReadySeconds 0: Ready is enough
  expectStatus(sync(dsObject(), addNodes(0, 3), pods, { now: unixMs(0) }).status, { numberAvailable: 3 });
});

test('updatedNumberScheduled: only the first pod per node counts, so a surging node is not updated until its old pod goes', () => {
  const d = dsObject({ strategy: updateSurge(1) });
  const pods = [
    podObject('old-', 'node-0', simpleDaemonSetLabel, d, { hash: 'old', created: 10, ready: true }),
    podObject('new-', 'node-0', simpleDaemonSetLabel, d, { created: 20 }),
    podObject('new-', 'node-1', simpleDaemonSetLabel, d, { created: 20, ready: true }),
  ];
  const plan = sync(d, addNodes(0, 2), pods);
  expectCounts(plan, 0, 0);
  expectStatus(plan.status, { desiredNumberScheduled: 2, currentNumberScheduled: 2, updatedNumberScheduled: 1, numberReady: 2, numberAvailable: 2 });
});

test('ready and available look at the first pod after sorting: scheduled pods before older unscheduled ones', () => {
  const d = dsObject({ strategy: updateSurge(1) });
  const pods = [
    // older, Ready, but not yet bound (pinned by affinity)
    podObject('old-', '', simpleDaemonSetLabel, d, { hash: 'old', created: 1, ready: true, affinityNode: 'node-0' }),
    // newer, bound, not Ready: sorts first
    podObject('new-', 'node-0', simpleDaemonSetLabel, d, { created: 50, ready: false }),
  ];
  const plan = sync(d, addNodes(0, 1), pods);
  expectCounts(plan, 0, 0);
  expectStatus(plan.status, { currentNumberScheduled: 1, numberReady: 0, updatedNumberScheduled: 1, numberUnavailable: 1 });
});

test('a failed pod deleted in this sync leaves its node unscheduled in the status', () => {
  for (const { name, strategy } of updateStrategies()) {
    const d = dsObject({ strategy });
    const plan = sync(d, addNodes(0, 2), [...addPods('node-0', simpleDaemonSetLabel, d, 1, { phase: 'Failed' }), ...addPods('node-1', simpleDaemonSetLabel, d, 1, { ready: true })]);
    expectCounts(plan, 0, 1, name);
    expectStatus(plan.status, { desiredNumberScheduled: 2, currentNumberScheduled: 1, numberReady: 1 }, name);
  }
});

test('a Failed pod that is already being deleted is invisible: the node gets a new pod in the same sync', () => {
  const d = dsObject();
  const plan = sync(d, addNodes(0, 1), addPods('node-0', simpleDaemonSetLabel, d, 1, { phase: 'Failed', deleted: 100 }));
  expectCounts(plan, 1, 0);
  expectStatus(plan.status, { currentNumberScheduled: 1 });
});

test('numberUnavailable is desired − available, nodes without pods included', () => {
  const d = dsObject();
  const plan = sync(d, addNodes(0, 4, undefined), [...addPods('node-0', simpleDaemonSetLabel, d, 1, { ready: true })], {});
  expectStatus(plan.status, { desiredNumberScheduled: 4, numberAvailable: 1, numberUnavailable: 3 });
});

test.run();
