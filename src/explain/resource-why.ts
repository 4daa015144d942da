/**
 * `why`'s rows for NodePorts and NodeResourcesFit: one per host port the pod binds (the nodes where
 * it is free), one per resource it requests (the nodes with that much free), and the pod count
 * when it excludes a node. Relaxing one means freeing it on the nodes, or asking for less.
 */
import type { PodResources } from '../model/resource-types.js';
import type { ClusterPods } from '../node-index/cluster-pods.js';
import { andNotBits } from '../node-index/bitset.js';
import { bindAllHostIP } from '../semantics/host-ports.js';
import { formatAmount } from '../semantics/resources/fit-details.js';
import { ReasonTooManyPods } from '../semantics/resources/fit.js';
import type { PodDemand } from '../semantics/resources/pod-demand.js';
import { addPortConflicts, resourceFailingIndexed } from '../eval/resource-filters.js';
import type { WhyCheck } from './why.js';

/** Field paths of the pod's host ports, in `GetHostPorts` order (sidecars, then containers). */
function hostPortFields(resources: PodResources | undefined, specPath: string): string[] {
  if (!resources) return [];
  const out: string[] = [];
  resources.initContainers.forEach((c, i) => {
    if (c.restartPolicy !== 'Always') return;
    c.ports.forEach((p, j) => void (p.hostPort > 0 && out.push(`${specPath}initContainers[${i}].ports[${j}].hostPort`)));
  });
  resources.containers.forEach((c, i) => c.ports.forEach((p, j) => void (p.hostPort > 0 && out.push(`${specPath}containers[${i}].ports[${j}].hostPort`))));
  return out;
}

/** The rows, each with the live nodes that pass it. */
export function resourceWhyChecks(demand: PodDemand, pods: ClusterPods, resources: PodResources | undefined, specPath: string): WhyCheck[] {
  const index = pods.index;
  const words = index.liveWords;
  const fields = hostPortFields(resources, specPath);
  const out: WhyCheck[] = demand.hostPorts.map((p, i) => {
    const conflicts = new Uint32Array(index.words);
    addPortConflicts(p, pods, index.alive, conflicts);
    const passes = index.alive.slice();
    andNotBits(passes, conflicts, words);
    const address = p.hostIP === bindAllHostIP ? '' : ` on ${p.hostIP}`;
    return { filter: 'NodePorts', field: fields[i] ?? `${specPath}containers`, constraint: `host port ${p.port}/${p.protocol}${address} is free`, change: `free host port ${p.port}/${p.protocol} on the nodes, or use another`, passes };
  });
  const failing = resourceFailingIndexed(demand, pods, index.alive, words);
  const amounts = new Map<string, number>([['cpu', demand.request.milliCPU], ['memory', demand.request.memory], ['ephemeral-storage', demand.request.ephemeralStorage], ...demand.request.scalar]);
  for (const [reason, set] of failing.byReason) {
    const passes = index.alive.slice();
    andNotBits(passes, set, words);
    if (reason === ReasonTooManyPods) {
      if (passes.every((w, i) => w === index.alive[i])) continue;
      out.push({ filter: 'NodeResourcesFit', field: 'status.allocatable.pods (nodes)', constraint: 'room for one more pod', change: 'free pod slots on the nodes', passes });
      continue;
    }
    const name = reason.slice('Insufficient '.length);
    const amount = formatAmount(name, amounts.get(name) ?? 0);
    out.push({ filter: 'NodeResourcesFit', field: `${specPath}containers[*].resources.requests.${name}`, constraint: `requests ${name} ${amount} (the pod's effective request)`, change: `request less ${name} than ${amount}, or free ${name} on the nodes`, passes });
  }
  return out;
}
