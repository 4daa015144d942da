/**
 * `why`'s single changes for PodTopologySpread and InterPodAffinity: the few edits of the pod's own
 * pod-to-pod constraints a person would try first, each judged by running the changed filter again
 * over the indexes (one filter pass per change, a bounded number of changes):
 *
 * - a DoNotSchedule spread constraint: the smallest `maxSkew` that lets another domain through and
 *   the one that lets every domain through (read off PreFilter's counts), `whenUnsatisfiable:
 *   ScheduleAnyway`, and dropping a `minDomains` that holds the global minimum at 0;
 * - a required anti-affinity term: dropping it (a preferred term does not filter either), or
 *   `kubernetes.io/hostname` as its topology key (one pod per node instead of per zone);
 * - a required affinity term: dropping it, or a zone or region key (a wider domain).
 *
 * The existing pods' anti-affinity is left out: it is not the pod's to change.
 */
import type { PodAffinityTerm } from '../model/pod-affinity-types.js';
import type { PodPlacement } from '../model/types.js';
import type { Bits } from '../node-index/bitset.js';
import type { PodToPodFilterName } from '../eval/pod-to-pod-indexed.js';
import { filterPodAffinityIndexed } from '../eval/inter-pod-affinity-indexed.js';
import type { PodToPodIndexes } from '../eval/pod-to-pod-context.js';
import { filterTopologySpreadIndexed, type SpreadOptions } from '../eval/topology-spread-indexed.js';
import { globalMinimum, type TopologySpreadState } from '../semantics/topology-spread-filter.js';
import type { IncomingPod } from '../semantics/pod-to-pod-inputs.js';
import { labelHostname, labelTopologyZone } from '../semantics/spread-constraints.js';

/** `v1.LabelTopologyRegion`. */
const labelTopologyRegion = 'topology.kubernetes.io/region';

/** How many changed filter passes one answer may cost at most. */
export const maxPodToPodChanges = 16;

/** Which required terms: `affinity.podAffinity` or `affinity.podAntiAffinity`. */
export type AffinityRules = 'podAffinity' | 'podAntiAffinity';

/** One edit of the pod's pod-to-pod constraints, as data (tests apply it to the manifest themselves). */
export type PodToPodEdit =
  | { readonly kind: 'maxSkew'; readonly constraint: number; readonly value: number }
  | { readonly kind: 'scheduleAnyway'; readonly constraint: number }
  | { readonly kind: 'dropMinDomains'; readonly constraint: number }
  | { readonly kind: 'dropTerm'; readonly rules: AffinityRules; readonly term: number }
  | { readonly kind: 'topologyKey'; readonly rules: AffinityRules; readonly term: number; readonly key: string };

/** A change, the filter it relaxes, and the live nodes that filter lets through once it is made. */
export interface PodToPodChange {
  readonly filter: PodToPodFilterName;
  readonly edit: PodToPodEdit;
  readonly change: string;
  readonly field: string;
  /** How disruptive it is, lower first (as `why` ranks its fixes for a Pending pod). */
  readonly cost: number;
  readonly passes: Bits;
}

/** The pod with one edit made. */
export function applyPodToPodEdit(placement: PodPlacement, edit: PodToPodEdit): PodPlacement {
  if (edit.kind === 'maxSkew' || edit.kind === 'scheduleAnyway' || edit.kind === 'dropMinDomains') {
    const constraints = (placement.topologySpreadConstraints ?? []).map((c, i) => {
      if (i !== edit.constraint) return c;
      if (edit.kind === 'maxSkew') return { ...c, maxSkew: edit.value };
      if (edit.kind === 'scheduleAnyway') return { ...c, whenUnsatisfiable: 'ScheduleAnyway' };
      const { minDomains: _dropped, ...rest } = c;
      return rest;
    });
    return { ...placement, topologySpreadConstraints: constraints };
  }
  const rules = placement[edit.rules] ?? { required: [], preferred: [] };
  const required: PodAffinityTerm[] = [];
  rules.required.forEach((term, i) => {
    if (i !== edit.term) required.push(term);
    else if (edit.kind === 'topologyKey') required.push({ ...term, topologyKey: edit.key });
  });
  return { ...placement, [edit.rules]: { ...rules, required } };
}

/** The edits worth a filter pass, in the order they are tried. */
interface Candidate {
  readonly filter: PodToPodFilterName;
  readonly edit: PodToPodEdit;
  readonly change: string;
  readonly field: string;
  readonly cost: number;
}

/**
 * The maxSkew values that let more domains of constraint `i` through: a domain counting `n`
 * matching pods passes once `n + self − minimum ≤ maxSkew`. The smallest such raise, and the one
 * that lets them all through when it differs.
 */
