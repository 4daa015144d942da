/**
 * Decodes the pod-to-pod fields of a pod spec: `affinity.podAffinity`, `affinity.podAntiAffinity`
 * (required and preferred terms) and `topologySpreadConstraints`. Absent fields stay absent, so a
 * pod without them decodes exactly as before. Every list has a count limit (src/model/limits.ts).
 */
import { Decoder, own, type JsonObject } from './decode.js';
import { decodeLabelSelector } from './decode-label-selector.js';
import { limits } from './limits.js';
import type { PodAffinityRules, PodAffinityTerm, TopologySpreadConstraint, WeightedPodAffinityTerm } from './pod-affinity-types.js';
import type { PodPlacement } from './types.js';

function decodeTerm(d: Decoder, object: JsonObject, path: string): PodAffinityTerm {
  return {
    labelSelector: decodeLabelSelector(d, own(object, 'labelSelector'), `${path}.labelSelector`),
    namespaces: d.stringList(own(object, 'namespaces'), `${path}.namespaces`, limits.valuesPerRequirement.value),
    namespaceSelector: decodeLabelSelector(d, own(object, 'namespaceSelector'), `${path}.namespaceSelector`),
    topologyKey: d.string(own(object, 'topologyKey'), `${path}.topologyKey`),
    matchLabelKeys: d.stringList(own(object, 'matchLabelKeys'), `${path}.matchLabelKeys`, limits.requirementsPerTerm.value),
    mismatchLabelKeys: d.stringList(own(object, 'mismatchLabelKeys'), `${path}.mismatchLabelKeys`, limits.requirementsPerTerm.value),
  };
}

function decodeWeighted(d: Decoder, object: JsonObject, path: string): WeightedPodAffinityTerm {
  const termPath = `${path}.podAffinityTerm`;
  return {
    weight: d.int32(own(object, 'weight'), `${path}.weight`) ?? 0,
    podAffinityTerm: decodeTerm(d, d.object(own(object, 'podAffinityTerm'), termPath) ?? {}, termPath),
  };
}

function decodeRules(d: Decoder, value: unknown, path: string): PodAffinityRules | undefined {
  const object = d.object(value, path);
  if (!object) return undefined;
  const requiredPath = `${path}.requiredDuringSchedulingIgnoredDuringExecution`;
  const preferredPath = `${path}.preferredDuringSchedulingIgnoredDuringExecution`;
  return {
    required: d.list(own(object, 'requiredDuringSchedulingIgnoredDuringExecution'), requiredPath, (o, p) => decodeTerm(d, o, p), limits.podAffinityTerms.value),
    preferred: d.list(own(object, 'preferredDuringSchedulingIgnoredDuringExecution'), preferredPath, (o, p) => decodeWeighted(d, o, p), limits.podAffinityTerms.value),
  };
}

/** A pointer-to-string field: `undefined` when absent or null, the text otherwise (even `""`). */
function optionalString(d: Decoder, object: JsonObject, key: string, path: string): { [k: string]: string } {
  const value = own(object, key);
  return value === undefined || value === null ? {} : { [key]: d.string(value, `${path}.${key}`) };
}

function decodeConstraint(d: Decoder, object: JsonObject, path: string): TopologySpreadConstraint {
  const minDomains = d.int32(own(object, 'minDomains'), `${path}.minDomains`);
  return {
    maxSkew: d.int32(own(object, 'maxSkew'), `${path}.maxSkew`) ?? 0,
    topologyKey: d.string(own(object, 'topologyKey'), `${path}.topologyKey`),
    whenUnsatisfiable: d.string(own(object, 'whenUnsatisfiable'), `${path}.whenUnsatisfiable`),
    labelSelector: decodeLabelSelector(d, own(object, 'labelSelector'), `${path}.labelSelector`),
    ...(minDomains === undefined ? {} : { minDomains }),
    ...optionalString(d, object, 'nodeAffinityPolicy', path),
    ...optionalString(d, object, 'nodeTaintsPolicy', path),
    matchLabelKeys: d.stringList(own(object, 'matchLabelKeys'), `${path}.matchLabelKeys`, limits.requirementsPerTerm.value),
  };
}

/** The pod-to-pod fields of the pod spec at `path` (trailing dot); `affinity` is the already decoded `affinity` object. */
export function decodePodToPodFields(
  d: Decoder,
  spec: JsonObject,
  affinity: JsonObject | undefined,
  path: string,
): Pick<PodPlacement, 'podAffinity' | 'podAntiAffinity' | 'topologySpreadConstraints'> {
  const podAffinity = affinity ? decodeRules(d, own(affinity, 'podAffinity'), `${path}affinity.podAffinity`) : undefined;
  const podAntiAffinity = affinity ? decodeRules(d, own(affinity, 'podAntiAffinity'), `${path}affinity.podAntiAffinity`) : undefined;
  const spreadValue = own(spec, 'topologySpreadConstraints');
  const spreadPath = `${path}topologySpreadConstraints`;
  return {
    ...(podAffinity ? { podAffinity } : {}),
    ...(podAntiAffinity ? { podAntiAffinity } : {}),
    ...(spreadValue == null ? {} : { topologySpreadConstraints: d.list(spreadValue, spreadPath, (o, p) => decodeConstraint(d, o, p), limits.topologySpreadConstraints.value) }),
  };
}
