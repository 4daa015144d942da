/**
 * API-server validation of a DaemonSet's own fields (pkg/apis/apps/validation
 * `ValidateDaemonSetSpec`, `ValidateRollingUpdateDaemonSet`); its pod template is validated like
 * any pod spec.
 */
import type { FieldError } from '../errors.js';
import { own, isObject } from './decode.js';
import type { DaemonSet, IntOrPercent } from './daemonset-types.js';

/** `spec.template.metadata.labels` of a workload object as read (string values only). */
export function templateLabels(raw: Readonly<Record<string, unknown>>): Map<string, string> {
  const spec = own(raw as Record<string, unknown>, 'spec');
  const template = isObject(spec) ? own(spec, 'template') : undefined;
  const metadata = isObject(template) ? own(template, 'metadata') : undefined;
  const labels = isObject(metadata) ? own(metadata, 'labels') : undefined;
  const out = new Map<string, string>();
  if (isObject(labels)) for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out.set(k, v);
  return out;
}

function shown(value: IntOrPercent): number | string {
  return value.kind === 'int' ? value.value : `${value.value}%`;
}

function validateIntOrPercent(value: IntOrPercent, path: string): FieldError[] {
  if (value.kind === 'percent' && value.value > 100) return [{ path, type: 'Invalid value', badValue: shown(value), detail: 'must not be greater than 100%' }];
  if (value.value < 0) return [{ path, type: 'Invalid value', badValue: shown(value), detail: 'must be greater than or equal to 0' }];
  return [];
}

/** Validates the selector, its match with the template labels, and the update strategy. */
export function validateDaemonSet(ds: DaemonSet, selectorMatchesTemplate: (labels: ReadonlyMap<string, string>) => boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!ds.selector) errs.push({ path: 'spec.selector', type: 'Required value', detail: '' });
  else if (ds.selector.isEmptyObject || ((ds.selector.matchLabels?.size ?? 0) === 0 && (ds.selector.matchExpressions?.length ?? 0) === 0)) {
    errs.push({ path: 'spec.selector', type: 'Invalid value', badValue: {}, detail: 'empty selector is invalid for daemonset' });
  } else {
    const labels = templateLabels(ds.workload.raw);
    if (!selectorMatchesTemplate(labels)) {
      errs.push({ path: 'spec.template.metadata.labels', type: 'Invalid value', badValue: Object.fromEntries(labels), detail: '`selector` does not match template `labels`' });
    }
  }
  if (ds.updateStrategy.type === 'RollingUpdate') {
    const base = 'spec.updateStrategy.rollingUpdate';
    const { maxUnavailable, maxSurge } = ds.updateStrategy;
    errs.push(...validateIntOrPercent(maxUnavailable, `${base}.maxUnavailable`), ...validateIntOrPercent(maxSurge, `${base}.maxSurge`));
    if (maxUnavailable.value === 0 && maxSurge.value === 0) {
      errs.push({ path: `${base}.maxUnavailable`, type: 'Invalid value', badValue: shown(maxUnavailable), detail: 'may not be 0 when `maxSurge` is 0' });
    }
  }
  if (ds.minReadySeconds < 0) errs.push({ path: 'spec.minReadySeconds', type: 'Invalid value', badValue: ds.minReadySeconds, detail: 'must be greater than or equal to 0' });
  return errs;
}
