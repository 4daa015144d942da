/**
 * A deterministic generator of realistic Node objects, shaped like the items of
 * `kubectl get nodes -o json` from a large multi-region EKS-style fleet. It feeds `npm start`, the
 * benchmarks and tests, and follows the label and taint mix of the prototype in
 * shared/perf-notes.md ("Setup"): 18–25 labels per node, ~11–12% tainted, 1% cordoned.
 */

/** Options of {@link generateCluster}. */
export interface GenerateClusterOptions {
  /** Number of nodes, 0 … 2^24 (the IP space the unique node names are drawn from). */
  nodes: number;
  /** PRNG seed, any integer; the same seed and size give byte-identical output. Default 1. */
  seed?: number;
}

type Arch = 'amd64' | 'arm64';
/** One instance type, with its kubelet-reported resources precomputed as strings. */
interface InstanceType {
  name: string; arch: Arch; generation: string; avx512: boolean; gpus: string; gpuProduct: string;
  cpu: string; cpuAllocatable: string; memory: string; memoryAllocatable: string; pods: string;
}
interface Pool {
  name: string; team: string; costCenter: string; env: string; types: InstanceType[][]; windows: boolean; gpu: boolean; via: string;
  spot: number; taint: string; osImage: string; runtime: string; kubelets: readonly string[]; kernels: string[][]; weight: number;
}
type Health = 'ready' | 'not-ready' | 'memory-pressure' | 'cordoned';
/** What was drawn for one node, shared by the builders of its parts. */
interface Draw {
  name: string; zone: string; region: string; rack: string; pool: Pool; type: InstanceType; spot: boolean;
  legacy: boolean; beta: boolean; upToDate: boolean; controlPlane: boolean; health: Health; created: string; since: string;
}

