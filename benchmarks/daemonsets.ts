/**
 * The DaemonSet benchmark: 100 DaemonSets (agents with OS/arch selectors, affinity and every
 * toleration style) planned over the whole cluster — per-node decisions, creates and status — and
 * re-planned after one node update, indexed engine vs the reference per-node evaluation; after a
 * taint change also with every plan made again from the kept answers (not patched), side by side.
 */
import type { Engine } from '../src/api/engine.js';
import { decodeDaemonSet } from '../src/model/decode-daemonset.js';
import type { DaemonSet } from '../src/model/daemonset-types.js';
import type { Node } from '../src/model/types.js';
import { time, type Timing, type TimingBudget } from './harness.js';

const tolerationStyles: readonly unknown[][] = [
  [{ operator: 'Exists' }],
  [{ operator: 'Exists', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute' }],
  [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
  [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
  [],
];

/** 100 DaemonSets, deterministic; `containers(i)` gives DaemonSet i's containers (none by default). */
export function benchmarkDaemonSets(count = 100, containers?: (i: number) => unknown[]): DaemonSet[] {
  const out: DaemonSet[] = [];
  for (let i = 0; i < count; i++) {
    const labels = { app: `agent-${i}` };
    const spec: Record<string, unknown> = { tolerations: tolerationStyles[i % tolerationStyles.length], hostNetwork: i % 3 === 0 };
    if (containers) spec['containers'] = containers(i);
    if (i % 4 !== 3) spec['nodeSelector'] = { 'kubernetes.io/os': i % 10 === 9 ? 'windows' : 'linux' };
    if (i % 5 === 1) spec['affinity'] = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: [i % 2 ? 'amd64' : 'arm64'] }] }] } } };
    if (i % 7 === 2) spec['affinity'] = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'nvidia.com/gpu.present', operator: 'Exists' }] }, { matchExpressions: [{ key: 'example.com/gpu-count', operator: 'Gt', values: ['0'] }] }] } } };
    const object = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: `agent-${i}`, namespace: 'kube-system', uid: `uid-${i}` },
      spec: { selector: { matchLabels: labels }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } }, template: { metadata: { labels }, spec } },
    };
    const { daemonset } = decodeDaemonSet(object);
    if (!daemonset) throw new Error(`benchmark DaemonSet ${i} does not decode`);
    out.push(daemonset);
  }
  return out;
}

/** Side-by-side DaemonSet figures for one cluster. */
export function measureDaemonSets(indexed: Engine, reference: Engine, nodes: readonly Node[], budget: TimingBudget): Record<string, number> {
  const daemonsets = benchmarkDaemonSets();
  const now = Date.UTC(2026, 0, 1);
  // A planning round at a new clock: nothing is served from the last plan (which is given again
  // only for the same pods, revision and clock). Re-planning after a node event asks again at the
  // same clock, as a controller whose pods did not change asks again.
  let clock = now;
  const planAll = (engine: Engine, withNodes = true, again = false): number => {
    if (!again) clock++;
    return daemonsets.reduce((n, ds) => n + engine.daemonset(ds, [], { revisionHash: 'h1', now: clock, nodes: withNodes }).status.desiredNumberScheduled, 0);
  };
  const a = planAll(indexed);
  const b = planAll(reference);
  if (a !== b) throw new Error(`DaemonSet plans disagree: indexed ${a}, reference ${b}`);
  const small: TimingBudget = { warmupMs: budget.warmupMs, samples: Math.max(3, Math.floor(budget.samples / 3)) };
  const full: Timing = time(() => planAll(indexed), small);
  const countOnly: Timing = time(() => planAll(indexed, false), small);
  const fullReference: Timing = time(() => planAll(reference), { warmupMs: 0, samples: 3 });
  // One node gains a label, or a taint, then every DaemonSet is planned again.
  const victim = nodes[Math.floor(nodes.length / 3)]!;
  const labelled = ['a', 'b'].map((v) => ({ ...victim, labels: new Map([...victim.labels, ['example.com/maintenance-window', v]]) }));
  const tainted = [victim, { ...victim, taints: [...victim.taints, { key: 'example.com/maintenance', value: 'true', effect: 'NoSchedule' as const }] }];
  let flip = 0;
  const replanAfter = (engine: Engine, variants: readonly Node[], withNodes: boolean, timing: TimingBudget): Timing =>
    time(() => {
      engine.upsertNode(variants[flip++ & 1]!);
      return planAll(engine, withNodes, true);
    }, timing);
  const replan = replanAfter(indexed, labelled, false, small);
  const replanTaint = replanAfter(indexed, tainted, false, small);
  // The same taint change, every DaemonSet then planned at a new clock: each plan is made again
  // from the kept answers, as every re-plan after a taint change was before plans were patched.
  const replanTaintUnpatched = time(() => {
    indexed.upsertNode(tainted[flip++ & 1]!);
    return planAll(indexed, false);
  }, small);
  const replanWithNodes = replanAfter(indexed, tainted, true, small);
  const replanReference = replanAfter(reference, labelled, true, { warmupMs: 0, samples: 3 });
  indexed.upsertNode(victim);
  reference.upsertNode(victim);
  const ms = (t: Timing): number => Number((t.medianUs / 1000).toFixed(2));
  return {
    daemonsetsPlanMs: ms(full),
    daemonsetsPlanCountOnlyMs: Number((countOnly.medianUs / 1000).toFixed(3)),
    daemonsetsPlanReferenceMs: Number((fullReference.medianUs / 1000).toFixed(1)),
    daemonsetsSpeedup: Number((fullReference.medianUs / full.medianUs).toFixed(1)),
    daemonsetsReplanUs: Number(replan.medianUs.toFixed(1)),
    daemonsetsReplanTaintUs: Number(replanTaint.medianUs.toFixed(1)),
    daemonsetsReplanTaintUnpatchedUs: Number(replanTaintUnpatched.medianUs.toFixed(1)),
    daemonsetsReplanWithNodesMs: ms(replanWithNodes),
    daemonsetsReplanReferenceMs: Number((replanReference.medianUs / 1000).toFixed(1)),
    daemonsetsReplanSpeedup: Number((replanReference.medianUs / replan.medianUs).toFixed(0)),
  };
}
