/**
 * Policies over nodes: the facts a condition sees (the node's facts plus the policy's JSONPath
 * `fields`), and one policy judged on one node.
 */
import { PlacementError } from '../errors.js';
import { evaluateJsonLogic } from '../eval/json-logic.js';
import { nodeFacts, type NodeFacts } from '../eval/node-facts.js';
import type { Node } from '../model/types.js';
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

/** Does the node satisfy the policy's condition? (Whether the policy applies to a workload is `appliesTo`'s question.) */
export function evaluatePolicy(policy: Policy, node: Node): boolean {
  const facts = policyFacts(policy, node);
  try {
    return evaluateJsonLogic(policy.condition, facts);
  } catch (error) {
    throw failure(policy, 'spec.condition', node, error);
  }
}
