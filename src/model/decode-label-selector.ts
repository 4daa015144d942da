/** Decodes a `metav1.LabelSelector` (DaemonSet, pod affinity, namespace and spread selectors). */
import { Decoder, own } from './decode.js';
import { limits } from './limits.js';
import type { LabelSelector } from './types.js';

/**
 * Decodes a LabelSelector at `path`; `undefined` when absent or `null` (a nil selector). An
 * explicit `matchExpressions: []` is kept, so `isEmptyObject` can tell `{}` from it. Its lists have
 * count limits (`requirementsPerTerm`, `valuesPerRequirement`); its rules are checked by validation.
 */
export function decodeLabelSelector(d: Decoder, value: unknown, path: string): LabelSelector | undefined {
  const object = d.object(value, path);
  if (!object) return undefined;
  const max = limits.requirementsPerTerm.value;
  const matchLabels = d.stringMap(own(object, 'matchLabels'), `${path}.matchLabels`, max);
  const expressionsPresent = own(object, 'matchExpressions') != null;
  const matchExpressions = d.list(own(object, 'matchExpressions'), `${path}.matchExpressions`, (o, p) => ({
    key: d.string(own(o, 'key'), `${p}.key`),
    operator: d.string(own(o, 'operator'), `${p}.operator`),
    values: d.stringList(own(o, 'values'), `${p}.values`, limits.valuesPerRequirement.value),
  }), max);
  // reflect.DeepEqual(selector, &LabelSelector{}): both fields nil, not merely empty.
  const isEmptyObject = own(object, 'matchLabels') == null && !expressionsPresent;
  return { ...(matchLabels ? { matchLabels } : {}), ...(expressionsPresent ? { matchExpressions } : {}), isEmptyObject };
}
