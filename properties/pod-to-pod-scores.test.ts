/**
 * The indexed pod-to-pod scores (src/eval/pod-to-pod-scores.ts) against the semantics layer's
 * node-by-node `scorePodAffinity` and `scoreTopologySpread`: same PreScore outcome (skip, error,
 * scored), same raw and normalized score per feasible node, same constraints of the pod reported
 * as not evaluated; an index kept up to date under pod churn scores as one rebuilt; and the
 * engine's rank (indexed) answers as the reference evaluator's, the pod-to-pod scores included.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import type { JsonObject } from '../src/model/decode.js';
import type { FeasibleNodes, IndexedPluginScores } from '../src/eval/indexed-plugin-scores.js';
import type { PodToPodIndexes } from '../src/eval/pod-to-pod-context.js';
import { scorePodToPod } from '../src/eval/pod-to-pod-scores.js';
import { scorePluginWeights } from '../src/eval/normalize-score.js';
import { collectBits, setBit } from '../src/node-index/bitset.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import { PodLabelIndex } from '../src/node-index/pod-label-index.js';
import type { Node } from '../src/model/types.js';
import { scorePodAffinity } from '../src/semantics/inter-pod-affinity-score.js';
import type { PluginScores } from '../src/semantics/plugin-scores.js';
import type { ExistingPod, IncomingPod, NotEvaluated, PodToPodCluster } from '../src/semantics/pod-to-pod-inputs.js';
import { scoreTopologySpread } from '../src/semantics/topology-spread-score.js';
import { createEngine } from '../src/api/engine.js';
import { decodeWorkload } from '../src/model/workload.js';
import { decodeClusterPod } from './arbitraries.js';
import { toExistingPod } from './pod-to-pod-arbitraries.js';
import { scoreCaseArb, scoredExistingPodArb, scoredIncomingManifest, toScoreCluster, toScoredIncoming, withRoom } from './pod-to-pod-score-arbitraries.js';
import { check, expect, expectEqual, outcome } from './support.js';

function indexesOf(cluster: PodToPodCluster): PodToPodIndexes {
  const nodes = buildNodeIndex(cluster.nodes);
  return { nodes, pods: new PodLabelIndex(nodes, cluster.pods), objects: cluster };
}

/** The feasible nodes of `names` as a set over the index, ids ascending. */
function feasibleOf(indexes: PodToPodIndexes, names: readonly string[]): FeasibleNodes {
  const bits = new Uint32Array(indexes.nodes.words);
  for (const name of names) setBit(bits, indexes.nodes.idOf(name)!);
  const ids = new Int32Array(indexes.nodes.size);
  const count = collectBits(bits, indexes.nodes.liveWords, ids);
  return { bits, ids, count };
}

type Comparable = { status: string; message?: string; scores?: [string, number, number][] };

function fromSemantics(result: PluginScores, feasible: readonly Node[]): Comparable {
  if (result.status === 'error') return { status: 'error', message: result.message };
  if (result.status === 'skip') return { status: 'skip' };
  return { status: 'scored', scores: feasible.map((n) => [n.name, result.raw.get(n.name)!, result.normalized.get(n.name)!]) };
}

function fromIndexed(result: IndexedPluginScores, feasible: FeasibleNodes, indexes: PodToPodIndexes): Comparable {
  if (result.status === 'error') return { status: 'error', message: result.message };
  if (result.status === 'skip') return { status: 'skip' };
  return { status: 'scored', scores: Array.from(feasible.ids.subarray(0, feasible.count), (id, k) => [indexes.nodes.names[id]!, result.raw[k]!, result.normalized[k]!]) };
}

const notEvaluatedOf = (r: { status: string; notEvaluated?: readonly NotEvaluated[] }): readonly NotEvaluated[] => r.notEvaluated ?? [];

/** Checks the indexed scores of `pod` over the nodes named `feasibleNames` against the semantics layer on `cluster`. */
function expectSameScores(pod: IncomingPod, cluster: PodToPodCluster, indexes: PodToPodIndexes, feasibleNames: readonly string[], label: string): void {
  const feasibleNodes = cluster.nodes.filter((n) => feasibleNames.includes(n.name));
  const feasible = feasibleOf(indexes, feasibleNodes.map((n) => n.name));
  const got = scorePodToPod(pod, indexes, feasible);
  const affinity = scorePodAffinity(pod, cluster, feasibleNodes);
  const spread = scoreTopologySpread(pod, cluster, feasibleNodes);
  expectEqual(fromIndexed(got.InterPodAffinity, feasible, indexes), fromSemantics(affinity, feasibleNodes), `${label}: InterPodAffinity`);
  expectEqual(fromIndexed(got.PodTopologySpread, feasible, indexes), fromSemantics(spread, feasibleNodes), `${label}: PodTopologySpread`);
  const weight = (r: PluginScores, plugin: 'InterPodAffinity' | 'PodTopologySpread', name: string): number => (r.status === 'scored' ? r.normalized.get(name)! * scorePluginWeights[plugin] : 0);
  expectEqual(got.weighted, feasibleNodes.map((n) => weight(affinity, 'InterPodAffinity', n.name) + weight(spread, 'PodTopologySpread', n.name)), `${label}: weighted sum`);
  const ref = [...notEvaluatedOf(spread), ...notEvaluatedOf(affinity)];
  const own = (list: readonly NotEvaluated[]): string[] => list.map((n) => n.field).filter((f) => !f.startsWith('pods[')).sort();
  expectEqual(own(got.notEvaluated), own(ref), `${label}: not evaluated (the pod's own constraints and the defaults)`);
  const refFields = new Set(ref.map((n) => n.field));
  expect(got.notEvaluated.every((n) => refFields.has(n.field) || n.field === '...'), `${label}: an existing pod's term reported only by the index`, { indexed: got.notEvaluated, ref });
}

