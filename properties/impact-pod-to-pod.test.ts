/**
 * What-if impact with the running pods given, against doing it: the nodes `impact` says a workload
 * gains and loses are exactly those where the whole verdict changes — the node filters node by
 * node, NodePorts and NodeResourcesFit against the node's usage summed from its pods (a node change
 * leaves both as they are), and PodTopologySpread and InterPodAffinity from the semantics layer's PreFilter over plain
 * lists — between the nodes as they are and the nodes with the changes made. Relabelled zones and
 * added taints move topology domains, so nodes no change names may be gained or lost too.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import { applyNodeChange } from '../src/api/impact.js';
import type { NodeChange } from '../src/api/impact-inputs.js';
import { preparePod } from '../src/eval/filters.js';
import { judgeNode } from '../src/eval/reference.js';
import { decodePodObject } from '../src/model/decode-daemonset.js';
import type { JsonObject } from '../src/model/decode.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { PodObject } from '../src/model/daemonset-types.js';
import type { Node, Workload } from '../src/model/types.js';
import { decodeWorkload } from '../src/model/workload.js';
import { filterPodAffinity, preparePodAffinity } from '../src/semantics/inter-pod-affinity-filter.js';
import { incomingPodFromWorkload, type PodToPodCluster } from '../src/semantics/pod-to-pod-inputs.js';
import { filterTopologySpread, prepareTopologySpread } from '../src/semantics/topology-spread-filter.js';
import { resourceFailuresWith } from '../src/eval/resource-filters.js';
import { demandOfPod, noResources } from '../src/node-index/cluster-pods.js';
import { isAssignedPod } from '../src/semantics/resources/assigned-pod.js';
import { NodeUsage } from '../src/semantics/resources/node-usage.js';
import { computePodDemand } from '../src/semantics/resources/pod-demand.js';
import { fullCaseArb, toNamespaces, toNode } from './pod-to-pod-arbitraries.js';
import { check, expectEqual } from './support.js';

/** Changes to nodes `n0…n<count-1>`: a zone or disk label set or removed, a `dedicated` taint added or removed. */
const changesArb = (count: number): fc.Arbitrary<NodeChange[]> =>
  fc.array(
    fc.record({
      node: fc.integer({ min: 0, max: count - 1 }).map((i) => `n${i}`),
      label: fc.constantFrom<Partial<NodeChange>>({ setLabels: { zone: 'z1' } }, { setLabels: { zone: 'z3' } }, { removeLabels: ['zone'] }, { setLabels: { disk: 'ssd' } }, {}),
      taint: fc.constantFrom<Partial<NodeChange>>({}, {}, { addTaints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] }, { removeTaints: [{ key: 'dedicated' }] }),
    }).map(({ node, label, taint }): NodeChange => ({ node, ...label, ...taint })),
    { minLength: 1, maxLength: 3 },
  );

/** The workload of the generated incoming pod (a bare Pod, so its labels are its own). */
function workloadOf(incoming: { namespace: string; app: string | null; tier: string | null; spec: JsonObject }): Workload {
  const labels = { ...(incoming.app ? { app: incoming.app } : {}), ...(incoming.tier ? { tier: incoming.tier } : {}) };
  const decoded = decodeWorkload({ kind: 'Pod', metadata: { name: 'incoming', namespace: incoming.namespace, labels }, spec: { containers: [{ name: 'c', image: 'x' }], ...incoming.spec } });
  if (!decoded.ok) throw new Error(`generated workload does not decode: ${JSON.stringify(decoded.errors)}`);
  return decoded.workload;
}

/** What the pods assigned to `node` use there, summed pod by pod. */
function usageOn(node: string, pods: readonly PodObject[]): NodeUsage {
  const usage = new NodeUsage();
  for (const pod of pods) if (isAssignedPod(pod) && pod.nodeName === node) usage.add(demandOfPod(pod));
  return usage;
}

/** The nodes where the workload's pod passes every filter, node by node, pod-to-pod from plain lists. */
function passing(w: Workload, nodes: readonly Node[], cluster: Omit<PodToPodCluster, 'nodes'> & { pods: readonly PodObject[] }): Set<string> {
  const prepared = preparePod(w.pod, defaultFeatureGates);
  const demand = computePodDemand(w.resources ?? noResources);
  const resources = (n: Node) => resourceFailuresWith(demand, usageOn(n.name, cluster.pods), n);
  const pod = incomingPodFromWorkload(w);
  const lists: PodToPodCluster = { ...cluster, nodes };
  const spread = prepareTopologySpread(pod, lists);
  const affinity = preparePodAffinity(pod, lists);
  return new Set(nodes.filter((n) => judgeNode(prepared, n, resources(n)).schedulerReason === undefined && !filterTopologySpread(spread, n) && !filterPodAffinity(affinity, n)).map((n) => n.name));
}

test('impact with pods = the difference of the whole verdict before and after the changes', (ctx) => {
  check(
    ctx,
    fc.property(
      fullCaseArb.chain((c) => fc.record({ c: fc.constant(c), changes: changesArb(c.nodes.length) })),
      ({ c, changes }) => {
        const nodes = c.nodes.map(toNode);
        const pods = c.pods.map((object) => decodePodObject(object).pod!) as PodObject[];
        const namespaces = toNamespaces(c.namespaceTeams);
        const w = workloadOf(c.incoming);
        const r = createEngine({ nodes, pods, ...(namespaces ? { objects: { namespaces } } : {}) }).impact(changes, [w]).workloads[0]!;
        let after = nodes;
        for (const change of changes) after = after.map((n) => (n.name === change.node ? applyNodeChange(n, change) : n));
        const rest = { pods, gates: defaultFeatureGates, ...(namespaces ? { namespaces } : {}) };
        const was = passing(w, nodes, rest);
        const is = passing(w, after, rest);
        const sorted = (list: Iterable<string>): string[] => [...list].sort();
        expectEqual(sorted(r.gained), sorted([...is].filter((n) => !was.has(n))), 'gained');
        expectEqual(sorted(r.lost), sorted([...was].filter((n) => !is.has(n))), 'lost');
      },
    ),
    0.3,
  );
});

test.run();
