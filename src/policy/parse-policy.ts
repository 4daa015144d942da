/**
 * Policy objects → validated {@link Policy} values, with every problem reported as a
 * {@link FieldError} naming the file and field path (`rules/policies/x.yaml: spec.condition:
 * Required value`). Unknown fields are errors: a misspelt `namespace` would otherwise silently
 * apply a policy to every workload.
 */
import { PlacementError, tooMany, type FieldError } from '../errors.js';
import { isObject, own, type JsonObject } from '../model/decode.js';
import { limits } from '../model/limits.js';
import type { SourceObject } from '../model/parse-documents.js';
import type { WorkloadKind } from '../model/types.js';
import { checkDns1123Subdomain, checkLabelKey, checkLabelValue } from '../model/validate-names.js';
import { workloadKinds } from '../model/workload.js';
import { checkJsonPath } from './json-path.js';
import { labelOnlyRule } from './label-only-rule.js';
import { policyApiVersion, policyKind, type Policy, type WorkloadSelector } from './policy.js';
import { checkCondition } from './validate-condition.js';

const specFields = ['appliesTo', 'condition', 'reason', 'fields'];
const selectorFields = ['namespaces', 'kinds', 'labels', 'podLabels'];
/** Alias names `var` can reach: no dots (it splits on them), nothing that names a prototype. */
const aliasPattern = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const reservedAliases = new Set(['__proto__', 'prototype', 'constructor']);

/** `file` or `file (document 2)`: where a policy sits. */
function sourceName(source: SourceObject): string {
  return source.at ? `${source.file} (${source.at})` : source.file;
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value;
}

function unknownFields(object: JsonObject, known: readonly string[], prefix: string, errors: FieldError[]): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) errors.push({ path: `${prefix}.${key}`, type: 'Forbidden', detail: `unknown field; known fields: ${known.join(', ')}` });
  }
}

function stringList(value: unknown, path: string, errors: FieldError[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    errors.push({ path, type: 'Invalid value', badValue: value, detail: `must be a list, not ${typeName(value)}` });
    return undefined;
  }
  const out: string[] = [];
  value.forEach((item, i) => {
    if (typeof item === 'string' && item !== '') out.push(item);
    else errors.push({ path: `${path}[${i}]`, type: 'Invalid value', badValue: item, detail: 'must be a non-empty string' });
  });
  return out;
}

/** A matchLabels map, with the API server's label key and value rules. */
function labelMap(value: unknown, path: string, errors: FieldError[]): Map<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    errors.push({ path, type: 'Invalid value', badValue: value, detail: `must be a map of label keys to values, not ${typeName(value)}` });
    return undefined;
  }
  const out = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const item = own(value, key);
    const problems = [...checkLabelKey(key), ...(typeof item === 'string' ? checkLabelValue(item) : ['must be a string'])];
    if (problems.length > 0) errors.push({ path: `${path}[${JSON.stringify(key)}]`, type: 'Invalid value', badValue: item, detail: problems.join('; ') });
    else out.set(key, item as string);
  }
  return out;
}

function parseSelector(value: unknown, path: string, errors: FieldError[]): WorkloadSelector {
  if (!isObject(value)) {
    errors.push({ path, type: 'Invalid value', badValue: value, detail: `must be an object, not ${typeName(value)}` });
    return {};
  }
  unknownFields(value, selectorFields, path, errors);
  const namespaces = stringList(own(value, 'namespaces'), `${path}.namespaces`, errors);
  const kinds = stringList(own(value, 'kinds'), `${path}.kinds`, errors);
  kinds?.forEach((kind, i) => {
    if (!(workloadKinds as readonly string[]).includes(kind)) {
      errors.push({ path: `${path}.kinds[${i}]`, type: 'Unsupported value', badValue: kind, detail: `supported values: ${workloadKinds.map((k) => JSON.stringify(k)).join(', ')}` });
    }
  });
  const labels = labelMap(own(value, 'labels'), `${path}.labels`, errors);
  const podLabels = labelMap(own(value, 'podLabels'), `${path}.podLabels`, errors);
  return {
    ...(namespaces ? { namespaces } : {}),
    ...(kinds ? { kinds: kinds as WorkloadKind[] } : {}),
    ...(labels ? { labels } : {}),
    ...(podLabels ? { podLabels } : {}),
  };
}

/** `appliesTo`: absent selects every workload; one selector or a list of them (any may match). */
function parseAppliesTo(value: unknown, errors: FieldError[]): WorkloadSelector[] {
  const path = 'spec.appliesTo';
  if (value === undefined || value === null) return [{}];
  if (!Array.isArray(value)) return [parseSelector(value, path, errors)];
  if (value.length === 0) errors.push({ path, type: 'Invalid value', badValue: value, detail: 'must hold at least one selector (omit appliesTo to select every workload)' });
  return value.map((item, i) => parseSelector(item, `${path}[${i}]`, errors));
}