function maxSkewRaises(state: TopologySpreadState, i: number): number[] {
  const c = state.constraints[i]!;
  const self = state.selfMatch[i] ? 1 : 0;
  const minimum = globalMinimum(state, i);
  const needed = new Set<number>();
  for (const count of state.domains[i]?.values() ?? []) {
    const skew = count + self - minimum;
    if (skew > c.maxSkew) needed.add(skew);
  }
  const sorted = [...needed].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return sorted.length === 1 ? [sorted[0]!] : [sorted[0]!, sorted[sorted.length - 1]!];
}

function spreadCandidates(state: TopologySpreadState, specPath: string): Candidate[] {
  const out: Candidate[] = [];
  if (state.skip || state.error !== undefined) return out;
  state.constraints.forEach((c, i) => {
    if (c.index === undefined) return;
    const path = `${specPath}topologySpreadConstraints[${c.index}]`;
    for (const value of maxSkewRaises(state, i)) {
      out.push({ filter: 'PodTopologySpread', edit: { kind: 'maxSkew', constraint: c.index, value }, change: `raise maxSkew from ${c.maxSkew} to ${value}`, field: `${path}.maxSkew`, cost: 0 });
    }
    if (c.minDomains > 1 && (state.domains[i]?.size ?? 0) < c.minDomains) {
      const change = `drop minDomains ${c.minDomains} (only ${state.domains[i]?.size ?? 0} eligible ${c.topologyKey} domain(s), so the minimum counts as 0)`;
      out.push({ filter: 'PodTopologySpread', edit: { kind: 'dropMinDomains', constraint: c.index }, change, field: `${path}.minDomains`, cost: 1 });
    }
    out.push({ filter: 'PodTopologySpread', edit: { kind: 'scheduleAnyway', constraint: c.index }, change: 'set whenUnsatisfiable: ScheduleAnyway (spread as a preference)', field: `${path}.whenUnsatisfiable`, cost: 1 });
  });
  return out;
}

/** Keys a term could use instead of its own, widening an affinity's domain or narrowing an anti-affinity's. */
function otherKeys(rules: AffinityRules, current: string, indexes: PodToPodIndexes): string[] {
  const keys = rules === 'podAntiAffinity' ? [labelHostname] : [labelTopologyZone, labelTopologyRegion];
  return keys.filter((key) => key !== current && indexes.nodes.label(key) !== undefined);
}

function affinityCandidates(pod: IncomingPod, indexes: PodToPodIndexes): Candidate[] {
  const out: Candidate[] = [];
  for (const rules of ['podAntiAffinity', 'podAffinity'] as const) {
    const kind = rules === 'podAffinity' ? 'affinity' : 'anti-affinity';
    (pod.placement[rules]?.required ?? []).forEach((term, j) => {
      const field = `${pod.specPath}affinity.${rules}.requiredDuringSchedulingIgnoredDuringExecution[${j}]`;
      for (const key of otherKeys(rules, term.topologyKey, indexes)) {
        out.push({ filter: 'InterPodAffinity', edit: { kind: 'topologyKey', rules, term: j, key }, change: `topologyKey ${key} instead of ${term.topologyKey || '""'} in required ${kind} term [${j}]`, field: `${field}.topologyKey`, cost: 1 });
      }
      out.push({ filter: 'InterPodAffinity', edit: { kind: 'dropTerm', rules, term: j }, change: `drop required ${kind} term [${j}] (or make it a preferred term)`, field, cost: 2 });
    });
  }
  return out;
}

/**
 * The changes to the pod's pod-to-pod constraints worth trying, each with the nodes its filter
 * lets through once made; only for a filter that rejects some node, at most
 * {@link maxPodToPodChanges} of them. A pod whose selectors do not parse gets none (that is an
 * input error, not a placement).
 */
export function podToPodChanges(pod: IncomingPod, indexes: PodToPodIndexes, options: SpreadOptions = {}): PodToPodChange[] {
  const spread = filterTopologySpreadIndexed(pod, indexes, options);
  const affinity = filterPodAffinityIndexed(pod, indexes);
  if (spread.state.error !== undefined || affinity.state.rejection !== undefined) return [];
  const rejects = (failing: Bits): boolean => failing.some((w) => w !== 0);
  const candidates = [
    ...(rejects(spread.failing) ? spreadCandidates(spread.state, pod.specPath) : []),
    ...(rejects(affinity.failing) ? affinityCandidates(pod, indexes) : []),
  ].slice(0, maxPodToPodChanges);
  const { alive, liveWords } = indexes.nodes;
  return candidates.map((candidate) => {
    const changed: IncomingPod = { ...pod, placement: applyPodToPodEdit(pod.placement, candidate.edit) };
    const failing = candidate.filter === 'PodTopologySpread' ? filterTopologySpreadIndexed(changed, indexes, options).failing : filterPodAffinityIndexed(changed, indexes).failing;
    const passes = alive.slice();
    for (let i = 0; i < liveWords; i++) passes[i]! &= ~failing[i]!;
    return { ...candidate, passes };
  });
}
