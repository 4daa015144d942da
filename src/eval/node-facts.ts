/**
 * The facts document of one node: the plain JSON data a JSON Logic condition (an exported rule or
 * a policy) reads. Shape, field by field:
 *
 * ```
 * {
 *   name: string,                                  // metadata.name ("" for a nameless node)
 *   labels: { [key]: value },                      // metadata.labels
 *   taints: [{ key, value, effect }],              // spec.taints, in the node's order
 *   unschedulable: boolean,                        // spec.unschedulable (cordoned)
 *   conditions: [{ type, status }],                // status.conditions
 *   annotations?: { [key]: value },                // metadata.annotations, when the node has any
 *   allocatable?: { [resource]: quantity }         // status.allocatable, when the node has it
 * }
 * ```
 *
 * Label, annotation and resource keys contain dots and slashes (`topology.kubernetes.io/zone`,
 * `nvidia.com/gpu`), and JSON Logic `var` splits its path on dots, so `{"var": "labels.<key>"}`
 * reads the wrong thing: use the `label`/`hasLabel` operations (src/eval/json-logic.ts) for labels,
 * and JSONPath policy fields for the rest. Every map here has no prototype, so `__proto__` and
 * `constructor` are ordinary keys, and the whole document is frozen: it is cached per node and shared.
 */
import { isObject, own } from '../model/decode.js';
import type { Node } from '../model/types.js';

/** A string map without a prototype (`Object.create(null)`): any key, including `__proto__`, is plain data. */
export type FactsMap = Readonly<Record<string, string>>;

/** A node taint as the facts show it (`timeAdded` does not affect placement). */
export interface TaintFacts {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
}

/** A node condition as the facts show it. */
export interface ConditionFacts {
  readonly type: string;
  readonly status: string;
}

/** The facts document of one node; see the module comment for the shape and the `var` caveat. */
export interface NodeFacts {
  readonly name: string;
  readonly labels: FactsMap;
  readonly taints: readonly TaintFacts[];
  readonly unschedulable: boolean;
  readonly conditions: readonly ConditionFacts[];
  readonly annotations?: FactsMap;
  readonly allocatable?: FactsMap;
}

/** A frozen, prototype-free copy of a string map. */
export function factsMap(entries: Iterable<readonly [string, string]>): FactsMap {
  const out = Object.create(null) as Record<string, string>;
  for (const [key, value] of entries) out[key] = value;
  return Object.freeze(out);
}

/** The string (or number, written as text) entries of a raw object at `path`; `undefined` when it is not an object. */
function rawStringMap(raw: unknown, path: readonly string[]): FactsMap | undefined {
  let at: unknown = raw;
  for (const step of path) at = isObject(at) ? own(at, step) : undefined;
  if (!isObject(at)) return undefined;
  const entries: [string, string][] = [];
  for (const key of Object.keys(at)) {
    const value = own(at, key);
    // Quantities are strings in the API; a hand-written YAML `nvidia.com/gpu: 1` is a number.
    if (typeof value === 'string') entries.push([key, value]);
    else if (typeof value === 'number' && Number.isFinite(value)) entries.push([key, String(value)]);
  }
  return factsMap(entries);
}

// Nodes are immutable values (an update replaces the object), so facts can be cached by identity.
const cache = new WeakMap<Node, NodeFacts>();

/** The facts document of a node (cached per node object; frozen, prototype-free maps). */
export function nodeFacts(node: Node): NodeFacts {
  const cached = cache.get(node);
  if (cached) return cached;
  const facts = Object.create(null) as Record<string, unknown>;
  facts['name'] = node.name;
  facts['labels'] = factsMap(node.labels);
  facts['taints'] = Object.freeze(node.taints.map((t) => Object.freeze({ key: t.key, value: t.value, effect: t.effect })));
  facts['unschedulable'] = node.unschedulable;
  facts['conditions'] = Object.freeze(node.conditions.map((c) => Object.freeze({ type: c.type, status: c.status })));
  const annotations = rawStringMap(node.raw, ['metadata', 'annotations']);
  if (annotations) facts['annotations'] = annotations;
  const allocatable = rawStringMap(node.raw, ['status', 'allocatable']);
  if (allocatable) facts['allocatable'] = allocatable;
  const frozen = Object.freeze(facts) as unknown as NodeFacts;
  cache.set(node, frozen);
  return frozen;
}
