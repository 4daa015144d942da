/**
 * `rank` with the pod-to-pod scores of kube-scheduler v1.35's default profile: PodTopologySpread
 * (podtopologyspread/scoring.go) and InterPodAffinity (interpodaffinity/scoring.go), weight 2 each,
 * summed into `score` with the others, once the cluster's pods are given; the system default
 * spreading (hostname maxSkew 3, zone maxSkew 5) for a pod a Service selects; and what the answer
 * says when pods or objects are missing. The indexed engine and the reference evaluator agree.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../model/decode.js';
import { decodePodObject } from '../model/decode-daemonset.js';
import { decodeNode } from '../model/decode-node.js';
import { Decoder } from '../model/decode.js';
import type { PodObject } from '../model/daemonset-types.js';
import type { SchedulingObjects } from '../model/pod-affinity-types.js';
import type { Node, Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { scorePluginWeights } from '../eval/normalize-score.js';
import { createEngine } from './engine.js';

const zone = 'topology.kubernetes.io/zone';
const host = 'kubernetes.io/hostname';

function node(name: string, z: string): Node {
  const d = new Decoder();
  const decoded = decodeNode(d, { metadata: { name, labels: { [host]: name, [zone]: z } }, status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } });
  assert.equal(d.errors, []);
  return decoded;
}

const nodes = [node('a1', 'a'), node('a2', 'a'), node('b1', 'b'), node('b2', 'b')];

function pod(name: string, nodeName: string, app: string, spec: JsonObject = {}): PodObject {
  const { pod: decoded } = decodePodObject({ kind: 'Pod', metadata: { name, namespace: 'shop', labels: { app } }, spec: { nodeName, containers: [{ name: 'c', image: 'c' }], ...spec }, status: { phase: 'Running' } });
  return decoded!;
}

function deployment(spec: JsonObject): Workload {
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'c' }], ...spec } } },
  };
  const result = decodeWorkload(manifest);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.workload;
}

const awayFromWeb = { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: host } }] } } };
const spreadByZone = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: zone, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] };
const running = [pod('web-1', 'a1', 'web'), pod('web-2', 'a2', 'web'), pod('db-1', 'b1', 'db')];

function both(w: Workload, options: { pods?: PodObject[]; objects?: SchedulingObjects } = {}): ReturnType<ReturnType<typeof createEngine>['rank']> {
  const indexed = createEngine({ nodes, ...options }).rank(w);
  assert.equal(createEngine({ nodes, ...options, evaluator: 'reference' }).rank(w), indexed, 'the reference evaluator ranks the same');
  return indexed;
}

const scoresOf = (ranked: ReturnType<typeof both>, plugin: string): Record<string, number | undefined> => Object.fromEntries(ranked.nodes.map((n) => [n.node, n.scores[plugin]]));

test('with pods: preferred anti-affinity and ScheduleAnyway spreading score, weight 2 each, and steer away from the web replicas', () => {
  const ranked = both(deployment({ ...awayFromWeb, ...spreadByZone }), { pods: running });
  // Zone a holds both replicas: PodTopologySpread (scoring.go) prefers zone b; InterPodAffinity's
  // preferred anti-affinity subtracts 100 on a1 and a2 (NormalizeScore maps [-100, 0] onto [0, 100]).
  assert.equal(scoresOf(ranked, 'InterPodAffinity'), { b1: 100, b2: 100, a1: 0, a2: 0 });
  assert.equal(scoresOf(ranked, 'PodTopologySpread'), { b1: 100, b2: 100, a1: 0, a2: 0 });
  assert.equal(ranked.nodes.slice(0, 2).map((n) => n.node).sort(), ['b1', 'b2']);
  for (const n of ranked.nodes) {
    const weighted = Object.entries(n.scores).reduce((sum, [plugin, score]) => sum + score * (scorePluginWeights[plugin as keyof typeof scorePluginWeights] ?? NaN), 0);
    assert.is(n.score, weighted, `${n.node}: the weighted sum`);
  }
  assert.is(scorePluginWeights.InterPodAffinity + scorePluginWeights.PodTopologySpread, 4);
  // Both are evaluated now: neither the preferred term nor the ScheduleAnyway constraint is listed.
  assert.equal(ranked.notEvaluated.filter((n) => /podAntiAffinity|topologySpreadConstraints/.test(n.field)), []);
});

test('without pods: the two plugins do not score, and the answer lists what they would have read', () => {
  const ranked = both(deployment({ ...awayFromWeb, ...spreadByZone }));
  assert.ok(ranked.nodes.every((n) => !('InterPodAffinity' in n.scores) && !('PodTopologySpread' in n.scores)));
  assert.equal(
    ranked.notEvaluated.map((n) => n.field),
    ['spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]', 'spec.template.spec.topologySpreadConstraints[0]'],
  );
});

test('system default spreading (hostname 3, zone 5) for a pod a Service or its ReplicaSet selects', () => {
  const service: SchedulingObjects = { selectingObjects: [{ kind: 'Service', namespace: 'shop', name: 'web', selectorMap: new Map([['app', 'web']]) }] };
  const ranked = both(deployment({}), { pods: running, objects: service });
  // buildDefaultConstraints: zone b has no web pod. Raw scores (scoreForCount, count × log(domains + 2) + maxSkew − 1):
  // a1 = 1 × ln 6 + 2 + 2 × ln 4 + 4 = 11 (rounded), b1 = 2 + 4 = 6; NormalizeScore: 100 × (11 + 6 − s) / 11.
  assert.equal(scoresOf(ranked, 'PodTopologySpread'), { b1: 100, b2: 100, a1: 54, a2: 54 });
  // The Deployment's ReplicaSet also selects its pod-template-hash, which a template cannot show: said, not guessed.
  const caveats = ranked.notEvaluated.filter((n) => n.field === 'spec.template.spec.topologySpreadConstraints');
  assert.equal(caveats.map((n) => n.what.replace(/:.*$/, '')), ['system default topology spread (hostname maxSkew 3, zone maxSkew 5, scoring only) (PodTopologySpread)']);
  assert.match(caveats[0]!.what, /pod-template-hash/);

  // Without objects the ReplicaSet's selector still applies; the Services' could not be read, and the answer says so.
  const withoutObjects = both(deployment({}), { pods: running });
  assert.equal(scoresOf(withoutObjects, 'PodTopologySpread'), { b1: 100, b2: 100, a1: 54, a2: 54 });
  assert.ok(withoutObjects.notEvaluated.some((n) => n.field === 'spec.template.spec.topologySpreadConstraints' && n.what.includes('Services were not supplied')), JSON.stringify(withoutObjects.notEvaluated));
});

test('a bare pod without objects: whether a Service selects it is unknown, so the defaults are not applied and the answer says why', () => {
  const result = decodeWorkload({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-x', namespace: 'shop', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'c' }] } });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const ranked = both(result.workload, { pods: running });
  assert.ok(ranked.nodes.every((n) => !('PodTopologySpread' in n.scores)));
  const entry = ranked.notEvaluated.find((n) => n.field === 'spec.topologySpreadConstraints');
  assert.ok(entry, JSON.stringify(ranked.notEvaluated));
  assert.is(entry.what, 'system default topology spread (hostname maxSkew 3, zone maxSkew 5, scoring only) (PodTopologySpread): Services were not supplied: their selectors are not part of the default spreading selector');
  assert.is(entry.summary, 'default topology spread');
  // With the Service given, the defaults apply.
  const service: SchedulingObjects = { selectingObjects: [{ kind: 'Service', namespace: 'shop', name: 'web', selectorMap: new Map([['app', 'web']]) }] };
  const known = both(result.workload, { pods: running, objects: service });
  assert.equal(scoresOf(known, 'PodTopologySpread'), { b1: 100, b2: 100, a1: 54, a2: 54 });
  assert.equal(known.notEvaluated, []);
});

test('an existing pod\'s required affinity to the incoming pod counts with hardPodAffinityWeight 1 (scoring.go processExistingPod)', () => {
  const needsWeb = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: zone }] } } };
  const ranked = both(deployment({}), { pods: [pod('cache-1', 'b1', 'cache', needsWeb)], objects: {} });
  assert.equal(scoresOf(ranked, 'InterPodAffinity'), { b1: 100, b2: 100, a1: 0, a2: 0 });
});

test.run();
