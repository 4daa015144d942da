/**
 * PodTopologySpread's constraints as the plugin builds them (podtopologyspread/common.go,
 * plugin.go v1.35): the pod's own constraints of one `whenUnsatisfiable` action with their
 * selectors parsed and `matchLabelKeys` merged in (MatchLabelKeysInPodTopologySpread), or — for a
 * pod without constraints of its own — the system defaults (hostname maxSkew 3, zone maxSkew 5,
 * ScheduleAnyway) with the default selector; plus the node inclusion policies and pod counting.
 */
import type { FeatureGates } from '../model/feature-gates.js';
import type { TopologySpreadConstraint } from '../model/pod-affinity-types.js';
import type { Node } from '../model/types.js';
import { defaultSpreadSelector } from './default-spread-selector.js';
import { isEmptySelector, matchesSelector, parseLabelSelector, type ParsedSelector, type SelectorRequirement } from './label-selector.js';
import type { ExistingPod, IncomingPod, PodToPodCluster } from './pod-to-pod-inputs.js';
import { untoleratedTaints } from './tolerations.js';

/** `v1.LabelHostname`. */
export const labelHostname = 'kubernetes.io/hostname';
/** `v1.LabelTopologyZone`. */
export const labelTopologyZone = 'topology.kubernetes.io/zone';

/** `systemDefaultConstraints` (DefaultingType System, the default profile's). */
export const systemDefaultConstraints: readonly TopologySpreadConstraint[] = Object.freeze([
  { maxSkew: 3, topologyKey: labelHostname, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: undefined, matchLabelKeys: [] },
  { maxSkew: 5, topologyKey: labelTopologyZone, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: undefined, matchLabelKeys: [] },
]);

/** `topologySpreadConstraint`: one constraint, selector parsed, defaults applied. */
export interface SpreadConstraint {
  /** Index in the pod's `topologySpreadConstraints`; `undefined` for a system default. */
  readonly index: number | undefined;
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: ParsedSelector;
  /** 1 when unset. */
  readonly minDomains: number;
  /** `Honor` honors the pod's node affinity when counting domains (the default). */
  readonly nodeAffinityPolicy: string;
  /** `Honor` honors the pod's tolerations when counting domains; `Ignore` is the default. */
  readonly nodeTaintsPolicy: string;
}

/** The constraints for one action; `error` when a selector does not parse; `defaultsCaveats` when system defaults were used. */
export interface ConstraintsResult {
  readonly constraints: readonly SpreadConstraint[];
  readonly error?: string;
  readonly defaultsCaveats?: readonly string[];
}

/** `mergeLabelSetWithSelector`: the pod's values of `matchLabelKeys` ANDed with the selector (a nil selector stays nothing). */
function withMatchLabelKeys(selector: ParsedSelector, keys: readonly string[], podLabels: ReadonlyMap<string, string>): ParsedSelector {
  const set: SelectorRequirement[] = [];
  for (const key of keys) {
    const value = podLabels.get(key);
    if (value !== undefined) set.push({ key, operator: 'In', values: [value], equals: true });
  }
  if (set.length === 0 || selector.kind !== 'requirements') return selector;
  return { kind: 'requirements', requirements: [...set, ...selector.requirements] };
}

/** `filterTopologySpreadConstraints`: the constraints with `whenUnsatisfiable == action`. */
export function filterSpreadConstraints(constraints: readonly TopologySpreadConstraint[], podLabels: ReadonlyMap<string, string>, action: string, defaults = false): SpreadConstraint[] | string {
  const out: SpreadConstraint[] = [];
  for (const [i, c] of constraints.entries()) {
    if (c.whenUnsatisfiable !== action) continue;
    const parsed = parseLabelSelector(c.labelSelector);
    if (parsed.kind === 'invalid') return parsed.error;
    out.push({
      index: defaults ? undefined : i,
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: withMatchLabelKeys(parsed, c.matchLabelKeys, podLabels),
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/** `getConstraints` (DoNotSchedule) / `initPreScoreState` (ScheduleAnyway): own constraints, else the defaults with the default selector. */
export function spreadConstraintsFor(pod: IncomingPod, cluster: PodToPodCluster, action: 'DoNotSchedule' | 'ScheduleAnyway'): ConstraintsResult {
  const own = pod.placement.topologySpreadConstraints ?? [];
  if (own.length > 0) {
    const filtered = filterSpreadConstraints(own, pod.labels, action);
    return typeof filtered === 'string' ? { constraints: [], error: filtered } : { constraints: filtered };
  }
  // buildDefaultConstraints: the defaults are ScheduleAnyway, so the filter never gets any.
  const defaults = filterSpreadConstraints(systemDefaultConstraints, pod.labels, action, true);
  if (typeof defaults === 'string' || defaults.length === 0) return { constraints: [] };
  const { selector, caveats } = defaultSpreadSelector(pod, cluster.selectingObjects);
  if (isEmptySelector(selector)) return { constraints: [], defaultsCaveats: caveats };
  return { constraints: defaults.map((c) => ({ ...c, selector })), defaultsCaveats: caveats };
}

/** `nodeLabelsMatchSpreadConstraints`: the node has every constraint's topology key. */
export function hasAllTopologyKeys(node: Node, constraints: readonly SpreadConstraint[]): boolean {
  return constraints.every((c) => node.labels.has(c.topologyKey));
}

/**
 * `matchNodeInclusionPolicies`: with nodeAffinityPolicy Honor the node must match the pod's
 * nodeSelector and required node affinity; with nodeTaintsPolicy Honor the pod must tolerate the
 * node's NoSchedule and NoExecute taints.
 */
export function passesInclusionPolicies(c: SpreadConstraint, node: Node, matchesNodeAffinity: (node: Node) => boolean, pod: IncomingPod, gates: FeatureGates): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !matchesNodeAffinity(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && untoleratedTaints(node.taints, pod.placement.tolerations, gates).length > 0) return false;
  return true;
}

/** `countPodsMatchSelector`: pods of `namespace` matching, terminating ones skipped; a selector without requirements counts none. */
export function countMatchingPods(pods: readonly ExistingPod[], selector: ParsedSelector, namespace: string): number {
  if (isEmptySelector(selector)) return 0;
  let count = 0;
  for (const pod of pods) {
    if (pod.deletionTimestamp !== undefined || pod.namespace !== namespace) continue;
    if (matchesSelector(selector, pod.labels)) count += 1;
  }
  return count;
}
