/**
 * The last plan of each DaemonSet, given again while nothing it was made from has changed: the
 * same DaemonSet object, the same pod objects in the same order (a list changed in place is seen:
 * the pods are compared one by one, as informers hand out a new object for a changed pod), revision,
 * clock and per-node list choice, over the same answers. After node events the kept plan is patched
 * rather than made again when none of the answers it read moved (plan-reads.ts): only the status's
 * desired count and the per-node list change then. A node event that none of a DaemonSet's rules
 * read leaves its answers' version alone, so re-planning every DaemonSet after it costs a look per
 * DaemonSet; one that flips a node far from where its creates stop costs a patch.
 */
import type { NodeAnswers } from '../controllers/daemonset/node-answers.js';
import { RecordingAnswers, unaffected, type PlanReads } from '../controllers/daemonset/plan-reads.js';
import { planFromAnswers, type DaemonSetPlan, type PlanOptions } from '../controllers/daemonset/sync.js';
import type { DaemonSet, PodObject } from '../model/daemonset-types.js';

interface Kept {
  readonly answers: NodeAnswers;
  version: number;
  readonly pods: readonly PodObject[];
  readonly hash: string;
  readonly now: number;
  plan: DaemonSetPlan;
  readonly reads: PlanReads;
}

function samePods(a: readonly PodObject[], b: readonly PodObject[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The kept plan brought up to the answers' version, or `undefined` when it must be made again. */
function patched(k: Kept, answers: NodeAnswers, withNodes: boolean): DaemonSetPlan | undefined {
  const touched = answers.touchedSince?.(k.version);
  const count = answers.shouldRunCount;
  if (!touched || !unaffected(k.reads, touched, k.plan.status.desiredNumberScheduled, count)) return undefined;
  const { plan } = k;
  const nodes = withNodes ? answers.list() : plan.nodes;
  if (count === plan.status.desiredNumberScheduled && nodes === plan.nodes) return plan;
  // numberUnavailable is the desired count less the available pods, which no touched node holds.
  const status = { ...plan.status, desiredNumberScheduled: count, numberUnavailable: count - plan.status.numberAvailable };
  return { ...plan, nodes, status };
}

/** Plans kept per DaemonSet object (weakly: they go with it), one with the per-node list and one without. */
export class DaemonPlans {
  private readonly kept = [new WeakMap<DaemonSet, Kept>(), new WeakMap<DaemonSet, Kept>()] as const;

  /** The plan of one sync, made again only when an input, or an answer it read, changed. */
  plan(ds: DaemonSet, pods: readonly PodObject[], answers: NodeAnswers, options: PlanOptions): DaemonSetPlan {
    const withNodes = options.withNodes !== false;
    const kept = this.kept[withNodes ? 1 : 0];
    if (answers.version === undefined) return planFromAnswers(ds, pods, answers, options);
    const k = kept.get(ds);
    if (k && k.answers === answers && samePods(k.pods, pods) && k.hash === options.hash && k.now === options.now) {
      if (k.version === answers.version) return k.plan;
      const plan = patched(k, answers, withNodes);
      if (plan) {
        k.plan = plan;
        k.version = answers.version;
        return plan;
      }
    }
    const recording = new RecordingAnswers(answers);
    const plan = planFromAnswers(ds, pods, recording, options);
    kept.set(ds, { answers, version: answers.version, pods: pods.slice(), hash: options.hash, now: options.now, plan, reads: recording.reads() });
    return plan;
  }
}
