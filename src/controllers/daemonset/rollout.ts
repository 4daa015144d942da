/**
 * The rollout forecast: the DaemonSet controller's successive syncs, each planned exactly as
 * {@link planDaemonSetSync} plans one, applied to a simulated cluster until the DaemonSet reaches
 * its fixed point, makes no further progress, or the work budget runs out. Between syncs the clock
 * jumps to the next event (a created pod turns Ready `readyAfter` after creation, available
 * `minReadySeconds` + 1 s later when the controller requeues; a terminating pod is gone).
 */
import type { DaemonSet, PodObject } from '../../model/daemonset-types.js';
import type { Node } from '../../model/types.js';
import { labelSelectorMatches } from '../../semantics/label-selector.js';
import { createdPodTemplate } from './created-pod.js';
import { revisionOf } from './pod-state.js';
import { evictionLoops, unsettledNodes, type StuckNode } from './rollout-stuck.js';
import { RolloutWorld } from './rollout-world.js';
import { planDaemonSetSync, slowStartBatches, type DaemonSetPlan, type SyncOptions } from './sync.js';
import type { DaemonSetStatus } from './status.js';

export type { StuckNode } from './rollout-stuck.js';

/** The hash the forecast gives the new revision when none is known: not a valid label value, so no existing pod carries it. */
export const assumedRevisionHash = '(new revision)';

/** Forecast options; every field is optional. */
export interface RolloutOptions {
  /** Seconds from a pod's creation until it is Ready (default 30). */
  readonly readyAfterSeconds?: number;
  /** Seconds a deleted pod stays terminating (default 0: gone before the next sync). */
  readonly terminationSeconds?: number;
  /**
   * Why a daemon pod created for this node would stay Pending (e.g. "Insufficient cpu"), or
   * undefined when it schedules; `beside`: the DaemonSet's other pods bound to the node at that
   * moment of the forecast (an old pod a surge keeps, a terminating one). Asked again while the pod
   * waits, so it starts once the node frees up. Default: every pod schedules.
   */
  readonly pending?: (node: Node, beside: readonly PodObject[]) => string | undefined;
  /** At most this many syncs (default 10,000). */
  readonly maxSyncs?: number;
  /** At most this much work: the sum over syncs of nodes + pods planned (default 8,000,000: about 400 syncs at 10,000 nodes and pods, 4,000 at 1,000). */
  readonly maxWork?: number;
  /** Called with each sync as it is planned, before its writes apply (a trace, for tools and tests). */
  readonly onSync?: (sync: RolloutSync) => void;
}

/** One simulated sync: what it saw and what it planned. */
export interface RolloutSync {
  /** Which sync (1-based). */
  readonly sync: number;
  /** The controller's clock, ms since the epoch. */
  readonly now: number;
  /** The pods the sync listed. */
  readonly pods: readonly PodObject[];
  readonly plan: DaemonSetPlan;
}

/** One sync that created or deleted pods. */
export interface RolloutWave {
  /** Which sync (1-based). */
  readonly sync: number;
  /** Seconds since the forecast's start. */
  readonly atSeconds: number;
  readonly deleted: number;
  readonly created: number;
  /** Created beside a live old pod (maxSurge, or replacing an unavailable old pod under surge). */
  readonly surged: number;
  /** `updatedNumberScheduled` after the sync. */
  readonly updatedNodes: number;
  /** `numberUnavailable` after the sync. */
  readonly unavailable: number;
  /** The slow-start batches the creates go out in (absent without creates). */
  readonly createBatches?: readonly number[];
}

/** The forecast, as the CLI and the server print it. */
export interface RolloutForecast {
  readonly syncs: number;
  readonly converged: boolean;
  /** Seconds until the fixed point; when not converged, until the last sync simulated. */
  readonly estimatedSeconds: number;
  readonly waves: readonly RolloutWave[];
  /** Nodes that never reach the fixed point (empty when the budget stopped the forecast). */
  readonly stuck: readonly StuckNode[];
  /** Why the forecast ended. */
  readonly stopped: 'converged' | 'stuck' | 'budget';
  /**
   * Only when the budget stopped it after some progress: the time to update every desired node at
   * the pace simulated so far (a linear extrapolation of updated nodes over time, not simulated).
   */
  readonly projectedSeconds?: number;
  /** The status the last sync reports. */
  readonly status: DaemonSetStatus;
  /** Nodes that should not run the pod, grouped by why (they are not part of the rollout). */
  readonly notEligible: readonly { readonly reasons: readonly string[]; readonly nodes: number }[];
  readonly assumptions: RolloutAssumptions;
  readonly warnings: readonly string[];
}

