/**
 * A deterministic generator of realistic Node objects, shaped like the items of
 * `kubectl get nodes -o json` from a large multi-region EKS-style fleet. It feeds `npm start`, the
 * benchmarks and tests, so it follows the label and taint mix of the prototype in
 * shared/perf-notes.md ("Setup"): 18–25 labels per node, ~11–12% tainted, 1% cordoned.
 */

/** Options of {@link generateCluster}. */
export interface GenerateClusterOptions {
  /** Number of nodes, 0 … 2^24 (the IP space the unique node names are drawn from). */
  nodes: number;
  /** PRNG seed (any integer); the same seed and size give byte-identical output. Default 1. */
  seed?: number;
}

type Arch = 'amd64' | 'arm64';
/** One instance type, with its kubelet-reported resources precomputed as strings. */
interface InstanceType {
  name: string; arch: Arch; generation: string; avx512: boolean; gpus: string; gpuProduct: string;
  cpu: string; cpuAllocatable: string; memory: string; memoryAllocatable: string; pods: string;
}
interface Pool {
  name: string; team: string; costCenter: string; env: string; types: InstanceType[][]; windows: boolean; gpu: boolean;
  via: string; spot: number; taint: string; osImage: string; runtime: string; kubelets: readonly string[];
  kernels: readonly (readonly string[])[]; weight: number;
}
/** What was drawn for one node, shared by the builders of its parts. */
interface Draw {
  name: string; address: string; zone: string; region: string; rack: string; pool: Pool; type: InstanceType;
  spot: boolean; legacy: boolean; beta: boolean; upToDate: boolean; controlPlane: boolean;
  health: Health; created: string; since: string;
}
type Health = 'ready' | 'not-ready' | 'memory-pressure' | 'cordoned';

