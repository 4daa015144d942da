/**
 * `rank` with the resource and image scores, side by side with the label-based scores alone (what
 * rank computed before NodeResourcesFit, BalancedAllocation and ImageLocality joined it), on the
 * same index in one run. The generated nodes get `status.images` as kubelets report them (a few
 * images on every node, more per pool), the pod requests cpu and memory and runs two images, and
 * a variant has ~30 pods running on every node.
 */
import { createEngine } from '../src/api/engine.js';
import { compilePod } from '../src/compile/compile-pod.js';
import { rankIndexed } from '../src/eval/rank-indexed.js';
import { ScoringColumns } from '../src/eval/rank-resources-indexed.js';
import { noPods, prepareScoringPod, type UsageOf } from '../src/eval/resource-scores.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { ContainerImage } from '../src/model/resource-types.js';
import type { Node, Workload } from '../src/model/types.js';
import { RuleEvaluator } from '../src/node-index/evaluate-rule.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import { NodeUsage } from '../src/semantics/resources/node-usage.js';
import { computePodDemand } from '../src/semantics/resources/pod-demand.js';
import { IndexedEvaluator } from '../src/eval/indexed.js';
import { time, type Timing, type TimingBudget } from './harness.js';
import { requestingWorkload } from './workloads.js';

const mb = 1024 * 1024;
const gates = defaultFeatureGates;

/** Images every node holds, then per pool: what kubelets list in `status.images` (~25 per node). */
function imagesOf(node: Node, i: number): ContainerImage[] {
  const pool = node.labels.get('example.com/pool') ?? 'default';
  const common: ContainerImage[] = [
    { names: ['registry.k8s.io/pause:3.9'], sizeBytes: 1 * mb },
    { names: ['registry.k8s.io/kube-proxy:v1.35.0'], sizeBytes: 30 * mb },
    { names: ['docker.io/envoyproxy/envoy:v1.30'], sizeBytes: 60 * mb },
  ];
  const pooled = Array.from({ length: 18 }, (_, k) => ({ names: [`registry.example.com/${pool}/svc-${k}:v${k % 4}`], sizeBytes: (50 + 40 * k) * mb }));
  // A few images on a few nodes only: what the last deployments pulled.
  const recent = Array.from({ length: 4 }, (_, k) => ({ names: [`registry.example.com/recent/app-${(i + k) % 97}:v1`], sizeBytes: 400 * mb }));
  return [...common, ...pooled, ...recent];
}

/** What ~30 running pods (the workload mix of a busy node) use on every node. */
function usageOfBusyNodes(count: number, pod: Workload): UsageOf {
  const demand = computePodDemand(pod.resources!);
  const usages = Array.from({ length: count }, () => {
    const usage = new NodeUsage();
    for (let k = 0; k < 30; k++) usage.add(demand);
    return usage;
  });
  return (id) => usages[id];
}

/**
 * Times the functions in turns, three rounds, and keeps each one's best median: on a shared
 * machine a burst of load then hits every variant alike instead of one of them.
 */
function sideBySide4(fns: readonly [() => unknown, () => unknown, () => unknown, () => unknown], budget: TimingBudget): [Timing, Timing, Timing, Timing] {
  const best: Timing[] = [];
  for (let round = 0; round < 3; round++) {
    fns.forEach((fn, i) => {
      const t = time(fn, budget);
      if (best[i] === undefined || t.medianUs < best[i]!.medianUs) best[i] = t;
    });
  }
  return best as [Timing, Timing, Timing, Timing];
}

/** The rank figures at one size, in microseconds. */
export function measureRankResources(plainNodes: readonly Node[], budget: TimingBudget, quick: boolean): Record<string, number> {
  const nodes = plainNodes.map((node, i) => ({ ...node, images: imagesOf(node, i) }));
  const workload = requestingWorkload();
  const buildWithImages = time(() => buildNodeIndex(nodes), { warmupMs: budget.warmupMs, samples: quick ? 5 : 9 });
  const index = buildNodeIndex(nodes);
  const rules = new RuleEvaluator(index);
  const eligible = new Uint32Array(index.words);
  new IndexedEvaluator(rules).eligibleInto(compilePod(workload.pod, gates, workload.specPath), eligible);
  const columns = new ScoringColumns();
  const scoring = prepareScoringPod(workload.resources);
  const busy = usageOfBusyNodes(index.highWater, workload);
  const engine = createEngine({ nodes });
  const samples = { warmupMs: budget.warmupMs, samples: quick ? 5 : 11 };
  const [labelsOnly, withResources, withPods, endToEnd] = sideBySide4(
    [
      () => rankIndexed(workload.pod, gates, rules, eligible, workload.specPath).nodes.length,
      () => rankIndexed(workload.pod, gates, rules, eligible, workload.specPath, { pod: scoring, usageOf: noPods, columns }).nodes.length,
      () => rankIndexed(workload.pod, gates, rules, eligible, workload.specPath, { pod: scoring, usageOf: busy, columns }).nodes.length,
      () => engine.rank(workload).nodes.length,
    ],
    samples,
  );
  const referenceEngine = plainNodes.length <= 10_000 ? createEngine({ nodes, evaluator: 'reference' }) : undefined;
  const reference = referenceEngine && time(() => referenceEngine.rank(workload).nodes.length, { warmupMs: budget.warmupMs, samples: 3 });
  const round = (x: number): number => Number(x.toFixed(1));
  return {
    rankEligibleNodes: engine.rank(workload).nodes.length,
    rankLabelScoresUs: round(labelsOnly.medianUs),
    rankResourceScoresUs: round(withResources.medianUs),
    rankResourceScoresRatio: Number((withResources.medianUs / labelsOnly.medianUs).toFixed(2)),
    rankResourceScoresWithPodsUs: round(withPods.medianUs),
    rankResourceScoresEngineUs: round(endToEnd.medianUs),
    ...(reference ? { rankResourceScoresReferenceUs: round(reference.medianUs) } : {}),
    buildWithImagesMs: Number((buildWithImages.medianUs / 1000).toFixed(2)),
  };
}