/** What the forecast assumed. */
export interface RolloutAssumptions {
  readonly readyAfterSeconds: number;
  readonly terminationSeconds: number;
  readonly minReadySeconds: number;
  /** The current revision's hash the plans used ({@link assumedRevisionHash} when none was known). */
  readonly revisionHash: string;
  /** Whether a Pending forecast decided which pods never schedule. */
  readonly pendingForecast: 'applied' | 'none';
  readonly maxSyncs: number;
  readonly maxWork: number;
}

const acts = (plan: DaemonSetPlan): boolean => plan.create.length + plan.delete.length > 0;

/** Every desired node has a scheduled, updated, available pod (as the status counts the first pod of each). */
function settledStatus(status: DaemonSetStatus): boolean {
  const desired = status.desiredNumberScheduled;
  return status.currentNumberScheduled === desired && status.updatedNumberScheduled === desired && status.numberAvailable === desired;
}

function notEligible(decisions: SyncOptions['decisions']): RolloutForecast['notEligible'] {
  const groups = new Map<string, { reasons: readonly string[]; nodes: number }>();
  for (const d of decisions) {
    if (d.shouldRun) continue;
    const key = d.reasons.join('\n');
    const group = groups.get(key);
    if (group) group.nodes++;
    else groups.set(key, { reasons: d.reasons, nodes: 1 });
  }
  return [...groups.values()];
}

function waveOf(sync: number, at: number, plan: DaemonSetPlan): RolloutWave {
  const batches = plan.steps.flatMap((step) => slowStartBatches(step.create.length));
  return {
    sync,
    atSeconds: at / 1000,
    deleted: plan.delete.length,
    created: plan.create.length,
    // Only the update step creates beside a live pod; manage creates where none runs.
    surged: plan.steps[1]?.create.length ?? 0,
    updatedNodes: plan.status.updatedNumberScheduled,
    unavailable: plan.status.numberUnavailable,
    ...(batches.length > 0 ? { createBatches: batches } : {}),
  };
}

/** Options with every default filled in, frozen. */
type ResolvedRollout = Readonly<Required<Omit<RolloutOptions, 'pending' | 'onSync'>>> & Pick<RolloutOptions, 'pending' | 'onSync'>;

/** Resolves the options once; budgets that are not positive numbers fall back to the defaults. */
function resolveRollout(options: RolloutOptions): ResolvedRollout {
  const positive = (value: number | undefined, fallback: number): number => (value !== undefined && value > 0 ? value : fallback);
  return Object.freeze({
    readyAfterSeconds: options.readyAfterSeconds ?? 30,
    terminationSeconds: options.terminationSeconds ?? 0,
    maxSyncs: positive(options.maxSyncs, 10_000),
    maxWork: positive(options.maxWork, 8_000_000),
    ...(options.pending ? { pending: options.pending } : {}),
    ...(options.onSync ? { onSync: options.onSync } : {}),
  });
}

/** How the syncs went. */
interface Simulated {
  readonly plan: DaemonSetPlan;
  readonly syncs: number;
  /** The clock of the last sync. */
  readonly last: number;
  readonly waves: RolloutWave[];
  readonly stopped: RolloutForecast['stopped'];
  readonly stuck: StuckNode[];
}

/**
 * The sync loop: plan, apply, and sync again at once after writes or changes due now; else wait for
 * the next event. Stops at the fixed point, when nothing more happens, or at the budget.
 */
