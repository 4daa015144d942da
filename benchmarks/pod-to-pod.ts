/**
 * The pod-to-pod filters at scale: 10,000 generated nodes and 300,000 running pods (1,000 apps in
 * 10 namespaces, a tenth of them with hostname anti-affinity to their own app), and a Deployment
 * `shop/web` with zone anti-affinity and a zone spread constraint (maxSkew 1, DoNotSchedule),
 * one replica already in each zone but one. Figures: the engine's decision for that Deployment
 * (every filter, the pod-to-pod ones over the engine's pod index), the two filters alone over the
 * indexes, and the semantics layer's PreFilter plus per-node loop, in one run; a pod bind (a
 * pending pod gets its node, and back); building the pod index. Kept short: seconds.
 */
import { createEngine } from '../src/api/engine.js';
import type { PodObject } from '../src/model/daemonset-types.js';
import { decodeWorkload } from '../src/model/workload.js';
import { filterPodToPod } from '../src/eval/pod-to-pod-indexed.js';
import type { PodToPodIndexes } from '../src/eval/pod-to-pod-context.js';
import { countBits } from '../src/node-index/bitset.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import { PodLabelIndex } from '../src/node-index/pod-label-index.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { JsonObject } from '../src/model/decode.js';
import type { Node, PodPlacement } from '../src/model/types.js';
import { filterPodAffinity, preparePodAffinity } from '../src/semantics/inter-pod-affinity-filter.js';
import type { ExistingPod, IncomingPod, PodToPodCluster } from '../src/semantics/pod-to-pod-inputs.js';
import { filterTopologySpread, prepareTopologySpread } from '../src/semantics/topology-spread-filter.js';
import { time, timeOnceMs, type TimingBudget } from './harness.js';
import { appPods, existingPod, hostnameKey, placementOf, zoneKey } from './pod-to-pod-cluster.js';

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** A spec with a required anti-affinity to pods labelled `app=<app>` across `topologyKey`. */
const antiAffinity = (app: string, topologyKey: string): JsonObject => ({
  affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey }] } },
});

/** 30 pods per node; app `a<k>` in namespace `ns<k % 10>`; every tenth app keeps one pod per host. */
function runningPods(nodes: readonly Node[], count: number): ExistingPod[] {
  return appPods(nodes, count, (k) => (k % 10 === 0 ? antiAffinity(`a${k}`, hostnameKey) : {}));
}

const webSpec = (): JsonObject => ({
  ...antiAffinity('web', zoneKey),
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: zoneKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
});

/** The Deployment's pod: zone anti-affinity to itself and zone spreading, both required. */
function webPod(): IncomingPod {
  return { namespace: 'shop', labels: new Map([['app', 'web']]), placement: placementOf(webSpec()), specPath: 'spec.template.spec.', controllerAddedLabels: [] };
}

/** The same Deployment as the engine reads it. */
function webDeployment() {
  const template = { metadata: { labels: { app: 'web' } }, spec: { ...webSpec(), containers: [{ name: 'web', image: 'web' }] } };
  const decoded = decodeWorkload({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, template } });
  if (!decoded.ok) throw new Error(`benchmark Deployment does not decode: ${JSON.stringify(decoded.errors)}`);
  return decoded.workload;
}

/** A running pod as the engine holds one (no requests: only the pod count counts on the node). */
const asPodObject = (p: ExistingPod): PodObject => ({ ...p, uid: p.name, creationTimestamp: '2026-01-01T00:00:00Z', tolerations: [], placement: p.placement as PodPlacement });

/** The semantics layer's answer: PreFilter over the lists, then Filter node by node; returns the nodes both pass. */
function referencePasses(pod: IncomingPod, cluster: PodToPodCluster): number {
  const spread = prepareTopologySpread(pod, cluster);
  const affinity = preparePodAffinity(pod, cluster);
  let passing = 0;
  for (const node of cluster.nodes) if (filterTopologySpread(spread, node) === undefined && filterPodAffinity(affinity, node) === undefined) passing++;
  return passing;
}

