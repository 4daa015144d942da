/**
 * The cluster objects the pod-to-pod plugins read besides nodes and pods, from sources
 * (`kubectl get ns,svc,rc,rs,sts -A -o json|yaml`): Namespaces for `namespaceSelector`, and the
 * selecting objects for the default spreading selector, within the object limit.
 */
import { PlacementError, type FieldError } from '../errors.js';
import { decodeSchedulingObject } from '../model/decode-scheduling-objects.js';
import { limits } from '../model/limits.js';
import { validateLabelSelector } from '../model/validate-label-selector.js';
import type { SourceObject } from '../model/parse-documents.js';
import type { NamespaceObject, SchedulingObjects, SelectingObject } from '../model/pod-affinity-types.js';
import { located } from './inputs.js';

/** Refuses more objects than {@link limits.schedulingObjects}; returns the list. */
export function checkObjectCount<T extends { readonly length: number }>(objects: T): T {
  if (objects.length > limits.schedulingObjects.value) {
    throw new PlacementError('invalid', `${objects.length} objects; placement holds at most ${limits.schedulingObjects.value} (placement limit schedulingObjects)`);
  }
  return objects;
}

type Decoded = Extract<ReturnType<typeof decodeSchedulingObject>, { ok: true }>['object'];

/** What the API server would have refused: a nameless object, a selector that does not parse. */
function problemsOf(object: Decoded): FieldError[] {
  const name = object.kind === 'Namespace' ? object.namespace.name : object.selecting.name;
  const errors: FieldError[] = name === '' ? [{ path: 'metadata.name', type: 'Required value', detail: 'name or generateName is required' }] : [];
  if (object.kind === 'selecting' && 'selector' in object.selecting) errors.push(...validateLabelSelector(object.selecting.selector, 'spec.selector'));
  return errors;
}

/**
 * The objects of sources, each identity once; every problem at once, naming file and field.
 * Namespaces count as supplied when one is among them (a cluster always has some), the selecting
 * objects whenever sources were given at all: an empty list then means "there are none".
 */
export function schedulingObjectsFromSources(sources: readonly SourceObject[]): SchedulingObjects {
  checkObjectCount(sources);
  const namespaces: NamespaceObject[] = [];
  const selectingObjects: SelectingObject[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const decoded = decodeSchedulingObject(source.object);
    if (!decoded.ok) {
      errors.push(...located(source, decoded.errors));
      continue;
    }
    const { object } = decoded;
    const invalid = problemsOf(object);
    if (invalid.length > 0) {
      errors.push(...located(source, invalid));
      continue;
    }
    const identity = object.kind === 'Namespace' ? `Namespace/${object.namespace.name}` : `${object.selecting.kind}/${object.selecting.namespace}/${object.selecting.name}`;
    if (seen.has(identity)) {
      const name = object.kind === 'Namespace' ? object.namespace.name : object.selecting.name;
      errors.push(...located(source, [{ path: 'metadata.name', type: 'Duplicate value', badValue: name, detail: `${identity} is listed twice` }]));
      continue;
    }
    seen.add(identity);
    if (object.kind === 'Namespace') namespaces.push(object.namespace);
    else selectingObjects.push(object.selecting);
  }
  if (errors.length > 0) throw new PlacementError('invalid', 'invalid objects', errors);
  return namespaces.length > 0 ? { namespaces, selectingObjects } : { selectingObjects };
}