// vCPUs per size; memory is vCPUs × the family's GiB per vCPU. GPU sizes spell out vcpu:GiB:gpus
// because their shapes are irregular (p3.2xlarge has 61 GiB, not 64).
const sizeVcpu: Readonly<Record<string, number>> = {
  large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '9xlarge': 36, '12xlarge': 48,
};
// family, arch, example.com/cpu-generation, AVX-512, GiB per vCPU, sizes, GPU product.
// 59 CPU + 10 GPU = 69 instance types; generations 1 (Haswell) … 7 (Graviton3) all occur.
const families: readonly (readonly [string, Arch, number, boolean, number, string, string?])[] = [
  ['c4', 'amd64', 1, false, 1.875, 'large xlarge 2xlarge'],
  ['m4', 'amd64', 2, false, 4, 'large xlarge 2xlarge 4xlarge'],
  ['i3', 'amd64', 2, false, 7.625, 'xlarge 2xlarge 4xlarge'],
  ['m5', 'amd64', 3, true, 4, 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge'],
  ['c5', 'amd64', 3, true, 2, 'large xlarge 2xlarge 4xlarge 9xlarge'],
  ['r5', 'amd64', 3, true, 8, 'large xlarge 2xlarge 4xlarge 8xlarge'],
  ['m6i', 'amd64', 5, true, 4, 'large xlarge 2xlarge 4xlarge 8xlarge'],
  ['c6i', 'amd64', 5, true, 2, 'large xlarge 2xlarge 4xlarge'],
  ['r6i', 'amd64', 5, true, 8, 'xlarge 2xlarge 4xlarge'],
  ['m7i', 'amd64', 6, true, 4, 'xlarge 2xlarge 4xlarge'],
  ['m6g', 'arm64', 5, false, 4, 'large xlarge 2xlarge 4xlarge'],
  ['c6g', 'arm64', 5, false, 2, 'large xlarge 2xlarge 4xlarge 8xlarge'],
  ['r6g', 'arm64', 5, false, 8, 'xlarge 2xlarge 4xlarge'],
  ['m7g', 'arm64', 7, false, 4, 'xlarge 2xlarge 4xlarge'],
  ['c7g', 'arm64', 7, false, 2, 'xlarge 2xlarge 4xlarge'],
  ['p3', 'amd64', 3, true, 0, '2xlarge:8:61:1 8xlarge:32:244:4 16xlarge:64:488:8', 'Tesla-V100-SXM2-16GB'],
  ['g4dn', 'amd64', 4, true, 0, 'xlarge:4:16:1 12xlarge:48:192:4 metal:96:384:8', 'Tesla-T4'],
  ['g5', 'amd64', 4, false, 0, 'xlarge:4:16:1 12xlarge:48:192:4 48xlarge:192:768:8', 'NVIDIA-A10G'],
  ['p4d', 'amd64', 4, true, 0, '24xlarge:96:1152:8', 'NVIDIA-A100-SXM4-40GB'],
];

// name, team ('' = platform-owned, no team/cost-center labels), env, families, provisioner, spot
// share, pool taint, OS image, weight in ‰ of workers. The control-plane pool is the 40th.
const poolRows: readonly (readonly [string, string, string, string, string, number, string, string, number])[] = [
  ['general-amd64', '', 'prod', 'm5 m6i', 'managed', 0, '', 'al2', 90],
  ['general-amd64-burst', '', 'prod', 'm6i m7i c6i', 'karpenter', 0.3, '', 'al2023', 70],
  ['general-arm64', '', 'prod', 'm6g m7g', 'karpenter', 0.3, '', 'al2023', 38],
  ['general-staging', '', 'staging', 'm5 c5', 'karpenter', 0.5, '', 'al2023', 45],
  ['general-dev', '', 'dev', 'm4 m5', 'karpenter', 0.7, '', 'al2', 30],
  ['general-dev-arm64', '', 'dev', 'm6g c6g', 'karpenter', 0.7, '', 'al2023', 15],
  ['system', 'platform', 'prod', 'm5 c5', 'managed', 0, '', 'bottlerocket', 25],
  ['ingress', 'networking', 'prod', 'c5 c6i', 'managed', 0, '', 'bottlerocket', 20],
  ['observability', 'observability', 'prod', 'r5 r6i', 'managed', 0, '', 'al2', 25],
  ['logging-arm64', 'observability', 'prod', 'r6g', 'karpenter', 0, '', 'al2023', 15],
  ['payments-api', 'payments', 'prod', 'm6i c6i', 'managed', 0, 'dedicated', 'al2', 8],
  ['payments-batch', 'payments', 'prod', 'c5 c6i', 'eksctl', 0.4, '', 'al2', 12],
  ['checkout', 'checkout', 'prod', 'm5 m6i', 'managed', 0, '', 'al2', 35],
  ['checkout-arm64', 'checkout', 'prod', 'm6g m7g', 'karpenter', 0.2, '', 'al2023', 20],
  ['checkout-staging', 'checkout', 'staging', 'm5 m6i', 'karpenter', 0.5, '', 'al2023', 20],
  ['search', 'search', 'prod', 'c5 c6i r5', 'managed', 0, '', 'al2', 40],
  ['search-indexer', 'search', 'prod', 'i3 r5', 'eksctl', 0, 'dedicated', 'al2', 6],
  ['search-staging', 'search', 'staging', 'c5', 'karpenter', 0.5, '', 'al2023', 10],
  ['identity', 'identity', 'prod', 'c6g c7g', 'managed', 0, '', 'bottlerocket', 20],
  ['fraud', 'fraud', 'prod', 'c6i m7i', 'managed', 0, 'dedicated', 'al2023', 6],
  ['ads', 'ads', 'prod', 'c5 c6i', 'karpenter', 0.4, '', 'al2023', 35],
  ['ads-arm64', 'ads', 'prod', 'c6g c7g', 'karpenter', 0.5, '', 'al2023', 20],
  ['recommendations', 'recommendations', 'prod', 'r5 r6i', 'managed', 0, '', 'al2', 30],
  ['spark', 'data-eng', 'prod', 'r5 m5 r6i', 'eksctl', 0.6, '', 'al2', 45],
  ['spark-arm64', 'data-eng', 'prod', 'r6g m6g', 'karpenter', 0.6, '', 'al2023', 20],
  ['batch-spot', 'data-eng', 'prod', 'c4 c5 m5', 'karpenter', 1, 'spot', 'al2', 6],
  ['batch-spot-arm64', 'data-eng', 'prod', 'c6g c7g', 'karpenter', 1, 'spot', 'al2023', 3],
  ['ml-cpu', 'ml-platform', 'prod', 'c6i m7i', 'managed', 0, '', 'al2023', 20],
  ['gpu-training', 'ml-platform', 'prod', 'p4d p3', 'managed', 0, 'gpu', 'al2', 14],
  ['gpu-inference', 'ml-platform', 'prod', 'g4dn g5', 'karpenter', 0.2, 'gpu', 'al2023', 14],
  ['gpu-research', 'research', 'staging', 'p3 g5', 'eksctl', 0, 'gpu', 'al2', 7],
  ['gpu-shared-dev', 'ml-platform', 'dev', 'g4dn', 'karpenter', 0.5, '', 'al2023', 14],
  ['mobile-api', 'mobile', 'prod', 'm6g m7g', 'managed', 0, '', 'bottlerocket', 25],
  ['web', 'web', 'prod', 'm5 c5', 'managed', 0, '', 'al2', 35],
  ['web-staging', 'web', 'staging', 'm5', 'karpenter', 0.5, '', 'al2023', 20],
  ['windows-iis', 'web', 'prod', 'm5', 'managed', 0, 'windows', 'windows', 12],
  ['windows-reporting', 'finance', 'prod', 'm5 c5', 'eksctl', 0, 'windows', 'windows', 8],
  ['legacy-monolith', 'core', 'prod', 'm4 c4', 'eksctl', 0, '', 'al2', 15],
  ['ci-runners', 'dev-productivity', 'dev', 'c6g c7g c6i', 'karpenter', 0.8, '', 'al2023', 15],
];

// Regions and their weight; us-east-1 uses the ec2.internal DNS suffix, as it does on AWS.
const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'] as const;
const regionWeights = [35, 25, 20, 12, 8];
// OS image → [osImage, containerd, kubelet versions (current first), kernel versions (current first)].
const images: Readonly<Record<string, readonly [string, string, readonly string[], readonly string[]]>> = {
  al2: ['Amazon Linux 2', 'containerd://1.7.11', ['v1.30.0-eks-036c24b', 'v1.29.3-eks-ae9a62a'], ['5.10.219-208.866.amzn2', '5.10.217-205.860.amzn2']],
  al2023: ['Amazon Linux 2023.4.20240611', 'containerd://1.7.11', ['v1.30.0-eks-036c24b', 'v1.29.3-eks-ae9a62a'], ['6.1.94-99.176.amzn2023', '6.1.92-99.174.amzn2023']],
  bottlerocket: ['Bottlerocket OS 1.20.3 (aws-k8s-1.30)', 'containerd://1.6.31+bottlerocket', ['v1.30.1-eks-e564799', 'v1.30.0-eks-fff26e3'], ['6.1.90', '6.1.87']],
  windows: ['Windows Server 2022 Datacenter', 'containerd://1.7.14', ['v1.30.0-eks-036c24b', 'v1.29.3-eks-ae9a62a'], ['10.0.20348.2527', '10.0.20348.2402']],
  kubeadm: ['Ubuntu 22.04.4 LTS', 'containerd://1.7.12', ['v1.30.2', 'v1.30.2'], ['6.5.0-1022-aws', '6.5.0-1022-aws']],
};
const clusterHash = 'b69a6d8d2b4b3b0f5c2f6c3e1a7d9e04'; // k8s.io/cloud-provider-aws: a hash of the cluster name
const baseMs = Date.UTC(2024, 5, 1, 12, 0, 0); // "now" of the snapshot; time is fixed for determinism
const heartbeat = '2024-06-01T11:59:48Z';
const notReadyMessage = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

/** Resources as the kubelet reports them: EKS's kube-reserved CPU and memory, max pods from the VPC CNI's ENI limits. */
function instanceType(family: string, arch: Arch, generation: number, avx512: boolean, memGiB: number, size: string, vcpu: number, gpus: number, gpuProduct: string): InstanceType {
  const pods = vcpu <= 2 ? 29 : vcpu <= 8 ? 58 : 234;
  const reservedMilliCpu = 60 + 10 + 5 * Math.max(0, Math.min(vcpu, 4) - 2) + 2.5 * Math.max(0, vcpu - 4);
  const memKi = Math.round(memGiB * 1024 * 1024 * 0.965); // the hypervisor and kernel keep ~3.5%
  return {
    name: `${family}.${size}`, arch, generation: String(generation), avx512, gpus: String(gpus), gpuProduct,
    cpu: String(vcpu), cpuAllocatable: `${vcpu * 1000 - reservedMilliCpu}m`, memory: `${memKi}Ki`,
    memoryAllocatable: `${memKi - (255 + 11 * pods + 100) * 1024}Ki`, pods: String(pods), // kube-reserved + eviction threshold
  };
}
const instanceTypes = new Map<string, InstanceType[]>();
for (const [family, arch, generation, avx512, memPerVcpu, sizes, gpuProduct = ''] of families) {
  instanceTypes.set(family, sizes.split(' ').map((token) => {
    const [size = '', vcpu, mem, gpus] = token.split(':');
    const v = vcpu === undefined ? (sizeVcpu[size] ?? 2) : Number(vcpu);
    return instanceType(family, arch, generation, avx512, mem === undefined ? v * memPerVcpu : Number(mem), size, v, Number(gpus ?? 0), gpuProduct);
  }));
}
const teams = [...new Set(poolRows.map((row) => row[1]))];
function pool(name: string, team: string, env: string, fams: string, via: string, spot: number, taint: string, ami: string, weight: number): Pool {
  const types = fams.split(' ').map((f) => instanceTypes.get(f) ?? []);
  const [osImage = '', runtime = '', kubelets = [], releases = []] = images[ami] ?? [];
  // Amazon Linux kernels end in the machine name (uname -r), which NFD's kernel label copies.
  const kernels = (['x86_64', 'aarch64'] as const).map((m) => releases.map((r) => (ami.startsWith('al2') ? `${r}.${m}` : r)));
  return { name, team, costCenter: team === '' ? '' : `cc-${4100 + 10 * teams.indexOf(team)}`, env, types,
    windows: ami === 'windows', gpu: types[0]?.[0]?.gpuProduct !== '', via, spot, taint, osImage, runtime, kubelets, kernels, weight };
}
const pools = poolRows.map((row) => pool(...row));
const controlPlanePool = pool('control-plane', '', 'prod', 'm6i', 'kubeadm', 0, 'control-plane', 'kubeadm', 0);

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for sampling, and identical on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Cumulative weights scaled to 2^32, so a draw is one scan over raw PRNG output. */
function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => Math.floor(((sum += w) / total) * 4294967296));
}
function pick<T>(items: readonly T[], cum: readonly number[], u: number): T {
  let i = 0;
  while (i < items.length - 1 && u >= (cum[i] ?? 0)) i++;
  return items[i] as T;
}
const poolCum = cumulative(pools.map((p) => p.weight));
const regionCum = cumulative(regionWeights);
const regionIndexes = regions.map((_, i) => i);
const zones = regions.map((r) => [`${r}a`, `${r}b`, `${r}c`] as const);
const dnsSuffix = regions.map((r) => (r === 'us-east-1' ? '.ec2.internal' : `.${r}.compute.internal`));
// Strings are built from shared pieces: number formatting is a runtime call, and every concatenation
// allocates, which the young-generation GC then copies twice (most of the cost of a large cluster).
const hex4 = Array.from({ length: 65536 }, (_, x) => x.toString(16).padStart(4, '0'));
const decimal = Array.from({ length: 256 }, (_, b) => String(b));
const namePrefix = decimal.map((a) => `ip-10-${a}-`);
const dashed = decimal.map((b) => `${b}-`);
const addressPrefix = decimal.map((a) => `10.${a}.`);
const dotted = decimal.map((b) => `${b}.`);
const providerPrefix = zones.map((z) => z.map((zone) => `aws:///${zone}/i-0`));
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
// Creation times: one per day over ~18 months, precomputed so no node formats a date.
const createdAt = Array.from({ length: 540 }, (_, d) => iso(baseMs - (d + 1) * 86_400_000 + ((d * 7919) % 86_400) * 1000));
const recentAt = Array.from({ length: 120 }, (_, m) => iso(baseMs - (m + 1) * 61_000)); // health changes of the last 2 h