function indexedPasses(pod: IncomingPod, indexes: PodToPodIndexes): number {
  const answer = filterPodToPod(pod, indexes);
  const words = indexes.nodes.liveWords;
  return countBits(indexes.nodes.alive, words) - countBits(answer.spread.failing, words) - countBits(answer.affinityOnly, words);
}

/** Pod-to-pod figures for `nodes` and `podCount` running pods. */
export function measurePodToPod(nodes: readonly Node[], podCount: number, budget: TimingBudget): Record<string, number> {
  const pods = runningPods(nodes, podCount);
  // One replica of web in each zone but the last, where the next one must go.
  const zones = [...new Set(nodes.map((n) => n.labels.get(zoneKey)).filter((z): z is string => z !== undefined))].sort();
  const webPlacement = placementOf(antiAffinity('web', zoneKey));
  zones.slice(0, -1).forEach((zone, i) => {
    const node = nodes.find((n) => n.labels.get(zoneKey) === zone)!;
    pods.push(existingPod(`web-${i}`, 'shop', 'web', node.name, webPlacement));
  });
  const cluster: PodToPodCluster = { nodes, pods, gates: defaultFeatureGates };
  const nodeIndex = buildNodeIndex(nodes);
  let podIndex = new PodLabelIndex(nodeIndex);
  const buildMs = timeOnceMs(() => (podIndex = new PodLabelIndex(nodeIndex, pods)));
  const indexes: PodToPodIndexes = { nodes: nodeIndex, pods: podIndex, objects: cluster };
  const pod = webPod();
  const want = referencePasses(pod, cluster);
  const got = indexedPasses(pod, indexes);
  if (want !== got) throw new Error(`pod-to-pod: indexed admits ${got} nodes, the reference ${want}`);
  // Collect the build's garbage first, so its major GC does not land among the samples.
  (globalThis as { gc?: () => void }).gc?.();
  const decision = time(() => filterPodToPod(pod, indexes), budget);
  const reference = time(() => referencePasses(pod, cluster), { warmupMs: 0, samples: 3 });
  // A bind: a pending pod of another app gets a node, then is unbound again (each call one update).
  const pending = existingPod('bind-me', 'ns3', 'a3', '', placementOf({}));
  const bound = { ...pending, nodeName: nodes[7]!.name };
  let flip = false;
  const bind = time(() => podIndex.upsert((flip = !flip) ? bound : pending), budget);
  const failing = filterPodToPod(pod, indexes);
  // Through the engine: every filter, with the pod-to-pod ones over its own pod index.
  const engine = createEngine({ nodes, pods: pods.map(asPodObject) });
  const web = webDeployment();
  const engineAdmitted = engine.eligibleCount(web);
  const referenceEngineAdmitted = createEngine({ nodes, pods: pods.map(asPodObject), evaluator: 'reference' }).eligibleCount(web);
  if (engineAdmitted !== referenceEngineAdmitted) throw new Error(`pod-to-pod: the engine admits ${engineAdmitted} nodes, its reference evaluator ${referenceEngineAdmitted}`);
  (globalThis as { gc?: () => void }).gc?.();
  const engineDecision = time(() => engine.eligibleCount(web), budget);
  return {
    nodes: nodes.length,
    pods: pods.length,
    admitted: got,
    engineAdmitted,
    spreadFailing: countBits(failing.spread.failing, nodeIndex.liveWords),
    affinityFailing: countBits(failing.affinity.failing, nodeIndex.liveWords),
    indexBuildMs: round(buildMs, 1),
    engineDecisionMedianUs: round(engineDecision.medianUs, 1),
    engineDecisionP99Us: round(engineDecision.p99Us, 1),
    indexedDecisionMedianUs: round(decision.medianUs, 1),
    indexedDecisionP99Us: round(decision.p99Us, 1),
    referenceDecisionMedianUs: round(reference.medianUs, 0),
    speedup: round(reference.medianUs / decision.medianUs, 0),
    engineSpeedup: round(reference.medianUs / engineDecision.medianUs, 0),
    bindUpdateMedianUs: round(bind.medianUs, 3),
    bindUpdateP99Us: round(bind.p99Us, 3),
  };
}
