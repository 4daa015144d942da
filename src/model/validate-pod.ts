/**
 * API-server validation of a pod spec's placement fields, with upstream's rules, messages and
 * field paths (pkg/apis/core/validation/validation.go: `ValidatePodSpec` → `nodeName`,
 * `nodeSelector`, `validateNodeAffinity`, `ValidateTolerations`). Every problem is collected.
 */
import type { FieldError } from '../errors.js';
import type { FeatureGates } from './feature-gates.js';
import type { NodeSelectorRequirement, NodeSelectorTerm, PodPlacement, Toleration } from './types.js';
import { validateLabelMap, validateLabelName, validateTaintEffect } from './validate-common.js';
import { parseGoInt64 } from './int64.js';
import { checkDns1123Subdomain, checkLabelValue } from './validate-names.js';

function validateRequirement(rq: NodeSelectorRequirement, checkValues: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (rq.values.length === 0) {
        errs.push({ path: `${path}.values`, type: 'Required value', detail: "must be specified when `operator` is 'In' or 'NotIn'" });
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (rq.values.length > 0) {
        errs.push({ path: `${path}.values`, type: 'Forbidden', detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
      }
      break;
    case 'Gt':
    case 'Lt':
      if (rq.values.length !== 1) {
        errs.push({ path: `${path}.values`, type: 'Required value', detail: "must be specified single value when `operator` is 'Lt' or 'Gt'" });
      }
      break;
    default:
      errs.push({ path: `${path}.operator`, type: 'Invalid value', badValue: rq.operator, detail: 'not a valid selector operator' });
  }
  errs.push(...validateLabelName(rq.key, `${path}.key`));
  if (checkValues) {
    rq.values.forEach((value, i) => {
      for (const msg of checkLabelValue(value)) errs.push({ path: `${path}.values[${i}]`, type: 'Invalid value', badValue: value, detail: msg });
    });
  }
  return errs;
}

function validateFieldRequirement(rq: NodeSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (rq.operator === 'In' || rq.operator === 'NotIn') {
    if (rq.values.length !== 1) {
      errs.push({ path: `${path}.values`, type: 'Required value', detail: "must be only one value when `operator` is 'In' or 'NotIn' for node field selector" });
    }
  } else {
    errs.push({ path: `${path}.operator`, type: 'Invalid value', badValue: rq.operator, detail: 'not a valid selector operator' });
  }
  if (rq.key !== 'metadata.name') {
    errs.push({ path: `${path}.key`, type: 'Invalid value', badValue: rq.key, detail: 'not a valid field selector key' });
  } else {
    rq.values.forEach((value, i) => {
      for (const msg of checkDns1123Subdomain(value)) errs.push({ path: `${path}.values[${i}]`, type: 'Invalid value', badValue: value, detail: msg });
    });
  }
  return errs;
}

/** `ValidateNodeSelectorTerm`; label values are checked only for required terms. */
function validateTerm(term: NodeSelectorTerm, checkValues: boolean, path: string): FieldError[] {
  return [
    ...term.matchExpressions.flatMap((rq, j) => validateRequirement(rq, checkValues, `${path}.matchExpressions[${j}]`)),
    ...term.matchFields.flatMap((rq, j) => validateFieldRequirement(rq, `${path}.matchFields[${j}]`)),
  ];
}

function validateNodeAffinity(pod: PodPlacement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (pod.requiredTerms !== undefined) {
    const termsPath = `${path}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    if (pod.requiredTerms.length === 0) {
      errs.push({ path: termsPath, type: 'Required value', detail: 'must have at least one node selector term' });
    }
    pod.requiredTerms.forEach((term, i) => errs.push(...validateTerm(term, true, `${termsPath}[${i}]`)));
  }
  (pod.preferredTerms ?? []).forEach((term, i) => {
    const termPath = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    if (term.weight <= 0 || term.weight > 100) {
      errs.push({ path: `${termPath}.weight`, type: 'Invalid value', badValue: term.weight, detail: 'must be in the range 1-100' });
    }
    // Invalid label values are allowed in preferences: "they can succeed when the cluster has only one node".
    errs.push(...validateTerm(term.preference, false, `${termPath}.preference`));
  });
  return errs;
}

function validateToleration(t: Toleration, gates: FeatureGates, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (t.key.length > 0) errs.push(...validateLabelName(t.key, `${path}.key`));
  if (t.key.length === 0 && t.operator !== 'Exists') {
    errs.push({ path: `${path}.operator`, type: 'Invalid value', badValue: t.operator, detail: 'operator must be Exists when `key` is empty, which means "match all values and all keys"' });
  }
  if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
    errs.push({ path: `${path}.effect`, type: 'Invalid value', badValue: t.effect, detail: "effect must be 'NoExecute' when `tolerationSeconds` is set" });
  }
  errs.push(...validateTolerationOperator(t, gates, path));
  if (t.effect.length > 0) errs.push(...validateTaintEffect(t.effect, `${path}.effect`));
  return errs;
}

function validateTolerationOperator(t: Toleration, gates: FeatureGates, path: string): FieldError[] {
  switch (t.operator) {
    case 'Equal':
    case '': {
      const msgs = checkLabelValue(t.value);
      // Upstream reports an invalid value at `.operator`, not `.value`.
      return msgs.length > 0 ? [{ path: `${path}.operator`, type: 'Invalid value', badValue: t.value, detail: msgs.join(';') }] : [];
    }
    case 'Exists':
      return t.value.length > 0
        ? [{ path: `${path}.operator`, type: 'Invalid value', badValue: t.value, detail: "value must be empty when `operator` is 'Exists'" }]
        : [];
    case 'Gt':
    case 'Lt':
      if (gates.TaintTolerationComparisonOperators) return validateComparisonValue(t, path);
      return [unsupportedOperator(t, path, ['Equal', 'Exists', 'Lt', 'Gt'])];
  }
  return [unsupportedOperator(t, path, ['Equal', 'Exists'])];
}

function unsupportedOperator(t: Toleration, path: string, supported: readonly string[]): FieldError {
  const detail = `supported values: ${supported.map((v) => `"${v}"`).join(', ')}`;
  return { path: `${path}.operator`, type: 'Unsupported value', badValue: t.operator, detail };
}

/**
 * Toleration `Gt`/`Lt` with gate `TaintTolerationComparisonOperators` (v1.35): the value must be a
 * canonical decimal integer (`content.IsDecimalInteger`) and parse as int64 (`strconv.ParseInt`);
 * upstream reports each check separately, so one value can get two errors.
 */
function validateComparisonValue(t: Toleration, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const at = `${path}.value`;
  if (t.value === '') errs.push({ path: at, type: 'Invalid value', badValue: t.value, detail: 'must be non-empty' });
  else if (!/^(0|-?[1-9][0-9]*)$/.test(t.value)) errs.push({ path: at, type: 'Invalid value', badValue: t.value, detail: 'must be a valid decimal integer in canonical form' });
  if (parseGoInt64(t.value) === undefined) {
    const why = /^[+-]?[0-9]+$/.test(t.value) ? 'value out of range' : 'invalid syntax';
    errs.push({ path: at, type: 'Invalid value', badValue: t.value, detail: `strconv.ParseInt: parsing ${JSON.stringify(t.value)}: ${why}` });
  }
  return errs;
}

/** Validates the placement fields of a pod spec found at `specPath` (e.g. `spec.template.spec.`). */
export function validatePodPlacement(pod: PodPlacement, specPath: string, gates: FeatureGates): FieldError[] {
  const errs: FieldError[] = [];
  if (pod.nodeName.length > 0) {
    for (const msg of checkDns1123Subdomain(pod.nodeName)) errs.push({ path: `${specPath}nodeName`, type: 'Invalid value', badValue: pod.nodeName, detail: msg });
  }
  if (pod.nodeSelector) errs.push(...validateLabelMap(pod.nodeSelector, `${specPath}nodeSelector`));
  errs.push(...validateNodeAffinity(pod, `${specPath}affinity.nodeAffinity`));
  pod.tolerations.forEach((t, i) => errs.push(...validateToleration(t, gates, `${specPath}tolerations[${i}]`)));
  return errs;
}
