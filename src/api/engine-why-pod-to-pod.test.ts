/**
 * `engine.why` for a pod that PodTopologySpread keeps Pending: the nearest fixes include the single
 * changes of the pod's own constraint (a larger maxSkew, ScheduleAnyway), each with its field path
 * and the nodes it admits, as judged by the indexed filter with every other constraint held.
 * The cluster is TestSingleConstraint's (plugins/podtopologyspread/filtering_test.go, v1.35).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Node } from '../model/types.js';
import { nodeWithAllocatable } from '../testing/cluster-pod-fixtures.js';
import { incomingWorkload, makePod, runningPod, type PodBuilder } from '../testing/pod-to-pod-fixtures.js';
import { createEngine } from './engine.js';

const running = runningPod;
const workload = incomingWorkload;
const node = (name: string, zone: string): Node => nodeWithAllocatable(name, { cpu: '4', memory: '8Gi', pods: '110' }, { zone, node: name });
const foo = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
const foos = (on: string, n: number): PodBuilder[] => Array.from({ length: n }, (_, i) => makePod().name(`${on}-p${i}`).namespace('default').label('foo', '').node(on));

test('a zone spread with every domain over the skew: why proposes raising maxSkew, with the nodes it admits', () => {
  // zone1 holds 3 matching pods, zone2 holds 1: with maxSkew 1 only zone2's node is admitted.
  const nodes = [node('node-a', 'zone1'), node('node-b', 'zone1'), node('node-x', 'zone2')];
  const pods = [...foos('node-a', 2), ...foos('node-b', 1), ...foos('node-x', 1)].map(running);
  const pod = makePod().namespace('default').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', foo);
  for (const evaluator of ['indexed', 'reference'] as const) {
    const answer = createEngine({ nodes, pods, evaluator }).why(workload(pod));
    assert.is(answer.eligible, 1, evaluator);
    const skew = answer.nearestFixes.find((f) => f.field === 'spec.topologySpreadConstraints[0].maxSkew');
    assert.ok(skew, `${evaluator}: a maxSkew fix is proposed: ${JSON.stringify(answer.nearestFixes)}`);
    // Skew in zone1 after placing there would be 4 - 1 = 3: maxSkew 3 admits both zone1 nodes.
    assert.match(skew!.change, /maxSkew/);
    assert.is(skew!.admits, 2, evaluator);
  }
});

test('without the running pods, why proposes nothing for the pod-to-pod constraints (they are not evaluated)', () => {
  const nodes = [node('node-a', 'zone1'), node('node-x', 'zone2')];
  const pod = makePod().namespace('default').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', foo);
  const answer = createEngine({ nodes }).why(workload(pod));
  assert.ok(answer.nearestFixes.every((f) => !f.field.includes('topologySpreadConstraints')));
  assert.ok(answer.notEvaluated.some((n) => n.field === 'spec.topologySpreadConstraints[0]'));
});

test.run();
