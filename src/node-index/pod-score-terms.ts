/**
 * The existing pods' affinity terms that InterPodAffinity scoring reads (interpodaffinity/scoring.go
 * `processExistingPod`): required affinity (worth the hard-affinity weight), preferred affinity
 * (+weight) and preferred anti-affinity (−weight). Pods sharing a term (same owner namespace,
 * selectors, key, weight and position, as the replicas of one workload do) form one group, so a
 * ranking checks the incoming pod once per distinct term and visits only the pods of the groups
 * that select it, instead of every pod with affinity.
 */
import type { AffinityTerm } from '../semantics/affinity-term.js';
import { podAffinityInfo } from '../semantics/pod-affinity-info.js';
import type { ExistingPod } from '../semantics/pod-to-pod-inputs.js';

/** Which list of the existing pod a term comes from, and so its sign and weight. */
export type ScoreTermKind = 'requiredAffinity' | 'preferredAffinity' | 'preferredAntiAffinity';

/** Existing pods sharing one scoring term. */
export interface ScoreTermGroup {
  readonly signature: string;
  readonly kind: ScoreTermKind;
  /** The term; `weight` is the preference's (required terms use the plugin's hard-affinity weight instead). */
  readonly term: AffinityTerm;
  /** The owning pods' ids (placed or not: placement is read when the group is scored). */
  readonly pods: Set<number>;
}

interface KeyedTerm {
  readonly kind: ScoreTermKind;
  readonly term: AffinityTerm;
  readonly signature: string;
}

function signatureOf(kind: ScoreTermKind, term: AffinityTerm): string {
  return JSON.stringify([kind, term.weight, term.path, [...term.namespaces].sort(), term.namespaceSelector, term.selector, term.topologyKey]);
}

/** Parsed once per placement object and namespace: replicas decoded from one template share them. */
const termsByPlacement = new WeakMap<object, Map<string, readonly KeyedTerm[]>>();

/** The scoring terms of a pod; a list that does not parse contributes nothing, as the scheduler cache drops it. */
function scoringTerms(pod: ExistingPod): readonly KeyedTerm[] {
  let byNamespace = termsByPlacement.get(pod.placement);
  if (!byNamespace) termsByPlacement.set(pod.placement, (byNamespace = new Map()));
  let terms = byNamespace.get(pod.namespace);
  if (!terms) {
    const info = podAffinityInfo(pod.namespace, pod.placement);
    const keyed = (kind: ScoreTermKind, list: readonly AffinityTerm[]): KeyedTerm[] => list.map((term) => ({ kind, term, signature: signatureOf(kind, term) }));
    terms = [...keyed('requiredAffinity', info.requiredAffinity), ...keyed('preferredAffinity', info.preferredAffinity), ...keyed('preferredAntiAffinity', info.preferredAntiAffinity)];
    byNamespace.set(pod.namespace, terms);
  }
  return terms;
}

/** The groups, kept in step with a pod index through {@link link} and {@link unlink}. */
export class ScoreTermGroups {
  readonly groups = new Map<string, ScoreTermGroup>();
  /** The group signatures of each pod id, to unlink on removal. */
  private readonly groupsOf: (string[] | undefined)[] = [];

  /** Adds pod `id`'s scoring terms to their groups. */
  link(id: number, pod: ExistingPod): void {
    if (!pod.placement.podAffinity && !pod.placement.podAntiAffinity) return;
    const signatures: string[] = [];
    for (const { kind, term, signature } of scoringTerms(pod)) {
      let group = this.groups.get(signature);
      if (!group) this.groups.set(signature, (group = { signature, kind, term, pods: new Set() }));
      group.pods.add(id);
      signatures.push(signature);
    }
    if (signatures.length > 0) this.groupsOf[id] = signatures;
  }

  /** Removes pod `id` from its groups, dropping groups left empty. */
  unlink(id: number): void {
    for (const signature of this.groupsOf[id] ?? []) {
      const group = this.groups.get(signature)!;
      group.pods.delete(id);
      if (group.pods.size === 0) this.groups.delete(signature);
    }
    this.groupsOf[id] = undefined;
  }
}
