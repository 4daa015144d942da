/**
 * API-server validation of a pod's pod-to-pod fields, with upstream's rules, messages and field
 * paths (pkg/apis/core/validation/validation.go: `validatePodAffinity`, `validatePodAntiAffinity`,
 * `validatePodAffinityTerm`, `ValidateMatchLabelKeysAndMismatchLabelKeys`,
 * `validateTopologySpreadConstraints`; apimachinery `ValidateLabelSelector`). The pod is validated
 * as the API server validates a created pod: after `PrepareForCreate` merged its label keys into
 * its selectors (see admit-label-keys.ts), which is where a key named both in `matchLabelKeys` and
 * in the selector is caught.
 */
import type { FieldError } from '../errors.js';
import { admitLabelKeys } from './admit-label-keys.js';
import type { PodAffinityRules, PodAffinityTerm, TopologySpreadConstraint } from './pod-affinity-types.js';
import type { LabelSelector, PodPlacement } from './types.js';
import { validateLabelName } from './validate-common.js';
import { validateLabelSelector } from './validate-label-selector.js';
import { checkDns1123Label } from './validate-names.js';

/** `validateLabelKeys`: forbidden without a selector, else each key a valid label name. */
function validateLabelKeys(keys: readonly string[], selector: LabelSelector | undefined, path: string): FieldError[] {
  if (keys.length === 0) return [];
  if (!selector) return [{ path, type: 'Forbidden', detail: 'must not be specified when labelSelector is not set' }];
  return keys.flatMap((key, i) => validateLabelName(key, `${path}[${i}]`));
}

/**
 * `ValidateMatchLabelKeysAndMismatchLabelKeys`, run on the merged selector. Upstream quirk kept:
 * a key in both `matchLabelKeys` and the selector is reported at `<parent>[i]`, not at
 * `<parent>.matchLabelKeys[i]`.
 */
function validateMatchLabelKeys(path: string, matchKeys: readonly string[], mismatchKeys: readonly string[], selector: LabelSelector | undefined): FieldError[] {
  const errs = [...validateLabelKeys(matchKeys, selector, `${path}.matchLabelKeys`), ...validateLabelKeys(mismatchKeys, selector, `${path}.mismatchLabelKeys`)];
  if (selector) {
    const index = new Map<string, number>();
    matchKeys.forEach((key, i) => index.set(key, i));
    const seen = new Set(selector.matchLabels?.keys() ?? []);
    for (const rq of selector.matchExpressions ?? []) {
      const i = index.get(rq.key);
      if (i !== undefined && seen.has(rq.key)) errs.push({ path: `${path}[${i}]`, type: 'Invalid value', badValue: rq.key, detail: 'exists in both matchLabelKeys and labelSelector' });
      seen.add(rq.key);
    }
  }
  const mismatch = new Set(mismatchKeys);
  matchKeys.forEach((key, i) => {
    if (mismatch.has(key)) errs.push({ path: `${path}.matchLabelKeys[${i}]`, type: 'Invalid value', badValue: key, detail: 'exists in both matchLabelKeys and mismatchLabelKeys' });
  });
  return errs;
}

