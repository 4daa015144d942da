/**
 * apimachinery `ValidateObjectMeta` for a namespaced object created from a manifest: the name (or
 * `generateName`, whose trailing dash is allowed) as a DNS subdomain (`NameIsDNSSubdomain`), the
 * namespace as a DNS label when given (kubectl fills an absent one from its context), labels
 * (`ValidateLabels`) and annotations (`ValidateAnnotations`: qualified keys, 256 KiB in all).
 */
import { tooLong, type FieldError } from '../errors.js';
import type { ObjectMeta } from './daemonset-types.js';
import { limits } from './limits.js';
import { validateLabelMap } from './validate-common.js';
import { checkDns1123Label, checkDns1123Subdomain, checkLabelKey } from './validate-names.js';

/** `maskTrailingDash`: a generateName may end in `-`, as the generated suffix follows it. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** `ValidateAnnotations` at `path`: each key a qualified name (case-insensitive), all of them within 256 KiB. */
export function validateAnnotations(annotations: ReadonlyMap<string, string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of annotations) {
    for (const detail of checkLabelKey(key.toLowerCase())) errs.push({ path, type: 'Invalid value', badValue: key, detail });
    size += Buffer.byteLength(key, 'utf8') + Buffer.byteLength(value, 'utf8');
  }
  if (size > limits.annotationBytes.value) errs.push(tooLong(path, limits.annotationBytes.value));
  return errs;
}

/**
 * An object's name where one is required (a URL segment such as `/v1/workloads/{namespace}/{name}`,
 * `metadata.name`): empty is `Required value` (`PUT /v1/workloads//a`), else `NameIsDNSSubdomain`.
 */
export function validateObjectName(name: string, path: string): FieldError[] {
  if (name === '') return [{ path, type: 'Required value', detail: 'name or generateName is required' }];
  return checkDns1123Subdomain(name).map((detail) => ({ path, type: 'Invalid value', badValue: name, detail }));
}

/** A namespace where one is required: empty is `Required value`, else `ValidateNamespaceName` (a DNS label). */
export function validateNamespaceName(namespace: string, path: string): FieldError[] {
  if (namespace === '') return [{ path, type: 'Required value', detail: '' }];
  return checkDns1123Label(namespace).map((detail) => ({ path, type: 'Invalid value', badValue: namespace, detail }));
}

/** `ValidateObjectMeta(meta, requiresNamespace, NameIsDNSSubdomain, path)`. */
export function validateObjectMeta(meta: ObjectMeta, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName !== '') {
    for (const detail of checkDns1123Subdomain(maskTrailingDash(meta.generateName))) {
      errs.push({ path: `${path}.generateName`, type: 'Invalid value', badValue: meta.generateName, detail });
    }
  }
  // The API server names an object from its generateName before validating it (`BeforeCreate`).
  if (meta.name !== '' || meta.generateName === '') errs.push(...validateObjectName(meta.name, `${path}.name`));
  if (meta.namespace !== '') errs.push(...validateNamespaceName(meta.namespace, `${path}.namespace`));
  errs.push(...validateLabelMap(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  return errs;
}
