/**
 * The rollout forecast through `engine.daemonsetRollout`, on upstream's unit-test fixtures: the
 * rolling-update tests of update_test.go run to the end (TestDaemonSetUpdatesPods,
 * …WithMaxSurge, …WhenNewPodIsNotReady), the burst limit and slow start of `syncNodes`,
 * minReadySeconds, terminating pods (TestDaemonSetRespectsTermination), OnDelete, and the nodes
 * that never converge.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine, type DaemonSetRolloutOptions } from '../../api/engine.js';
import type { JsonObject } from '../../model/decode.js';
import type { RolloutForecast } from './rollout.js';
import { stuckReasons } from './rollout-stuck.js';
import {
  addNodes,
  addPods,
  decodeDs,
  decodeNodes,
  decodePods,
  dsObject,
  HASH,
  NOW,
  nodeObject,
  onDelete,
  rollingUpdate,
  simpleDaemonSetLabel,
  updateSurge,
  unix,
} from '../../testing/daemonset-fixtures.js';

const nowSeconds = NOW / 1000;

/** One old, Ready, Running pod per node (created and Ready long before the forecast starts). */
function oldPods(ds: JsonObject, nodes: readonly string[]): JsonObject[] {
  return nodes.flatMap((n) => addPods(n, simpleDaemonSetLabel, ds, 1, { hash: 'old', phase: 'Running', ready: { status: true, at: 1 }, created: 1 }));
}

function forecast(ds: JsonObject, nodes: readonly JsonObject[], pods: readonly JsonObject[], options: DaemonSetRolloutOptions = {}): RolloutForecast {
  const engine = createEngine({ nodes: decodeNodes(nodes) });
  const result = engine.daemonsetRollout(decodeDs(ds), decodePods(pods), { revisionHash: HASH, now: NOW, ...options });
  // The reference evaluator decides the same nodes, so the forecast must not differ by a byte.
  const reference = createEngine({ nodes: decodeNodes(nodes), evaluator: 'reference' }).daemonsetRollout(decodeDs(ds), decodePods(pods), { revisionHash: HASH, now: NOW, ...options });
  assert.equal(reference, result, 'indexed and reference evaluators disagree');
  return result;
}

/** [sync, atSeconds, deleted, created, surged, updatedNodes, unavailable] per wave. */
const rows = (f: RolloutForecast): number[][] => f.waves.map((w) => [w.sync, w.atSeconds, w.deleted, w.created, w.surged, w.updatedNodes, w.unavailable]);

test('TestDaemonSetUpdatesPods: maxUnavailable 1 over 3 nodes deletes in one sync and recreates in the next, one node per round', () => {
  const ds = dsObject({ strategy: rollingUpdate(1) });
  const nodes = addNodes(0, 3);
  const f = forecast(ds, nodes, oldPods(ds, ['node-0', 'node-1', 'node-2']));
  // Three rounds, each a delete wave and a create wave at the same moment; the next round starts
  // when the new pod is Ready (30 s) and available (minReadySeconds 0).
  assert.equal(rows(f), [
    [1, 0, 1, 0, 0, 0, 1],
    [2, 0, 0, 1, 0, 1, 1],
    [4, 30, 1, 0, 0, 1, 1],
    [5, 30, 0, 1, 0, 2, 1],
    [7, 60, 1, 0, 0, 2, 1],
    [8, 60, 0, 1, 0, 3, 1],
  ]);
  assert.equal([f.converged, f.stopped, f.estimatedSeconds, f.syncs, f.stuck], [true, 'converged', 90, 10, []]);
  assert.equal(f.status, { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberMisscheduled: 0, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberUnavailable: 0 });
  assert.equal(f.assumptions, { readyAfterSeconds: 30, terminationSeconds: 0, minReadySeconds: 0, revisionHash: HASH, pendingForecast: 'none', maxSyncs: 10_000, maxWork: 8_000_000 });
});

test('TestDaemonSetUpdatesPodsWithMaxSurge: maxSurge 1 creates beside the old pod and deletes it once the new one is available', () => {
  const ds = dsObject({ strategy: updateSurge(1) });
  const f = forecast(ds, addNodes(0, 3), oldPods(ds, ['node-0', 'node-1', 'node-2']));
  assert.equal(rows(f), [
    [1, 0, 0, 1, 1, 0, 0],
    [3, 30, 1, 1, 1, 1, 0],
    [5, 60, 1, 1, 1, 2, 0],
    [7, 90, 1, 0, 0, 3, 0],
  ]);
  assert.equal([f.converged, f.estimatedSeconds], [true, 90]);
});

