/**
 * Compiled pods cached by a canonical fingerprint of the decoded placement fields (map keys sorted,
 * so manifest key order does not matter), bounded in count and in total key size. 500 replicas of a
 * Deployment, a DaemonSet's pods, or the same workload sent to the server again compile once.
 */
import { LRUCache } from 'lru-cache';
import { compilePod } from '../compile/compile-pod.js';
import type { CompiledPod } from '../compile/rule.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { PodPlacement } from '../model/types.js';

/** Cache counters, for metrics. */
export interface PlanCacheStats {
  hits: number;
  misses: number;
}

/** The canonical text of what compilation reads: equal texts compile to equal rules. */
export function placementFingerprint(pod: PodPlacement, gates: FeatureGates, specPath: string): string {
  const selector = pod.nodeSelector ? [...pod.nodeSelector].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : null;
  return JSON.stringify([
    gates.TaintTolerationComparisonOperators,
    specPath,
    pod.nodeName,
    selector,
    pod.requiredTerms ?? null,
    pod.tolerations.map((t) => [t.key, t.operator, t.value, t.effect]),
  ]);
}

/** An LRU of compiled pods. */
export class PlanCache {
  readonly stats: PlanCacheStats = { hits: 0, misses: 0 };
  private readonly cache: LRUCache<string, CompiledPod>;

  constructor(max = 2000, maxSize = 32 * 1024 * 1024) {
    this.cache = new LRUCache<string, CompiledPod>({ max, maxSize, sizeCalculation: (plan, key) => key.length + plan.key.length + 64 });
  }

  /** The compiled form of a pod, compiling on a miss. */
  compile(pod: PodPlacement, gates: FeatureGates, specPath: string): CompiledPod {
    const fingerprint = placementFingerprint(pod, gates, specPath);
    const cached = this.cache.get(fingerprint);
    if (cached) {
      this.stats.hits++;
      return cached;
    }
    this.stats.misses++;
    const compiled = compilePod(pod, gates, specPath);
    this.cache.set(fingerprint, compiled);
    return compiled;
  }
}
