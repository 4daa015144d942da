/**
 * A pod's constraints one by one, each with the field path where it is written and a rule of its
 * own: what explanations and `why` need and the folded filter rules no longer show (folding merges
 * every requirement on a key into one). NodeAffinity keeps its shape: the nodeSelector entries,
 * ANDed, and the required terms, ORed, each an AND of its requirements. Taints are not here: which
 * taints block a pod depends on the cluster, so they are read from the node index when needed.
 */
import { isTolerated, unschedulableTaint } from '../semantics/tolerations.js';
import { describeRequirement, type ParsedRequirement } from '../semantics/label-requirement.js';
import { isEmptyTerm, parseTerm, sortedSelector, type ParsedFieldRequirement } from '../semantics/node-selector.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { PodPlacement } from '../model/types.js';
import { addRequirement, emptyConstraint, foldConstraint } from './key-constraint.js';
import { and } from './simplify.js';
import { ruleFalse, ruleTrue, type FilterName, type Rule } from './rule.js';

/** One requirement a node can fail. */
export interface ConstraintLeaf {
  readonly filter: FilterName;
  /** Where it is written, e.g. `spec.nodeSelector["disktype"]`. */
  readonly field: string;
  /** How a person reads it, e.g. `disktype In [ssd]`. */
  readonly text: string;
  /** The nodes that satisfy it. */
  readonly rule: Rule;
  /** The label key it reads (for a node's value in explanations). */
  readonly key?: string;
  /** For `In` (and nodeSelector entries): the allowed values, for "add this value" fixes. */
  readonly inValues?: readonly string[];
}

/** One required nodeSelectorTerm. */
export interface TermConstraints {
  /** Index in `nodeSelectorTerms`. */
  readonly index: number;
  readonly field: string;
  /** An empty or invalid term never matches (and has no leaves). */
  readonly state: 'ok' | 'empty' | 'invalid';
  /** Why an invalid term is invalid. */
  readonly problems: readonly string[];
  /** matchExpressions in order. */
  readonly expressions: readonly ConstraintLeaf[];
  /** matchFields in order. */
  readonly fields: readonly ConstraintLeaf[];
  /**
   * The term's `metadata.name In` values, by matchFields index, valid or not: NodeAffinity's
   * PreFilter reads them before any validity check.
   */
  readonly namePins: readonly { readonly field: number; readonly values: readonly string[] }[];
}

/** Every constraint of a pod, by filter. */
export interface PodConstraints {
  /** NodeUnschedulable: present when the pod does not tolerate cordoned nodes. */
  readonly cordon?: ConstraintLeaf;
  /** NodeName: present when `spec.nodeName` is set. */
  readonly nodeName?: ConstraintLeaf;
  /** The tolerations' field path (taint constraints are written there). */
  readonly tolerationsField: string;
  /** NodeAffinity: nodeSelector entries, by key. */
  readonly nodeSelector: readonly ConstraintLeaf[];
  /** NodeAffinity: the required terms; `undefined` when the pod has none. */
  readonly terms?: readonly TermConstraints[];
  /** The required block's field path. */
  readonly termsField: string;
}

/** One parsed requirement alone, as a rule (Gt/Lt become inclusive int64 ranges). */
function requirementRule(rq: ParsedRequirement): Rule {
  const c = emptyConstraint();
  addRequirement(c, rq);
  const folded = foldConstraint(rq.key, c, () => rq.key);
  return 'never' in folded ? ruleFalse : and(folded.rules);
}

/** One parsed matchFields requirement alone; nameless nodes have no fields and pass it. */
function fieldRule(f: ParsedFieldRequirement): Rule {
  if (f.key !== 'metadata.name') {
    const holdsForNamed = f.operator === 'In' ? f.value === '' : f.value !== '';
    return holdsForNamed ? ruleTrue : { nameIn: [] };
  }
  return f.operator === 'In' ? { nameIn: [f.value] } : { nameNotIn: [f.value] };
}

/** Collects the pod's constraints; `specPath` is the pod spec's path, e.g. `spec.template.spec.`. */
export function collectPodConstraints(pod: PodPlacement, gates: FeatureGates, specPath: string): PodConstraints {
  const tolerationsField = `${specPath}tolerations`;
  const cordon: ConstraintLeaf | undefined = isTolerated(unschedulableTaint, pod.tolerations, gates)
    ? undefined
    : { filter: 'NodeUnschedulable', field: tolerationsField, text: 'node is not cordoned (spec.unschedulable)', rule: { schedulable: true } };
  const nodeName: ConstraintLeaf | undefined =
    pod.nodeName === '' ? undefined : { filter: 'NodeName', field: `${specPath}nodeName`, text: `node name is ${JSON.stringify(pod.nodeName)}`, rule: { nodeName: pod.nodeName } };
  const nodeSelector = sortedSelector(pod.nodeSelector).map(
    ([key, value]): ConstraintLeaf => ({
      filter: 'NodeAffinity',
      field: `${specPath}nodeSelector[${JSON.stringify(key)}]`,
      text: `${key} In [${value}]`,
      rule: { in: { key, values: [value] } },
      key,
      inValues: [value],
    }),
  );
  const termsField = `${specPath}affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
  const terms = pod.requiredTerms?.map((raw, index): TermConstraints => {
    const field = `${termsField}.nodeSelectorTerms[${index}]`;
    const namePins = raw.matchFields.flatMap((f, j) => (f.key === 'metadata.name' && f.operator === 'In' ? [{ field: j, values: f.values }] : []));
    if (isEmptyTerm(raw)) return { index, field, state: 'empty', problems: [], expressions: [], fields: [], namePins };
    const term = parseTerm(raw, index);
    if (term.problems.length > 0) return { index, field, state: 'invalid', problems: term.problems, expressions: [], fields: [], namePins };
    const expressions = term.expressions.map(
      (rq, j): ConstraintLeaf => ({
        filter: 'NodeAffinity',
        field: `${field}.matchExpressions[${j}]`,
        text: describeRequirement(rq),
        rule: requirementRule(rq),
        key: rq.key,
        ...(rq.operator === 'In' ? { inValues: rq.values } : {}),
      }),
    );
    const fields = term.fields.map(
      (f, j): ConstraintLeaf => ({
        filter: 'NodeAffinity',
        field: `${field}.matchFields[${j}]`,
        text: `matchFields ${f.key} ${f.operator} [${f.value}]`,
        rule: fieldRule(f),
      }),
    );
    return { index, field, state: 'ok', problems: [], expressions, fields, namePins };
  });
  return { ...(cordon ? { cordon } : {}), ...(nodeName ? { nodeName } : {}), tolerationsField, nodeSelector, ...(terms ? { terms } : {}), termsField };
}
