/**
 * API-server validation of a Node's placement fields (`ValidateNode`): name, labels and taints.
 * Upstream quirk kept on purpose: taint errors are reported under `metadata.taints[i]`, because the
 * validator reuses the `metadata` path.
 */
import type { FieldError } from '../errors.js';
import type { Node, Taint } from './types.js';
import { validateLabelMap, validateLabelName, validateTaintEffect } from './validate-common.js';
import { checkDns1123Subdomain, checkLabelValue } from './validate-names.js';

/**
 * The Duplicate error's bad value is the taint as `json.Marshal` renders it. Validation runs on the
 * internal `core.Taint` (pkg/apis/core/types.go), whose fields carry no json tags: Go field names,
 * no omitempty, and a nil `TimeAdded` prints `null` (a set one prints as metav1.Time does, RFC 3339 UTC).
 */
function internalTaintJson(taint: Taint): { Key: string; Value: string; Effect: string; TimeAdded: string | null } {
  let timeAdded: string | null = null;
  if (taint.timeAdded !== undefined) {
    const ms = Date.parse(taint.timeAdded);
    timeAdded = Number.isNaN(ms) ? taint.timeAdded : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  }
  return { Key: taint.key, Value: taint.value, Effect: taint.effect, TimeAdded: timeAdded };
}

function validateTaints(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  node.taints.forEach((taint, i) => {
    const path = `metadata.taints[${i}]`;
    errs.push(...validateLabelName(taint.key, `${path}.key`));
    const valueErrs = checkLabelValue(taint.value);
    if (valueErrs.length > 0) errs.push({ path: `${path}.value`, type: 'Invalid value', badValue: taint.value, detail: valueErrs.join(';') });
    if (taint.effect === '') errs.push({ path: `${path}.effect`, type: 'Required value', detail: '' });
    else errs.push(...validateTaintEffect(taint.effect, `${path}.effect`));
    const identity = `${taint.effect}\u0000${taint.key}`;
    if (seen.has(identity)) {
      errs.push({ path, type: 'Duplicate value', badValue: internalTaintJson(taint), detail: 'taints must be unique by key and effect pair' });
    }
    seen.add(identity);
  });
  return errs;
}

/** Validates a Node's name, labels and taints. */
export function validateNode(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  if (node.name === '') errs.push({ path: 'metadata.name', type: 'Required value', detail: 'name or generateName is required' });
  else for (const msg of checkDns1123Subdomain(node.name)) errs.push({ path: 'metadata.name', type: 'Invalid value', badValue: node.name, detail: msg });
  errs.push(...validateLabelMap(node.labels, 'metadata.labels'));
  errs.push(...validateTaints(node));
  return errs;
}
