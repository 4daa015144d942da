/**
 * ~200 realistic workloads for the benchmark, deterministic from a seed, written against the
 * label vocabulary of the sample cluster generator: DaemonSet-style agents, zonal and pool-pinned
 * Deployments with 1–3 terms of 1–4 expressions (every operator), team and GPU tolerations, and a
 * few host-pinned pods. Built as Kubernetes objects and decoded like any manifest.
 */
import { decodeWorkload } from '../src/model/workload.js';
import type { Workload } from '../src/model/types.js';

const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'];
const zones = regions.flatMap((r) => [`${r}a`, `${r}b`, `${r}c`]);
const pools = ['general-amd64', 'general-amd64-burst', 'general-arm64', 'general-staging', 'system', 'ingress', 'observability', 'payments-api', 'payments-batch', 'checkout', 'search', 'identity', 'ads', 'recommendations', 'spark', 'batch-spot', 'ml-cpu', 'gpu-training', 'gpu-inference', 'web', 'legacy-monolith', 'ci-runners'];
const teams = ['payments', 'checkout', 'search', 'fraud', 'data-eng', 'ml-platform', 'web', 'ads', 'identity'];
const types = ['m5.xlarge', 'm5.2xlarge', 'm6i.xlarge', 'm6i.2xlarge', 'c5.2xlarge', 'c6i.4xlarge', 'r5.2xlarge', 'm6g.xlarge', 'c6g.2xlarge', 'g4dn.xlarge', 'p3.2xlarge'];

/** mulberry32: a tiny seeded PRNG, so the workload set is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Expr = { key: string; operator: string; values?: string[] };

function pick<T>(rand: () => number, items: readonly T[], n = 1): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  return out;
}

function expression(rand: () => number): Expr {
  const r = rand();
  if (r < 0.22) return { key: 'topology.kubernetes.io/zone', operator: 'In', values: pick(rand, zones, 1 + Math.floor(rand() * 3)) };
  if (r < 0.38) return { key: 'example.com/pool', operator: 'In', values: pick(rand, pools, 1 + Math.floor(rand() * 3)) };
  if (r < 0.48) return { key: 'node.kubernetes.io/instance-type', operator: 'In', values: pick(rand, types, 1 + Math.floor(rand() * 3)) };
  if (r < 0.56) return { key: 'kubernetes.io/arch', operator: 'In', values: pick(rand, ['amd64', 'arm64']) };
  if (r < 0.66) return { key: 'example.com/lifecycle', operator: 'NotIn', values: ['spot'] };
  if (r < 0.73) return { key: 'example.com/cpu-generation', operator: 'Gt', values: [String(1 + Math.floor(rand() * 4))] };
  if (r < 0.78) return { key: 'example.com/cpu-generation', operator: 'Lt', values: [String(4 + Math.floor(rand() * 3))] };
  if (r < 0.83) return { key: 'example.com/env', operator: 'NotIn', values: ['dev'] };
  if (r < 0.88) return { key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' };
  if (r < 0.93) return { key: 'feature.node.kubernetes.io/cpu-cpuid.AVX512F', operator: 'Exists' };
  return { key: 'example.com/team', operator: 'In', values: pick(rand, teams, 1 + Math.floor(rand() * 2)) };
}

function toWorkload(name: string, kind: string, spec: Record<string, unknown>): Workload {
  const object = kind === 'Pod' ? { kind, metadata: { name }, spec } : { kind, metadata: { name }, spec: { template: { spec } } };
  const decoded = decodeWorkload(object);
  if (!decoded.ok) throw new Error(`benchmark workload ${name} does not decode`);
  return decoded.workload;
}

/** The headline workload: nodeSelector + 2 required terms × 3 expressions (incl. NotIn and Gt) + a team toleration. */
export function typicalWorkload(): Workload {
  return toWorkload('payments-api', 'Deployment', typicalSpec());
}

/** The headline workload with its containers: cpu and memory requests and two images, as the resource and image scores read them. */
export function requestingWorkload(): Workload {
  return toWorkload('payments-api', 'Deployment', {
    ...typicalSpec(),
    containers: [
      { name: 'api', image: 'registry.example.com/payments-api/svc-3:v3', resources: { requests: { cpu: '500m', memory: '1Gi' } } },
      { name: 'envoy', image: 'docker.io/envoyproxy/envoy:v1.30', resources: { requests: { cpu: '100m', memory: '128Mi' } } },
    ],
  });
}

function typicalSpec(): Record<string, unknown> {
  return {
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [
              { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a', 'us-east-1b', 'us-west-2a'] },
              { key: 'example.com/pool', operator: 'In', values: ['payments-api', 'checkout', 'general-amd64'] },
              { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
            ] },
            { matchExpressions: [
              { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m6i.2xlarge', 'c6i.4xlarge', 'm5.2xlarge'] },
              { key: 'example.com/cpu-generation', operator: 'Gt', values: ['3'] },
              { key: 'example.com/lifecycle', operator: 'NotIn', values: ['spot'] },
            ] },
          ],
        },
      },
    },
    tolerations: [{ key: 'example.com/dedicated', operator: 'Equal', value: 'payments', effect: 'NoSchedule' }],
  };
}

const allTolerations = [{ operator: 'Exists' }];
const daemonTolerations = ['not-ready', 'unreachable', 'disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable'].map((t) => ({
  key: `node.kubernetes.io/${t}`,
  operator: 'Exists',
  effect: t === 'not-ready' || t === 'unreachable' ? 'NoExecute' : 'NoSchedule',
}));

/** `count` workloads (default 200); `hostnames` lets a few pods pin real nodes. */
export function benchmarkWorkloads(hostnames: readonly string[], count = 200, seed = 42): Workload[] {
  const rand = prng(seed);
  const out: Workload[] = [typicalWorkload()];
  for (let i = 1; i < count; i++) {
    const r = rand();
    if (r < 0.12) {
      const os = rand() < 0.9 ? 'linux' : 'windows';
      const tolerations = rand() < 0.4 ? allTolerations : [...daemonTolerations, ...(rand() < 0.3 ? [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] : [])];
      const spec: Record<string, unknown> = { nodeSelector: { 'kubernetes.io/os': os }, tolerations };
      if (rand() < 0.3) spec['affinity'] = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: pick(rand, ['amd64', 'arm64']) }] }] } } };
      out.push(toWorkload(`agent-${i}`, 'DaemonSet', spec));
    } else if (r < 0.14) {
      const spec = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: pick(rand, hostnames, 3) }] }] } } } };
      out.push(toWorkload(`pinned-${i}`, 'Pod', spec));
    } else {
      const terms = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ matchExpressions: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => expression(rand)) }));
      const tolerations = rand() < 0.35 ? [{ key: 'example.com/dedicated', operator: 'Equal', value: pick(rand, teams)[0], effect: 'NoSchedule' }] : rand() < 0.1 ? [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] : [];
      const spec: Record<string, unknown> = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } }, tolerations };
      if (rand() < 0.6) spec['nodeSelector'] = { 'kubernetes.io/os': 'linux' };
      out.push(toWorkload(`app-${i}`, 'Deployment', spec));
    }
  }
  return out;
}
