/**
 * The pod-to-pod scores at scale: 10,000 generated nodes and 300,000 running pods (1,000 apps in
 * 10 namespaces; a tenth keep one pod per host by required anti-affinity, a twentieth prefer
 * spreading their pods across hosts), a Deployment `shop/web` with 30 replicas running, each
 * preferring to keep away from the others by hostname, and 3,000 replicas of `shop/cart`. Two incoming pods, every node feasible:
 * `web` (preferred hostname anti-affinity and a zone ScheduleAnyway constraint) and `cart`
 * (no constraints of its own, selected by a Service, so the system default spreading applies).
 * Figures: the indexed scores of both plugins (`scorePodToPod`) beside the semantics layer's
 * node-by-node `scorePodAffinity` + `scoreTopologySpread` over the same lists, in one run; and
 * web's whole ranking (rank-indexed.ts) with them, without them, and the reference's (score.ts).
 */
import type { FeasibleNodes } from '../src/eval/indexed-plugin-scores.js';
import type { PodToPodIndexes } from '../src/eval/pod-to-pod-context.js';
import { podToPodFinalIndexed, podToPodFinalReference } from '../src/eval/pod-to-pod-rank.js';
import { scorePodToPod } from '../src/eval/pod-to-pod-scores.js';
import { rankIndexed } from '../src/eval/rank-indexed.js';
import type { RankResult } from '../src/eval/result.js';
import { scoreNodes } from '../src/eval/score.js';
import { RuleEvaluator } from '../src/node-index/evaluate-rule.js';
import { collectBits } from '../src/node-index/bitset.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import { PodLabelIndex } from '../src/node-index/pod-label-index.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { JsonObject } from '../src/model/decode.js';
import type { Node, PodPlacement } from '../src/model/types.js';
import { scorePodAffinity } from '../src/semantics/inter-pod-affinity-score.js';
import type { ExistingPod, IncomingPod, PodToPodCluster } from '../src/semantics/pod-to-pod-inputs.js';
import { scoreTopologySpread } from '../src/semantics/topology-spread-score.js';
import { time, type TimingBudget } from './harness.js';
import { appPods, existingPod, hostnameKey, placementOf, zoneKey } from './pod-to-pod-cluster.js';

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

const selectApp = (app: string, topologyKey: string): JsonObject => ({ labelSelector: { matchLabels: { app } }, topologyKey });
const requiredAnti = (app: string): JsonObject => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [selectApp(app, hostnameKey)] } } });
const preferredAnti = (app: string): JsonObject => ({ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: selectApp(app, hostnameKey) }] } } });

/** 30 pods per node; app `a<k>` in namespace `ns<k % 10>`; plus 30 replicas of shop/web and 3,000 of shop/cart. */
function runningPods(nodes: readonly Node[], count: number): ExistingPod[] {
  const pods = appPods(nodes, count, (k) => (k % 10 === 0 ? requiredAnti(`a${k}`) : k % 20 === 5 ? preferredAnti(`a${k}`) : {}));
  const web = placementOf(preferredAnti('web'));
  for (let r = 0; r < 30; r++) pods.push(existingPod(`web-${r}`, 'shop', 'web', nodes[(r * 331) % nodes.length]!.name, web));
  // shop/cart, no constraints: 3,000 replicas over a third of the nodes, unevenly.
  const none = placementOf({});
  for (let r = 0; r < 3000; r++) pods.push(existingPod(`cart-${r}`, 'shop', 'cart', nodes[((r * r) % 3331) % nodes.length]!.name, none));
  return pods;
}

function incoming(name: string, placement: PodPlacement): IncomingPod {
  return { namespace: 'shop', labels: new Map([['app', name]]), placement, specPath: 'spec.template.spec.', controllerAddedLabels: [] };
}

/** The semantics layer's two scorers over the lists; returns the best weighted score, so nothing is optimised away. */
function referenceScores(pod: IncomingPod, cluster: PodToPodCluster, feasible: readonly Node[]): number[] {
  const affinity = scorePodAffinity(pod, cluster, feasible);
  const spread = scoreTopologySpread(pod, cluster, feasible);
  return feasible.map((n) => 2 * ((affinity.status === 'scored' ? affinity.normalized.get(n.name)! : 0) + (spread.status === 'scored' ? spread.normalized.get(n.name)! : 0)));
}