test('indexed == semantics layer: InterPodAffinity and PodTopologySpread scores of the feasible nodes', (ctx) => {
  check(
    ctx,
    fc.property(scoreCaseArb, ({ nodes, pods, incoming, namespaceTeams, selecting, feasible }) => {
      const cluster = toScoreCluster(nodes, pods, namespaceTeams, selecting);
      const names = cluster.nodes.filter((_, i) => feasible[i]).map((n) => n.name);
      expectSameScores(toScoredIncoming(incoming), cluster, indexesOf(cluster), names, 'scores');
    }),
  );
});

test('indexed == semantics layer with every node feasible', (ctx) => {
  check(
    ctx,
    fc.property(scoreCaseArb, ({ nodes, pods, incoming, namespaceTeams, selecting }) => {
      const cluster = toScoreCluster(nodes, pods, namespaceTeams, selecting);
      expectSameScores(toScoredIncoming(incoming), cluster, indexesOf(cluster), cluster.nodes.map((n) => n.name), 'all feasible');
    }),
    0.5,
  );
});

const key = (p: ExistingPod): string => `${p.namespace}/${p.name}`;

/** A pod churn step: upsert a generated pod, remove one, or move one to another node. */
type Step = { op: 'upsert'; pod: JsonObject } | { op: 'remove'; pick: number } | { op: 'move'; pick: number; node: number };

test('incremental == rebuilt == semantics layer under pod churn', (ctx) => {
  const nodeCount = 6;
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.tuple(fc.nat(20), scoredExistingPodArb(nodeCount, 0)).map(([i, pod]): Step => ({ op: 'upsert', pod: { ...pod, metadata: { ...(pod['metadata'] as JsonObject), name: `q${i}` } } })),
    fc.nat().map((pick): Step => ({ op: 'remove', pick })),
    fc.tuple(fc.nat(), fc.nat(nodeCount)).map(([pick, node]): Step => ({ op: 'move', pick, node })),
  );
  check(
    ctx,
    fc.property(scoreCaseArb, fc.array(stepArb, { maxLength: 20 }), ({ nodes, pods, incoming, namespaceTeams, selecting, feasible }, steps) => {
      const base = toScoreCluster(nodes, pods, namespaceTeams, selecting);
      const indexes = indexesOf(base);
      const model = new Map(base.pods.map((p) => [key(p), p]));
      for (const step of steps) {
        if (step.op === 'upsert') {
          const pod = toExistingPod(step.pod);
          model.set(key(pod), pod);
          indexes.pods.upsert(pod);
        } else if (model.size > 0) {
          const pod = [...model.values()][step.pick % model.size]!;
          if (step.op === 'remove') {
            model.delete(key(pod));
            indexes.pods.remove(pod.namespace, pod.name);
          } else {
            const moved = { ...pod, nodeName: `n${step.node}` };
            model.set(key(moved), moved);
            indexes.pods.upsert(moved);
          }
        }
      }
      const now: PodToPodCluster = { ...base, pods: [...model.values()] };
      const names = now.nodes.filter((_, i) => feasible[i]).map((n) => n.name);
      const pod = toScoredIncoming(incoming);
      expectSameScores(pod, now, indexes, names, 'incremental');
      const rebuilt = indexesOf(now);
      const a = scorePodToPod(pod, indexes, feasibleOf(indexes, names));
      const b = scorePodToPod(pod, rebuilt, feasibleOf(rebuilt, names));
      expectEqual([a.weighted, a.InterPodAffinity.status, a.PodTopologySpread.status], [b.weighted, b.InterPodAffinity.status, b.PodTopologySpread.status], 'incremental vs rebuilt');
    }),
    0.3,
  );
});

test('engine rank (indexed) == engine rank (reference) with pods and objects: the pod-to-pod scores join the others', (ctx) => {
  check(
    ctx,
    fc.property(scoreCaseArb, ({ nodes, pods, incoming, namespaceTeams, selecting }) => {
      const cluster = toScoreCluster(nodes.map(withRoom), pods, namespaceTeams, selecting);
      const decoded = decodeWorkload(scoredIncomingManifest(incoming));
      if (!decoded.ok) throw new Error(`generated pod does not decode: ${JSON.stringify(decoded.errors)}`);
      const objects = { ...(cluster.namespaces ? { namespaces: cluster.namespaces } : {}), ...(cluster.selectingObjects ? { selectingObjects: cluster.selectingObjects } : {}) };
      const podObjects = pods.map(decodeClusterPod);
      const indexed = outcome(() => createEngine({ nodes: cluster.nodes, pods: podObjects, objects }).rank(decoded.workload));
      const reference = outcome(() => createEngine({ nodes: cluster.nodes, pods: podObjects, objects, evaluator: 'reference' }).rank(decoded.workload));
      if (!indexed.ok || !reference.ok) {
        expectEqual(indexed, reference, 'rank outcome');
        return;
      }
      expectEqual(indexed.value.nodes, reference.value.nodes, 'ranked nodes and scores');
      const own = (list: readonly NotEvaluated[]): string[] => list.map((n) => n.field).filter((f) => !f.startsWith('pods['));
      expectEqual(own(indexed.value.notEvaluated), own(reference.value.notEvaluated), 'not evaluated');
    }),
    0.5,
  );
});

test.run();