function parseFields(value: unknown, errors: FieldError[]): Map<string, string> {
  const fields = new Map<string, string>();
  if (value === undefined || value === null) return fields;
  if (!isObject(value)) {
    errors.push({ path: 'spec.fields', type: 'Invalid value', badValue: value, detail: `must be a map of alias to JSONPath, not ${typeName(value)}` });
    return fields;
  }
  const aliases = Object.keys(value);
  if (aliases.length > limits.policyFields.value) {
    errors.push(tooMany('spec.fields', aliases.length, limits.policyFields.value));
    return fields;
  }
  for (const alias of aliases) {
    const jsonPath = own(value, alias);
    const path = aliasPattern.test(alias) ? `spec.fields.${alias}` : `spec.fields[${JSON.stringify(alias)}]`;
    if (!aliasPattern.test(alias) || reservedAliases.has(alias)) {
      errors.push({ path, type: 'Invalid value', badValue: alias, detail: 'an alias is a letter or "_", then letters, digits, "_" or "-" (no dots: var splits on them), and not __proto__, prototype or constructor' });
      continue;
    }
    const problem = checkJsonPath(jsonPath);
    if (problem) errors.push({ path, type: 'Invalid value', badValue: jsonPath, detail: problem });
    else fields.set(alias, jsonPath as string);
  }
  return fields;
}

function checkHeader(object: JsonObject, errors: FieldError[]): string {
  const apiVersion = own(object, 'apiVersion');
  if (apiVersion !== policyApiVersion) {
    errors.push(apiVersion === undefined ? { path: 'apiVersion', type: 'Required value', detail: `must be "${policyApiVersion}"` } : { path: 'apiVersion', type: 'Unsupported value', badValue: apiVersion, detail: `supported values: "${policyApiVersion}"` });
  }
  const kind = own(object, 'kind');
  if (kind !== policyKind) {
    errors.push(kind === undefined ? { path: 'kind', type: 'Required value', detail: `must be "${policyKind}"` } : { path: 'kind', type: 'Unsupported value', badValue: kind, detail: `supported values: "${policyKind}"` });
  }
  const metadata = own(object, 'metadata');
  const name = isObject(metadata) ? own(metadata, 'name') : undefined;
  if (typeof name !== 'string' || name === '') {
    errors.push({ path: 'metadata.name', type: 'Required value', detail: '' });
    return '';
  }
  const problems = checkDns1123Subdomain(name);
  if (problems.length > 0) errors.push({ path: 'metadata.name', type: 'Invalid value', badValue: name, detail: problems.join('; ') });
  return name;
}

/** One policy object → the policy, or the problems (paths relative to the object, no file). */
export function parsePolicyObject(object: JsonObject, source: string): { policy?: Policy; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = checkHeader(object, errors);
  const spec = own(object, 'spec');
  if (!isObject(spec)) {
    errors.push(spec === undefined || spec === null ? { path: 'spec', type: 'Required value', detail: '' } : { path: 'spec', type: 'Invalid value', badValue: spec, detail: `must be an object, not ${typeName(spec)}` });
    return { errors };
  }
  unknownFields(spec, specFields, 'spec', errors);
  const appliesTo = parseAppliesTo(own(spec, 'appliesTo'), errors);
  const fields = parseFields(own(spec, 'fields'), errors);
  const reason = own(spec, 'reason');
  if (typeof reason !== 'string' || reason.trim() === '') {
    errors.push(reason === undefined || reason === null ? { path: 'spec.reason', type: 'Required value', detail: '' } : { path: 'spec.reason', type: 'Invalid value', badValue: reason, detail: 'must be a non-empty string' });
  }
  const condition = own(spec, 'condition');
  const declared = new Set(Object.keys(isObject(own(spec, 'fields')) ? (own(spec, 'fields') as JsonObject) : {}));
  errors.push(...checkCondition(condition, declared));
  if (errors.length > 0) return { errors };
  const policy: Policy = { name, source, appliesTo, condition, reason: reason as string, fields, labelRule: labelOnlyRule(condition) };
  return { policy, errors };
}

/** Every policy of the sources; throws a {@link PlacementError} listing every problem of every file. Names must be unique. */
export function policiesFromSources(sources: readonly SourceObject[]): Policy[] {
  if (sources.length > limits.policies.value) {
    throw new PlacementError('invalid', `${sources.length} policies; placement loads at most ${limits.policies.value} at once (placement limit policies)`);
  }
  const policies: Policy[] = [];
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();
  for (const source of sources) {
    const where = sourceName(source);
    const parsed = parsePolicyObject(source.object, where);
    errors.push(...parsed.errors.map((e) => ({ ...e, file: where })));
    if (!parsed.policy) continue;
    const first = seen.get(parsed.policy.name);
    if (first !== undefined) {
      errors.push({ path: 'metadata.name', type: 'Duplicate value', badValue: parsed.policy.name, detail: `also defined in ${first}`, file: where });
      continue;
    }
    seen.set(parsed.policy.name, where);
    policies.push(parsed.policy);
  }
  if (errors.length > 0) throw new PlacementError('invalid', 'invalid policies', errors);
  return policies;
}
