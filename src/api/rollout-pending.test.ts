/**
 * The rollout forecast with the cluster's pods: daemon pods that do not fit their node stay Pending
 * and their nodes never converge, with the scheduler's reasons. The node's usage follows the
 * forecast: with maxUnavailable the controller deletes the old pod before creating the new one, so
 * the old pod's host port and requests are free again (daemon_controller.go rollingUpdate); with
 * maxSurge the new pod is created beside the old one, which holds hostPort 9100 until the new pod is
 * available — it never is, since NodePorts rejects it (the known caveat of surge with host ports).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from './engine.js';
import { stuckReasons } from '../controllers/daemonset/rollout-stuck.js';
import { nodeWithAllocatable, runningPod } from '../testing/cluster-pod-fixtures.js';
import { decodeDs, decodePods, dsObject, HASH, NOW, podObject, simpleDaemonSetLabel, updateSurge, updateUnavailable } from '../testing/daemonset-fixtures.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { JsonObject } from '../model/decode.js';

const ports = "node(s) didn't have free ports for the requested pod ports";
const exporterSpec: JsonObject = { containers: [{ name: 'c', image: 'node-exporter', resources: { requests: { cpu: '100m', memory: '1Gi' } }, ports: [{ containerPort: 9100, hostPort: 9100 }] }] };
const nodes = ['a', 'b'].map((n) => nodeWithAllocatable(n, { cpu: '4', memory: '2Gi', pods: '110' }));
const oldPods = (ds: JsonObject): PodObject[] =>
  decodePods(['a', 'b'].map((n) => podObject('exporter-', n, simpleDaemonSetLabel, ds, { name: `old-${n}`, hash: 'old', phase: 'Running', ready: { status: true, at: 1 }, created: 1, spec: exporterSpec })));

test('maxUnavailable: the old pod is deleted first, so the new one gets its port and memory back and the rollout converges', () => {
  const ds = dsObject({ name: 'exporter', spec: exporterSpec, strategy: updateUnavailable(1) });
  const pods = oldPods(ds);
  const f = createEngine({ nodes, pods }).daemonsetRollout(decodeDs(ds), pods, { revisionHash: HASH, now: NOW });
  assert.equal([f.converged, f.stuck, f.assumptions.pendingForecast], [true, [], 'applied']);
  assert.is(f.status.updatedNumberScheduled, 2);
});

test('maxSurge with hostPort 9100: the surge pod stays Pending beside the old one, and uses up the surge budget', () => {
  const ds = dsObject({ name: 'exporter', spec: exporterSpec, strategy: updateSurge(1) });
  const pods = oldPods(ds);
  const f = createEngine({ nodes, pods }).daemonsetRollout(decodeDs(ds), pods, { revisionHash: HASH, now: NOW });
  assert.equal([f.converged, f.stopped], [false, 'stuck']);
  assert.equal(f.stuck[0], { node: 'a', reasons: [stuckReasons.pending(ports)] });
  assert.match(f.stuck[1]!.reasons[0]!, /^rolling update blocked: maxSurge \(1\) is used up/);
});

test('a full node: a new DaemonSet converges elsewhere; there the daemon pod stays Pending for memory', () => {
  const ds = dsObject({ name: 'exporter', spec: exporterSpec, strategy: updateUnavailable(1) });
  const pods = [runningPod('db', 'b', [{ requests: { memory: '1536Mi' } }])];
  const engine = createEngine({ nodes, pods });
  const f = engine.daemonsetRollout(decodeDs(ds), [], { revisionHash: HASH, now: NOW });
  assert.equal(f.stuck, [{ node: 'b', reasons: [stuckReasons.pending('Insufficient memory')] }]);
  assert.is(f.status.numberReady, 1);
  // The same computation as the plan's forecast.
  assert.equal(engine.daemonset(decodeDs(ds), [], { revisionHash: HASH, now: NOW }).pending, [{ node: 'b', reasons: ['Insufficient memory'] }]);
});

test('without the cluster pods the forecast makes no Pending assumption', () => {
  const ds = dsObject({ name: 'exporter', spec: exporterSpec, strategy: updateSurge(1) });
  const pods = oldPods(ds);
  const f = createEngine({ nodes }).daemonsetRollout(decodeDs(ds), pods, { revisionHash: HASH, now: NOW });
  assert.equal([f.converged, f.assumptions.pendingForecast], [true, 'none']);
});

test.run();