function simulate(ds: DaemonSet, sync: SyncOptions & { hash: string }, world: RolloutWorld, o: ResolvedRollout, unsettled: (now: number) => StuckNode[]): Simulated {
  const waves: RolloutWave[] = [];
  let now = sync.now;
  let last = now;
  let syncs = 0;
  let work = 0;
  let plan: DaemonSetPlan | undefined;
  for (;;) {
    const listed = world.list();
    const cost = sync.nodes.length + listed.length;
    if (plan && (syncs >= o.maxSyncs || work + cost > o.maxWork)) return { plan, syncs, last, waves, stopped: 'budget', stuck: [] };
    plan = planDaemonSetSync(ds, listed, { ...sync, now });
    last = now;
    syncs++;
    work += cost;
    o.onSync?.({ sync: syncs, now, pods: listed, plan });
    if (acts(plan)) waves.push(waveOf(syncs, now - sync.now, plan));
    if (world.apply(plan, now) || world.advance(now)) continue;
    // The status is a cheap first test; old pods on nodes that only may keep one need the full one.
    if (settledStatus(plan.status) && unsettled(now).length === 0) return { plan, syncs, last, waves, stopped: 'converged', stuck: [] };
    const next = world.nextEvent(now);
    if (next === undefined) break;
    now = next;
    world.advance(now);
  }
  const stuck = unsettled(now);
  return { plan, syncs, last, waves, stopped: stuck.length === 0 ? 'converged' : 'stuck', stuck };
}

/** Simulates the controller's syncs of `ds` from `pods` at `sync.now` until it converges, stalls or the budget ends. */
export function forecastRollout(ds: DaemonSet, pods: readonly PodObject[], sync: SyncOptions, options: RolloutOptions = {}): RolloutForecast {
  const o = resolveRollout(options);
  const warnings: string[] = [];
  const known = sync.hash !== '' || revisionOf(ds, '').templateGeneration !== undefined;
  const hash = known ? sync.hash : assumedRevisionHash;
  if (!known && pods.length > 0) warnings.push("no current revision (give the revision hash, or the DaemonSet's ControllerRevisions with its pods): every existing pod is taken as old, as after a template change");
  const revision = revisionOf(ds, hash);
  const nodesByName = new Map(sync.nodes.map((n) => [n.name, n]));
  const { pending } = o;
  const template = createdPodTemplate(ds, revision);
  const world = new RolloutWorld(ds, template, pods, sync.now, {
    readyAfterMs: o.readyAfterSeconds * 1000,
    terminationMs: o.terminationSeconds * 1000,
    minReadySeconds: ds.minReadySeconds,
    hasNode: sync.hasNode ?? ((name) => nodesByName.has(name)),
    pending: (name, beside) => {
      const node = pending ? nodesByName.get(name) : undefined;
      return node ? pending!(node, beside) : undefined;
    },
  });
  // Pods whose labels the selector does not match are never claimed: the controller would create more at every sync.
  const claimable = labelSelectorMatches(ds.selector, template.labels);
  if (!claimable) warnings.push("the template's labels do not match the selector: the controller never claims the pods it creates and creates more at every sync");
  const loops = evictionLoops(ds, sync.nodes, sync.decisions, sync.gates);
  const unsettled = (now: number): StuckNode[] => unsettledNodes({ ds, revision, decisions: sync.decisions, world, now, loops });
  const run = simulate(ds, { ...sync, hash }, world, claimable ? o : { ...o, maxSyncs: 1 }, unsettled);
  const stopped = !claimable ? 'stuck' : run.stopped;
  const stuck = !claimable ? unsettled(run.last) : run.stuck;
  const { plan } = run;
  warnings.push(...plan.warnings);
  const elapsed = (run.last - sync.now) / 1000;
  const { updatedNumberScheduled: updated, desiredNumberScheduled: desired } = plan.status;
  const projectedSeconds = stopped === 'budget' && updated > 0 && elapsed > 0 ? Math.round((elapsed * desired) / updated) : undefined;
  return {
    syncs: run.syncs,
    converged: stopped === 'converged',
    estimatedSeconds: elapsed,
    waves: run.waves,
    stuck,
    stopped,
    ...(projectedSeconds !== undefined ? { projectedSeconds } : {}),
    status: plan.status,
    notEligible: notEligible(sync.decisions),
    assumptions: {
      readyAfterSeconds: o.readyAfterSeconds,
      terminationSeconds: o.terminationSeconds,
      minReadySeconds: ds.minReadySeconds,
      revisionHash: hash,
      pendingForecast: pending ? 'applied' : 'none',
      maxSyncs: o.maxSyncs,
      maxWork: o.maxWork,
    },
    warnings: [...new Set(warnings)],
  };
}
