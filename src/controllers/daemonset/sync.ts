/**
 * One DaemonSet controller sync, as upstream's own unit tests observe it: claim the pods, run
 * `manage`, then (RollingUpdate) the update step on the pods as `manage` left them, and compute the
 * status the sync ends with. Pure: nodes, pods and the clock are inputs.
 */
import type { FeatureGates } from '../../model/feature-gates.js';
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import type { Node } from '../../model/types.js';
import { formatApiTime } from '../../model/time.js';
import { claimPods, groupByNode } from './claim.js';
import { createdDaemonPod, createdPodTemplate, type CreatedPodTemplate } from './created-pod.js';
import { evictionFor, queuedEvictionTime } from './eviction.js';
import { manage, type StepPlan, type SyncInputs } from './manage.js';
import { listAnswers, type NodeAnswers } from './node-answers.js';
import { revisionOf } from './pod-state.js';
import { rollingUpdate } from './rolling-update.js';
import type { DaemonNodeAnswer } from './should-run.js';
import type { PendingDaemonPod } from './pending.js';
import { computeStatus, type DaemonSetStatus } from './status.js';

/** Creates and deletes per step are capped like the controller's `BurstReplicas`. */
export const burstReplicas = 250;

/**
 * The batches `syncNodes` issues `count` creates in, within one sync: slow start from
 * `SlowStartInitialBatchSize` = 1, doubling while every create of a batch succeeds (1, 2, 4, …, the
 * rest). A failed create drops the batches after it until the next sync; placement assumes none fails.
 */
export function slowStartBatches(count: number): number[] {
  const out: number[] = [];
  let batch = Math.min(count, 1);
  for (let pos = 0; pos < count; pos += out[out.length - 1]!) {
    out.push(batch);
    batch = Math.min(2 * batch, count - (pos + batch));
  }
  return out;
}


/** When the taint manager evicts one of the DaemonSet's pods. */
export interface DaemonEviction {
  readonly pod: string;
  readonly node: string;
  /** 0: now (an untolerated NoExecute taint, or tolerationSeconds ≤ 0). */
  readonly evictAfterSeconds: number;
  /**
   * When it fires: for a timed eviction, the earliest `timeAdded` of a time-limited taint (or the
   * pod's creation, if later) plus the seconds in force then; for "now", the earliest NoExecute
   * `timeAdded`. Absent when unknown.
   */
  readonly evictAt?: string;
}

export type { DaemonNodeAnswer } from './should-run.js';

/** The plan of one sync. */
export interface DaemonSetPlan {
  readonly nodes: readonly DaemonNodeAnswer[];
  readonly create: readonly string[];
  readonly delete: readonly string[];
  /**
   * The steps `create` and `delete` concatenate: `manage`, then (RollingUpdate) the update step.
   * Each is one `syncNodes` call, capped at {@link burstReplicas} creates and deletes.
   */
  readonly steps: readonly StepPlan[];
  readonly status: DaemonSetStatus;
  readonly released: readonly string[];
  readonly adopted: readonly string[];
  readonly evictions: readonly DaemonEviction[];
  readonly warnings: readonly string[];
  /**
   * The daemon pods the scheduler will leave Pending (those created and those already unscheduled),
   * with its reasons; present only when the cluster's pods were given (NodePorts and
   * NodeResourcesFit need them).
   */
  readonly pending?: readonly PendingDaemonPod[];
}

/** What a sync needs besides the DaemonSet and its pods. */
export interface SyncOptions {
  readonly nodes: readonly Node[];
  /** `NodeShouldRunDaemonPod` of `nodes[i]` with its name, aligned with `nodes`. */
  readonly decisions: readonly DaemonNodeAnswer[];
  /** Is there a node of this name? (The engine answers from its index.) */
  readonly hasNode?: (name: string) => boolean;
  /** The current revision's `controller-revision-hash`; "" when unknown. */
  readonly hash: string;
  /** The controller's clock, ms since the epoch. */
  readonly now: number;
  readonly gates: FeatureGates;
}

/** What a sync over kept answers needs besides the DaemonSet and its pods. */
export interface PlanOptions {
  /** The current revision's `controller-revision-hash`; "" when unknown. */
  readonly hash: string;
  /** The controller's clock, ms since the epoch. */
  readonly now: number;
  readonly gates: FeatureGates;
  /** Build the per-node list `nodes` (default true); without it a plan costs what the pods cost. */
  readonly withNodes?: boolean;
}

function capped(step: StepPlan): StepPlan {
  return { create: step.create.slice(0, burstReplicas), delete: step.delete.slice(0, burstReplicas) };
}

/**
 * Applies a step's deletes and creates to the pods by node, in place (created pods: as `syncNodes`
 * makes them, pending). A create on a node without pods only goes to `fresh`: such a node holds
 * one pending pod of the current revision and nothing else, which the update step leaves alone
 * (nothing old to replace, and unavailable as a desired node without pods is) and status counts
 * from the one pod every fresh node shares — so a sync costs what its pods cost, not its creates.
 */
