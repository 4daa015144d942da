/**
 * The kept answers of the DaemonSets the indexed engine has been asked about (daemon-state.ts), one
 * per daemon pod placement: DaemonSets whose daemon pods place alike (same node name, selector,
 * affinity and tolerations) share one, and the same DaemonSet sent again — a new object per server
 * request — finds its answers by the placement's canonical text. Bounded; an evicted placement is
 * judged again from the index when next asked for.
 */
import { LRUCache } from 'lru-cache';
import { daemonPodPlacement } from '../controllers/daemonset/daemon-pod.js';
import { DaemonState } from '../controllers/daemonset/daemon-state.js';
import { compileDaemonRules } from '../controllers/daemonset/should-run.js';
import { preparePod } from '../eval/filters.js';
import type { DaemonSet } from '../model/daemonset-types.js';
import type { FeatureGates } from '../model/feature-gates.js';
import type { RuleEvaluator } from '../node-index/evaluate-rule.js';
import { placementFingerprint } from './plan-cache.js';

/** Placements kept: each holds five bitsets over the node set (60 KiB at 100,000 nodes). */
const maxStates = 256;

/** Kept DaemonSet answers over one index. */
export class DaemonStates {
  private readonly byObject = new WeakMap<DaemonSet, DaemonState>();
  private readonly byPlacement = new LRUCache<string, DaemonState>({ max: maxStates });

  constructor(
    private readonly evaluator: RuleEvaluator,
    private readonly gates: FeatureGates,
  ) {}

  /** The DaemonSet's answers, up to date with the index. */
  of(ds: DaemonSet): DaemonState {
    let state = this.byObject.get(ds);
    if (!state) {
      const daemonPod = daemonPodPlacement(ds.workload.pod);
      const key = placementFingerprint(daemonPod, this.gates, ds.workload.specPath);
      state = this.byPlacement.get(key);
      if (!state) {
        const rules = compileDaemonRules(daemonPod, this.gates, ds.workload.specPath);
        state = new DaemonState(rules, preparePod(daemonPod, this.gates), this.evaluator);
        this.byPlacement.set(key, state);
      }
      this.byObject.set(ds, state);
    }
    state.refresh();
    return state;
  }
}
