/**
 * Which pods are the DaemonSet's (`getDaemonPods` → `ClaimPods`, controller_ref_manager.go), and
 * which node each targets (`GetTargetNodeName`).
 */
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import { matchesSelector, parseLabelSelector } from '../../semantics/label-selector.js';

/** The outcome of claiming. */
export interface ClaimResult {
  /** Owned and matching, plus adopted orphans. */
  readonly claimed: readonly PodObject[];
  /** Owned but no longer matching: the ownerReference is removed; the pod is not deleted. */
  readonly released: readonly string[];
  /** Matching orphans the controller adopts. */
  readonly adopted: readonly string[];
}

/** Is the pod controlled by this DaemonSet? By UID; by kind and name when the manifest has no UID. */
function isControlledBy(pod: PodObject, ds: DaemonSet): boolean {
  const ref = pod.controllerRef;
  if (!ref) return false;
  if (ds.uid !== '') return ref.uid === ds.uid;
  return ref.kind === 'DaemonSet' && ref.name === ds.workload.name;
}

/**
 * The pods a sync of the DaemonSet looks at, out of the cluster's (`getDaemonPods` lists the
 * namespace's pods, then claims): those of its namespace it controls or whose labels its selector
 * matches. Claiming these gives what claiming every pod gives: the others are neither claimed,
 * released nor adopted.
 */
export function daemonSetPods(ds: DaemonSet, pods: Iterable<PodObject>): PodObject[] {
  const selector = parseLabelSelector(ds.selector);
  const out: PodObject[] = [];
  for (const pod of pods) if (pod.namespace === ds.workload.namespace && (isControlledBy(pod, ds) || matchesSelector(selector, pod.labels))) out.push(pod);
  return out;
}

/** Classifies the pods of the DaemonSet's namespace. */
export function claimPods(ds: DaemonSet, pods: readonly PodObject[]): ClaimResult {
  const claimed: PodObject[] = [];
  const released: string[] = [];
  const adopted: string[] = [];
  // Parsed once per sync, as getDaemonPods does, not once per pod of the namespace.
  const selector = parseLabelSelector(ds.selector);
  for (const pod of pods) {
    if (pod.namespace !== ds.workload.namespace) continue;
    const matches = matchesSelector(selector, pod.labels);
    if (isControlledBy(pod, ds)) {
      if (matches) claimed.push(pod);
      else if (!ds.deleting) released.push(pod.name);
    } else if (!pod.controllerRef && matches && !pod.deletionTimestamp && !ds.deleting) {
      claimed.push(pod);
      adopted.push(pod.name);
    }
  }
  return { claimed, released, adopted };
}

/**
 * `GetTargetNodeName`: `spec.nodeName`, else the single value of the first required
 * `metadata.name In` field requirement; `undefined` (the pod is ignored) when there is none.
 */
export function targetNodeName(pod: PodObject): string | undefined {
  if (pod.nodeName !== '') return pod.nodeName;
  for (const term of pod.placement.requiredTerms ?? []) {
    for (const field of term.matchFields) {
      if (field.key === 'metadata.name' && field.operator === 'In') return field.values.length === 1 ? field.values[0] : undefined;
    }
  }
  return undefined;
}

/** Is the phase terminal? */
export function isTerminal(pod: PodObject): boolean {
  return pod.phase === 'Succeeded' || pod.phase === 'Failed';
}

/**
 * `getNodesToDaemonPods(includeDeletedTerminal)`: claimed pods grouped by target node, in the given
 * order; unless asked to include them, pods that are both terminal and being deleted are dropped.
 */
export function groupByNode(claimed: readonly PodObject[], includeDeletedTerminal = false): Map<string, PodObject[]> {
  const byNode = new Map<string, PodObject[]>();
  for (const pod of claimed) {
    if (!includeDeletedTerminal && isTerminal(pod) && pod.deletionTimestamp) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = byNode.get(node);
    if (list) list.push(pod);
    else byNode.set(node, [pod]);
  }
  return byNode;
}
