/**
 * The last plan of each DaemonSet, given again while nothing it was made from has changed: the
 * same DaemonSet object, the same pod objects in the same order (a list changed in place is seen:
 * the pods are compared one by one, as informers hand out a new object for a changed pod), revision,
 * clock and per-node list choice, over answers at the same version. A node event that none of a DaemonSet's rules read leaves its answers' version
 * alone, so re-planning every DaemonSet after it costs a look per DaemonSet.
 */
import type { NodeAnswers } from '../controllers/daemonset/node-answers.js';
import { planFromAnswers, type DaemonSetPlan, type PlanOptions } from '../controllers/daemonset/sync.js';
import type { DaemonSet, PodObject } from '../model/daemonset-types.js';

interface Kept {
  readonly answers: NodeAnswers;
  readonly version: number;
  readonly pods: readonly PodObject[];
  readonly hash: string;
  readonly now: number;
  readonly plan: DaemonSetPlan;
}

function samePods(a: readonly PodObject[], b: readonly PodObject[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Plans kept per DaemonSet object (weakly: they go with it), one with the per-node list and one without. */
export class DaemonPlans {
  private readonly kept = [new WeakMap<DaemonSet, Kept>(), new WeakMap<DaemonSet, Kept>()] as const;

  /** The plan of one sync, made again only when an input or the answers changed. */
  plan(ds: DaemonSet, pods: readonly PodObject[], answers: NodeAnswers, options: PlanOptions): DaemonSetPlan {
    const withNodes = options.withNodes !== false;
    const kept = this.kept[withNodes ? 1 : 0];
    const k = kept.get(ds);
    if (answers.version === undefined) return planFromAnswers(ds, pods, answers, options);
    if (k && k.answers === answers && k.version === answers.version && samePods(k.pods, pods) && k.hash === options.hash && k.now === options.now) return k.plan;
    const plan = planFromAnswers(ds, pods, answers, options);
    kept.set(ds, { answers, version: answers.version, pods: pods.slice(), hash: options.hash, now: options.now, plan });
    return plan;
  }
}
