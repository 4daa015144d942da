/**
 * Required node affinity as kube-scheduler evaluates it at run time: component-helpers
 * nodeaffinity `NewLazyErrorNodeSelector` and `GetRequiredNodeAffinity(pod).Match`. Terms are
 * ORed; inside a term every expression and field requirement is ANDed; an empty term is dropped
 * (matches nothing); a term with any invalid requirement never matches, but only disables itself.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, PodPlacement } from '../model/types.js';
import { describeRequirement, matchesLabelRequirement, parseLabelRequirement, type ParsedRequirement } from './label-requirement.js';

/** A `matchFields` requirement that parsed: only `In`/`NotIn` with exactly one value. */
export interface ParsedFieldRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn';
  readonly value: string;
}

/** A term after parsing; `problems` non-empty means the term is broken and never matches. */
export interface ParsedTerm {
  /** Index in `nodeSelectorTerms`, for explanations. */
  readonly index: number;
  readonly expressions: readonly ParsedRequirement[];
  readonly fields: readonly ParsedFieldRequirement[];
  readonly raw: NodeSelectorTerm;
  readonly problems: readonly string[];
}

/** `isEmptyNodeSelectorTerm`: neither expressions nor fields. */
export function isEmptyTerm(term: NodeSelectorTerm): boolean {
  return term.matchExpressions.length === 0 && term.matchFields.length === 0;
}

/** `nodeSelectorRequirementsAsFieldSelector`: the key is not checked at run time. */
function parseFieldRequirement(rq: NodeSelectorRequirement): ParsedFieldRequirement | string {
  if (rq.operator !== 'In' && rq.operator !== 'NotIn') {
    return `matchFields operator ${JSON.stringify(rq.operator)} is not supported (supported: In, NotIn)`;
  }
  const [value] = rq.values;
  if (rq.values.length !== 1 || value === undefined) return `matchFields ${rq.key} ${rq.operator} must have one element (has ${rq.values.length})`;
  return { key: rq.key, operator: rq.operator, value };
}

/** Parses one term; invalid requirements are recorded as problems, not thrown. */
export function parseTerm(term: NodeSelectorTerm, index: number): ParsedTerm {
  const problems: string[] = [];
  const expressions: ParsedRequirement[] = [];
  const fields: ParsedFieldRequirement[] = [];
  for (const rq of term.matchExpressions) {
    const parsed = parseLabelRequirement(rq);
    if (parsed.ok) expressions.push(parsed.requirement);
    else problems.push(`${describeRequirement(rq)}: ${parsed.problems.join('; ')}`);
  }
  for (const rq of term.matchFields) {
    const parsed = parseFieldRequirement(rq);
    if (typeof parsed === 'string') problems.push(parsed);
    else fields.push(parsed);
  }
  return { index, expressions, fields, raw: term, problems };
}

/** The terms kube-scheduler keeps: empty terms are dropped before evaluation. */
export function parseRequiredTerms(terms: readonly NodeSelectorTerm[]): ParsedTerm[] {
  const out: ParsedTerm[] = [];
  terms.forEach((term, i) => {
    if (!isEmptyTerm(term)) out.push(parseTerm(term, i));
  });
  return out;
}

/** `extractNodeFields`: the only field is `metadata.name`, and a node without a name has none. */
function fieldValue(node: Node, key: string): string {
  return key === 'metadata.name' ? node.name : '';
}

/** Does the field requirement hold? (`fields.hasTerm` / `notHasTerm`; unknown keys read as "".) */
export function matchesFieldRequirement(rq: ParsedFieldRequirement, node: Node): boolean {
  const value = fieldValue(node, rq.key);
  return rq.operator === 'In' ? value === rq.value : value !== rq.value;
}

/** `nodeSelectorTerm.match`: a broken term never matches; fields are skipped for a nameless node. */
export function matchesTerm(term: ParsedTerm, node: Node): boolean {
  if (term.problems.length > 0) return false;
  for (const rq of term.expressions) if (!matchesLabelRequirement(rq, node.labels)) return false;
  if (node.name === '') return true;
  for (const rq of term.fields) if (!matchesFieldRequirement(rq, node)) return false;
  return true;
}

/** Does `nodeSelector` (a plain map of equalities) match the node's labels? */
export function matchesNodeSelectorMap(selector: ReadonlyMap<string, string> | undefined, labels: ReadonlyMap<string, string>): boolean {
  if (!selector) return true;
  for (const [key, value] of selector) if (labels.get(key) !== value) return false;
  return true;
}

/** The nodeSelector's entries by key: a map's order in a manifest means nothing, so explanations do not follow it. */
export function sortedSelector(selector: ReadonlyMap<string, string> | undefined): [string, string][] {
  return [...(selector ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** NodeAffinity `PreFilter`: union over terms of the intersection of each term's `metadata.name In` sets. */
export function nodeNamesFromTerms(pod: PodPlacement): Set<string> | undefined {
  const terms = pod.requiredTerms;
  if (!terms || terms.length === 0) return undefined;
  let union: Set<string> | undefined;
  for (const term of terms) {
    let names: Set<string> | undefined;
    for (const rq of term.matchFields) {
      if (rq.key !== 'metadata.name' || rq.operator !== 'In') continue;
      const values = new Set(rq.values);
      names = names ? new Set([...names].filter((n) => values.has(n))) : values;
    }
    // A term without such a requirement lets every node through: the terms are ORed.
    if (!names) return undefined;
    union = new Set([...(union ?? []), ...names]);
  }
  return union;
}

/**
 * `GetRequiredNodeAffinity(pod).Match` with parse errors ignored, as PodTopologySpread's
 * nodeAffinityPolicy reads it: `nodeSelector`, then any required term (a pod without a required
 * block imposes nothing; a broken term never matches). Terms are parsed once.
 */
export function requiredNodeAffinityMatcher(pod: Pick<PodPlacement, 'nodeSelector' | 'requiredTerms'>): (node: Node) => boolean {
  const terms = pod.requiredTerms === undefined ? undefined : parseRequiredTerms(pod.requiredTerms);
  return (node) => matchesNodeSelectorMap(pod.nodeSelector, node.labels) && (terms === undefined || terms.some((term) => matchesTerm(term, node)));
}