/** The cluster, its indexes with every node feasible, and the two incoming pods. */
function setup(nodes: readonly Node[], podCount: number) {
  const pods = runningPods(nodes, podCount);
  const cluster: PodToPodCluster = {
    nodes,
    pods,
    gates: defaultFeatureGates,
    namespaces: [],
    selectingObjects: [{ kind: 'Service', namespace: 'shop', name: 'cart', selectorMap: new Map([['app', 'cart']]) }],
  };
  const nodeIndex = buildNodeIndex(nodes);
  const indexes: PodToPodIndexes = { nodes: nodeIndex, pods: new PodLabelIndex(nodeIndex, pods), objects: cluster };
  const bits = new Uint32Array(nodeIndex.words);
  bits.set(nodeIndex.alive);
  const ids = new Int32Array(nodeIndex.size);
  const feasible: FeasibleNodes = { bits, ids, count: collectBits(bits, nodeIndex.liveWords, ids) };
  const spread = { maxSkew: 1, topologyKey: zoneKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } };
  const web = incoming('web', placementOf({ ...preferredAnti('web'), topologySpreadConstraints: [spread] }));
  const cart = incoming('cart', placementOf({}));
  return { cluster, indexes, feasible, web, cart };
}

/** Pod-to-pod score figures for `nodes` and `podCount` running pods. */
export function measurePodToPodScores(nodes: readonly Node[], podCount: number, budget: TimingBudget): Record<string, number> {
  const { cluster, indexes, feasible, web, cart } = setup(nodes, podCount);
  const figures: Record<string, number> = { nodes: nodes.length, pods: cluster.pods.length };
  for (const [name, pod] of [['web', web], ['defaults', cart]] as const) {
    const want = referenceScores(pod, cluster, nodes);
    const got = scorePodToPod(pod, indexes, feasible);
    if (got.InterPodAffinity.status === 'error' || got.PodTopologySpread.status === 'error') throw new Error(`pod-to-pod scores (${name}): PreScore failed`);
    const differing = want.findIndex((score, k) => score !== got.weighted[k]);
    if (differing >= 0) throw new Error(`pod-to-pod scores (${name}): node ${nodes[differing]!.name} scores ${got.weighted[differing]} indexed, ${want[differing]} in the reference`);
    (globalThis as { gc?: () => void }).gc?.();
    const indexed = time(() => scorePodToPod(pod, indexes, feasible), budget);
    const reference = time(() => referenceScores(pod, cluster, nodes), { warmupMs: 0, samples: 3 });
    figures[`${name}DistinctScores`] = new Set(got.weighted).size;
    figures[`${name}IndexedMedianUs`] = round(indexed.medianUs, 1);
    figures[`${name}IndexedP99Us`] = round(indexed.p99Us, 1);
    figures[`${name}ReferenceMedianUs`] = round(reference.medianUs, 0);
    figures[`${name}Speedup`] = round(reference.medianUs / indexed.medianUs, 0);
  }
  // The whole ranking of web over every node (no resources given): with the pod-to-pod scores,
  // without them, and the reference evaluator's node-by-node ranking with them.
  const rules = new RuleEvaluator(indexes.nodes);
  const gates = defaultFeatureGates;
  const rankWith = (): RankResult => rankIndexed(web.placement, gates, rules, feasible.bits, web.specPath, undefined, (f) => podToPodFinalIndexed(web, indexes, f, []));
  const rankReference = (): RankResult => scoreNodes(web.placement, nodes, gates, web.specPath, undefined, (f) => podToPodFinalReference(web, cluster, f, []));
  if (JSON.stringify(rankWith()) !== JSON.stringify(rankReference())) throw new Error('pod-to-pod scores: the indexed ranking differs from the reference');
  (globalThis as { gc?: () => void }).gc?.();
  const withScores = time(rankWith, budget);
  const without = time(() => rankIndexed(web.placement, gates, rules, feasible.bits, web.specPath), budget);
  const reference = time(rankReference, { warmupMs: 0, samples: 3 });
  figures['webRankMedianUs'] = round(withScores.medianUs, 1);
  figures['webRankWithoutPodToPodMedianUs'] = round(without.medianUs, 1);
  figures['webRankReferenceMedianUs'] = round(reference.medianUs, 0);
  figures['webRankSpeedup'] = round(reference.medianUs / withScores.medianUs, 0);
  return figures;
}
