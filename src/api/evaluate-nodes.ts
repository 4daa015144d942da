/**
 * The decision over an ad-hoc list of nodes — the candidates kube-scheduler sends its extender —
 * with the reference filters: a one-off question about a few nodes is answered faster node by node
 * than by building an index. The extender's verbs need only the decision and one reason per failed
 * node, so no explanation is built.
 */
import {
  passesNodeAffinity,
  passesNodeName,
  passesTaints,
  passesUnschedulable,
  preparePod,
  reasonAffinityConflict,
  reasonNodeAffinity,
  reasonNodeName,
  reasonPreFilterNodeAffinity,
  reasonUnschedulable,
  reasonUntoleratedTaint,
  type PreparedPod,
} from '../eval/filters.js';
import type { Node, Workload } from '../model/types.js';
import { appliesTo } from '../policy/applies-to.js';
import { evaluatePolicy } from '../policy/evaluate-policy.js';
import type { ResolvedEngineOptions } from './engine.js';

/** Each filter's decision and the reason kube-scheduler records when it fails, in the default profile's order. */
const decisions: readonly (readonly [(prepared: PreparedPod, node: Node) => boolean, string])[] = [
  [passesUnschedulable, reasonUnschedulable],
  [passesNodeName, reasonNodeName],
  [passesTaints, reasonUntoleratedTaint],
  [passesNodeAffinity, reasonNodeAffinity],
];

/** The reason kube-scheduler records for a node, as `judgeNode` decides it, or `undefined` when every filter passes. */
function firstFailure(prepared: PreparedPod, node: Node): string | undefined {
  if (prepared.preFilterMessage !== undefined) return reasonAffinityConflict;
  // A node outside NodeAffinity's PreFilterResult is never filtered: it is recorded with the PreFilter's text.
  if (prepared.preFilterNames && !prepared.preFilterNames.has(node.name)) return reasonPreFilterNodeAffinity;
  for (const [passes, reason] of decisions) if (!passes(prepared, node)) return reason;
  return undefined;
}

/** The decision over a node list with one reason per failed node, without explanations. */
export interface FirstFailures {
  /** The nodes that pass every filter and policy, in input order. */
  readonly passed: readonly Node[];
  /** For each failed node, by name: its PreFilter's reason, else its first failing filter's, else its first rejecting policy's. */
  readonly failed: ReadonlyMap<string, string>;
}

/**
 * Decides `workload` on lists of nodes (each in its order), stopping at each node's first failing
 * check as kube-scheduler does, custom policies last. The pod is parsed once (the PreFilter
 * stage) and each node is decided on its own, so a long list can be decided in blocks.
 */
export function firstFailuresJudge(workload: Workload, options: ResolvedEngineOptions): (nodes: readonly Node[]) => FirstFailures {
  const prepared = preparePod(workload.pod, options.featureGates);
  const policies = options.policies.filter((p) => appliesTo(p, workload));
  return (nodes) => {
    const passed: Node[] = [];
    const failed = new Map<string, string>();
    for (const node of nodes) {
      // Policies judge only the nodes the filters pass; the first that rejects gives the reason.
      const reason = firstFailure(prepared, node) ?? policies.find((p) => !evaluatePolicy(p, node))?.reason;
      if (reason === undefined) passed.push(node);
      else failed.set(node.name, reason);
    }
    return { passed, failed };
  };
}

/** {@link firstFailuresJudge} on one list of nodes. */
export function firstFailuresAmong(workload: Workload, nodes: readonly Node[], options: ResolvedEngineOptions): FirstFailures {
  return firstFailuresJudge(workload, options)(nodes);
}
