/**
 * Source objects → validated nodes and workloads. Decode (type) errors always stop; API-server
 * validation errors stop too unless validation is off. Every problem is reported with its file
 * and field path, all at once.
 */
import { formatFieldError, PlacementError, type FieldError } from '../errors.js';
import { Decoder, own } from '../model/decode.js';
import { decodeNode } from '../model/decode-node.js';
import type { FeatureGates } from '../model/feature-gates.js';
import { limits } from '../model/limits.js';
import type { SourceObject } from '../model/parse-documents.js';
import type { Node, Workload } from '../model/types.js';
import { validateNode } from '../model/validate-node.js';
import { validatePodPlacement } from '../model/validate-pod.js';
import { decodeWorkload } from '../model/workload.js';

/** How inputs are checked. */
export interface InputOptions {
  readonly validate: boolean;
  readonly featureGates: FeatureGates;
}

/** `file` or `file (document 2 items[3])`: where an object sits, for error lines. */
export function describeSource(source: SourceObject): string {
  return source.at ? `${source.file} (${source.at})` : source.file;
}

/** The errors, each naming the source's file and position. */
export function located(source: SourceObject, errors: readonly FieldError[]): FieldError[] {
  const file = describeSource(source);
  return errors.map((e) => ({ ...e, file }));
}

/**
 * One object's validation errors as the API server reports them: `ErrorList.ToAggregate()` drops
 * errors whose message repeats an earlier one (e.g. two nodeSelector entries with the same bad value).
 */
export function distinct(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const line = formatFieldError(e);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

/** Result of checking one object: what it is and its problems. */
export type CheckedObject =
  | { readonly type: 'node'; readonly node: Node; readonly errors: FieldError[] }
  | { readonly type: 'workload'; readonly workload: Workload; readonly errors: FieldError[] }
  | { readonly type: 'unreadable'; readonly errors: FieldError[] };

/** Decodes a Node (a missing `kind`, as in raw NodeList items, counts as Node) and validates it. */
export function checkNode(source: SourceObject, options: InputOptions): CheckedObject {
  const kind = own(source.object, 'kind');
  if (kind !== undefined && kind !== 'Node') {
    return { type: 'unreadable', errors: located(source, [{ path: 'kind', type: 'Unsupported value', badValue: kind, detail: 'supported values: "Node"' }]) };
  }
  const d = new Decoder();
  const node = decodeNode(d, source.object);
  if (d.errors.length > 0) return { type: 'unreadable', errors: located(source, d.errors) };
  return { type: 'node', node, errors: options.validate ? located(source, distinct(validateNode(node))) : [] };
}

/** Decodes a workload of any supported kind and validates its pod template. */
export function checkWorkload(source: SourceObject, options: InputOptions): CheckedObject {
  const decoded = decodeWorkload(source.object);
  if (!decoded.ok) return { type: 'unreadable', errors: located(source, decoded.errors) };
  const { workload } = decoded;
  const errors = options.validate ? distinct(validatePodPlacement(workload.pod, workload.specPath, options.featureGates)) : [];
  return { type: 'workload', workload, errors: located(source, errors) };
}

function fail(what: string, errors: readonly FieldError[]): never {
  throw new PlacementError('invalid', `invalid ${what}`, errors);
}

/** Nodes from sources; throws a {@link PlacementError} listing every problem. Names must be unique. */
export function nodesFromSources(sources: readonly SourceObject[], options: InputOptions): Node[] {
  if (sources.length > limits.nodes.value) {
    throw new PlacementError('invalid', `${sources.length} nodes; placement holds at most ${limits.nodes.value} in one node set (placement limit nodes)`);
  }
  const nodes: Node[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const checked = checkNode(source, options);
    errors.push(...checked.errors);
    if (checked.type !== 'node') continue;
    if (checked.node.name !== '' && seen.has(checked.node.name)) {
      errors.push(...located(source, [{ path: 'metadata.name', type: 'Duplicate value', badValue: checked.node.name, detail: 'node names must be unique' }]));
    }
    seen.add(checked.node.name);
    nodes.push(checked.node);
  }
  if (errors.length > 0) fail('nodes', errors);
  return nodes;
}

/** Workloads from sources; throws a {@link PlacementError} listing every problem. */
export function workloadsFromSources(sources: readonly SourceObject[], options: InputOptions): Workload[] {
  const workloads: Workload[] = [];
  const errors: FieldError[] = [];
  for (const source of sources) {
    const checked = checkWorkload(source, options);
    errors.push(...checked.errors);
    if (checked.type === 'workload') workloads.push(checked.workload);
  }
  if (errors.length > 0) fail('workload', errors);
  return workloads;
}
