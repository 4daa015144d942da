/**
 * Kubernetes objects out of parsed request bodies, checked with the CLI's decoders and validation.
 * Each object becomes a `SourceObject` whose "file" is where it sits in the body (`pod`,
 * `pods[2]`, `items[3]`), so every field error says which object it is about, as the CLI names files.
 */
import { checkWorkload, nodesFromSources, type InputOptions } from '../api/inputs.js';
import { PlacementError, tooMany, type FieldError } from '../errors.js';
import { isObject, own, type JsonObject } from '../model/decode.js';
import type { SourceObject } from '../model/parse-documents.js';
import type { Node, Workload } from '../model/types.js';
import { HttpError } from './http-error.js';

/** A 413 for a batch field with more items than a request may carry (`pods: Too many: 1001: must have at most 1000 items`), checked before any is decoded. */
export function checkBatchSize(path: string, value: unknown, maxItems: number): void {
  if (!Array.isArray(value) || value.length <= maxItems) return;
  throw new HttpError(413, 'too-many', `${path}: at most ${maxItems} items per request, not ${value.length}; send several requests`, [tooMany(path, value.length, maxItems)]);
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** A field of the body with the wrong type. */
export function wrongType(path: string, value: unknown, expected: string): FieldError {
  return { path, type: 'Invalid value', badValue: value, detail: `must be ${expected}, not ${typeName(value)}` };
}

/** Throws a 400 `invalid` with these errors, when there are any. */
export function failOn(errors: readonly FieldError[], message = 'invalid request'): void {
  if (errors.length > 0) throw new PlacementError('invalid', message, errors);
}

/** The request body as a JSON object (a missing body counts as `{}`); anything else is a 400. */
export function bodyObject(body: unknown): JsonObject {
  if (body === undefined) return {};
  if (!isObject(body)) throw new PlacementError('invalid', `request body must be a JSON object, not ${typeName(body)}`);
  return body;
}

/** The objects of a list field (`pods`, `items`), each named by its position; non-objects are errors. */
export function sourcesOf(value: unknown, at: string): SourceObject[] {
  if (!Array.isArray(value)) throw new PlacementError('invalid', 'invalid request', [wrongType(at, value, 'a list')]);
  const errors: FieldError[] = [];
  const sources: SourceObject[] = [];
  value.forEach((item, i) => {
    if (isObject(item)) sources.push({ object: item, file: `${at}[${i}]` });
    else errors.push(wrongType(`${at}[${i}]`, item, 'an object'));
  });
  failOn(errors);
  return sources;
}

/** One object field (`pod`, `daemonset`) as a source. */
export function sourceOf(value: unknown, at: string): SourceObject {
  if (!isObject(value)) throw new PlacementError('invalid', 'invalid request', [wrongType(at, value, 'an object')]);
  return { object: value, file: at };
}

/** Workloads from sources, validated as the CLI validates them; every problem at once. */
export function workloadsOf(sources: readonly SourceObject[], options: InputOptions): Workload[] {
  const errors: FieldError[] = [];
  const out: Workload[] = [];
  for (const source of sources) {
    const checked = checkWorkload(source, options);
    errors.push(...checked.errors);
    if (checked.type === 'workload') out.push(checked.workload);
  }
  failOn(errors, 'invalid workload');
  return out;
}

/**
 * Where the workloads of a question are: `{"pod": …}` (one; `batch` false) or `{"pods": [...]}` (a
 * batch of at most `maxItems`, counted before any is read). Exactly one of the two must be given.
 */
export function workloadSources(body: JsonObject, maxItems = Infinity): { sources: SourceObject[]; batch: boolean } {
  const pod = own(body, 'pod');
  const pods = own(body, 'pods');
  if (pod !== undefined && pods !== undefined) {
    throw new PlacementError('invalid', 'invalid request', [{ path: 'pods', type: 'Forbidden', detail: 'give "pod" (one workload) or "pods" (a batch), not both' }]);
  }
  if (pods !== undefined) {
    checkBatchSize('pods', pods, maxItems);
    return { sources: sourcesOf(pods, 'pods'), batch: true };
  }
  if (pod === undefined) throw new PlacementError('invalid', 'invalid request', [{ path: 'pod', type: 'Required value', detail: 'give "pod" (one workload) or "pods" (a batch)' }]);
  return { sources: [sourceOf(pod, 'pod')], batch: false };
}

/** The workloads a question is about, decoded at once (see {@link workloadSources}). */
export function workloadsFromBody(body: JsonObject, options: InputOptions): { workloads: Workload[]; batch: boolean } {
  const { sources, batch } = workloadSources(body);
  return { workloads: workloadsOf(sources, options), batch };
}

/** The nodes of a List body, exactly as `kubectl get nodes -o json` prints it (`kind: List` or `NodeList`). */
export function nodesFromListBody(body: JsonObject, options: InputOptions): Node[] {
  const kind = own(body, 'kind');
  if (kind !== undefined && !(typeof kind === 'string' && kind.endsWith('List'))) {
    throw new PlacementError('invalid', 'invalid request', [{ path: 'kind', type: 'Unsupported value', badValue: kind, detail: 'supported values: "List", "NodeList"' }]);
  }
  const items = own(body, 'items');
  if (items === undefined) throw new PlacementError('invalid', 'invalid request', [{ path: 'items', type: 'Required value', detail: 'a List of Nodes, as kubectl get nodes -o json prints it' }]);
  return nodesFromSources(sourcesOf(items, 'items'), options);
}

/** Where the DaemonSet question's inputs are: `daemonset` (or a batch `daemonsets`, counted first) and `pods` (Pods and ControllerRevisions). */
export function daemonSetSources(body: JsonObject, maxItems = Infinity): { daemonsets: SourceObject[]; batch: boolean; pods: SourceObject[]; podsGiven: boolean } {
  const one = own(body, 'daemonset');
  const many = own(body, 'daemonsets');
  if (one !== undefined && many !== undefined) {
    throw new PlacementError('invalid', 'invalid request', [{ path: 'daemonsets', type: 'Forbidden', detail: 'give "daemonset" or "daemonsets", not both' }]);
  }
  if (one === undefined && many === undefined) {
    throw new PlacementError('invalid', 'invalid request', [{ path: 'daemonset', type: 'Required value', detail: 'give "daemonset" (one) or "daemonsets" (a batch)' }]);
  }
  checkBatchSize('daemonsets', many, maxItems);
  const daemonsets = many !== undefined ? sourcesOf(many, 'daemonsets') : [sourceOf(one, 'daemonset')];
  const podsValue = own(body, 'pods');
  const podsGiven = podsValue !== undefined && podsValue !== null;
  return { daemonsets, batch: many !== undefined, pods: podsGiven ? sourcesOf(podsValue, 'pods') : [], podsGiven };
}
