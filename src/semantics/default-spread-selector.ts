/**
 * The selector of the system default spreading constraints (pkg/scheduler/framework/plugins/
 * helper/spread.go `DefaultSelector`, `GetPodServices`): the selectors of the Services in the
 * pod's namespace that select it, merged, plus the selector of the pod's controller when that is
 * a ReplicationController (merged as labels), a ReplicaSet or a StatefulSet (requirements added).
 * Anything placement cannot know exactly is returned as a caveat, never guessed silently.
 */
import type { SelectingObject } from '../model/pod-affinity-types.js';
import type { PodController } from '../model/workload-pod.js';
import { addRequirements, parseLabelSelector, type ParsedSelector, type SelectorRequirement } from './label-selector.js';
import type { IncomingPod } from './pod-to-pod-inputs.js';

/** The default selector and what limits it. */
export interface DefaultSelector {
  /** `everything` (no requirement) means the defaults do not apply (`selector.Empty()`). */
  readonly selector: ParsedSelector;
  readonly caveats: readonly string[];
}

/** `labels.Set.AsSelector()`: one equality per entry. */
function setSelector(set: ReadonlyMap<string, string>): ParsedSelector {
  const requirements: SelectorRequirement[] = [...set].map(([key, value]) => ({ key, operator: 'In', values: [value], equals: true }));
  return { kind: 'requirements', requirements };
}

/** `labels.SelectorFromSet(map).Matches`: every entry equal. */
function mapMatches(selector: ReadonlyMap<string, string>, labels: ReadonlyMap<string, string>): boolean {
  for (const [key, value] of selector) if (labels.get(key) !== value) return false;
  return true;
}

/** `DefaultSelector` semantics: the kinds matched exactly by group/version, as `schema.ParseGroupVersion(...).WithKind` compares them. */
const controllerKinds: ReadonlyMap<string, SelectingObject['kind']> = new Map([
  ['v1/ReplicationController', 'ReplicationController'],
  ['apps/v1/ReplicaSet', 'ReplicaSet'],
  ['apps/v1/StatefulSet', 'StatefulSet'],
]);

function controllerObject(pod: IncomingPod, controller: PodController, objects: readonly SelectingObject[] | undefined, caveats: string[]): SelectingObject | undefined {
  if ('object' in controller) {
    if (controller.unknownRequirement) {
      caveats.push(`the pods' ${controller.object.kind} also selects ${controller.unknownRequirement}=<value set per revision>, which a template cannot show; spreading counts pods of every revision`);
    }
    return controller.object;
  }
  const kind = controllerKinds.get(`${controller.ref.apiVersion}/${controller.ref.kind}`);
  if (!kind) return undefined;
  const found = objects?.find((o) => o.kind === kind && o.namespace === pod.namespace && o.name === controller.ref.name);
  if (!found && objects === undefined) caveats.push(`the pod's controller ${kind} ${pod.namespace}/${controller.ref.name} was not supplied`);
  return found;
}

/** The default spreading selector of `pod`, from the given Services, ReplicationControllers, ReplicaSets and StatefulSets. */
export function defaultSpreadSelector(pod: IncomingPod, objects: readonly SelectingObject[] | undefined): DefaultSelector {
  const caveats: string[] = [];
  let labelSet = new Map<string, string>();
  if (objects === undefined) caveats.push('Services were not supplied: their selectors are not part of the default spreading selector');
  for (const object of objects ?? []) {
    // A Service with a nil selector selects nothing, not everything.
    if (object.kind !== 'Service' || object.namespace !== pod.namespace || !object.selectorMap) continue;
    if (mapMatches(object.selectorMap, pod.labels)) labelSet = new Map([...labelSet, ...object.selectorMap]);
  }
  let selector = setSelector(labelSet);
  const controller = pod.controller ? controllerObject(pod, pod.controller, objects, caveats) : undefined;
  if (controller?.kind === 'ReplicationController') {
    selector = setSelector(new Map([...labelSet, ...(controller.selectorMap ?? [])]));
  } else if (controller && 'selector' in controller) {
    const other = parseLabelSelector(controller.selector);
    if (other.kind === 'requirements') selector = addRequirements(selector, other.requirements);
  }
  return { selector, caveats };
}
