/**
 * What-if node changes for impact analysis: the typed form, its validation (the API server's rules
 * for the taints and labels a change would write), and decoding from untrusted JSON, every
 * problem reported at its path (`changes[0].addTaints[1].effect`).
 */
import { PlacementError, type FieldError } from '../errors.js';
import { Decoder, own, type JsonObject } from '../model/decode.js';
import type { Taint } from '../model/types.js';
import { validateLabelMap, validateLabelName, validateTaintEffect } from '../model/validate-common.js';
import { checkLabelValue } from '../model/validate-names.js';

/** Names a node's taints to remove: by key and effect, or by key alone (every effect), as `kubectl taint nodes n1 key-`. */
export interface TaintSelector {
  readonly key: string;
  readonly effect?: string;
}

/** A taint to add; `value` defaults to empty. */
export type TaintSpec = Omit<Taint, 'value'> & { readonly value?: string };

/**
 * One change to one node. Applied in this order: `removeTaints`, `addTaints` (a taint with the key
 * and effect of an existing one replaces it, as `kubectl taint --overwrite` does), `removeLabels`,
 * `setLabels`, `unschedulable` (absent: unchanged). Several changes to one node apply in list order.
 */
export interface NodeChange {
  readonly node: string;
  readonly addTaints?: readonly TaintSpec[];
  readonly removeTaints?: readonly TaintSelector[];
  /** A `Map` or a plain record; a record is read by its own keys only. */
  readonly setLabels?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  readonly removeLabels?: readonly string[];
  readonly unschedulable?: boolean;
}

/** The fields a change may have; anything else is reported, since a misspelt field would silently mean "no change". */
const changeFields = ['node', 'addTaints', 'removeTaints', 'setLabels', 'removeLabels', 'unschedulable'] as const;

/** `setLabels` as entries, whichever form it was given in. */
export function labelEntries(labels: NodeChange['setLabels']): [string, string][] {
  if (labels === undefined) return [];
  if (labels instanceof Map) return [...(labels as ReadonlyMap<string, string>)];
  const record = labels as Readonly<Record<string, string>>;
  return Object.keys(record).map((key) => [key, record[key]!]);
}

function validateChange(change: NodeChange, at: string): FieldError[] {
  const errs: FieldError[] = [];
  if (change.node === '') errs.push({ path: `${at}.node`, type: 'Required value', detail: '' });
  const seen = new Set<string>();
  (change.addTaints ?? []).forEach((taint, j) => {
    const path = `${at}.addTaints[${j}]`;
    errs.push(...validateLabelName(taint.key, `${path}.key`));
    const value = taint.value ?? '';
    const valueErrs = checkLabelValue(value);
    if (valueErrs.length > 0) errs.push({ path: `${path}.value`, type: 'Invalid value', badValue: value, detail: valueErrs.join(';') });
    if (taint.effect === '') errs.push({ path: `${path}.effect`, type: 'Required value', detail: '' });
    else errs.push(...validateTaintEffect(taint.effect, `${path}.effect`));
    const identity = `${taint.effect}\u0000${taint.key}`;
    if (seen.has(identity)) errs.push({ path, type: 'Duplicate value', badValue: { key: taint.key, effect: taint.effect }, detail: 'taints must be unique by key and effect pair' });
    seen.add(identity);
  });
  (change.removeTaints ?? []).forEach((selector, j) => {
    const path = `${at}.removeTaints[${j}]`;
    errs.push(...validateLabelName(selector.key, `${path}.key`));
    if (selector.effect !== undefined && selector.effect !== '') errs.push(...validateTaintEffect(selector.effect, `${path}.effect`));
  });
  (change.removeLabels ?? []).forEach((key, j) => errs.push(...validateLabelName(key, `${at}.removeLabels[${j}]`)));
  errs.push(...validateLabelMap(new Map(labelEntries(change.setLabels)), `${at}.setLabels`));
  return errs;
}

/** Validates changes as the API server would validate the node they produce; throws a {@link PlacementError} listing every problem. */
export function checkNodeChanges(changes: readonly NodeChange[], path = 'changes'): void {
  const errors = changes.flatMap((change, i) => validateChange(change, `${path}[${i}]`));
  if (errors.length > 0) throw new PlacementError('invalid', 'invalid changes', errors);
}

function decodeChange(d: Decoder, object: JsonObject, at: string): NodeChange {
  for (const key of Object.keys(object)) {
    if (!(changeFields as readonly string[]).includes(key)) {
      d.errors.push({ path: `${at}.${key}`, type: 'Forbidden', detail: `unknown field; supported fields: ${changeFields.join(', ')}` });
    }
  }
  const node = d.string(own(object, 'node'), `${at}.node`);
  const unschedulable = own(object, 'unschedulable');
  const setLabels = d.stringMap(own(object, 'setLabels'), `${at}.setLabels`);
  return {
    node,
    addTaints: d.list(own(object, 'addTaints'), `${at}.addTaints`, (o, p) => ({
      key: d.string(own(o, 'key'), `${p}.key`),
      value: d.string(own(o, 'value'), `${p}.value`),
      effect: d.string(own(o, 'effect'), `${p}.effect`),
    })),
    removeTaints: d.list(own(object, 'removeTaints'), `${at}.removeTaints`, (o, p) => {
      const effect = d.string(own(o, 'effect'), `${p}.effect`);
      return { key: d.string(own(o, 'key'), `${p}.key`), ...(effect !== '' ? { effect } : {}) };
    }),
    removeLabels: d.stringList(own(object, 'removeLabels'), `${at}.removeLabels`),
    ...(setLabels ? { setLabels } : {}),
    ...(unschedulable === undefined || unschedulable === null ? {} : { unschedulable: d.boolean(unschedulable, `${at}.unschedulable`) }),
  };
}

/** Decodes and validates a list of changes from JSON; throws a {@link PlacementError} listing every problem. */
export function decodeNodeChanges(value: unknown, path = 'changes'): NodeChange[] {
  const d = new Decoder();
  if (value === undefined || value === null) d.errors.push({ path, type: 'Required value', detail: '' });
  const changes = d.list(value, path, (object, at) => decodeChange(d, object, at));
  if (d.errors.length > 0) throw new PlacementError('invalid', 'invalid changes', d.errors);
  checkNodeChanges(changes, path);
  return changes;
}