/** Labels in byte order of their keys, the order kubectl prints them in. */
function labelsOf(d: Draw): Record<string, string> {
  const { pool: p, type: t } = d;
  const os = p.windows ? 'windows' : 'linux';
  const labels: Record<string, string> = {};
  if (p.via === 'eksctl') { labels['alpha.eksctl.io/cluster-name'] = 'fleet-main'; labels['alpha.eksctl.io/nodegroup-name'] = p.name; }
  if (d.beta) { labels['beta.kubernetes.io/arch'] = t.arch; labels['beta.kubernetes.io/os'] = os; }
  if (p.via === 'managed') { labels['eks.amazonaws.com/capacityType'] = d.spot ? 'SPOT' : 'ON_DEMAND'; labels['eks.amazonaws.com/nodegroup'] = p.name; }
  if (p.costCenter !== '') labels['example.com/cost-center'] = p.costCenter;
  labels['example.com/cpu-generation'] = t.generation;
  labels['example.com/env'] = p.env;
  labels['example.com/gpu-count'] = t.gpus;
  if (!d.controlPlane) labels['example.com/lifecycle'] = d.spot ? 'spot' : 'on-demand';
  labels['example.com/pool'] = p.name;
  labels['example.com/rack'] = d.rack;
  if (p.team !== '') labels['example.com/team'] = p.team;
  if (d.legacy) { labels['failure-domain.beta.kubernetes.io/region'] = d.region; labels['failure-domain.beta.kubernetes.io/zone'] = d.zone; }
  // Node Feature Discovery runs on Linux only, and labels a CPU flag only where the flag exists.
  if (t.avx512 && !p.windows) labels['feature.node.kubernetes.io/cpu-cpuid.AVX512F'] = 'true';
  if (!p.windows) labels['feature.node.kubernetes.io/kernel-version.full'] = kernelOf(d);
  labels['k8s.io/cloud-provider-aws'] = clusterHash;
  if (p.via === 'karpenter') { labels['karpenter.sh/capacity-type'] = d.spot ? 'spot' : 'on-demand'; labels['karpenter.sh/nodepool'] = p.name; }
  labels['kubernetes.io/arch'] = t.arch;
  labels['kubernetes.io/hostname'] = d.name;
  labels['kubernetes.io/os'] = os;
  if (d.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  } else {
    labels['node-role.kubernetes.io/worker'] = '';
  }
  labels['node.kubernetes.io/instance-type'] = t.name;
  if (p.windows) labels['node.kubernetes.io/windows-build'] = '10.0.20348';
  if (t.gpuProduct !== '') { labels['nvidia.com/gpu.present'] = 'true'; labels['nvidia.com/gpu.product'] = t.gpuProduct; }
  labels['topology.ebs.csi.aws.com/zone'] = d.zone;
  labels['topology.kubernetes.io/region'] = d.region;
  labels['topology.kubernetes.io/zone'] = d.zone;
  return labels;
}
const kernelOf = (d: Draw): string => d.pool.kernels[d.type.arch === 'arm64' ? 1 : 0]?.[d.upToDate ? 0 : 1] ?? '';

