/**
 * What the API server does to a pod's selectors when the pod is created (pkg/registry/core/pod
 * strategy.go `PrepareForCreate`): `matchLabelKeys` and `mismatchLabelKeys` of pod (anti-)affinity
 * terms (MatchLabelKeysInPodAffinity, GA) and `matchLabelKeys` of topology spread constraints
 * (MatchLabelKeysInPodTopologySpreadSelectorMerge, beta and on in v1.35) become `In` / `NotIn`
 * requirements on the pod's own label values, appended to `labelSelector.matchExpressions`. A key
 * the pod has no label for adds nothing; a nil `labelSelector` stays nil (it selects nothing).
 *
 * placement applies this to the pod a workload's controller would create (the template's labels),
 * before validating it as the API server validates a created pod, and before scheduling it.
 * Applying it twice adds the same requirements again, which selects the same pods.
 */
import type { PodAffinityRules, PodAffinityTerm, TopologySpreadConstraint } from './pod-affinity-types.js';
import type { LabelSelector, LabelSelectorRequirement, PodPlacement } from './types.js';

/** `applyLabelKeysToLabelSelector`: one requirement per key the pod has a label for. */
function appended(selector: LabelSelector, keys: readonly string[], operator: 'In' | 'NotIn', labels: ReadonlyMap<string, string>): LabelSelector {
  const added: LabelSelectorRequirement[] = [];
  for (const key of keys) {
    const value = labels.get(key);
    if (value !== undefined) added.push({ key, operator, values: [value] });
  }
  if (added.length === 0) return selector;
  return { ...selector, matchExpressions: [...(selector.matchExpressions ?? []), ...added], isEmptyObject: false };
}

/** `applyMatchLabelKeysAndMismatchLabelKeys` for one term. */
function admitTerm(term: PodAffinityTerm, labels: ReadonlyMap<string, string>): PodAffinityTerm {
  if ((term.matchLabelKeys.length === 0 && term.mismatchLabelKeys.length === 0) || !term.labelSelector) return term;
  const withMatch = appended(term.labelSelector, term.matchLabelKeys, 'In', labels);
  return { ...term, labelSelector: appended(withMatch, term.mismatchLabelKeys, 'NotIn', labels) };
}

function admitRules(rules: PodAffinityRules, labels: ReadonlyMap<string, string>): PodAffinityRules {
  return {
    required: rules.required.map((term) => admitTerm(term, labels)),
    preferred: rules.preferred.map((w) => ({ ...w, podAffinityTerm: admitTerm(w.podAffinityTerm, labels) })),
  };
}

/** `applyMatchLabelKeys` for one topology spread constraint. */
function admitConstraint(constraint: TopologySpreadConstraint, labels: ReadonlyMap<string, string>): TopologySpreadConstraint {
  if (constraint.matchLabelKeys.length === 0 || !constraint.labelSelector) return constraint;
  return { ...constraint, labelSelector: appended(constraint.labelSelector, constraint.matchLabelKeys, 'In', labels) };
}

/** The pod spec as the API server stores a pod created with `labels`: label keys merged into the selectors. */
export function admitLabelKeys(pod: PodPlacement, labels: ReadonlyMap<string, string>): PodPlacement {
  if (!pod.podAffinity && !pod.podAntiAffinity && !pod.topologySpreadConstraints) return pod;
  return {
    ...pod,
    ...(pod.podAffinity ? { podAffinity: admitRules(pod.podAffinity, labels) } : {}),
    ...(pod.podAntiAffinity ? { podAntiAffinity: admitRules(pod.podAntiAffinity, labels) } : {}),
    ...(pod.topologySpreadConstraints ? { topologySpreadConstraints: pod.topologySpreadConstraints.map((c) => admitConstraint(c, labels)) } : {}),
  };
}