// family, arch, example.com/cpu-generation, AVX-512, GiB per vCPU, sizes, GPU product. GPU sizes spell
// out vcpu:GiB:gpus because their shapes are irregular (p3.2xlarge has 61 GiB). 59 CPU + 10 GPU = 69
// instance types; generations run from 1 (Haswell) to 7 (Graviton3).
const sizeVcpu: Readonly<Record<string, number>> = { large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '9xlarge': 36, '12xlarge': 48 };
const families: readonly (readonly [string, Arch, number, boolean, number, string, string?])[] = [
  ['c4', 'amd64', 1, false, 1.875, 'large xlarge 2xlarge'], ['m4', 'amd64', 2, false, 4, 'large xlarge 2xlarge 4xlarge'],
  ['i3', 'amd64', 2, false, 7.625, 'xlarge 2xlarge 4xlarge'], ['m5', 'amd64', 3, true, 4, 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge'],
  ['c5', 'amd64', 3, true, 2, 'large xlarge 2xlarge 4xlarge 9xlarge'], ['r5', 'amd64', 3, true, 8, 'large xlarge 2xlarge 4xlarge 8xlarge'],
  ['m6i', 'amd64', 5, true, 4, 'large xlarge 2xlarge 4xlarge 8xlarge'], ['c6i', 'amd64', 5, true, 2, 'large xlarge 2xlarge 4xlarge'],
  ['r6i', 'amd64', 5, true, 8, 'xlarge 2xlarge 4xlarge'], ['m7i', 'amd64', 6, true, 4, 'xlarge 2xlarge 4xlarge'],
  ['m6g', 'arm64', 5, false, 4, 'large xlarge 2xlarge 4xlarge'], ['c6g', 'arm64', 5, false, 2, 'large xlarge 2xlarge 4xlarge 8xlarge'],
  ['r6g', 'arm64', 5, false, 8, 'xlarge 2xlarge 4xlarge'], ['m7g', 'arm64', 7, false, 4, 'xlarge 2xlarge 4xlarge'],
  ['c7g', 'arm64', 7, false, 2, 'xlarge 2xlarge 4xlarge'],
  ['p3', 'amd64', 3, true, 0, '2xlarge:8:61:1 8xlarge:32:244:4 16xlarge:64:488:8', 'Tesla-V100-SXM2-16GB'], ['p4d', 'amd64', 4, true, 0, '24xlarge:96:1152:8', 'NVIDIA-A100-SXM4-40GB'],
  ['g4dn', 'amd64', 4, true, 0, 'xlarge:4:16:1 12xlarge:48:192:4 metal:96:384:8', 'Tesla-T4'], ['g5', 'amd64', 4, false, 0, 'xlarge:4:16:1 12xlarge:48:192:4 48xlarge:192:768:8', 'NVIDIA-A10G'],
];

// name, team ('' = platform-owned: no team or cost-center label), env, instance families, provisioner,
// spot share, pool taint, OS image, weight (‰ of workers). The control-plane pool is the 40th.
type PoolRow = readonly [string, string, string, string, string, number, string, string, number];
const poolRows: readonly PoolRow[] = [
  ['general-amd64', '', 'prod', 'm5 m6i', 'managed', 0, '', 'al2', 90], ['general-amd64-burst', '', 'prod', 'm6i m7i c6i', 'karpenter', 0.3, '', 'al2023', 70],
  ['general-arm64', '', 'prod', 'm6g m7g', 'karpenter', 0.3, '', 'al2023', 38], ['general-staging', '', 'staging', 'm5 c5', 'karpenter', 0.5, '', 'al2023', 45],
  ['general-dev', '', 'dev', 'm4 m5', 'karpenter', 0.7, '', 'al2', 30], ['general-dev-arm64', '', 'dev', 'm6g c6g', 'karpenter', 0.7, '', 'al2023', 15],
  ['system', 'platform', 'prod', 'm5 c5', 'managed', 0, '', 'bottlerocket', 25], ['ingress', 'networking', 'prod', 'c5 c6i', 'managed', 0, '', 'bottlerocket', 20],
  ['observability', 'observability', 'prod', 'r5 r6i', 'managed', 0, '', 'al2', 25], ['logging-arm64', 'observability', 'prod', 'r6g', 'karpenter', 0, '', 'al2023', 15],
  ['payments-api', 'payments', 'prod', 'm6i c6i', 'managed', 0, 'dedicated', 'al2', 8], ['payments-batch', 'payments', 'prod', 'c5 c6i', 'eksctl', 0.4, '', 'al2', 12],
  ['checkout', 'checkout', 'prod', 'm5 m6i', 'managed', 0, '', 'al2', 35], ['checkout-arm64', 'checkout', 'prod', 'm6g m7g', 'karpenter', 0.2, '', 'al2023', 20],
  ['checkout-staging', 'checkout', 'staging', 'm5 m6i', 'karpenter', 0.5, '', 'al2023', 20], ['search', 'search', 'prod', 'c5 c6i r5', 'managed', 0, '', 'al2', 40],
  ['search-indexer', 'search', 'prod', 'i3 r5', 'eksctl', 0, 'dedicated', 'al2', 6], ['search-staging', 'search', 'staging', 'c5', 'karpenter', 0.5, '', 'al2023', 10],
  ['identity', 'identity', 'prod', 'c6g c7g', 'managed', 0, '', 'bottlerocket', 20], ['fraud', 'fraud', 'prod', 'c6i m7i', 'managed', 0, 'dedicated', 'al2023', 6],
  ['ads', 'ads', 'prod', 'c5 c6i', 'karpenter', 0.4, '', 'al2023', 35], ['ads-arm64', 'ads', 'prod', 'c6g c7g', 'karpenter', 0.5, '', 'al2023', 20],
  ['recommendations', 'recommendations', 'prod', 'r5 r6i', 'managed', 0, '', 'al2', 30], ['spark', 'data-eng', 'prod', 'r5 m5 r6i', 'eksctl', 0.6, '', 'al2', 45],
  ['spark-arm64', 'data-eng', 'prod', 'r6g m6g', 'karpenter', 0.6, '', 'al2023', 20], ['batch-spot', 'data-eng', 'prod', 'c4 c5 m5', 'karpenter', 1, 'spot', 'al2', 6],
  ['batch-spot-arm64', 'data-eng', 'prod', 'c6g c7g', 'karpenter', 1, 'spot', 'al2023', 3], ['ml-cpu', 'ml-platform', 'prod', 'c6i m7i', 'managed', 0, '', 'al2023', 20],
  ['gpu-training', 'ml-platform', 'prod', 'p4d p3', 'managed', 0, 'gpu', 'al2', 14], ['gpu-inference', 'ml-platform', 'prod', 'g4dn g5', 'karpenter', 0.2, 'gpu', 'al2023', 14],
  ['gpu-research', 'research', 'staging', 'p3 g5', 'eksctl', 0, 'gpu', 'al2', 7], ['gpu-shared-dev', 'ml-platform', 'dev', 'g4dn', 'karpenter', 0.5, '', 'al2023', 14],
  ['mobile-api', 'mobile', 'prod', 'm6g m7g', 'managed', 0, '', 'bottlerocket', 25], ['web', 'web', 'prod', 'm5 c5', 'managed', 0, '', 'al2', 35],
  ['web-staging', 'web', 'staging', 'm5', 'karpenter', 0.5, '', 'al2023', 20], ['windows-iis', 'web', 'prod', 'm5', 'managed', 0, 'windows', 'windows', 12],
  ['windows-reporting', 'finance', 'prod', 'm5 c5', 'eksctl', 0, 'windows', 'windows', 8], ['legacy-monolith', 'core', 'prod', 'm4 c4', 'eksctl', 0, '', 'al2', 15],
  ['ci-runners', 'dev-productivity', 'dev', 'c6g c7g c6i', 'karpenter', 0.8, '', 'al2023', 15],
];

// Five regions and their share of nodes; us-east-1 uses the ec2.internal DNS suffix, as on AWS.
const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'] as const;
const regionWeights = [35, 25, 20, 12, 8];
// OS image → [osImage, containerd, kubelet versions, kernel releases], current version first.
const images: Readonly<Record<string, readonly [string, string, readonly string[], readonly string[]]>> = {
  al2: ['Amazon Linux 2', 'containerd://1.7.11', ['v1.30.0-eks-036c24b', 'v1.29.3-eks-ae9a62a'], ['5.10.219-208.866.amzn2', '5.10.217-205.860.amzn2']],
  al2023: ['Amazon Linux 2023.4.20240611', 'containerd://1.7.11', ['v1.30.0-eks-036c24b', 'v1.29.3-eks-ae9a62a'], ['6.1.94-99.176.amzn2023', '6.1.92-99.174.amzn2023']],
  bottlerocket: ['Bottlerocket OS 1.20.3 (aws-k8s-1.30)', 'containerd://1.6.31+bottlerocket', ['v1.30.1-eks-e564799', 'v1.30.0-eks-fff26e3'], ['6.1.90', '6.1.87']],
  windows: ['Windows Server 2022 Datacenter', 'containerd://1.7.14', ['v1.30.0-eks-036c24b', 'v1.29.3-eks-ae9a62a'], ['10.0.20348.2527', '10.0.20348.2402']],
  kubeadm: ['Ubuntu 22.04.4 LTS', 'containerd://1.7.12', ['v1.30.2', 'v1.30.2'], ['6.5.0-1022-aws', '6.5.0-1022-aws']],
};
const clusterHash = 'b69a6d8d2b4b3b0f5c2f6c3e1a7d9e04'; // k8s.io/cloud-provider-aws: a hash of the cluster name
const baseMs = Date.UTC(2024, 5, 1, 12, 0, 0); // the snapshot's "now": fixed, so output is deterministic
const heartbeat = '2024-06-01T11:59:48Z';
const notReadyMessage = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
const chance = (p: number): number => p * 2 ** 32; // draws are raw uint32s; compare them with this

/** Resources as the kubelet reports them: EKS's kube-reserved CPU and memory, max pods from the VPC CNI's ENI limits. */
function instanceType(family: string, arch: Arch, generation: number, avx512: boolean, size: string, vcpu: number, memGiB: number, gpus: number, gpuProduct: string): InstanceType {
  const pods = vcpu <= 2 ? 29 : vcpu <= 8 ? 58 : 234;
  const reservedMilliCpu = 70 + 5 * Math.max(0, Math.min(vcpu, 4) - 2) + 2.5 * Math.max(0, vcpu - 4);
  const memKi = Math.round(memGiB * 1024 * 1024 * 0.965); // the hypervisor and kernel keep ~3.5%
  return {
    name: `${family}.${size}`, arch, generation: String(generation), avx512, gpus: String(gpus), gpuProduct, cpu: String(vcpu),
    cpuAllocatable: `${vcpu * 1000 - reservedMilliCpu}m`, memory: `${memKi}Ki`, pods: String(pods),
    memoryAllocatable: `${memKi - (255 + 11 * pods + 100) * 1024}Ki`, // kube-reserved and the eviction threshold
  };
}
const instanceTypes = new Map<string, InstanceType[]>();
for (const [family, arch, generation, avx512, memPerVcpu, sizes, gpuProduct = ''] of families) {
  instanceTypes.set(family, sizes.split(' ').map((token) => {
    const [size = '', vcpu, mem, gpus] = token.split(':');
    const v = vcpu === undefined ? (sizeVcpu[size] ?? 2) : Number(vcpu);
    return instanceType(family, arch, generation, avx512, size, v, mem === undefined ? v * memPerVcpu : Number(mem), Number(gpus ?? 0), gpuProduct);
  }));
}
const teams = [...new Set(poolRows.map((row) => row[1]))];
function pool([name, team, env, fams, via, spot, taint, ami, weight]: PoolRow): Pool {
  const types = fams.split(' ').map((f) => instanceTypes.get(f) ?? []);
  const [osImage = '', runtime = '', kubelets = [], releases = []] = images[ami] ?? [];
  // Amazon Linux kernel releases end in the machine name (uname -r), which NFD's label copies.
  const kernels = ['x86_64', 'aarch64'].map((m) => releases.map((r) => (ami.startsWith('al2') ? `${r}.${m}` : r)));
  const costCenter = team === '' ? '' : `cc-${4100 + 10 * teams.indexOf(team)}`;
  const gpu = types[0]?.[0]?.gpuProduct !== '';
  return { name, team, costCenter, env, types, windows: ami === 'windows', gpu, via, spot, taint, osImage, runtime, kubelets, kernels, weight };
}
const pools = poolRows.map(pool);
const controlPlanePool = pool(['control-plane', '', 'prod', 'm6i', 'kubeadm', 0, 'control-plane', 'kubeadm', 0]);

/** mulberry32: a tiny, fast 32-bit PRNG, identical on every platform; returns raw uint32s. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Cumulative weights scaled to 2^32, so a weighted pick is one short scan over a raw draw. */
function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((x, y) => x + y, 0);
  let sum = 0;
  return weights.map((w) => chance((sum += w) / total));
}
function pick<T>(items: readonly T[], cum: readonly number[], u: number): T {
  let i = 0;
  while (i < items.length - 1 && u >= (cum[i] ?? 0)) i++;
  return items[i] as T;
}
const poolCum = cumulative(pools.map((p) => p.weight));
const regionCum = cumulative(regionWeights);
const regionIndexes = regions.map((_, i) => i);
const zones = regions.map((r) => [`${r}a`, `${r}b`, `${r}c`]);
const dnsSuffix = regions.map((r) => (r === 'us-east-1' ? '.ec2.internal' : `.${r}.compute.internal`));
// Names are assembled from shared pieces: number formatting is a runtime call, and every piece
// allocated per node is copied by the young-generation GC, which is most of a large cluster's cost.
const decimal = Array.from({ length: 256 }, (_, b) => String(b));
const namePrefix = decimal.map((x) => `ip-10-${x}-`), dashed = decimal.map((x) => `${x}-`);
const addressPrefix = decimal.map((x) => `10.${x}.`), dotted = decimal.map((x) => `${x}.`);
const providerPrefix = zones.map((z) => z.map((zone) => `aws:///${zone}/i-0`));
const hex8 = (x: number): string => x.toString(16).padStart(8, '0');
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const createdAt = Array.from({ length: 540 }, (_, d) => iso(baseMs - (d + 1) * 86_400_000 + ((d * 7919) % 86_400) * 1000));
const recentAt = Array.from({ length: 120 }, (_, m) => iso(baseMs - (m + 1) * 61_000)); // health changes of the last 2 h

