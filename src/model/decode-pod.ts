/** Decodes the placement fields of a pod spec (`nodeName`, `nodeSelector`, node and pod affinity, tolerations, spreading). */
import { Decoder, own, type JsonObject } from './decode.js';
import { decodePodToPodFields } from './decode-pod-affinity.js';
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
    values: d.stringList(own(object, 'values'), `${path}.values`),
  };
}

/** Decodes one `NodeSelectorTerm` (also a preferred term's `preference`). */
export function decodeTerm(d: Decoder, object: JsonObject, path: string): NodeSelectorTerm {
  return {
    matchExpressions: d.list(own(object, 'matchExpressions'), `${path}.matchExpressions`, (o, p) => decodeRequirement(d, o, p)),
    matchFields: d.list(own(object, 'matchFields'), `${path}.matchFields`, (o, p) => decodeRequirement(d, o, p)),
  };
}

function decodePreferred(d: Decoder, object: JsonObject, path: string): PreferredSchedulingTerm {
  const preference = d.object(own(object, 'preference'), `${path}.preference`) ?? {};
  return {
    weight: d.integer(own(object, 'weight'), `${path}.weight`) ?? 0,
    preference: decodeTerm(d, preference, `${path}.preference`),
  };
}

function decodeToleration(d: Decoder, object: JsonObject, path: string): Toleration {
  const seconds = d.integer(own(object, 'tolerationSeconds'), `${path}.tolerationSeconds`);
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
  return d.list(own(required, 'nodeSelectorTerms'), termsPath, (o, p) => decodeTerm(d, o, p));
}

/** Decodes a pod spec found at `path` (e.g. `spec.` or `spec.template.spec.`, with the trailing dot). */
export function decodePodPlacement(d: Decoder, spec: JsonObject, path: string): PodPlacement {
  const affinity = d.object(own(spec, 'affinity'), `${path}affinity`);
  const nodeAffinityPath = `${path}affinity.nodeAffinity`;
  const nodeAffinity = affinity ? d.object(own(affinity, 'nodeAffinity'), nodeAffinityPath) : undefined;
  const preferredPath = `${nodeAffinityPath}.preferredDuringSchedulingIgnoredDuringExecution`;
  return {
    nodeName: d.string(own(spec, 'nodeName'), `${path}nodeName`),
    nodeSelector: d.stringMap(own(spec, 'nodeSelector'), `${path}nodeSelector`),
    requiredTerms: decodeRequiredTerms(d, nodeAffinity, nodeAffinityPath),
    preferredTerms: nodeAffinity && own(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution') != null
      ? d.list(own(nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution'), preferredPath, (o, p) => decodePreferred(d, o, p))
      : undefined,
    tolerations: d.list(own(spec, 'tolerations'), `${path}tolerations`, (o, p) => decodeToleration(d, o, p)),
    hostNetwork: d.boolean(own(spec, 'hostNetwork'), `${path}hostNetwork`),
    ...decodePodToPodFields(d, spec, affinity, path),
  };
}