/** `validatePodAffinityTerm`. Upstream quirk kept: a bad namespace name is reported at `.namespace`. */
function validateTerm(term: PodAffinityTerm, path: string): FieldError[] {
  const errs = [...validateLabelSelector(term.labelSelector, `${path}.labelSelector`), ...validateLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`)];
  for (const name of term.namespaces) {
    for (const detail of checkDns1123Label(name)) errs.push({ path: `${path}.namespace`, type: 'Invalid value', badValue: name, detail });
  }
  errs.push(...validateMatchLabelKeys(path, term.matchLabelKeys, term.mismatchLabelKeys, term.labelSelector));
  if (term.topologyKey.length === 0) errs.push({ path: `${path}.topologyKey`, type: 'Required value', detail: 'can not be empty' });
  errs.push(...validateLabelName(term.topologyKey, `${path}.topologyKey`));
  return errs;
}

function validateRules(rules: PodAffinityRules, path: string): FieldError[] {
  const required = `${path}.requiredDuringSchedulingIgnoredDuringExecution`;
  const preferred = `${path}.preferredDuringSchedulingIgnoredDuringExecution`;
  return [
    ...rules.required.flatMap((term, i) => validateTerm(term, `${required}[${i}]`)),
    ...rules.preferred.flatMap((w, i) => [
      ...(w.weight <= 0 || w.weight > 100 ? [{ path: `${preferred}[${i}].weight`, type: 'Invalid value' as const, badValue: w.weight, detail: 'must be in the range 1-100' }] : []),
      ...validateTerm(w.podAffinityTerm, `${preferred}[${i}].podAffinityTerm`),
    ]),
  ];
}

const supported = (values: readonly string[]): string => `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}`;

/** `validateTopologySpreadConstraints` (v1.35, with the selector-merge form of the matchLabelKeys check). */
function validateConstraint(c: TopologySpreadConstraint, rest: readonly TopologySpreadConstraint[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (c.maxSkew <= 0) errs.push({ path: `${path}.maxSkew`, type: 'Invalid value', badValue: c.maxSkew, detail: 'must be greater than zero' });
  if (c.topologyKey.length === 0) errs.push({ path: `${path}.topologyKey`, type: 'Required value', detail: 'can not be empty' });
  if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
    errs.push({ path: `${path}.whenUnsatisfiable`, type: 'Unsupported value', badValue: c.whenUnsatisfiable, detail: supported(['DoNotSchedule', 'ScheduleAnyway']) });
  }
  if (rest.some((r) => r.topologyKey === c.topologyKey && r.whenUnsatisfiable === c.whenUnsatisfiable)) {
    errs.push({ path: `${path}.{topologyKey, whenUnsatisfiable}`, type: 'Duplicate value', badValue: `{${c.topologyKey}, ${c.whenUnsatisfiable}}`, detail: '' });
  }
  if (c.minDomains !== undefined) {
    if (c.minDomains <= 0) errs.push({ path: `${path}.minDomains`, type: 'Invalid value', badValue: c.minDomains, detail: 'must be greater than zero' });
    if (c.whenUnsatisfiable !== 'DoNotSchedule') {
      errs.push({ path: `${path}.minDomains`, type: 'Invalid value', badValue: c.minDomains, detail: `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}` });
    }
  }
  for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
    const policy = c[key];
    if (policy !== undefined && policy !== 'Honor' && policy !== 'Ignore') errs.push({ path: `${path}.${key}`, type: 'Unsupported value', badValue: policy, detail: supported(['Honor', 'Ignore']) });
  }
  errs.push(...validateMatchLabelKeys(path, c.matchLabelKeys, [], c.labelSelector));
  errs.push(...validateLabelSelector(c.labelSelector, `${path}.labelSelector`));
  return errs;
}

/**
 * Validates the pod-to-pod fields of the pod created with `labels` from the spec at `specPath`
 * (e.g. `spec.template.spec.`), after the API server's label-key merge.
 */
export function validatePodToPod(pod: PodPlacement, labels: ReadonlyMap<string, string>, specPath: string): FieldError[] {
  const admitted = admitLabelKeys(pod, labels);
  const constraints = admitted.topologySpreadConstraints ?? [];
  return [
    ...(admitted.podAffinity ? validateRules(admitted.podAffinity, `${specPath}affinity.podAffinity`) : []),
    ...(admitted.podAntiAffinity ? validateRules(admitted.podAntiAffinity, `${specPath}affinity.podAntiAffinity`) : []),
    ...constraints.flatMap((c, i) => validateConstraint(c, constraints.slice(i + 1), `${specPath}topologySpreadConstraints[${i}]`)),
  ];
}