/** Labels in the byte order of their keys, the order kubectl prints them in. */
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
  labels[d.controlPlane ? 'node-role.kubernetes.io/control-plane' : 'node-role.kubernetes.io/worker'] = '';
  if (d.controlPlane) labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
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
  const at = d.since;
  if (d.health === 'not-ready') taints.push({ effect: 'NoSchedule', key: 'node.kubernetes.io/not-ready', timeAdded: at }, { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', timeAdded: at });
  else if (d.health === 'memory-pressure') taints.push({ effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', timeAdded: at });
  else if (d.health === 'cordoned') taints.push({ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', timeAdded: at });
  return taints;
}

function condition(type: string, status: string, reason: string, message: string, since: string): Record<string, string> {
  return { lastHeartbeatTime: heartbeat, lastTransitionTime: since, message, reason, status, type };
}

/**
 * `status` as the kubelet posts it: resources, the four conditions and nodeInfo. `addresses` is left
 * out (the IP is in the provided-node-ip annotation): placement never reads it, and its four objects
 * per node were a measurable share of generation time, most of it GC.
 */
function statusOf(d: Draw): Record<string, unknown> {
  const { type: t, pool: p, created, since, health } = d;
  const gpu = t.gpuProduct !== '';
  const kubelet = p.kubelets[d.upToDate ? 0 : 1];
  return {
    allocatable: gpu
      ? { cpu: t.cpuAllocatable, 'ephemeral-storage': '95551679961', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: t.memoryAllocatable, 'nvidia.com/gpu': t.gpus, pods: t.pods }
      : { cpu: t.cpuAllocatable, 'ephemeral-storage': '95551679961', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: t.memoryAllocatable, pods: t.pods },
    capacity: gpu
      ? { cpu: t.cpu, 'ephemeral-storage': '104845292Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: t.memory, 'nvidia.com/gpu': t.gpus, pods: t.pods }
      : { cpu: t.cpu, 'ephemeral-storage': '104845292Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: t.memory, pods: t.pods },
    conditions: [
      health === 'memory-pressure'
        ? condition('MemoryPressure', 'True', 'KubeletHasInsufficientMemory', 'kubelet has insufficient memory available', since)
        : condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', created),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', created),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', created),
      health === 'not-ready'
        ? condition('Ready', 'False', 'KubeletNotReady', notReadyMessage, since)
        : condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', created),
    ],
    nodeInfo: {
      architecture: t.arch, containerRuntimeVersion: p.runtime, kernelVersion: kernelOf(d), kubeProxyVersion: kubelet,
      kubeletVersion: kubelet, operatingSystem: p.windows ? 'windows' : 'linux', osImage: p.osImage,
    },
  };
}

/**
 * Generates `options.nodes` Node objects: plain JSON data, as in `kubectl get nodes -o json`.
 * Deterministic: the same seed and size give byte-identical output. Throws a RangeError for a size
 * outside 0 … 2^24 or a non-integer seed.
 */
export function generateCluster(options: GenerateClusterOptions): Record<string, unknown>[] {
  const { nodes: n, seed = 1 } = options;
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 24) throw new RangeError(`nodes must be an integer in 0 … 16777216, got ${n}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const next = mulberry32(seed);
  const ipOffset = next() & 0xffffff;
  const racks = zones.map((z) => z.map(() => [] as string[])); // rack names per zone, 40 nodes each
  const perZone = zones.map((z) => z.map(() => 0));
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    // The IP is an odd-multiplier bijection on 24 bits of i: scattered-looking, never repeated.
    const ip = (Math.imul(i, 0x9e3779b1) + ipOffset) & 0xffffff;
    const a = ip >>> 16, b = (ip >>> 8) & 255, c = ip & 255;
    // The three control-plane nodes come first, so optimised code never meets their rare branches.
    const cp = n >= 3 && i < 3;
    const p = cp ? controlPlanePool : pick(pools, poolCum, next());
    // GPU capacity sits in the two big US regions; the control plane spans us-east-1's zones.
    const r = cp ? 0 : p.gpu ? next() & 1 : pick(regionIndexes, regionCum, next());
    const z = cp ? i : next() % 3;
    const family = p.types[next() % p.types.length] ?? [];
    const type = (cp ? family[2] : family[next() % family.length]) as InstanceType;
    const zoneCounts = perZone[r] ?? [];
    const count = zoneCounts[z] ?? 0;
    zoneCounts[z] = count + 1;
    const zone = zones[r]?.[z] ?? '';
    const zoneRacks = racks[r]?.[z] ?? [];
    const rack = (zoneRacks[(count / 40) | 0] ??= `${zone}-r${String((count / 40) | 0).padStart(3, '0')}`);
    const u = cp ? 2 ** 32 : next(); // mutually exclusive: 1% NotReady, 0.5% memory pressure, 1% cordoned
    const health: Health = u < chance(0.01) ? 'not-ready' : u < chance(0.015) ? 'memory-pressure' : u < chance(0.025) ? 'cordoned' : 'ready';
    const created = createdAt[next() % createdAt.length] ?? heartbeat;
    const legacy = cp || (!p.gpu && next() < chance(0.63)); // GPU pools are newer than the beta labels
    const name = `${namePrefix[a]}${dashed[b]}${decimal[c]}${dnsSuffix[r]}`;
    const address = `${addressPrefix[a]}${dotted[b]}${decimal[c]}`;
    const d: Draw = {
      name, zone, region: regions[r] ?? '', rack, pool: p, type, spot: next() < chance(p.spot), legacy,
      beta: legacy && (next() & 3) === 0, upToDate: next() < chance(0.85), controlPlane: cp, health, created,
      since: health === 'ready' ? created : (recentAt[next() % recentAt.length] ?? heartbeat),
    };
    const taints = taintsOf(d);
    const providerID = `${providerPrefix[r]?.[z]}${hex8(next())}${hex8(next())}`; // EC2 ids: i-0 and 16 hex digits
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
