/**
 * Custom policies on top of the built-in filters. A policy whose condition only reads labels is
 * judged for every node (on the index); any other only for the nodes the built-in filters left
 * eligible — JSONPath over node objects costs far more per node than a set operation. Each
 * applicable policy becomes a check after the built-in filters: its reason in the excluded nodes'
 * reasons and in the summary, where a node counts under its first failing check (built-in
 * filters first, then policies in order).
 */
import type { Decision, ExtraCheck } from '../eval/decision.js';
import type { Workload } from '../model/types.js';
import { andBits, andNotBits, copyBits, countBits, type Bits } from '../node-index/bitset.js';
import { appliesTo } from '../policy/applies-to.js';
import type { Policy } from '../policy/policy.js';
import type { Backend } from './backend.js';

/** The policies that apply to the workload. */
function applicable(policies: readonly Policy[], workload: Workload): Policy[] {
  return policies.filter((p) => appliesTo(p, workload));
}

/** The decision with the applicable policies as checks after the built-in filters. */
export function decideWithPolicies(decision: Decision, backend: Backend, policies: readonly Policy[], workload: Workload): Decision {
  const mine = applicable(policies, workload);
  if (mine.length === 0 || decision.compiled.preFilterConflict) return decision;
  const index = backend.index;
  const words = index.liveWords;
  const eligible = decision.eligible.slice();
  // Nodes the built-in filters admit and no earlier policy excluded: a policy's share of the histogram.
  const uncounted = decision.eligible.slice();
  const counts = new Map(decision.counts);
  const scratch = new Uint32Array(index.words);
  const checks = mine.map((policy): ExtraCheck => {
    const passes = backend.policyPasses(policy, policy.labelRule ? undefined : decision.eligible);
    const failing = index.alive.slice();
    andNotBits(failing, passes, words);
    if (!policy.labelRule) andBits(failing, decision.eligible, words);
    andNotBits(eligible, failing, words);
    copyBits(scratch, uncounted, words);
    andBits(scratch, failing, words);
    const first = countBits(scratch, words);
    if (first > 0) counts.set(policy.reason, (counts.get(policy.reason) ?? 0) + first);
    andNotBits(uncounted, failing, words);
    return { reason: policy.reason, detail: `policy ${policy.name} (${policy.source})`, failing };
  });
  return { ...decision, eligible, eligibleCount: countBits(eligible, words), extraChecks: [...decision.extraChecks, ...checks], counts };
}

/** Narrows an eligible set by the applicable policies, without building any explanation. */
export function narrowByPolicies(eligible: Bits, backend: Backend, policies: readonly Policy[], workload: Workload): void {
  const words = backend.index.liveWords;
  for (const policy of applicable(policies, workload)) andBits(eligible, backend.policyPasses(policy, policy.labelRule ? undefined : eligible), words);
}
