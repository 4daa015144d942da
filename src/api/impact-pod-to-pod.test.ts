/**
 * `impact` with the running pods given: PodTopologySpread and InterPodAffinity count, and they read
 * topology domains, so relabelling one node moves its pods to another domain and changes the
 * answer on nodes no change names (interpodaffinity/filtering.go `satisfyPodAntiAffinity` counts
 * matching pods per topology value; podtopologyspread/filtering.go per domain).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import { decodePodObject } from '../model/decode-daemonset.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { Node, Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { nodeWithAllocatable } from '../testing/cluster-pod-fixtures.js';
import { createEngine } from './engine.js';

const zoneKey = 'topology.kubernetes.io/zone';
const nodes: Node[] = [['a1', 'a'], ['a2', 'a'], ['b1', 'b']].map(([name, zone]) => nodeWithAllocatable(name!, { cpu: '4', memory: '8Gi', pods: '110' }, { [zoneKey]: zone!, 'kubernetes.io/hostname': name! }));

function pod(name: string, node: string, labels: Record<string, string>): PodObject {
  const { pod: decoded, errors } = decodePodObject({ kind: 'Pod', metadata: { name, namespace: 'shop', labels }, spec: { containers: [{ name: 'c', image: 'x' }], nodeName: node }, status: { phase: 'Running' } });
  if (!decoded) throw new Error(JSON.stringify(errors));
  return decoded;
}

function deployment(spec: JsonObject): Workload {
  const decoded = decodeWorkload({ kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }], ...spec } } } });
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return decoded.workload;
}

const zoneAntiAffinity = deployment({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: zoneKey }] } } });
const moveA1ToB = [{ node: 'a1', setLabels: { [zoneKey]: 'b' } }];

test('zone anti-affinity: moving a1 (and its web pod) to zone b frees zone a (a2 gained) and fills zone b (b1 lost)', () => {
  const r = createEngine({ nodes, pods: [pod('web-1', 'a1', { app: 'web' })] }).impact(moveA1ToB, [zoneAntiAffinity]);
  assert.equal([r.workloads[0]!.gained, r.workloads[0]!.lost], [['a2'], ['b1']]);
});

test('without the running pods the pod-to-pod filters are not run (and are listed as not evaluated): a label change on a1 alone changes nothing here', () => {
  const r = createEngine({ nodes }).impact(moveA1ToB, [zoneAntiAffinity]);
  assert.equal([r.workloads[0]!.gained, r.workloads[0]!.lost], [[], []]);
  assert.equal(r.workloads[0]!.notEvaluated.map((n) => n.field), ['spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]']);
});

test('with the running pods the required term is evaluated; a namespaceSelector without Namespace objects is listed with its path', () => {
  const pods = [pod('web-1', 'a1', { app: 'web' })];
  assert.equal(createEngine({ nodes, pods }).impact(moveA1ToB, [zoneAntiAffinity]).workloads[0]!.notEvaluated, []);
  const term = { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: zoneKey, namespaceSelector: { matchLabels: { team: 'x' } } };
  const selecting = deployment({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } });
  const listed = createEngine({ nodes, pods }).impact(moveA1ToB, [selecting]).workloads[0]!.notEvaluated;
  assert.equal(listed.map((n) => [n.field, n.summary]), [['spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector', 'namespaceSelector without Namespace objects']]);
});

test('zone spread (maxSkew 1, DoNotSchedule): with zone a holding 2 web pods and b none, moving a2 to zone b evens the count', () => {
  const spread = deployment({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: zoneKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] });
  const pods = [pod('web-1', 'a1', { app: 'web' }), pod('web-2', 'a2', { app: 'web' })];
  // Before: a 2, b 0, the pod matches itself: a1 and a2 break the skew (2 + 1 - 0 > 1). After: a 1, b 1: every node fits.
  const r = createEngine({ nodes, pods }).impact([{ node: 'a2', setLabels: { [zoneKey]: 'b' } }], [spread]);
  assert.equal([r.workloads[0]!.gained, r.workloads[0]!.lost], [['a2', 'a1'], []]);
});

test('a changed node is still judged by the node filters: a NoSchedule taint on the only free node loses it', () => {
  const r = createEngine({ nodes, pods: [pod('web-1', 'a1', { app: 'web' })] }).impact([{ node: 'b1', addTaints: [{ key: 'maintenance', effect: 'NoSchedule' }] }], [zoneAntiAffinity]);
  assert.equal([r.workloads[0]!.gained, r.workloads[0]!.lost], [[], ['b1']]);
});

test.run();