function applyStep(byNode: Map<string, readonly PodObject[]>, fresh: string[], step: StepPlan, inputs: SyncInputs): void {
  // Lists are replaced, never mutated: they are shared with the map the sync started from.
  if (step.delete.length > 0) {
    const deleted = new Set(step.delete);
    for (const [node, pods] of byNode) {
      if (!pods.some((p) => deleted.has(p.name))) continue;
      const kept = pods.filter((p) => !deleted.has(p.name));
      if (kept.length > 0) byNode.set(node, kept);
      else byNode.delete(node);
    }
  }
  if (step.create.length === 0) return;
  let template: CreatedPodTemplate | undefined;
  for (const node of step.create) {
    const list = byNode.get(node);
    if (!list) {
      fresh.push(node);
      continue;
    }
    template ??= createdPodTemplate(inputs.ds, inputs.revision);
    byNode.set(node, [...list, createdDaemonPod(template, { name: `(new pod on ${node})`, node, now: inputs.now, bound: false })]);
  }
}

function evictions(byNode: ReadonlyMap<string, readonly PodObject[]>, answers: NodeAnswers, options: PlanOptions): DaemonEviction[] {
  const out: DaemonEviction[] = [];
  for (const [nodeName, pods] of byNode) {
    const position = answers.position(nodeName);
    if (position === undefined) continue;
    // Only nodes with a NoExecute taint can evict; most have none.
    const node = answers.node(position);
    if (!node.taints.some((t) => t.effect === 'NoExecute')) continue;
    for (const pod of pods) {
      // The taint manager only sees pods bound to the node (spec.nodeName), not ones pinned by affinity.
      if (pod.deletionTimestamp || pod.nodeName === '') continue;
      const eviction = evictionFor(node.taints, pod.tolerations, options.gates);
      if (eviction.kind === 'never') continue;
      const seconds = eviction.kind === 'after' ? eviction.seconds : 0;
      let at: number | undefined;
      if (eviction.kind === 'after') {
        const created = Date.parse(pod.creationTimestamp);
        at = queuedEvictionTime(node.taints, pod.tolerations, options.gates, Number.isNaN(created) ? undefined : created);
      } else {
        const added = node.taints.filter((t) => t.effect === 'NoExecute' && t.timeAdded).map((t) => Date.parse(t.timeAdded!)).filter((t) => !Number.isNaN(t));
        at = added.length > 0 ? Math.min(...added) : undefined;
      }
      // A deadline past year 9999 (a taint added now plus a 2^53-second toleration) has no RFC 3339 form.
      const evictAt = at !== undefined ? formatApiTime(at) : undefined;
      out.push({ pod: pod.name, node: nodeName, evictAfterSeconds: seconds, ...(evictAt ? { evictAt } : {}) });
    }
  }
  return out;
}

/** Plans one sync of `ds` over the nodes, given every pod of its namespace. */
export function planDaemonSetSync(ds: DaemonSet, pods: readonly PodObject[], options: SyncOptions): DaemonSetPlan {
  return planFromAnswers(ds, pods, listAnswers(options.nodes, options.decisions), { hash: options.hash, now: options.now, gates: options.gates });
}

/** Plans one sync of `ds` over nodes whose answers are kept (see node-answers.ts), given every pod of its namespace. */
export function planFromAnswers(ds: DaemonSet, pods: readonly PodObject[], answers: NodeAnswers, options: PlanOptions): DaemonSetPlan {
  const inputs: SyncInputs = { ds, revision: revisionOf(ds, options.hash), now: options.now, answers };
  // syncDaemonSet returns on a `{}` selector before getDaemonPods: nothing is adopted or released,
  // and the DaemonSet's pods are only those it already controls.
  const selectingAll = ds.selector?.isEmptyObject === true;
  const found = claimPods(ds, pods);
  const adopted = new Set(found.adopted);
  const claim = selectingAll ? { claimed: found.claimed.filter((p) => !adopted.has(p.name)), released: [], adopted: [] } : found;
  const before = groupByNode(claim.claimed);
  const warnings: string[] = [];
  const steps: StepPlan[] = [];
  // One copy, stepped in place: a sync at 10k nodes touches few of them.
  const after = new Map<string, readonly PodObject[]>(before);
  const fresh: string[] = [];
  if (selectingAll) {
    warnings.push('SelectingAll: This daemon set is selecting all pods. A non-empty selector is required.');
  } else if (ds.deleting) {
    warnings.push('the DaemonSet is being deleted: the controller does nothing');
  } else {
    const managed = capped(manage(inputs, before, burstReplicas));
    steps.push(managed);
    applyStep(after, fresh, managed, inputs);
    const revisionKnown = options.hash !== '' || inputs.revision.templateGeneration !== undefined;
    if (ds.updateStrategy.type === 'RollingUpdate' && revisionKnown) {
      const rolled = capped(rollingUpdate(inputs, after));
      steps.push(rolled);
      applyStep(after, fresh, rolled, inputs);
    } else if (ds.updateStrategy.type === 'RollingUpdate') {
      warnings.push('no current revision (give the revision hash, or the DaemonSet\'s ControllerRevisions with its pods): current and old pods cannot be told apart, so the rolling-update step was not planned');
    }
  }
  return {
    nodes: options.withNodes === false ? [] : answers.list(),
    // concat, not flatMap: flatMap's generic path cost more than the rest of a plan without pods.
    create: ([] as string[]).concat(...steps.map((s) => s.create)),
    delete: ([] as string[]).concat(...steps.map((s) => s.delete)),
    steps,
    status: computeStatus(inputs, after, fresh),
    released: claim.released,
    adopted: claim.adopted,
    evictions: evictions(before, answers, options),
    warnings,
  };
}
