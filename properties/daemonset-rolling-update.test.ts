/**
 * Rolling updates stay within their budgets (property 6 of the suite).
 *
 * Setup: static nodes; a RollingUpdate DaemonSet (maxUnavailable / maxSurge as int or percent,
 * minReadySeconds 0/5/30); per node nothing or one pod with an OLD hash — some not Ready, some
 * Ready too recently to be available — and a new current hash. A second property starts
 * mid-rollout: some nodes already have a new pod (possibly not ready yet), and under surge some
 * have an old and a new pod side by side. Each sync's plan is applied by the simulator
 * (daemonset-sim.ts); created pods become available between syncs. Right after each sync's
 * writes (the pods it created not yet available), we count
 *   unavailable = desired (shouldRun) nodes with no live available pod,
 *   doubled     = nodes with two live pods (one old, one new).
 *
 * Budgets (spec d.1, rolling-update.ts `updateBudgets`): D = #shouldRun nodes, U = maxUnavailable
 * and S = maxSurge scaled over D rounding up, U = 1 when both are 0. At the start let
 *   u0 = desired nodes without an available pod (no pod, or its pods not available),
 *   a0 = desired nodes whose only pod is old and not available,
 *   d0 = nodes with an old and a new pod.
 *
 * Without surge (S = 0): unavailable ≤ max(U, u0) at every step (so ≤ U + u0, the brief's form).
 * Derivation: unavailable old pods bypass the budget (spec f.12, `withoutSurge` "allowed
 * replacements") but are counted in numUnavailable, as are unavailable new pods and the nodes
 * `manage` creates on in this sync; available old pods are deleted only up to U − numUnavailable.
 * So sync 1 leaves ≤ max(U, u0) desired nodes down; sync 2 recreates those and deletes only U
 * minus them (and minus new pods still not ready); from sync 3 on, what a sync recreates was
 * deleted within U by the previous one, so ≤ U.
 *
 * With surge (S > 0): doubled ≤ max(S, d0) + a0 at sync 1 and ≤ max(S, d0) afterwards;
 * unavailable ≤ u0 always. Derivation: `withSurge` creates beside unavailable old pods outside
 * the budget ("allowed new nodes": a0 of them, all at sync 1 — at sync 2 their new pods are
 * available and `manage` prunes the old ones) and beside available ones only up to S − numSurge,
 * where numSurge counts the nodes whose new pod is not available yet (at most d0 from sync 2 on:
 * every new pod created by sync k−1 is available at sync k, so `manage` prunes its old pod before
 * the update surges again); an available old pod is deleted only once its node's new pod is
 * available, so a desired node that was available never becomes unavailable.
 *
 * Both bounds are tight (each is reached by some generated case). The rollout then ends at the
 * fixed point of `checkFixedPoint` within `convergenceBound`.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import type { JsonObject } from '../src/model/decode.js';
import {
  daemonNodeObjectListArb,
  daemonPodSpecObjectArb,
  daemonSetObjectArb,
  decodeNodeObject,
  intOrPercentObjectArb,
  nodeObjectName,
} from './arbitraries.js';
import {
  allowsSurge,
  budgets,
  Cluster,
  checkAfterSync,
  checkFixedPoint,
  convergenceBound,
  currentHash,
  decodeDs,
  isAvailable,
  isUpdated,
  planActs,
  podSeedArb,
  type PodSeed,
} from './daemonset-sim.js';
import { check, expect } from './support.js';

const rollingStrategyArb: fc.Arbitrary<JsonObject> = fc
  .record({ maxUnavailable: intOrPercentObjectArb, maxSurge: fc.oneof({ weight: 1, arbitrary: fc.constant(0 as number | string) }, { weight: 1, arbitrary: intOrPercentObjectArb }) })
  .map((rollingUpdate): JsonObject => ({ type: 'RollingUpdate', rollingUpdate }));

/** Template specs that fit most nodes (tolerations, hostNetwork), or anything. */
const specArb: fc.Arbitrary<JsonObject> = fc.oneof(
  daemonPodSpecObjectArb.map((spec): JsonObject => ({ containers: spec['containers'], ...(spec['tolerations'] ? { tolerations: spec['tolerations'] } : {}), ...(spec['hostNetwork'] !== undefined ? { hostNetwork: spec['hostNetwork'] } : {}) })),
  daemonPodSpecObjectArb,
);

interface Rollout {
  readonly nodes: JsonObject[];
  readonly ds: JsonObject;
  readonly pods: PodSeed[];
}

/**
 * Per node: nothing or one old pod; mid-rollout also one new pod (possibly not ready yet) or, when
 * the DaemonSet surges, an old pod beside a new one.
 */
