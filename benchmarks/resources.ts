/**
 * The resources benchmark: 10,000 nodes with allocatable and 300,000 running pods (a realistic mix
 * of requests, a node-exporter-style DaemonSet holding host port 9100 on every node). Measured side
 * by side in one run: building the engine with its pods; a requesting pod's decision against the
 * same pod without requests (target <= 2x); a pod bind moving between nodes (target <= 1 us: the
 * store's update for an already decoded pod), with the same spec object and with a spec decoded anew
 * per update; a pod deleted and recreated under its name; decoding a pod and computing a demand,
 * measured apart; rank; the DaemonSet Pending forecast for 100 DaemonSets (benchmarks/daemonset-pending.ts).
 */
import { createEngine } from '../src/api/engine.js';
import { decodePodObject } from '../src/model/decode-daemonset.js';
import type { PodObject } from '../src/model/daemonset-types.js';
import { decodeNodeResources } from '../src/model/decode-pod-resources.js';
import { Decoder } from '../src/model/decode.js';
import type { Node, Workload } from '../src/model/types.js';
import { decodeWorkload } from '../src/model/workload.js';
import { computePodDemand } from '../src/semantics/resources/pod-demand.js';
import { measureDaemonSetPending } from './daemonset-pending.js';
import { time, timeOnceMs, type TimingBudget } from './harness.js';

const nodeShapes = [
  { cpu: '3920m', memory: '14Gi', pods: '110', 'ephemeral-storage': '95Gi' },
  { cpu: '7910m', memory: '29Gi', pods: '110', 'ephemeral-storage': '95Gi' },
  { cpu: '15890m', memory: '58Gi', pods: '110', 'ephemeral-storage': '190Gi' },
  { cpu: '7910m', memory: '29Gi', pods: '58', 'ephemeral-storage': '95Gi', 'nvidia.com/gpu': '1' },
];

/** Requests of the running pods, cycled: small services, sidecars, batch, unrequested, a GPU job. */
const requestMix: readonly Record<string, string>[] = [
  { cpu: '100m', memory: '128Mi' },
  { cpu: '250m', memory: '256Mi' },
  { cpu: '50m', memory: '64Mi' },
  {},
  { cpu: '500m', memory: '1Gi' },
  { cpu: '100m', memory: '200Mi', 'ephemeral-storage': '1Gi' },
  { cpu: '200m', memory: '512Mi' },
];

export function withAllocatable(nodes: readonly Node[]): Node[] {
  const lists = nodeShapes.map((shape) => {
    const d = new Decoder();
    return decodeNodeResources(d, { allocatable: shape }).allocatable;
  });
  return nodes.map((node, i) => ({ ...node, allocatable: lists[i % lists.length]! }));
}

function podTemplate(requests: Record<string, string>, hostPort?: number): PodObject {
  const container = { name: 'c', image: 'i', resources: { requests }, ...(hostPort ? { ports: [{ containerPort: hostPort, hostPort }] } : {}) };
  const { pod } = decodePodObject({ metadata: { name: 't', namespace: 'bench' }, spec: { containers: [container] }, status: { phase: 'Running' } });
  if (!pod) throw new Error('benchmark pod does not decode');
  return pod;
}

/** `perNode` pods on every node: one node-exporter (host port 9100), the rest from the request mix. */
export function clusterPods(nodes: readonly Node[], perNode: number): PodObject[] {
  const exporter = podTemplate({ cpu: '100m', memory: '180Mi' }, 9100);
  const mix = requestMix.map((r) => podTemplate(r));
  const out: PodObject[] = [];
  nodes.forEach((node, n) => {
    out.push({ ...exporter, name: `node-exporter-${n}`, nodeName: node.name });
    for (let i = 1; i < perNode; i++) out.push({ ...mix[(n + i) % mix.length]!, name: `app-${n}-${i}`, nodeName: node.name });
  });
  return out;
}

function incoming(requests: Record<string, string> | undefined, base: Workload): Workload {
  const raw = JSON.parse(JSON.stringify(base.raw)) as Record<string, unknown>;
  const spec = (raw['kind'] === 'Pod' ? raw['spec'] : ((raw['spec'] as Record<string, unknown>)['template'] as Record<string, unknown>)['spec']) as Record<string, unknown>;
  spec['containers'] = [{ name: 'app', image: 'app', ...(requests ? { resources: { requests } } : {}) }];
  const decoded = decodeWorkload(raw);
  if (!decoded.ok) throw new Error('benchmark workload does not decode');
  return decoded.workload;
}