/** The pool's taint, then the node lifecycle controller's, with kubectl's key order. */
function taintsOf(d: Draw): Record<string, string>[] {
  const taints: Record<string, string>[] = [];
  const { taint, team } = d.pool;
  if (taint === 'dedicated') taints.push({ effect: 'NoSchedule', key: 'example.com/dedicated', value: team });
  else if (taint === 'gpu') taints.push({ effect: 'NoSchedule', key: 'nvidia.com/gpu', value: 'present' });
  else if (taint === 'windows') taints.push({ effect: 'NoSchedule', key: 'os', value: 'windows' });
  else if (taint === 'spot' && d.spot) taints.push({ effect: 'PreferNoSchedule', key: 'example.com/spot', value: 'true' });
  else if (taint === 'control-plane') taints.push({ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' });
  // The controller stamps timeAdded on each taint it adds (SwapNodeControllerTaint); a NotReady node
  // gets both the NoSchedule taint (TaintNodesByCondition) and the NoExecute one (eviction).
  if (d.health === 'not-ready') {
    taints.push({ effect: 'NoSchedule', key: 'node.kubernetes.io/not-ready', timeAdded: d.since });
    taints.push({ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', timeAdded: d.since });
  } else if (d.health === 'memory-pressure') {
    taints.push({ effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', timeAdded: d.since });
  } else if (d.health === 'cordoned') {
    taints.push({ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', timeAdded: d.since });
  }
  return taints;
}

function condition(type: string, status: string, reason: string, message: string, since: string): Record<string, string> {
  return { lastHeartbeatTime: heartbeat, lastTransitionTime: since, message, reason, status, type };
}

/** `status` as the kubelet posts it: addresses, resources, the four conditions, nodeInfo. */
function statusOf(d: Draw): Record<string, unknown> {
  const { type: t, pool: p, created, since } = d;
  const gpu = t.gpuProduct !== '';
  return {
    addresses: [{ address: d.address, type: 'InternalIP' }, { address: d.name, type: 'Hostname' }, { address: d.name, type: 'InternalDNS' }],
    allocatable: gpu
      ? { cpu: t.cpuAllocatable, 'ephemeral-storage': '95551679961', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: t.memoryAllocatable, 'nvidia.com/gpu': t.gpus, pods: t.pods }
      : { cpu: t.cpuAllocatable, 'ephemeral-storage': '95551679961', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: t.memoryAllocatable, pods: t.pods },
    capacity: gpu
      ? { cpu: t.cpu, 'ephemeral-storage': '104845292Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: t.memory, 'nvidia.com/gpu': t.gpus, pods: t.pods }
      : { cpu: t.cpu, 'ephemeral-storage': '104845292Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: t.memory, pods: t.pods },
    conditions: [
      d.health === 'memory-pressure'
        ? condition('MemoryPressure', 'True', 'KubeletHasInsufficientMemory', 'kubelet has insufficient memory available', since)
        : condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', created),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', created),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', created),
      d.health === 'not-ready'
        ? condition('Ready', 'False', 'KubeletNotReady', notReadyMessage, since)
        : condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', created),
    ],
    nodeInfo: {
      architecture: t.arch, containerRuntimeVersion: p.runtime, kernelVersion: kernelOf(d), kubeProxyVersion: p.kubelets[d.upToDate ? 0 : 1],
      kubeletVersion: p.kubelets[d.upToDate ? 0 : 1], operatingSystem: p.windows ? 'windows' : 'linux', osImage: p.osImage,
    },
  };
}

/**
 * Generates `options.nodes` Node objects: plain JSON data, as in `kubectl get nodes -o json`.
 * Deterministic: the same seed and size give byte-identical output. Throws a RangeError for a size
 * outside 0 … 2^24 or a non-integer seed.
 */
export function generateCluster(options: GenerateClusterOptions): Record<string, unknown>[] {
  const n = options.nodes;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(n) || n < 0 || n > 0x1000000) throw new RangeError(`nodes must be an integer in 0 … 16777216, got ${n}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const next = mulberry32(seed);
  const ipOffset = next() & 0xffffff;
  const racks = zones.map((z) => z.map(() => [] as string[])); // rack names per zone, 40 nodes each
  const perZone = zones.map((z) => z.map(() => 0));
  // The three control-plane nodes come first, so no optimised code meets their rare branches later.
  const controlPlanes = n >= 3 ? [0, 1, 2] : [];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    // The IP is an odd-multiplier bijection on 24 bits of i: scattered-looking, never repeated.
    const ip = (Math.imul(i, 0x9e3779b1) + ipOffset) & 0xffffff;
    const a = ip >>> 16, b = (ip >>> 8) & 255, c = ip & 255;
    const address = `${addressPrefix[a]}${dotted[b]}${decimal[c]}`;
    const cp = controlPlanes.indexOf(i);
    const p = cp >= 0 ? controlPlanePool : pick(pools, poolCum, next());
    // GPU capacity sits in the two big US regions; the control plane spans us-east-1's zones.
    const r = cp >= 0 ? 0 : p.gpu ? next() & 1 : pick(regionIndexes, regionCum, next());
    const z = cp >= 0 ? cp : next() % 3;
    const name = `${namePrefix[a]}${dashed[b]}${decimal[c]}${dnsSuffix[r]}`;
    const family = p.types[next() % p.types.length] ?? [];
    const type = (cp >= 0 ? family[2] : family[next() % family.length]) as InstanceType;
    const count = (perZone[r] as number[])[z] ?? 0;
    (perZone[r] as number[])[z] = count + 1;
    const zoneRacks = racks[r]?.[z] ?? [];
    const rack = (zoneRacks[count / 40 | 0] ??= `${zones[r]?.[z]}-r${String(count / 40 | 0).padStart(3, '0')}`);
    const u = cp >= 0 ? 4294967295 : next(); // mutually exclusive: 1% NotReady, 0.5% memory pressure, 1% cordoned
    const health: Health = u < 42949673 ? 'not-ready' : u < 64424509 ? 'memory-pressure' : u < 107374182 ? 'cordoned' : 'ready';
    const created = createdAt[next() % createdAt.length] ?? heartbeat;
    const legacy = cp >= 0 || (!p.gpu && next() < 2705829396); // 63% of non-GPU nodes carry the beta labels
    const d: Draw = {
      name, address, zone: zones[r]?.[z] ?? '', region: regions[r] ?? '', rack, pool: p, type, spot: next() < p.spot * 4294967296,
      legacy, beta: legacy && (next() & 1) === 0, upToDate: next() < 3650722202, controlPlane: cp >= 0, health, created,
      since: health === 'ready' ? created : (recentAt[next() % recentAt.length] ?? heartbeat),
    };
    const taints = taintsOf(d);
    const id1 = next(), id2 = next(); // EC2 instance ids: i-0 and 16 hex digits
    const providerID = `${providerPrefix[r]?.[z]}${hex4[id1 >>> 16]}${hex4[id1 & 0xffff]}${hex4[id2 >>> 16]}${hex4[id2 & 0xffff]}`;
    out.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        annotations: { 'alpha.kubernetes.io/provided-node-ip': address, 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
        creationTimestamp: created, labels: labelsOf(d), name, resourceVersion: '1',
      },
      spec: taints.length === 0 ? { providerID } : health === 'cordoned' ? { providerID, taints, unschedulable: true } : { providerID, taints },
      status: statusOf(d),
    });
  }
  return out;
}
