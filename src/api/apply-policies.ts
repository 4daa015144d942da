/**
 * Custom policies on top of the built-in filters. A policy whose condition only reads labels is
 * judged for every node (on the index when there is one); any other is judged only for the nodes
 * the built-in filters left eligible — JSONPath over node objects costs far more per node than a
 * set operation. Excluded nodes get the policy's reason in their reasons and in the summary, where
 * a node counts under its first failing check (built-in filters first, then policies in order).
 */
import type { Diagnosis } from '../explain/diagnosis.js';
import type { IneligibleNode } from '../explain/result.js';
import type { Node, Workload } from '../model/types.js';
import { appliesTo } from '../policy/applies-to.js';
import { evaluatePolicy } from '../policy/evaluate-policy.js';
import type { Policy } from '../policy/policy.js';

/** Which nodes a label-only policy admits, when the caller can answer it from an index. */
export type LabelRuleAdmits = (policy: Policy) => ReadonlySet<string> | undefined;

/**
 * For each node some applicable policy excludes, the policies that do, in order. Label-only
 * policies judge every node in `nodes`; the others only the nodes in `eligible`.
 */
function rejections(applicable: readonly Policy[], nodes: readonly Node[], eligible: ReadonlySet<string>, admitsOnIndex: LabelRuleAdmits): Map<string, Policy[]> {
  const rejected = new Map<string, Policy[]>();
  for (const policy of applicable) {
    const admitted = policy.labelRule ? admitsOnIndex(policy) : undefined;
    for (const node of nodes) {
      if (policy.labelRule === undefined && !eligible.has(node.name)) continue;
      const ok = admitted ? admitted.has(node.name) : evaluatePolicy(policy, node);
      if (ok) continue;
      const list = rejected.get(node.name);
      if (list) list.push(policy);
      else rejected.set(node.name, [policy]);
    }
  }
  return rejected;
}

/**
 * The decision alone: which of the built-in filters' eligible nodes the policies leave, without
 * building any explanation (for counts and for scoring).
 */
export function admittedByPolicies(eligibleNodes: readonly Node[], policies: readonly Policy[], workload: Workload, admitsOnIndex: LabelRuleAdmits): Node[] {
  const applicable = policies.filter((p) => appliesTo(p, workload));
  if (applicable.length === 0) return [...eligibleNodes];
  const rejected = rejections(applicable, eligibleNodes, new Set(eligibleNodes.map((n) => n.name)), admitsOnIndex);
  return eligibleNodes.filter((n) => !rejected.has(n.name));
}

/** Applies the policies that apply to `workload` to a diagnosis over `nodes`. */
export function applyPolicies(d: Diagnosis, policies: readonly Policy[], workload: Workload, nodes: readonly Node[], admitsOnIndex: LabelRuleAdmits): Diagnosis {
  const applicable = policies.filter((p) => appliesTo(p, workload));
  if (applicable.length === 0 || d.preFilterMessage !== undefined) return d;
  const rejected = rejections(applicable, nodes, new Set(d.eligible), admitsOnIndex);
  if (rejected.size === 0) return d;
  const counts = new Map(d.counts);
  const ineligible: IneligibleNode[] = [];
  const previous = new Map(d.ineligible.map((n) => [n.node, n]));
  for (const node of nodes) {
    const mine = rejected.get(node.name) ?? [];
    const before = previous.get(node.name);
    if (before) {
      ineligible.push(mine.length === 0 ? before : { node: node.name, reasons: [...before.reasons, ...mine.map((p) => p.reason)], details: [...before.details, ...mine.map(describe)] });
    } else if (mine.length > 0) {
      const first = mine[0]!.reason;
      counts.set(first, (counts.get(first) ?? 0) + 1);
      ineligible.push({ node: node.name, reasons: mine.map((p) => p.reason), details: mine.map(describe) });
    }
  }
  return { ...d, eligible: d.eligible.filter((name) => !rejected.has(name)), ineligible, counts };
}

function describe(policy: Policy): string {
  return `policy ${policy.name} (${policy.source})`;
}
