/**
 * Policies over nodes: the facts a condition sees (the node's facts plus the policy's JSONPath
 * `fields`), one policy on one node, and every applicable policy's rejections over a node set.
 */
import { PlacementError } from '../errors.js';
import { evaluateJsonLogic } from '../eval/json-logic.js';
import { nodeFacts, type NodeFacts } from '../eval/node-facts.js';
import type { Node, Workload } from '../model/types.js';
import { appliesTo } from './applies-to.js';
import { readFieldValue } from './json-path.js';
import type { Policy } from './policy.js';

function failure(policy: Policy, path: string, node: Node, error: unknown): PlacementError {
  const reason = error instanceof Error ? error.message : String(error);
  const detail = `policy ${JSON.stringify(policy.name)} fails on node ${JSON.stringify(node.name)}: ${reason}`;
  return new PlacementError('invalid', `${policy.source}: ${path}: ${detail}`, [{ path, type: 'Invalid value', badValue: node.name, detail, file: policy.source }]);
}

/** A node's facts as a policy sees them: `fields` is present when the policy declares any. */
export type PolicyFacts = NodeFacts & { readonly fields?: Readonly<Record<string, unknown>> };

/**
 * The facts document a policy's condition reads on a node: {@link nodeFacts}, plus `fields` (each
 * alias's JSONPath over the node object: its one value, `null` when none, a list when several).
 */
export function policyFacts(policy: Policy, node: Node): PolicyFacts {
  const facts = nodeFacts(node);
  if (policy.fields.size === 0) return facts;
  const fields = Object.create(null) as Record<string, unknown>;
  for (const [alias, path] of policy.fields) {
    try {
      fields[alias] = readFieldValue(node.raw, path);
    } catch (error) {
      throw failure(policy, `spec.fields.${alias}`, node, error);
    }
  }
  return Object.freeze(Object.assign(Object.create(null) as object, facts, { fields: Object.freeze(fields) })) as PolicyFacts;
}

/** Does the node satisfy the policy's condition? (Whether the policy applies is {@link appliesTo}'s question.) */
export function evaluatePolicy(policy: Policy, node: Node): boolean {
  const facts = policyFacts(policy, node);
  try {
    return evaluateJsonLogic(policy.condition, facts);
  } catch (error) {
    throw failure(policy, 'spec.condition', node, error);
  }
}

/**
 * For each node some policy applicable to the workload excludes: the policies' reasons, in policy
 * order, without repeats. Nodes no policy excludes are absent. Throws a {@link PlacementError} when
 * a condition fails to evaluate.
 */
export function policyRejections(policies: readonly Policy[], workload: Workload, nodes: Iterable<Node>): Map<string, string[]> {
  const applicable = policies.filter((p) => appliesTo(p, workload));
  const out = new Map<string, string[]>();
  if (applicable.length === 0) return out;
  for (const node of nodes) {
    for (const policy of applicable) {
      if (evaluatePolicy(policy, node)) continue;
      const reasons = out.get(node.name);
      if (!reasons) out.set(node.name, [policy.reason]);
      else if (!reasons.includes(policy.reason)) reasons.push(policy.reason);
    }
  }
  return out;
}
