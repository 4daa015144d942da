/**
 * The rollout forecast's world, restated from its documented assumptions as pure functions of a
 * pod list and the clock (not a test file; independent of src/controllers/daemonset/rollout-*.ts):
 *
 * - a given pod that is not Ready turns Ready `readyAfter` after its creation, or never when that
 *   moment is not after the start (or it is unbound and its node's pods stay Pending); a pod the
 *   forecast created turns Ready `readyAfter` after its creation unless its node's pods stay Pending;
 * - a Ready pod (neither terminal nor terminating) is found available minReadySeconds + 1 s after its Ready transition;
 * - a terminating pod is gone at its deletionTimestamp (given ones: at the start at the earliest);
 * - with the first transitions after the first sync (a sync right after writes comes before them),
 *   unbound pods whose node exists are bound (unless Pending) and pods bound to missing nodes are
 *   collected;
 * - the controller's writes: released pods lose their controllerRef, adopted ones gain it, deleted
 *   pods terminate for terminationSeconds (gone at once for 0), created pods are new.
 */
import type { DaemonSetPlan } from '../src/controllers/daemonset/sync.js';
import type { DaemonSet, PodObject } from '../src/model/daemonset-types.js';
import { isReady, isTerminalPhase, targetOf } from './daemonset-sim.js';

/** The assumptions and fixed facts of one forecast. */
export interface OracleModel {
  readonly ds: DaemonSet;
  readonly start: number;
  readonly readyAfterMs: number;
  readonly terminationMs: number;
  readonly minReadyMs: number;
  readonly nodes: ReadonlySet<string>;
  /** Nodes whose daemon pods stay Pending. */
  readonly pending: ReadonlySet<string>;
  /** Names of the pods given at the start. */
  readonly given: ReadonlySet<string>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** When the pod turns Ready: a time, `null` for never, `undefined` when it does not apply (Ready, terminal, terminating). */
export function readyTime(pod: PodObject, m: OracleModel): number | null | undefined {
  if (pod.deletionTimestamp || isTerminalPhase(pod) || isReady(pod)) return undefined;
  const target = targetOf(pod);
  if (pod.nodeName === '' && target !== undefined && m.pending.has(target)) return null;
  const at = Date.parse(pod.creationTimestamp) + m.readyAfterMs;
  if (!m.given.has(pod.name)) return at;
  return Number.isNaN(at) || at <= m.start ? null : at;
}

/** When a terminating pod is gone. */
export function goneTime(pod: PodObject, m: OracleModel): number | undefined {
  if (!pod.deletionTimestamp) return undefined;
  const at = Date.parse(pod.deletionTimestamp);
  return Number.isNaN(at) ? m.start : Math.max(at, m.start);
}

/** The controller's writes at `now`, except the created pods (returned separately by the caller). */
export function applyWrites(pods: readonly PodObject[], plan: DaemonSetPlan, now: number, m: OracleModel): PodObject[] {
  const released = new Set(plan.released);
  const adopted = new Set(plan.adopted);
  const deleted = new Set(plan.delete);
  const out: PodObject[] = [];
  for (let pod of pods) {
    if (released.has(pod.name) && pod.controllerRef) {
      const { controllerRef: _gone, ...rest } = pod;
      pod = rest;
    }
    if (adopted.has(pod.name) && !pod.controllerRef) pod = { ...pod, controllerRef: { kind: 'DaemonSet', name: m.ds.workload.name, uid: m.ds.uid } };
    if (deleted.has(pod.name) && !pod.deletionTimestamp) {
      if (m.terminationMs === 0) continue;
      pod = { ...pod, deletionTimestamp: iso(now + m.terminationMs) };
    }
    out.push(pod);
  }
  return out;
}

/** What happens by `now` besides the controller (`first`: the start's housekeeping is due too). */
export function transitions(pods: readonly PodObject[], now: number, m: OracleModel, first: boolean): PodObject[] {
  const out: PodObject[] = [];
  for (let pod of pods) {
    const gone = goneTime(pod, m);
    if (gone !== undefined && gone <= now) continue;
    if (first && !pod.deletionTimestamp && pod.nodeName !== '' && !m.nodes.has(pod.nodeName)) continue;
    const target = targetOf(pod);
    if (first && !pod.deletionTimestamp && pod.nodeName === '' && target !== undefined && m.nodes.has(target) && !m.pending.has(target)) {
      pod = { ...pod, nodeName: target, placement: { ...pod.placement, nodeName: target } };
    }
    const ready = readyTime(pod, m);
    if (typeof ready === 'number' && ready <= now) pod = { ...pod, phase: 'Running', ready: { status: 'True', lastTransitionTime: iso(ready) } };
    out.push(pod);
  }
  return out;
}

/** The next moment after `now` something happens to these pods. */
export function nextEvent(pods: readonly PodObject[], now: number, m: OracleModel): number | undefined {
  const times: number[] = [];
  for (const pod of pods) {
    const ready = readyTime(pod, m);
    if (typeof ready === 'number') times.push(ready);
    const gone = goneTime(pod, m);
    if (gone !== undefined) times.push(gone);
    if (m.minReadyMs > 0 && !pod.deletionTimestamp && !isTerminalPhase(pod) && isReady(pod) && pod.ready?.lastTransitionTime) times.push(Date.parse(pod.ready.lastTransitionTime) + m.minReadyMs + 1000);
  }
  const later = times.filter((t) => t > now);
  return later.length === 0 ? undefined : Math.min(...later);
}
