/**
 * The DaemonSet plan's Pending forecast with pod-to-pod constraints, both evaluators. The controller
 * ignores PodTopologySpread and InterPodAffinity; the scheduler runs them after NodeResourcesFit on
 * the pod pinned to its node (ReplaceDaemonSetPodNodeNameNodeAffinity). So with nodeAffinityPolicy
 * Honor, podtopologyspread/common.go counts domains over the one pinned node: its domain is the
 * minimum (the pod fits) unless minDomains holds the minimum at 0 (filtering.go `minMatchNum`);
 * interpodaffinity/filtering.go rejects the node for the pod's own anti-affinity and for a running
 * pod's anti-affinity that selects the daemon pod (`satisfyExistingPodsAntiAffinity`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import { decodePodObject } from '../model/decode-daemonset.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { Node } from '../model/types.js';
import { nodeWithAllocatable, runningPod } from '../testing/cluster-pod-fixtures.js';
import { decodeDs, dsObject, NOW, simpleDaemonSetLabel } from '../testing/daemonset-fixtures.js';
import { createEngine } from './engine.js';

const zoneKey = 'topology.kubernetes.io/zone';
const spreadReason = "node(s) didn't match pod topology spread constraints";

/** Nodes a1, a2 in zone a and b1 in zone b, with room for anything. */
const nodes: Node[] = [['a1', 'a'], ['a2', 'a'], ['b1', 'b']].map(([name, zone]) => nodeWithAllocatable(name!, { cpu: '4', memory: '8Gi', pods: '110' }, { [zoneKey]: zone!, 'kubernetes.io/hostname': name! }));

/** A running pod with labels and spec extras. */
function pod(name: string, node: string, labels: Record<string, string>, spec: JsonObject = {}): PodObject {
  const { pod: decoded, errors } = decodePodObject({ kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'x' }], nodeName: node, ...spec }, status: { phase: 'Running' } });
  if (!decoded) throw new Error(JSON.stringify(errors));
  return decoded;
}

function pending(spec: JsonObject, pods: PodObject[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const evaluator of ['indexed', 'reference'] as const) {
    const plan = createEngine({ nodes, pods, evaluator }).daemonset(decodeDs(dsObject({ spec })), [], { now: NOW });
    assert.equal(plan.create, ['a1', 'a2', 'b1'], evaluator);
    answers[evaluator] = plan.pending;
  }
  assert.equal(answers['indexed'], answers['reference'], 'indexed = reference');
  return answers['indexed'] as Record<string, unknown>;
}

/** Two web pods on b1 (the daemon pods are not web pods: they add nothing to the count themselves). */
const webOnB1 = [pod('web1', 'b1', { app: 'web' }), pod('web2', 'b1', { app: 'web' })];
const spreadWeb = (extra: JsonObject = {}): JsonObject => ({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: zoneKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra }] });

test('spread with nodeAffinityPolicy Honor: the pinned node is the only domain, so it is the minimum and every pod fits', () => {
  assert.equal(pending(spreadWeb(), webOnB1), []);
});

test('spread with minDomains 2: one domain is fewer, the minimum counts as 0, and the node with a matching pod breaks the skew', () => {
  assert.equal(pending(spreadWeb({ minDomains: 2 }), webOnB1), [{ node: 'b1', reasons: [spreadReason] }]);
});

test('spread with nodeAffinityPolicy Ignore: every node with the key counts, zone a is the minimum (0), zone b breaks the skew', () => {
  assert.equal(pending(spreadWeb({ nodeAffinityPolicy: 'Ignore' }), webOnB1), [{ node: 'b1', reasons: [spreadReason] }]);
});

test('the daemon pod\'s own required anti-affinity against web pods in the zone', () => {
  const spec = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: zoneKey }] } } };
  assert.equal(pending(spec, [pod('web', 'a2', { app: 'web' })]), [
    { node: 'a1', reasons: ["node(s) didn't match pod anti-affinity rules"] },
    { node: 'a2', reasons: ["node(s) didn't match pod anti-affinity rules"] },
  ]);
});

test('a running pod\'s anti-affinity that selects the daemon pods, though the DaemonSet has no pod-to-pod constraint of its own', () => {
  const loner = pod('loner', 'b1', {}, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { ...simpleDaemonSetLabel } }, topologyKey: 'kubernetes.io/hostname' }] } } });
  assert.equal(pending({}, [loner]), [{ node: 'b1', reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"] }]);
});

test('NodeResourcesFit runs first: a node short of cpu reports that, not the anti-affinity', () => {
  const spec = {
    containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1' } } }],
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: zoneKey }] } },
  };
  const pods = [pod('web', 'a2', { app: 'web' }), runningPod('big', 'a1', [{ requests: { cpu: '3500m' } }])];
  assert.equal(pending(spec, pods), [
    { node: 'a1', reasons: ['Insufficient cpu'] },
    { node: 'a2', reasons: ["node(s) didn't match pod anti-affinity rules"] },
  ]);
});

test('notEvaluated: with pods the forecast judges the pod-to-pod constraints; a namespaceSelector without Namespace objects is listed with its path', () => {
  const term = { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: zoneKey, namespaceSelector: { matchLabels: { team: 'x' } } };
  const ds = decodeDs(dsObject({ spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } } }));
  const withPods = createEngine({ nodes, pods: webOnB1 }).daemonset(ds, [], { now: NOW });
  const path = 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
  assert.equal(withPods.notEvaluated.map((n) => n.field), [`${path}.namespaceSelector`]);
  const withoutPods = createEngine({ nodes }).daemonset(ds, [], { now: NOW });
  assert.ok(withoutPods.notEvaluated.some((n) => n.field === path), 'without pods, the term is not evaluated');
  assert.is(withoutPods.pending, undefined);
});

test.run();
