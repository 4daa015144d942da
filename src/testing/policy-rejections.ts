/**
 * A test oracle for policies: for each node some policy applicable to the workload excludes, the
 * policies' reasons in policy order, without repeats — judged node by node, every node, the plain
 * way (the engine judges non-label policies only on the nodes the built-in filters admit).
 */
import type { Node, Workload } from '../model/types.js';
import { appliesTo } from '../policy/applies-to.js';
import { evaluatePolicy } from '../policy/evaluate-policy.js';
import type { Policy } from '../policy/policy.js';

/** Node name → the reasons of the applicable policies that exclude it. */
export function policyRejections(policies: readonly Policy[], workload: Workload, nodes: Iterable<Node>): Map<string, string[]> {
  const applicable = policies.filter((p) => appliesTo(p, workload));
  const out = new Map<string, string[]>();
  for (const node of nodes) {
    const reasons = [...new Set(applicable.filter((p) => !evaluatePolicy(p, node)).map((p) => p.reason))];
    if (reasons.length > 0) out.set(node.name, reasons);
  }
  return out;
}
