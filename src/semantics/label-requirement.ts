/**
 * One `matchExpressions` entry as kube-scheduler parses and matches it at run time
 * (k8s.io/apimachinery/pkg/labels `NewRequirement` and `Requirement.Matches`, reached through
 * component-helpers nodeaffinity `nodeSelectorRequirementsAsSelector`).
 */
import type { NodeSelectorRequirement } from '../model/types.js';
import { checkLabelKey, checkLabelValue } from '../model/validate-names.js';
import { parseGoInt64 } from '../model/int64.js';

/** The node-affinity operators. */
export type LabelOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

/** A requirement that parsed; `threshold` is set for Gt/Lt. */
export interface ParsedRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
  readonly threshold?: bigint;
}

/** Parse outcome: the requirement, or why the runtime selector rejects it (which breaks its term). */
export type RequirementParse = { ok: true; requirement: ParsedRequirement } | { ok: false; problems: string[] };

const operators: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

/** `labels.NewRequirement` rules: operator, key syntax, value count per operator, integers, value syntax. */
export function parseLabelRequirement(rq: NodeSelectorRequirement): RequirementParse {
  const problems: string[] = [];
  if (!operators.includes(rq.operator)) {
    problems.push(`operator ${JSON.stringify(rq.operator)} is not supported (supported: ${operators.join(', ')})`);
  }
  problems.push(...checkLabelKey(rq.key).map((m) => `key ${JSON.stringify(rq.key)}: ${m}`));
  let threshold: bigint | undefined;
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (rq.values.length === 0) problems.push("for 'in', 'notin' operators, values set can't be empty");
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (rq.values.length !== 0) problems.push('values set must be empty for exists and does not exist');
      break;
    case 'Gt':
    case 'Lt':
      if (rq.values.length !== 1) problems.push("for 'Gt', 'Lt' operators, exactly one value is required");
      for (const value of rq.values) {
        const parsed = parseGoInt64(value);
        if (parsed === undefined) problems.push(`for 'Gt', 'Lt' operators, the value must be an integer (got ${JSON.stringify(value)})`);
        else threshold = parsed;
      }
      break;
  }
  for (const value of rq.values) problems.push(...checkLabelValue(value).map((m) => `value ${JSON.stringify(value)}: ${m}`));
  if (problems.length > 0) return { ok: false, problems };
  const requirement: ParsedRequirement = { key: rq.key, operator: rq.operator as LabelOperator, values: rq.values };
  return { ok: true, requirement: threshold === undefined ? requirement : { ...requirement, threshold } };
}

/** `Requirement.Matches`: the table of upstream semantics, including absent labels. */
export function matchesLabelRequirement(rq: ParsedRequirement, labels: ReadonlyMap<string, string>): boolean {
  const value = labels.get(rq.key);
  switch (rq.operator) {
    case 'In':
      return value !== undefined && rq.values.includes(value);
    case 'NotIn':
      // A node without the label matches NotIn.
      return value === undefined || !rq.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || rq.threshold === undefined) return false;
      const n = parseGoInt64(value);
      if (n === undefined) return false;
      return rq.operator === 'Gt' ? n > rq.threshold : n < rq.threshold;
    }
  }
}

/** `key Op [values]`, for explanations. */
export function describeRequirement(rq: NodeSelectorRequirement): string {
  if (rq.operator === 'Exists' || rq.operator === 'DoesNotExist') return `${rq.key} ${rq.operator}`;
  return `${rq.key} ${rq.operator} [${rq.values.join(', ')}]`;
}