function rolloutArb(midRollout: boolean): fc.Arbitrary<Rollout> {
  return fc
    .tuple(daemonNodeObjectListArb({ minNodes: 1, maxNodes: 12 }), daemonSetObjectArb({ spec: specArb, strategy: rollingStrategyArb }))
    .chain(([nodes, ds]) => {
      const surge = allowsSurge(decodeDs(ds));
      const perNode = (node: string): fc.Arbitrary<PodSeed[]> => {
        const old = podSeedArb([node], { hashes: ['old', 'older', 'none'], simple: true });
        const current = podSeedArb([node], { hashes: ['current'], simple: true });
        const choices: fc.WeightedArbitrary<PodSeed[]>[] = [
          { weight: 1, arbitrary: fc.constant([]) },
          { weight: 4, arbitrary: old.map((p) => [p]) },
        ];
        if (midRollout) choices.push({ weight: 2, arbitrary: current.map((p) => [p]) });
        if (midRollout && surge) choices.push({ weight: 2, arbitrary: fc.tuple(old, current).map(([o, c]) => [o, c]) });
        return fc.oneof(...choices);
      };
      return fc.tuple(...nodes.map((n) => perNode(nodeObjectName(n)))).map((seeds): Rollout => ({ nodes, ds, pods: seeds.flat() }));
    });
}

function checkRollout({ nodes: nodeObjects, ds: dsObject, pods: seeds }: Rollout): void {
  const ds = decodeDs(dsObject);
  const engine = createEngine({ nodes: nodeObjects.map(decodeNodeObject) });
  const cluster = new Cluster(ds, currentHash, seeds);
  const nodes = new Set(engine.nodes.map((n) => n.name));
  let plan = engine.daemonset(ds, cluster.pods, { revisionHash: cluster.hash, now: cluster.now });
  const desiredNodes = plan.nodes.filter((n) => n.shouldRun).map((n) => n.node);
  const { maxSurge, maxUnavailable } = budgets(ds, desiredNodes.length);
  const availableOn = (node: string, exclude: ReadonlySet<string>) => (cluster.liveByNode().get(node) ?? []).some((p) => !exclude.has(p.name) && isAvailable(ds, p, cluster.now));
  const initially = cluster.liveByNode();
  const u0 = desiredNodes.filter((n) => !availableOn(n, new Set())).length;
  // Desired nodes with only an old pod, and that one not available: the update's "allowed" nodes.
  const a0 = desiredNodes.filter((n) => {
    const pods = initially.get(n) ?? [];
    return pods.length === 1 && !isUpdated(ds, pods[0]!, cluster.hash) && !isAvailable(ds, pods[0]!, cluster.now);
  }).length;
  // Nodes that start with an old and a new pod (they count as surging until the new one is available).
  const d0 = [...initially].filter(([node, pods]) => nodes.has(node) && pods.length >= 2).length;
  const { bound } = convergenceBound(ds, cluster.hash, cluster, nodes, desiredNodes.length);
  const budget = { D: desiredNodes.length, maxUnavailable, maxSurge, u0, a0, d0 };
  for (let sync = 1; ; sync++) {
    if (!planActs(plan) && cluster.quiescent(nodes)) {
      checkFixedPoint(cluster, plan, nodes, `rollout: fixed point after ${sync - 1} syncs`);
      return;
    }
    expect(sync <= bound, `rollout: no fixed point within ${bound} syncs`, { budget, pods: cluster.describe() });
    const now = cluster.now;
    const created = new Set(cluster.apply(plan, nodes));
    checkAfterSync(cluster, nodes, `rollout sync ${sync}`);
    const unavailable = desiredNodes.filter((n) => !availableOn(n, created));
    const doubled = [...cluster.liveByNode()].filter(([node, pods]) => nodes.has(node) && pods.length >= 2).map(([node]) => node);
    const context = { sync, now: new Date(now).toISOString(), budget, unavailable, doubled, plan: { create: plan.create, delete: plan.delete }, pods: cluster.describe() };
    if (maxSurge === 0) {
      expect(unavailable.length <= Math.max(maxUnavailable, u0), `rollout sync ${sync}: ${unavailable.length} desired nodes unavailable > max(maxUnavailable=${maxUnavailable}, u0=${u0})`, context);
    } else {
      const allowance = sync === 1 ? a0 : 0;
      expect(doubled.length <= Math.max(maxSurge, d0) + allowance, `rollout sync ${sync}: ${doubled.length} nodes with two pods > max(maxSurge=${maxSurge}, d0=${d0}) + ${allowance}`, context);
      expect(unavailable.length <= u0, `rollout sync ${sync}: ${unavailable.length} desired nodes unavailable > u0=${u0} under surge`, context);
    }
    cluster.settle(nodes);
    plan = engine.daemonset(ds, cluster.pods, { revisionHash: cluster.hash, now: cluster.now });
  }
}

test('daemonset rolling update: from all-old pods, unavailable desired nodes and doubled nodes stay within maxUnavailable / maxSurge (+ what was already down)', (ctx) => {
  check(ctx, fc.property(rolloutArb(false), checkRollout), 0.8);
});

test('daemonset rolling update: the same bounds mid-rollout (new pods not ready yet, old and new side by side under surge)', (ctx) => {
  check(ctx, fc.property(rolloutArb(true), checkRollout), 0.8);
});

test.run();
