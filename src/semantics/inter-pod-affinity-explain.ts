/**
 * What a person needs to act on an InterPodAffinity failure: which term, which topology domain,
 * and which pods (a few named, the rest counted). Built only when asked, from the failure and the
 * PreFilter counts.
 */
import { describeTerm, type AffinityTerm } from './affinity-term.js';
import type { PodAffinityFailure, PodAffinityState } from './inter-pod-affinity-filter.js';
import { describePods, maxExamples } from './topology-counts.js';

function termName(kind: 'affinity' | 'anti-affinity', term: AffinityTerm): string {
  return `required pod ${kind} term ${term.index} (${describeTerm(term)}, topologyKey ${term.topologyKey})`;
}

/** Where pods matching all affinity terms do run for this term's key, at most a few domains (in value order, however they were counted). */
function elsewhere(state: PodAffinityState, term: AffinityTerm): string {
  const values = [...(state.affinityCounts.get(term.topologyKey) ?? new Map<string, { count: number }>())].filter(([, d]) => d.count > 0).map(([v]) => v).sort().map((v) => `${term.topologyKey}=${v}`);
  if (values.length === 0) return '';
  const shown = values.slice(0, maxExamples).join(', ');
  return `; matching pods run in ${shown}${values.length > maxExamples ? ` (+${values.length - maxExamples} more)` : ''}`;
}

/** The details of a failure, one line each. */
export function describePodAffinityFailure(state: PodAffinityState, failure: PodAffinityFailure): string[] {
  switch (failure.kind) {
    case 'rejected':
      return [`the pod's affinity terms do not parse: ${failure.reason}`];
    case 'affinity-missing-key':
      return [`node has no label ${failure.term.topologyKey}, the topologyKey of ${termName('affinity', failure.term)}`];
    case 'affinity-no-pods': {
      const lines = [`no pod matching all required pod affinity terms runs in ${failure.term.topologyKey}=${failure.value}: ${termName('affinity', failure.term)}${elsewhere(state, failure.term)}`];
      if (state.affinityCounts.size === 0) lines.push("the first-pod exception does not apply: the pod's labels do not match its own affinity terms");
      return lines;
    }
    case 'anti-affinity':
      return [`${failure.term.topologyKey}=${failure.value} already runs pod(s) matching the pod's required anti-affinity: ${describePods(failure.domain)}; ${termName('anti-affinity', failure.term)}`];
    case 'existing-anti-affinity':
      return [`existing pod(s) ${describePods(failure.domain)} in ${failure.key}=${failure.value} have a required anti-affinity term (topologyKey ${failure.key}) that selects this pod`];
  }
}
