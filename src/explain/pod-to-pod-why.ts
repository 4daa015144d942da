/**
 * `why`'s rows for PodTopologySpread and InterPodAffinity: one per filter, with the nodes it lets
 * through. Relaxing one means changing the pod's constraints or moving the pods they count; the
 * counts hold the other filters fixed, as every `why` row does.
 */
import { podToPodFilterOrder } from '../compile/rule.js';
import type { PodToPodJudgement } from '../eval/pod-to-pod-judgement.js';
import { andNotBits, countBits } from '../node-index/bitset.js';
import type { NodeIndex } from '../node-index/node-index.js';
import type { PodPlacement } from '../model/types.js';
import type { WhyCheck } from './why.js';

/** The rows of the filters that reject some node (a filter that rejects none says nothing). */
export function podToPodWhyChecks(judgement: PodToPodJudgement, index: NodeIndex, pod: PodPlacement, specPath: string): WhyCheck[] {
  const out: WhyCheck[] = [];
  const words = index.liveWords;
  for (const filter of podToPodFilterOrder) {
    const passes = index.alive.slice();
    andNotBits(passes, judgement.failing[filter], words);
    if (countBits(passes, words) === index.size) continue;
    if (filter === 'PodTopologySpread') {
      const hard = (pod.topologySpreadConstraints ?? []).map((c, i) => ({ c, i })).filter(({ c }) => c.whenUnsatisfiable !== 'ScheduleAnyway');
      const field = hard.length === 1 ? `${specPath}topologySpreadConstraints[${hard[0]!.i}]` : `${specPath}topologySpreadConstraints`;
      const keys = [...new Set(hard.map(({ c }) => c.topologyKey))].join(', ');
      out.push({ filter, field, constraint: `topology spread over ${keys || 'its topology keys'} (DoNotSchedule)`, change: 'raise maxSkew, or spread the matching pods more evenly', passes });
    } else {
      out.push({ filter, field: `${specPath}affinity`, constraint: 'pod affinity and anti-affinity, and the anti-affinity of running pods', change: 'relax the required pod (anti-)affinity terms, or move the pods they count', passes });
    }
  }
  return out;
}