/** The figures, for 10,000 nodes and 30 pods per node unless told otherwise. */
export function measureResources(baseNodes: readonly Node[], typical: Workload, budget: TimingBudget, perNode = 30): Record<string, number> {
  const nodes = withAllocatable(baseNodes);
  const pods = clusterPods(nodes, perNode);
  const buildMs = timeOnceMs(() => createEngine({ nodes, pods }));
  const buildWithoutPodsMs = timeOnceMs(() => createEngine({ nodes }));
  const engine = createEngine({ nodes, pods });
  const requesting = incoming({ cpu: '2', memory: '4Gi' }, typical);
  const plain = incoming(undefined, typical);
  // Building 300k pods three times leaves a heap to collect and code to settle: the first seconds'
  // samples measured that, not the decision (3-14x the steady figure). Collect, then warm both.
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < 3; i++) {
    time(() => engine.eligibleCount(requesting), budget);
    time(() => engine.eligibleCount(plain), budget);
  }
  const decide = time(() => engine.eligibleCount(requesting), budget);
  const decideNoRequests = time(() => engine.eligibleCount(plain), budget);
  const summary = time(() => engine.eligible(requesting, { explain: 'none' }).eligible.length, budget);
  const summaryNoRequests = time(() => engine.eligible(plain, { explain: 'none' }).eligible.length, budget);
  const rank = time(() => engine.rank(requesting).nodes.length, { warmupMs: budget.warmupMs, samples: Math.max(5, Math.floor(budget.samples / 3)) });
  // A pod moved between two nodes, as `engine.upsertPod` receives it: a decoded PodObject (the
  // caller's objects are built beforehand, so this is the store's update alone).
  const mover = { ...pods[1]!, name: 'mover' };
  const moves = [{ ...mover, nodeName: nodes[0]!.name }, { ...mover, nodeName: nodes[1]!.name }];
  let flip = 0;
  const bind = time(() => engine.upsertPod(moves[flip++ & 1]!), budget);
  // The same, with each update's spec decoded anew (another object with equal requests), as an informer delivers it.
  const decoded = Array.from({ length: 256 }, (_, i) => ({ ...podTemplate(requestMix[1]!), name: 'mover', nodeName: moves[i & 1]!.nodeName }));
  const bindDecoded = time(() => engine.upsertPod(decoded[flip++ & 255]!), budget);
  // A pod deleted and created again under its name on the same node (a StatefulSet pod's restart).
  const recreate = time(() => {
    engine.removePod(mover.namespace, mover.name);
    engine.upsertPod(moves[0]!);
  }, budget);
  // Not part of a bind, measured apart: decoding the pod from its JSON (what the server and the CLI do first).
  const raw = { metadata: { name: 'mover', namespace: 'bench' }, spec: { nodeName: nodes[0]!.name, containers: [{ name: 'c', image: 'i', resources: { requests: requestMix[1]! } }] }, status: { phase: 'Running' } };
  const decode = time(() => decodePodObject(raw).pod, budget);
  // Nor is the pod's demand, computed once per request shape (effective requests, non-zero requests, host ports).
  const demand = time(() => computePodDemand(mover.resources!).request.milliCPU, budget);
  return {
    nodes: nodes.length,
    pods: pods.length,
    buildMs: Number(buildMs.toFixed(0)),
    buildWithoutPodsMs: Number(buildWithoutPodsMs.toFixed(0)),
    requestingDecisionUs: Number(decide.medianUs.toFixed(1)),
    noRequestsDecisionUs: Number(decideNoRequests.medianUs.toFixed(1)),
    requestingVsNoRequests: Number((decide.medianUs / decideNoRequests.medianUs).toFixed(2)),
    requestingSummaryUs: Number(summary.medianUs.toFixed(1)),
    noRequestsSummaryUs: Number(summaryNoRequests.medianUs.toFixed(1)),
    summaryRatio: Number((summary.medianUs / summaryNoRequests.medianUs).toFixed(2)),
    rankMs: Number((rank.medianUs / 1000).toFixed(2)),
    podBindUs: Number(bind.medianUs.toFixed(2)),
    podBindP99Us: Number(bind.p99Us.toFixed(2)),
    podBindDecodedSpecUs: Number(bindDecoded.medianUs.toFixed(2)),
    podRecreateUs: Number(recreate.medianUs.toFixed(2)),
    podDecodeUs: Number(decode.medianUs.toFixed(2)),
    podDemandUs: Number(demand.medianUs.toFixed(2)),
    ...measureDaemonSetPending(nodes, pods, budget),
  };
}
