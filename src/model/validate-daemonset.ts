/**
 * API-server validation of a DaemonSet (pkg/apis/apps/validation `ValidateDaemonSet` →
 * `ValidateObjectMeta`, `ValidateDaemonSetSpec`, `ValidateDaemonSetUpdateStrategy`,
 * `ValidateRollingUpdateDaemonSet`), with upstream's paths, messages and order. The pod template's
 * placement fields are validated like any pod spec's.
 */
import type { FieldError } from '../errors.js';
import type { DaemonSet, IntOrPercent } from './daemonset-types.js';
import type { FeatureGates } from './feature-gates.js';
import { validateLabelMap } from './validate-common.js';
import { validateLabelSelector } from './validate-label-selector.js';
import { validateAnnotations, validateObjectMeta } from './validate-object-meta.js';
import { validatePodPlacement } from './validate-pod.js';

const negative = 'must be greater than or equal to 0';

/** An int-or-string as Go's `json.Marshal` prints it: a bare int, or the percentage text as written. */
function shown(value: IntOrPercent): number | string {
  return value.kind === 'int' ? value.value : value.text ?? `${value.value}%`;
}

/** `ValidateRollingUpdateDaemonSet`: non-negative, at most 100%, and exactly one of the two non-zero. */
function validateRollingUpdate(maxUnavailable: IntOrPercent, maxSurge: IntOrPercent): FieldError[] {
  const base = 'spec.updateStrategy.rollingUpdate';
  const errs: FieldError[] = [];
  for (const [name, value] of [['maxUnavailable', maxUnavailable], ['maxSurge', maxSurge]] as const) {
    if (value.kind === 'int' && value.value < 0) errs.push({ path: `${base}.${name}`, type: 'Invalid value', badValue: value.value, detail: negative });
  }
  for (const [name, value] of [['maxUnavailable', maxUnavailable], ['maxSurge', maxSurge]] as const) {
    if (value.kind === 'percent' && value.value > 100) errs.push({ path: `${base}.${name}`, type: 'Invalid value', badValue: shown(value), detail: 'must not be greater than 100%' });
  }
  const hasUnavailable = maxUnavailable.value !== 0;
  const hasSurge = maxSurge.value !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push({ path: `${base}.maxSurge`, type: 'Invalid value', badValue: shown(maxSurge), detail: 'may not be set when maxUnavailable is non-zero' });
  } else if (!hasUnavailable && !hasSurge) {
    errs.push({ path: `${base}.maxUnavailable`, type: 'Required value', detail: 'cannot be 0 when maxSurge is 0' });
  }
  return errs;
}

/** The template fields `ValidatePodTemplateSpec` and `ValidateDaemonSetSpec` check beyond placement. */
function validateTemplate(ds: DaemonSet, gates: FeatureGates): FieldError[] {
  const errs: FieldError[] = [
    // Upstream's paths: the internal PodTemplateSpec embeds ObjectMeta, so `spec.template.labels`.
    ...validateLabelMap(ds.templateLabels, 'spec.template.labels'),
    ...validateAnnotations(ds.templateAnnotations, 'spec.template.annotations'),
    ...validatePodPlacement(ds.workload.pod, ds.workload.specPath, gates),
  ];
  const restartPolicy = ds.restartPolicy === '' ? 'Always' : ds.restartPolicy; // SetDefaults_PodSpec
  const path = 'spec.template.spec.restartPolicy';
  if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    errs.push({ path, type: 'Unsupported value', badValue: restartPolicy, detail: 'supported values: "Always", "OnFailure", "Never"' });
  }
  if (restartPolicy !== 'Always') errs.push({ path, type: 'Unsupported value', badValue: restartPolicy, detail: 'supported values: "Always"' });
  if (ds.hasActiveDeadline) {
    errs.push({ path: 'spec.template.spec.activeDeadlineSeconds', type: 'Forbidden', detail: 'activeDeadlineSeconds in DaemonSet is not Supported' });
  }
  return errs;
}

/**
 * `ValidateDaemonSet`. `selectorMatches` is the controller's LabelSelector match (a nil selector
 * matches nothing, `{}` everything); the template-labels check runs only when the selector itself is
 * valid, as upstream runs it only when `LabelSelectorAsSelector` succeeds.
 */
export function validateDaemonSet(ds: DaemonSet, gates: FeatureGates, selectorMatches: (labels: ReadonlyMap<string, string>) => boolean): FieldError[] {
  const errs = validateObjectMeta(ds.metadata, 'metadata');
  const selectorErrs = validateLabelSelector(ds.selector, 'spec.selector');
  errs.push(...selectorErrs);
  if (selectorErrs.length === 0 && !selectorMatches(ds.templateLabels)) {
    errs.push({ path: 'spec.template.metadata.labels', type: 'Invalid value', badValue: Object.fromEntries(ds.templateLabels), detail: '`selector` does not match template `labels`' });
  }
  if (ds.selector && (ds.selector.matchLabels?.size ?? 0) + (ds.selector.matchExpressions?.length ?? 0) === 0) {
    errs.push({ path: 'spec.selector', type: 'Invalid value', badValue: {}, detail: 'empty selector is invalid for daemonset' });
  }
  errs.push(...validateTemplate(ds, gates));
  if (ds.minReadySeconds < 0) errs.push({ path: 'spec.minReadySeconds', type: 'Invalid value', badValue: ds.minReadySeconds, detail: negative });
  if (ds.updateStrategy.type === 'RollingUpdate') errs.push(...validateRollingUpdate(ds.updateStrategy.maxUnavailable, ds.updateStrategy.maxSurge));
  if (ds.revisionHistoryLimit !== undefined && ds.revisionHistoryLimit < 0) {
    errs.push({ path: 'spec.revisionHistoryLimit', type: 'Invalid value', badValue: ds.revisionHistoryLimit, detail: negative });
  }
  return errs;
}
