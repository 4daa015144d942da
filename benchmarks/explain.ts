/**
 * The why-not at scale: explanations built from the decision (grouped and per node), `why`, and the
 * decision itself, each beside the straightforward per-node loop (benchmarks/naive.ts) in one run.
 * "warm" figures keep what an unchanged cluster lets them keep (the evaluator's sets and the
 * explainer's grouping, both invalidated by node updates); "cold" figures keep nothing.
 */
import { createEngine } from '../src/api/engine.js';
import { compilePod } from '../src/compile/compile-pod.js';
import { IndexedEvaluator } from '../src/eval/indexed.js';
import { Explainer } from '../src/explain/explainer.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import type { Node, Workload } from '../src/model/types.js';
import { RuleEvaluator } from '../src/node-index/evaluate-rule.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import { time, type Timing, type TimingBudget } from './harness.js';
import { countEligibleNaive } from './naive.js';

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Explanation and `why` figures for one node set and the typical workload, beside the straightforward loop's time (`naive`, measured by the caller). */
export function measureExplain(nodes: readonly Node[], typical: Workload, budget: TimingBudget, naive: Timing): Record<string, number> {
  const engine = createEngine({ nodes });
  const naiveCount = countEligibleNaive(typical.pod, nodes);
  if (naiveCount !== engine.eligibleCount(typical)) throw new Error(`naive ${naiveCount} != engine ${engine.eligibleCount(typical)}`);
  const few = { warmupMs: budget.warmupMs, samples: Math.max(5, Math.floor(budget.samples / 3)) };
  const decision = time(() => engine.eligibleCount(typical), budget);
  const groups = time(() => engine.eligible(typical, { explain: 'groups' }).groups.length, budget);
  const perNode = time(() => engine.eligible(typical, { explain: 'nodes' }).ineligible.length, few);
  const whyTime = time(() => engine.why(typical).constraints.length, budget);
  // Cold: a fresh evaluator and explainer that keep nothing between calls.
  const index = buildNodeIndex(nodes);
  const rules = new RuleEvaluator(index, { memoize: false });
  const evaluator = new IndexedEvaluator(rules);
  const explainer = new Explainer(rules, { memoize: false });
  const compiled = compilePod(typical.pod, defaultFeatureGates, typical.specPath);
  const groupsCold = time(() => explainer.groups(evaluator.decide(compiled)).groups.length, few);
  const nodesCold = time(() => explainer.nodes(evaluator.decide(compiled)).ineligible.length, few);
  return {
    naiveMedianUs: round(naive.medianUs, 1),
    speedupVsNaive: round(naive.medianUs / decision.medianUs, 0),
    explainGroupsUs: round(groups.medianUs, 1),
    explainGroupsVsNaive: round(naive.medianUs / groups.medianUs, 1),
    explainGroupsColdUs: round(groupsCold.medianUs, 1),
    explainNodesUs: round(perNode.medianUs, 1),
    explainNodesColdUs: round(nodesCold.medianUs, 1),
    whyUs: round(whyTime.medianUs, 1),
    groupsTypical: engine.eligible(typical, { explain: 'groups' }).groups.length,
  };
}