test('syncNodes burstReplicas: 600 nodes, maxUnavailable 100%: 250 per step, every wave at once, slow-start batches within a sync', () => {
  const ds = dsObject({ strategy: rollingUpdate('100%') });
  const names = Array.from({ length: 600 }, (_, i) => `node-${i}`);
  const f = forecast(ds, addNodes(0, 600), oldPods(ds, names));
  assert.equal(rows(f), [
    [1, 0, 250, 0, 0, 0, 250],
    [2, 0, 250, 250, 0, 250, 500],
    [3, 0, 100, 250, 0, 500, 600],
    [4, 0, 0, 100, 0, 600, 600],
  ]);
  assert.equal(f.waves[1]!.createBatches, [1, 2, 4, 8, 16, 32, 64, 123]);
  assert.equal(f.waves[3]!.createBatches, [1, 2, 4, 8, 16, 32, 37]);
  assert.is(f.waves[0]!.createBatches, undefined);
  assert.equal([f.converged, f.estimatedSeconds], [true, 30]);
});

test('a fresh DaemonSet on 600 nodes: manage creates 250, 250, then 100, in successive syncs', () => {
  const f = forecast(dsObject({ strategy: rollingUpdate(1) }), addNodes(0, 600), []);
  assert.equal(f.waves.map((w) => [w.sync, w.created]), [[1, 250], [2, 250], [3, 100]]);
  assert.equal([f.converged, f.estimatedSeconds], [true, 30]);
  assert.equal(f.warnings, []);
});

test('a node with an untolerated taint is not eligible and not stuck: the rollout converges without it', () => {
  const ds = dsObject({ strategy: rollingUpdate(1) });
  const nodes = [...addNodes(0, 2), nodeObject('tainted', undefined, { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })];
  const f = forecast(ds, nodes, oldPods(ds, ['node-0', 'node-1']));
  assert.equal([f.converged, f.stuck, f.status.desiredNumberScheduled], [true, [], 2]);
  assert.equal(f.notEligible, [{ reasons: ["node(s) had untolerated taint(s)"], nodes: 1 }]);
});

test('TestDaemonSetUpdatesNoTemplateChanged style: pods already current and available → converged at once, no wave', () => {
  const ds = dsObject({ strategy: rollingUpdate(1) });
  const pods = ['node-0', 'node-1'].flatMap((n) => addPods(n, simpleDaemonSetLabel, ds, 1, { phase: 'Running', ready: { status: true, at: 1 }, created: 1 }));
  const f = forecast(ds, addNodes(0, 2), pods);
  assert.equal([f.syncs, f.waves, f.converged, f.estimatedSeconds], [1, [], true, 0]);
});

test('TestDaemonSetUpdatesWhenNewPodIsNotReady: a current pod that never becomes Ready holds maxUnavailable; the old pods wait forever', () => {
  const ds = dsObject({ strategy: rollingUpdate(1) });
  // Created an hour ago and still not Ready: longer than the assumed 30 s, so it never will be.
  const broken = addPods('node-0', simpleDaemonSetLabel, ds, 1, { phase: 'Running', ready: { status: false, at: nowSeconds - 3600 }, created: nowSeconds - 3600 });
  const f = forecast(ds, addNodes(0, 3), [...broken, ...oldPods(ds, ['node-1', 'node-2'])]);
  assert.equal([f.converged, f.stopped, f.waves], [false, 'stuck', []]);
  assert.equal(f.stuck, [
    { node: 'node-0', reasons: [stuckReasons.neverReady] },
    { node: 'node-1', reasons: [stuckReasons.unavailableBudget(1)] },
    { node: 'node-2', reasons: [stuckReasons.unavailableBudget(1)] },
  ]);
});

test('a not-Ready pod younger than readyAfter turns Ready readyAfter after its creation', () => {
  const ds = dsObject({ strategy: rollingUpdate(1) });
  const young = addPods('node-0', simpleDaemonSetLabel, ds, 1, { phase: 'Pending', ready: { status: false, at: nowSeconds - 10 }, created: nowSeconds - 10 });
  const f = forecast(ds, addNodes(0, 2), [...young, ...oldPods(ds, ['node-1'])]);
  // node-1's old pod goes once node-0's pod is available, 20 s in.
  assert.equal(rows(f), [
    [2, 20, 1, 0, 0, 1, 1],
    [3, 20, 0, 1, 0, 2, 1],
  ]);
  assert.equal([f.converged, f.estimatedSeconds], [true, 50]);
});

test('minReadySeconds: the controller finds a pod available minReadySeconds + 1 s after it turns Ready (updatePod requeue)', () => {
  const ds = dsObject({ strategy: rollingUpdate(1), minReadySeconds: 10 });
  const f = forecast(ds, addNodes(0, 2), oldPods(ds, ['node-0', 'node-1']));
  assert.equal(f.waves.map((w) => [w.atSeconds, w.deleted, w.created]), [[0, 1, 0], [0, 0, 1], [41, 1, 0], [41, 0, 1]]);
  assert.equal([f.converged, f.estimatedSeconds, f.assumptions.minReadySeconds], [true, 82, 10]);
});

test('TestDaemonSetRespectsTermination: a deleted pod terminates for terminationSeconds before its replacement is created', () => {
  const ds = dsObject({ strategy: rollingUpdate(1) });
  const f = forecast(ds, addNodes(0, 2), oldPods(ds, ['node-0', 'node-1']), { terminationSeconds: 5, readyAfterSeconds: 20 });
  assert.equal(f.waves.map((w) => [w.atSeconds, w.deleted, w.created]), [[0, 1, 0], [5, 0, 1], [25, 1, 0], [30, 0, 1]]);
  assert.equal([f.converged, f.estimatedSeconds], [true, 50]);
});

