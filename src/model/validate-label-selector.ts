/**
 * apimachinery `ValidateLabelSelector` (pkg/apis/meta/v1/validation) as the API server applies it on
 * create: known operators only, label values checked. Shared by DaemonSet selectors and pod
 * affinity and spread selectors.
 */
import type { FieldError } from '../errors.js';
import type { LabelSelector, LabelSelectorRequirement } from './types.js';
import { validateLabelMap, validateLabelName } from './validate-common.js';
import { checkLabelValue } from './validate-names.js';

/** apimachinery `ValidateLabelSelectorRequirement` (label values checked: a created pod never allows invalid ones). */
function validateSelectorRequirement(rq: LabelSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (rq.values.length === 0) errs.push({ path: `${path}.values`, type: 'Required value', detail: "must be specified when `operator` is 'In' or 'NotIn'" });
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (rq.values.length > 0) errs.push({ path: `${path}.values`, type: 'Forbidden', detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
      break;
    default:
      errs.push({ path: `${path}.operator`, type: 'Invalid value', badValue: rq.operator, detail: 'not a valid selector operator' });
  }
  errs.push(...validateLabelName(rq.key, `${path}.key`));
  rq.values.forEach((value, i) => {
    for (const detail of checkLabelValue(value)) errs.push({ path: `${path}.values[${i}]`, type: 'Invalid value', badValue: value, detail });
  });
  return errs;
}

/** apimachinery `ValidateLabelSelector`; a nil selector is valid. */
export function validateLabelSelector(selector: LabelSelector | undefined, path: string): FieldError[] {
  if (!selector) return [];
  return [
    ...(selector.matchLabels ? validateLabelMap(selector.matchLabels, `${path}.matchLabels`) : []),
    ...(selector.matchExpressions ?? []).flatMap((rq, i) => validateSelectorRequirement(rq, `${path}.matchExpressions[${i}]`)),
  ];
}
