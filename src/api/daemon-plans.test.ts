/**
 * Kept DaemonSet plans patched after node events. A sync (pkg/controller/daemon/daemon_controller.go
 * `syncNodes` with `BurstReplicas` = 250, update.go `rollingUpdate`, `updateDaemonSetStatus`) reads
 * few answers: the nodes with pods, the nodes that should run up to its 250th create, and the
 * desired count. Every plan here is checked against the reference evaluator's fresh plan; the
 * patched ones are also shown to share the kept plan's creates (no walk over the nodes again).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine, type Engine } from './engine.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { Node } from '../model/types.js';
import { addNodes, decodeDs, decodeNodes, decodePods, dsObject, HASH, NOW, nodeObject, podObject, simpleDaemonSetLabel, updateUnavailable } from '../testing/daemonset-fixtures.js';

const nodes = decodeNodes(addNodes(0, 300));
const untolerated = [{ key: 'example.com/maintenance', value: 'true', effect: 'NoSchedule' }];
const tainted = (name: string): Node => decodeNodes([nodeObject(name, undefined, { taints: untolerated })])[0]!;
const plain = (name: string): Node => decodeNodes([nodeObject(name)])[0]!;

/** The indexed engine's plan, checked against a fresh reference plan over the same nodes. */
function planChecked(engine: Engine, ds: ReturnType<typeof decodeDs>, pods: readonly PodObject[], withNodes = false) {
  const options = { revisionHash: HASH, now: NOW, nodes: withNodes };
  const plan = engine.daemonset(ds, pods, options);
  const fresh = createEngine({ nodes: engine.nodes, evaluator: 'reference' }).daemonset(ds, pods, options);
  assert.equal(plan, { ...fresh, nodes: withNodes ? fresh.nodes : [] });
  return plan;
}

test('a node past the 250th create stops running the daemon pod: the kept plan is patched (desired count and status)', () => {
  const engine = createEngine({ nodes });
  const ds = decodeDs(dsObject({ strategy: updateUnavailable(1) }));
  const before = planChecked(engine, ds, []);
  assert.is(before.create.length, 250);
  assert.is(before.status.desiredNumberScheduled, 300);
  engine.upsertNode(tainted('node-299'));
  const after = planChecked(engine, ds, []);
  assert.is(after.status.desiredNumberScheduled, 299);
  assert.is(after.status.numberUnavailable, 299);
  assert.ok(after.create === before.create, 'the creates were kept, not walked again');
  engine.upsertNode(plain('node-299'));
  assert.is(planChecked(engine, ds, []).status.desiredNumberScheduled, 300);
});

test('the per-node list is patched too: the touched node has its new answer, the others are the kept entries', () => {
  const engine = createEngine({ nodes });
  const ds = decodeDs(dsObject());
  const before = planChecked(engine, ds, [], true);
  engine.upsertNode(tainted('node-280'));
  const after = planChecked(engine, ds, [], true);
  assert.is(after.nodes[280]!.shouldRun, false);
  assert.ok(after.nodes[279] === before.nodes[279]);
  assert.ok(after.create === before.create);
});

test('a node within the creates, or one with a pod, changes the plan: it is made again', () => {
  const engine = createEngine({ nodes });
  const dsJson = dsObject();
  const ds = decodeDs(dsJson);
  const pods = decodePods([podObject('p-', 'node-290', simpleDaemonSetLabel, dsJson, { ready: true })]);
  const before = planChecked(engine, ds, pods);
  engine.upsertNode(tainted('node-10'));
  const within = planChecked(engine, ds, pods);
  assert.ok(!within.create.includes('node-10'));
  assert.ok(within.create.includes('node-250'), 'the 250th create moved one node on');
  assert.ok(within.create !== before.create);
  // The node with a pod no longer runs the daemon pod: misscheduled, and (NoSchedule only) kept.
  engine.upsertNode(tainted('node-290'));
  assert.is(planChecked(engine, ds, pods).status.numberMisscheduled, 1);
  // A NoExecute taint there evicts the pod: the plan reads that node's taints.
  engine.upsertNode(decodeNodes([nodeObject('node-290', undefined, { taints: [{ key: 'k', effect: 'NoExecute' }] })])[0]!);
  assert.is(planChecked(engine, ds, pods).evictions.length, 1);
});

test('while old pods are being replaced the update budget reads the desired count: a change of it past the creates is not patched over', () => {
  // maxUnavailable 295 of 300 desired: 292 desired nodes without pods count as unavailable, so 3 of
  // the 8 old pods may go; with 299 desired, 4 may (update.go: maxUnavailable - numUnavailable).
  const engine = createEngine({ nodes });
  const dsJson = dsObject({ strategy: updateUnavailable(295) });
  const ds = decodeDs(dsJson);
  const pods = decodePods(Array.from({ length: 8 }, (_, i) => podObject('old-', `node-${i}`, simpleDaemonSetLabel, dsJson, { hash: 'old', ready: true })));
  assert.is(planChecked(engine, ds, pods).delete.length, 3);
  engine.upsertNode(tainted('node-299'));
  assert.is(planChecked(engine, ds, pods).delete.length, 4);
});

test('a node added or removed: patched past the creates, made again where a pod targets it', () => {
  const engine = createEngine({ nodes });
  const dsJson = dsObject();
  const ds = decodeDs(dsJson);
  const pods = decodePods([podObject('p-', 'node-new', simpleDaemonSetLabel, dsJson, { ready: true })]);
  assert.is(planChecked(engine, ds, pods).status.numberMisscheduled, 0);
  engine.removeNode('node-295');
  assert.is(planChecked(engine, ds, pods).status.desiredNumberScheduled, 299);
  engine.upsertNode(plain('node-new'));
  const plan = planChecked(engine, ds, pods);
  assert.is(plan.status.desiredNumberScheduled, 300);
  assert.is(plan.status.currentNumberScheduled, 251);
});

test.run();