test('TestDaemonSetRespectsTermination: a given terminating pod blocks its node until its deletionTimestamp', () => {
  const ds = dsObject({ strategy: rollingUpdate(1) });
  const terminating = addPods('node-0', simpleDaemonSetLabel, ds, 1, { phase: 'Running', ready: { status: true, at: 1 }, created: 1, deleted: nowSeconds + 45 });
  const f = forecast(ds, addNodes(0, 1), terminating);
  assert.equal(f.waves.map((w) => [w.sync, w.atSeconds, w.created]), [[2, 45, 1]]);
  assert.equal([f.converged, f.estimatedSeconds], [true, 75]);
});

test('OnDelete: nothing is updated; every node with an old pod is stuck and says why; missing pods are still created', () => {
  const ds = dsObject({ strategy: onDelete() });
  const f = forecast(ds, addNodes(0, 3), oldPods(ds, ['node-0', 'node-1']));
  assert.equal(rows(f), [[1, 0, 0, 1, 0, 1, 1]]);
  assert.equal([f.converged, f.stopped], [false, 'stuck']);
  assert.equal(f.stuck, [
    { node: 'node-0', reasons: [stuckReasons.onDelete] },
    { node: 'node-1', reasons: [stuckReasons.onDelete] },
  ]);
});

test('the pending hook: pods for nodes it names stay Pending and their nodes never converge; without it the output says so', () => {
  const ds = dsObject({ strategy: rollingUpdate(1) });
  const pending = (node: { name: string }) => (node.name === 'node-1' ? '0/1 nodes are available: 1 Insufficient cpu.' : undefined);
  const f = forecast(ds, addNodes(0, 2), [], { pending });
  assert.equal(f.assumptions.pendingForecast, 'applied');
  assert.equal(f.stuck, [{ node: 'node-1', reasons: [stuckReasons.pending('0/1 nodes are available: 1 Insufficient cpu.')] }]);
  assert.is(forecast(ds, addNodes(0, 2), []).assumptions.pendingForecast, 'none');
});

test('a NoExecute taint tolerated for a while: the taint manager evicts and the controller recreates, forever', () => {
  const ds = dsObject({ strategy: rollingUpdate(1), spec: { tolerations: [{ key: 'flaky', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] } });
  const nodes = [...addNodes(0, 1), nodeObject('flaky-node', undefined, { taints: [{ key: 'flaky', effect: 'NoExecute', timeAdded: unix(1) }] })];
  const f = forecast(ds, nodes, []);
  assert.equal([f.converged, f.stopped], [false, 'stuck']);
  assert.equal(f.stuck, [{ node: 'flaky-node', reasons: [stuckReasons.evictionLoop('flaky:NoExecute', 60)] }]);
});

test('the budget: at most maxSyncs syncs, and a forecast cut short says so', () => {
  const ds = dsObject({ strategy: rollingUpdate(1) });
  const f = forecast(ds, addNodes(0, 3), oldPods(ds, ['node-0', 'node-1', 'node-2']), { maxSyncs: 3 });
  assert.equal([f.syncs, f.converged, f.stopped, f.stuck, f.projectedSeconds], [3, false, 'budget', [], undefined]);
  // Stopped at 30 s with 2 of 3 nodes updated: at that pace, 45 s in all.
  const paced = forecast(ds, addNodes(0, 3), oldPods(ds, ['node-0', 'node-1', 'node-2']), { maxSyncs: 5 });
  assert.equal([paced.stopped, paced.estimatedSeconds, paced.status.updatedNumberScheduled, paced.projectedSeconds], ['budget', 30, 2, 45]);
  const g = forecast(ds, addNodes(0, 3), oldPods(ds, ['node-0', 'node-1', 'node-2']), { maxWork: 10 });
  assert.equal([g.syncs, g.stopped], [1, 'budget']);
});

test('no revision hash: existing pods are taken as old, as after a template change, with a warning', () => {
  const ds = dsObject({ strategy: rollingUpdate('100%') });
  const f = forecast(ds, addNodes(0, 2), oldPods(ds, ['node-0', 'node-1']), { revisionHash: '' });
  assert.equal(f.waves.map((w) => [w.deleted, w.created]), [[2, 0], [0, 2]]);
  assert.is(f.assumptions.revisionHash, '(new revision)');
  assert.match(f.warnings.join('\n'), /every existing pod is taken as old/);
});

test("a template whose labels the selector does not match (unvalidated): the controller never claims its pods; one sync, a warning", () => {
  const ds = dsObject({ strategy: rollingUpdate(1), templateLabels: { other: 'labels' } });
  const f = forecast(ds, addNodes(0, 2), []);
  assert.equal([f.syncs, f.converged, f.waves.map((w) => w.created)], [1, false, [2]]);
  assert.match(f.warnings.join('\n'), /never claims the pods it creates/);
});

test.run();
