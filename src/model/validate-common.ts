/** Validation pieces shared by pods and nodes: label names, label maps, taint effects. */
import type { FieldError } from '../errors.js';
import { checkLabelKey, checkLabelValue } from './validate-names.js';

/** apimachinery `ValidateLabelName`: one error per problem, at `path`, with the key as bad value. */
export function validateLabelName(key: string, path: string): FieldError[] {
  return checkLabelKey(key).map((detail) => ({ path, type: 'Invalid value', badValue: key, detail }));
}

/** apimachinery `ValidateLabels`: keys and values, all reported at the map's own path. */
export function validateLabelMap(labels: ReadonlyMap<string, string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [key, value] of labels) {
    errs.push(...validateLabelName(key, path));
    for (const detail of checkLabelValue(value)) errs.push({ path, type: 'Invalid value', badValue: value, detail });
  }
  return errs;
}

/** The effects a taint (and a non-empty toleration effect) may have. */
export const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/** `validateTaintEffect` for a non-empty effect. */
export function validateTaintEffect(effect: string, path: string): FieldError[] {
  if ((taintEffects as readonly string[]).includes(effect)) return [];
  const detail = `supported values: ${taintEffects.map((e) => `"${e}"`).join(', ')}`;
  return [{ path, type: 'Unsupported value', badValue: effect, detail }];
}
