/**
 * Why one node fails, read off a decision: which filters fail it (from the decision's sets) and,
 * for each, the details a person acts on, worked out from the compiled constraints and the sets of
 * nodes each constraint admits — never by re-running a filter on the node. Called once per group
 * of equally explained nodes.
 */
import type { ConstraintLeaf } from '../compile/pod-constraints.js';
import { podToPodFilterOrder, type Rule } from '../compile/rule.js';
import type { Decision } from '../eval/decision.js';
import { detailText } from '../eval/detail-text.js';
import { reasonAffinityConflict, reasonPreFilterNodeAffinity } from '../eval/filters.js';
import { reasonOfFilter } from '../eval/indexed.js';
import { resourceFailures } from '../eval/resource-filters.js';
import { hasBit, type Bits } from '../node-index/bitset.js';
import type { NodeIndex } from '../node-index/node-index.js';
import type { Node } from '../model/types.js';
import { isBlockingEffect, isTolerated } from '../semantics/tolerations.js';

/** What explanations read besides the decision: the index, and the nodes each constraint admits. */
export interface ExplainContext {
  readonly index: NodeIndex;
  /** The live nodes satisfying `rule` (computed once per explanation and kept by the caller). */
  passing(rule: Rule): Bits;
}

/** A node's (or a group's) explanation. */
export interface Explanation {
  readonly reasons: readonly string[];
  readonly details: readonly string[];
}

function taintDetails(decision: Decision, node: Node): string[] {
  const rule = decision.compiled.filters.TaintToleration;
  if (!('tolerates' in rule)) return [];
  const gates = { TaintTolerationComparisonOperators: rule.tolerates.comparisonOperators };
  const out: string[] = [];
  for (const taint of node.taints) {
    if (isBlockingEffect(taint.effect) && !isTolerated(taint, rule.tolerates.tolerations, gates)) out.push(detailText.untoleratedTaint(taint));
  }
  return out;
}

function nodeAffinityDetails(decision: Decision, ctx: ExplainContext, id: number, node: Node): string[] {
  const { nodeSelector, terms } = decision.compiled.constraints;
  const fails = (leaf: ConstraintLeaf): boolean => !hasBit(ctx.passing(leaf.rule), id);
  // The nodeSelector is checked first; the terms only when it holds (GetRequiredNodeAffinity.Match).
  const selectorFailures = nodeSelector.filter(fails);
  if (selectorFailures.length > 0) return selectorFailures.map((leaf) => detailText.selector(leaf.key!, leaf.inValues![0]!, node.labels.get(leaf.key!)));
  if (!terms || terms.every((t) => t.state === 'empty')) return [detailText.noTerms];
  return terms.map((term) => {
    if (term.state === 'empty') return detailText.emptyTerm(term.index);
    if (term.state === 'invalid') return detailText.invalidTerm(term.index, term.problems);
    const expression = term.expressions.find(fails);
    if (expression) return detailText.termExpression(term.index, expression.text, expression.key!, node.labels.get(expression.key!));
    const field = term.fields.find(fails);
    return field ? detailText.termField(term.index, field.text, node.name) : `nodeSelectorTerms[${term.index}]: matches`;
  });
}

/** The reasons and details of node `id`, which the decision found ineligible. */
export function describeNode(decision: Decision, ctx: ExplainContext, id: number): Explanation {
  const node = ctx.index.nodes[id]!;
  const compiled = decision.compiled;
  if (compiled.preFilterConflict) return { reasons: [reasonAffinityConflict], details: [detailText.preFilterConflict] };
  const reasons: string[] = [];
  const details: string[] = [];
  const { failing } = decision;
  if (hasBit(failing.NodeUnschedulable, id)) {
    reasons.push(reasonOfFilter.NodeUnschedulable);
    details.push(detailText.cordoned);
  }
  if (hasBit(failing.NodeName, id)) {
    reasons.push(reasonOfFilter.NodeName);
    details.push(detailText.nodeName(compiled.pod.nodeName));
  }
  if (hasBit(failing.TaintToleration, id)) {
    reasons.push(reasonOfFilter.TaintToleration);
    details.push(...taintDetails(decision, node));
  }
  // A node outside the PreFilter's names is never filtered: the PreFilter's status takes NodeAffinity's place.
  if (decision.outsidePreFilter && hasBit(decision.outsidePreFilter, id)) {
    reasons.push(reasonPreFilterNodeAffinity);
    details.push(detailText.preFilterExcluded(compiled.preFilterNames ?? []));
  } else if (hasBit(failing.NodeAffinity, id)) {
    reasons.push(reasonOfFilter.NodeAffinity);
    details.push(...nodeAffinityDetails(decision, ctx, id, node));
  }
  const judged = decision.resources;
  if (judged && (hasBit(failing.NodePorts, id) || hasBit(failing.NodeResourcesFit, id))) {
    for (const f of resourceFailures(judged.demand, judged.pods, node)) {
      reasons.push(f.reason);
      details.push(...f.details);
    }
  }
  const podToPod = decision.podToPod;
  for (const filter of podToPod ? podToPodFilterOrder : []) {
    if (!hasBit(failing[filter], id)) continue;
    const failure = podToPod!.failureOf(filter, id);
    if (!failure) continue;
    reasons.push(failure.reason);
    details.push(...failure.details);
  }
  for (const check of decision.extraChecks) {
    if (!hasBit(check.failing, id)) continue;
    reasons.push(check.reason);
    details.push(check.detail);
  }
  return { reasons, details };
}
