/**
 * Decodes the placement fields of a pod spec (`nodeName`, `nodeSelector`, node and pod affinity,
 * tolerations, spreading), within placement's count limits (src/model/limits.ts): over one, the
 * list is reported `Too many` and not read, so a hostile pod costs no more than reading its text.
 */
import { tooMany, type FieldError } from '../errors.js';
import { Decoder, own, type JsonObject } from './decode.js';
import { decodePodToPodFields } from './decode-pod-affinity.js';
import { limits } from './limits.js';
import type {
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodPlacement,
  PreferredSchedulingTerm,
  Toleration,
} from './types.js';

function decodeRequirement(d: Decoder, object: JsonObject, path: string): NodeSelectorRequirement {
  return {
    key: d.string(own(object, 'key'), `${path}.key`),
    operator: d.string(own(object, 'operator'), `${path}.operator`),
    values: d.stringList(own(object, 'values'), `${path}.values`, limits.valuesPerRequirement.value),
  };
}

/** Decodes one `NodeSelectorTerm` (also a preferred term's `preference`). */
export function decodeTerm(d: Decoder, object: JsonObject, path: string): NodeSelectorTerm {
  const max = limits.requirementsPerTerm.value;
  return {
    matchExpressions: d.list(own(object, 'matchExpressions'), `${path}.matchExpressions`, (o, p) => decodeRequirement(d, o, p), max),
    matchFields: d.list(own(object, 'matchFields'), `${path}.matchFields`, (o, p) => decodeRequirement(d, o, p), max),
  };
}

function decodePreferred(d: Decoder, object: JsonObject, path: string): PreferredSchedulingTerm {
  const preference = d.object(own(object, 'preference'), `${path}.preference`) ?? {};
  return {
    weight: d.int32(own(object, 'weight'), `${path}.weight`) ?? 0,
    preference: decodeTerm(d, preference, `${path}.preference`),
  };
}

function decodeToleration(d: Decoder, object: JsonObject, path: string): Toleration {
  const seconds = d.int64(own(object, 'tolerationSeconds'), `${path}.tolerationSeconds`);
  return {
    key: d.string(own(object, 'key'), `${path}.key`),
    operator: d.string(own(object, 'operator'), `${path}.operator`),
    value: d.string(own(object, 'value'), `${path}.value`),
    effect: d.string(own(object, 'effect'), `${path}.effect`),
    ...(seconds === undefined ? {} : { tolerationSeconds: seconds }),
  };
}

function decodeRequiredTerms(d: Decoder, nodeAffinity: JsonObject | undefined, path: string): NodeSelectorTerm[] | undefined {
  if (!nodeAffinity) return undefined;
  const requiredPath = `${path}.requiredDuringSchedulingIgnoredDuringExecution`;
  const required = d.object(own(nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution'), requiredPath);
  if (!required) return undefined;
  const termsPath = `${requiredPath}.nodeSelectorTerms`;
  return d.list(own(required, 'nodeSelectorTerms'), termsPath, (o, p) => decodeTerm(d, o, p), limits.nodeSelectorTerms.value);
}

/**
 * The totals over every term of the pod (`requirementsPerPod`, `valuesPerPod`): each list may be
 * within its own limit while their product is not. Reported at `affinity.nodeAffinity`.
 */
function checkTotals(pod: PodPlacement, path: string): FieldError[] {
  const terms = [...(pod.requiredTerms ?? []), ...(pod.preferredTerms ?? []).map((t) => t.preference)];
  let requirements = 0;
  let values = 0;
  for (const term of terms) {
    for (const rq of [...term.matchExpressions, ...term.matchFields]) {
      requirements += 1;
      values += rq.values.length;
    }
  }
  const errs: FieldError[] = [];
  if (requirements > limits.requirementsPerPod.value) {
    errs.push({ ...tooMany(path, requirements, limits.requirementsPerPod.value), detail: `must have at most ${limits.requirementsPerPod.value} requirements in all its terms` });
  }
  if (values > limits.valuesPerPod.value) {
    errs.push({ ...tooMany(path, values, limits.valuesPerPod.value), detail: `must have at most ${limits.valuesPerPod.value} requirement values in all its terms` });
  }
  return errs;
}

/** Decodes a pod spec found at `path` (e.g. `spec.` or `spec.template.spec.`, with the trailing dot). */
export function decodePodPlacement(d: Decoder, spec: JsonObject, path: string): PodPlacement {
  const affinity = d.object(own(spec, 'affinity'), `${path}affinity`);
  const nodeAffinityPath = `${path}affinity.nodeAffinity`;
  const nodeAffinity = affinity ? d.object(own(affinity, 'nodeAffinity'), nodeAffinityPath) : undefined;
  const preferredPath = `${nodeAffinityPath}.preferredDuringSchedulingIgnoredDuringExecution`;
  const pod: PodPlacement = {
    nodeName: d.string(own(spec, 'nodeName'), `${path}nodeName`),
    nodeSelector: d.stringMap(own(spec, 'nodeSelector'), `${path}nodeSelector`, limits.nodeSelectorEntries.value),
    requiredTerms: decodeRequiredTerms(d, nodeAffinity, nodeAffinityPath),
    preferredTerms: nodeAffinity && own(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution') != null
      ? d.list(own(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution'), preferredPath, (o, p) => decodePreferred(d, o, p), limits.preferredTerms.value)
      : undefined,
    tolerations: d.list(own(spec, 'tolerations'), `${path}tolerations`, (o, p) => decodeToleration(d, o, p), limits.tolerations.value),
    hostNetwork: d.boolean(own(spec, 'hostNetwork'), `${path}hostNetwork`),
    ...decodePodToPodFields(d, spec, affinity, path),
  };
  d.errors.push(...checkTotals(pod, nodeAffinityPath));
  return pod;
}
