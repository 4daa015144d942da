/**
 * The honest baseline: the per-node loop a competent tool author writes without placement — labels
 * in a Map (as decoded), the pod's requirements read once per evaluation, early exit at the first
 * failing check, no index and nothing kept between evaluations. Same decisions as kube-scheduler's
 * four node filters (checked against the engine before timing); it is what every speedup is
 * reported against, besides the deliberately plain reference evaluator.
 */
import type { Node, NodeSelectorRequirement, PodPlacement, Taint, Toleration } from '../src/model/types.js';

const int64 = /^[+-]?[0-9]+$/;

function matches(rq: NodeSelectorRequirement, labels: ReadonlyMap<string, string>): boolean {
  const value = labels.get(rq.key);
  switch (rq.operator) {
    case 'In':
      return value !== undefined && rq.values.includes(value);
    case 'NotIn':
      return value === undefined || !rq.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !int64.test(value) || rq.values.length !== 1 || !int64.test(rq.values[0]!)) return false;
      const [n, t] = [BigInt(value), BigInt(rq.values[0]!)];
      return rq.operator === 'Gt' ? n > t : n < t;
    }
    default:
      return false;
  }
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.operator === '' || t.operator === 'Equal') && t.value === taint.value;
}

function passes(pod: PodPlacement, node: Node): boolean {
  if (node.unschedulable && !pod.tolerations.some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' }))) return false;
  if (pod.nodeName !== '' && pod.nodeName !== node.name) return false;
  for (const taint of node.taints) {
    if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !pod.tolerations.some((t) => tolerates(t, taint))) return false;
  }
  for (const [key, value] of pod.nodeSelector ?? []) if (node.labels.get(key) !== value) return false;
  const terms = pod.requiredTerms;
  if (terms === undefined) return true;
  return terms.some(
    (term) =>
      (term.matchExpressions.length > 0 || term.matchFields.length > 0) &&
      term.matchExpressions.every((rq) => matches(rq, node.labels)) &&
      term.matchFields.every((rq) => rq.key === 'metadata.name' && rq.values.length === 1 && (rq.operator === 'In' ? node.name === rq.values[0] : node.name !== rq.values[0])),
  );
}

/** How many nodes may run the pod, node by node. */
export function countEligibleNaive(pod: PodPlacement, nodes: readonly Node[]): number {
  let count = 0;
  for (const node of nodes) if (passes(pod, node)) count++;
  return count;
}
