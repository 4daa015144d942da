/**
 * The DaemonSet Pending forecast at scale: 100 DaemonSets whose daemon pods request resources (and
 * some a host port the node-exporter already holds), over a cluster with its running pods. Measured
 * side by side in one run: the forecast as the engine makes it (the store's free-capacity columns
 * and the (protocol, port) → nodes index, over the nodes each plan creates pods on), against the
 * straightforward loop per DaemonSet per node (the semantics layer's NodePorts and NodeResourcesFit
 * checks, node by node); and the whole `engine.daemonset` call with and without the cluster's pods.
 */
import { createEngine } from '../src/api/engine.js';
import { indexedBackend } from '../src/api/backend.js';
import { pendingTargets } from '../src/controllers/daemonset/pending.js';
import type { PodObject } from '../src/model/daemonset-types.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { Node } from '../src/model/types.js';
import { ClusterPods, noResources } from '../src/node-index/cluster-pods.js';
import { RuleEvaluator } from '../src/node-index/evaluate-rule.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import type { PodToPodIndexes } from '../src/eval/pod-to-pod-context.js';
import { resourceFailuresWith } from '../src/eval/resource-filters.js';
import { computePodDemand } from '../src/semantics/resources/pod-demand.js';
import { benchmarkDaemonSets } from './daemonsets.js';
import { consume, type TimingBudget } from './harness.js';

/** Agents' requests, cycled: small, medium, a heavy one that full nodes cannot take; every tenth binds host port 9100. */
const agentRequests: readonly Record<string, string>[] = [
  { cpu: '50m', memory: '64Mi' },
  { cpu: '100m', memory: '200Mi' },
  { cpu: '250m', memory: '512Mi' },
  { cpu: '2', memory: '6Gi' },
];

function agentContainers(i: number): unknown[] {
  const ports = i % 10 === 4 ? [{ containerPort: 9100, hostPort: 9100 }] : [];
  return [{ name: 'agent', image: 'agent', resources: { requests: agentRequests[i % agentRequests.length]! }, ports }];
}

const nowUs = (): number => Number(process.hrtime.bigint()) / 1000;

/** Median µs per call of `a` and of `b`, warmed by `warmCalls` calls each, then timed one call of each per round. */
function alternate(a: () => unknown, b: () => unknown, warmCalls: number, rounds: number): { a: number; b: number } {
  for (let i = 0; i < warmCalls; i++) consume(a());
  for (let i = 0; i < Math.ceil(warmCalls / 5); i++) consume(b());
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let start = nowUs();
    consume(a());
    ta.push(nowUs() - start);
    start = nowUs();
    consume(b());
    tb.push(nowUs() - start);
  }
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { a: median(ta), b: median(tb) };
}

/** The figures for `nodes` (with allocatable) holding `pods`. */
export function measureDaemonSetPending(nodes: readonly Node[], pods: readonly PodObject[], budget: TimingBudget): Record<string, number> {
  const daemonsets = benchmarkDaemonSets(100, agentContainers);
  const engine = createEngine({ nodes, pods });
  const withoutPods = createEngine({ nodes });
  const now = Date.UTC(2026, 0, 1);
  // The plans are the controller's (resources play no part in them); the forecast judges their creates.
  const plans = daemonsets.map((ds) => engine.daemonset(ds, [], { revisionHash: 'h1', now, nodes: false }));
  const index = buildNodeIndex(nodes);
  const store = new ClusterPods(index);
  store.setPods(pods);
  const podToPod: PodToPodIndexes = { nodes: index, pods: store.labelIndex, objects: { gates: defaultFeatureGates } };
  const backend = indexedBackend(new RuleEvaluator(index), defaultFeatureGates, store, () => podToPod);
  const hasNode = (name: string): boolean => index.idOf(name) !== undefined;
  const demands = daemonsets.map((ds) => computePodDemand(ds.workload.resources ?? noResources));
  const forecast = (): number => {
    let pending = 0;
    daemonsets.forEach((ds, i) => (pending += backend.daemonPending(ds, demands[i]!, pendingTargets(ds, [], plans[i]!, hasNode, 'h1'), podToPod).length));
    return pending;
  };
  // The baseline: per DaemonSet, per node it creates a pod on, both filters through the semantics layer.
  const loop = (): number => {
    let pending = 0;
    daemonsets.forEach((_, i) => {
      for (const name of plans[i]!.create) {
        const node = index.nodes[index.idOf(name)!]!;
        if (resourceFailuresWith(demands[i]!, store.usageOf(name), node).length > 0) pending++;
      }
    });
    return pending;
  };
  const pending = forecast();
  if (pending !== loop()) throw new Error(`Pending forecasts disagree: indexed ${pending}, loop ${loop()}`);
  // A round takes tens of milliseconds, longer than the harness's warm-up, and this machine's load
  // drifts over seconds: the two sides are warmed by calls, then timed in alternation, one call of
  // each per round, and each side's median taken (after a full collection, with --expose-gc, so the
  // garbage of building 300k pods three times is not collected inside one side's samples).
  (globalThis as { gc?: () => void }).gc?.();
  const indexed = alternate(forecast, loop, 50, Math.max(7, budget.samples));
  // The whole call a user makes, count-only, with the cluster's pods (plan + forecast) and without (plan only).
  let clock = now;
  const planAll = (e: typeof engine): number => {
    clock++;
    return daemonsets.reduce((n, ds) => n + (e.daemonset(ds, [], { revisionHash: 'h1', now: clock, nodes: false }).pending?.length ?? 0), 0);
  };
  const engineCalls = alternate(() => planAll(engine), () => planAll(withoutPods), 20, Math.max(7, budget.samples));
  const ms = (us: number, digits = 2): number => Number((us / 1000).toFixed(digits));
  return {
    daemonsetPendingCreates: plans.reduce((n, p) => n + p.create.length, 0),
    daemonsetPendingPods: pending,
    daemonsetPendingMs: ms(indexed.a),
    daemonsetPendingLoopMs: ms(indexed.b, 1),
    daemonsetPendingSpeedup: Number((indexed.b / indexed.a).toFixed(1)),
    daemonsetPlansWithPendingMs: ms(engineCalls.a),
    daemonsetPlansWithoutPodsMs: ms(engineCalls.b),
  };
}
