/**
 * The inputs of the pod-to-pod plugins (InterPodAffinity, PodTopologySpread): the incoming pod,
 * the pods already running, the nodes, and the Namespaces and selecting objects the plugins list.
 * Which pods count mirrors kube-scheduler's snapshot: a pod counts on a node when `spec.nodeName`
 * names one of the given nodes and its phase is neither Succeeded nor Failed.
 */
import type { FeatureGates } from '../model/feature-gates.js';
import type { NamespaceObject, SelectingObject } from '../model/pod-affinity-types.js';
import type { Node, PodPlacement, Workload } from '../model/types.js';
import { workloadPod, type PodController } from '../model/workload-pod.js';
import { isAssignedPod } from './resources/assigned-pod.js';

/** The pod being placed. */
export interface IncomingPod {
  readonly namespace: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly placement: PodPlacement;
  /** Where the pod spec sits in its manifest (`spec.` or `spec.template.spec.`), for field paths. */
  readonly specPath: string;
  /** The pod's controller, for the default spreading selector. */
  readonly controller?: PodController;
  /** Labels its controller adds to each pod, absent from a template (see model/workload-pod.ts). */
  readonly controllerAddedLabels: readonly string[];
}

/** A pod already in the cluster, as far as the pod-to-pod plugins read it (PodObject satisfies it). */
export interface ExistingPod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly nodeName: string;
  /** `status.phase`; Succeeded and Failed pods do not count. */
  readonly phase: string;
  /** Set while the pod is terminating: PodTopologySpread skips it, InterPodAffinity does not. */
  readonly deletionTimestamp?: string;
  readonly placement: Pick<PodPlacement, 'podAffinity' | 'podAntiAffinity'>;
}

/** The cluster the pod-to-pod plugins see. */
export interface PodToPodCluster {
  readonly nodes: readonly Node[];
  readonly pods: readonly ExistingPod[];
  /** Namespace objects; `undefined` when none were supplied (a namespaceSelector other than `{}` cannot be evaluated). */
  readonly namespaces?: readonly NamespaceObject[];
  /** Services, ReplicationControllers, ReplicaSets, StatefulSets; `undefined` when none were supplied. */
  readonly selectingObjects?: readonly SelectingObject[];
  readonly gates: FeatureGates;
}

/** A constraint the answer could not take into account, with its field path: the caller must say so. */
export interface NotEvaluated {
  readonly field: string;
  readonly what: string;
}

/** The incoming pod a workload's controller would create. */
export function incomingPodFromWorkload(workload: Workload): IncomingPod {
  const identity = workloadPod(workload);
  return {
    namespace: identity.namespace,
    labels: identity.labels,
    placement: workload.pod,
    specPath: workload.specPath,
    ...(identity.controller ? { controller: identity.controller } : {}),
    controllerAddedLabels: identity.controllerAddedLabels,
  };
}

/** The pods of each given node that the scheduler's cache holds (`isAssignedPod`), in input order; pods on nodes not given are left out, as the snapshot has no such node. */
export function podsByNode(cluster: PodToPodCluster): Map<string, ExistingPod[]> {
  const byNode = new Map<string, ExistingPod[]>();
  for (const node of cluster.nodes) byNode.set(node.name, []);
  for (const pod of cluster.pods) if (isAssignedPod(pod)) byNode.get(pod.nodeName)?.push(pod);
  return byNode;
}

/**
 * `GetNamespaceLabelsSnapshot`: the labels of the namespace, empty when it is not among the given
 * Namespaces (as upstream treats a namespace it cannot get); `undefined` when none were supplied.
 */
export function namespaceLabels(cluster: PodToPodCluster, name: string): ReadonlyMap<string, string> | undefined {
  if (!cluster.namespaces) return undefined;
  return cluster.namespaces.find((ns) => ns.name === name)?.labels ?? new Map();
}

/** Collects {@link NotEvaluated} entries, each field once, at most `limit` of them (then one summary entry). */
export class NotEvaluatedList {
  private readonly seen = new Set<string>();
  private readonly items: NotEvaluated[] = [];
  private dropped = 0;

  constructor(private readonly limit = 10) {}

  add(field: string, what: string): void {
    if (this.seen.has(field)) return;
    this.seen.add(field);
    if (this.items.length < this.limit) this.items.push({ field, what });
    else this.dropped += 1;
  }

  list(): NotEvaluated[] {
    return this.dropped === 0 ? [...this.items] : [...this.items, { field: '...', what: `${this.dropped} more like these` }];
  }
}

/**
 * `matchLabelKeys` / `mismatchLabelKeys` that name a label the pod's controller sets on each pod
 * (e.g. `pod-template-hash`) but the template lacks: the API server would merge that pod's own
 * value, which placement cannot know, so the selector is evaluated without it and this is reported.
 */
export function reportControllerLabelKeys(pod: IncomingPod, part: 'affinity' | 'spread', list: NotEvaluatedList): void {
  const unknown = (key: string): boolean => pod.controllerAddedLabels.includes(key) && !pod.labels.has(key);
  const what = (key: string): string => `label key ${key}: the controller sets it on each pod with a value a template cannot show; evaluated without it`;
  const check = (keys: readonly string[], path: string): void => keys.forEach((key, i) => unknown(key) && list.add(`${path}[${i}]`, what(key)));
  if (part === 'spread') {
    (pod.placement.topologySpreadConstraints ?? []).forEach((c, i) => check(c.matchLabelKeys, `${pod.specPath}topologySpreadConstraints[${i}].matchLabelKeys`));
    return;
  }
  for (const field of ['podAffinity', 'podAntiAffinity'] as const) {
    const rules = pod.placement[field];
    const base = `${pod.specPath}affinity.${field}`;
    rules?.required.forEach((t, i) => {
      check(t.matchLabelKeys, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}].matchLabelKeys`);
      check(t.mismatchLabelKeys, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}].mismatchLabelKeys`);
    });
    rules?.preferred.forEach((w, i) => {
      check(w.podAffinityTerm.matchLabelKeys, `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm.matchLabelKeys`);
      check(w.podAffinityTerm.mismatchLabelKeys, `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm.mismatchLabelKeys`);
    });
  }
}
