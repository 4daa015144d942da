/**
 * kube-scheduler's `DefaultNormalizeScore` (pkg/scheduler/framework/plugins/helper/normalize_score.go):
 * scale to 0..max by the largest raw score with integer division; `reverse` flips it. When every
 * raw score is 0 they stay 0, or all become max when reversed.
 */
export function normalizeScores(raw: readonly number[], maxPriority: number, reverse: boolean): number[] {
  let maxCount = 0;
  for (const score of raw) if (score > maxCount) maxCount = score;
  if (maxCount === 0) return raw.map((score) => (reverse ? maxPriority : score));
  return raw.map((score) => {
    const scaled = Math.trunc((maxPriority * score) / maxCount);
    return reverse ? maxPriority - scaled : scaled;
  });
}

/**
 * The default profile's score plugin weights (pkg/scheduler/apis/config/v1/default_plugins.go,
 * `getDefaultPlugins`), for the plugins placement scores.
 */
export const scorePluginWeights = Object.freeze({
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
});

/** The scored plugins in the order a node's `scores` lists them (the rank table's columns too). */
export const scorePluginOrder = Object.freeze([
  'NodeAffinity',
  'TaintToleration',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
  'NodeResourcesBalancedAllocation',
  'ImageLocality',
] as const);
