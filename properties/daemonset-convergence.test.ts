/**
 * DaemonSet reconcile converges (properties 2 and 3 of the suite):
 *
 * From generated nodes (labels, taints of every effect incl. the node-lifecycle ones, cordons,
 * conditions) and DaemonSets (nodeSelector / affinity terms of every shape, tolerations in every
 * form, hostNetwork, RollingUpdate with int or percent maxUnavailable / maxSurge, OnDelete,
 * minReadySeconds), starting from random pods (old and current hashes, duplicates, failed and
 * succeeded, terminating, unbound, orphans, others' pods, pods on nodes that do not exist),
 * applying each sync's plan with the simulator of daemonset-sim.ts reaches a fixed point within
 * the bound of `convergenceBound` (see there for why), checking on the way and at the end the
 * invariants of `checkAfterSync` and `checkFixedPoint`. At the fixed point planning again plans
 * nothing — later, over a fresh engine, with the reference evaluator, with the pods reordered.
 *
 * Set PLACEMENT_DAEMONSET_STATS=1 to print how many syncs runs took against their bound.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import type { JsonObject } from '../src/model/decode.js';
import type { FeatureGates } from '../src/model/feature-gates.js';
import {
  daemonNodeObjectListArb,
  daemonPodSpecObjectArb,
  daemonSetObjectArb,
  daemonTolerationObjectArb,
  decodeNodeObject,
  featureGatesArb,
  nodeNames,
  nodeObjectArbNamed,
  nodeObjectName,
} from './arbitraries.js';
import { Cluster, currentHash, decodeDs, planActs, podSeedArb, podSeedsArb, reconcileToFixedPoint, type PodSeed } from './daemonset-sim.js';
import { check, expect, expectEqual } from './support.js';

const stats = process.env['PLACEMENT_DAEMONSET_STATS'] === '1';
const missingNames = ['gone-1', 'gone-2'];

interface Scenario {
  readonly nodes: JsonObject[];
  readonly ds: JsonObject;
  readonly gates: FeatureGates;
  readonly pods: PodSeed[];
}

/** Nodes, a DaemonSet and initial pods over the nodes' names plus two missing ones. */
function scenarioArb(nodesArb: fc.Arbitrary<JsonObject[]>, dsArb: fc.Arbitrary<JsonObject>, maxPods: number): fc.Arbitrary<Scenario> {
  return fc
    .tuple(nodesArb, dsArb, featureGatesArb)
    .chain(([nodes, ds, gates]) =>
      podSeedsArb([...nodes.map(nodeObjectName), ...missingNames], maxPods).map((pods): Scenario => ({ nodes, ds, gates, pods })),
    );
}

const observed: { syncs: number; bound: number; rollout: number; strategy: string }[] = [];

function converge(s: Scenario, what: string): void {
  const ds = decodeDs(s.ds);
  const nodes = s.nodes.map(decodeNodeObject);
  const engine = createEngine({ nodes, featureGates: s.gates });
  const cluster = new Cluster(ds, currentHash, s.pods);
  const { syncs, bound, rollout, plan } = reconcileToFixedPoint(engine, cluster, what);
  if (stats) observed.push({ syncs, bound, rollout, strategy: ds.updateStrategy.type === 'OnDelete' ? 'OnDelete' : JSON.stringify(ds.updateStrategy) });

  // Idempotence: at the fixed point nothing is planned, however we ask.
  const options = { revisionHash: cluster.hash, now: cluster.now };
  const again = engine.daemonset(ds, cluster.pods, options);
  expectEqual(again, plan, 'planning twice over the same state', ['second', 'first']);
  const asked = {
    'one minute later': engine.daemonset(ds, cluster.pods, { ...options, now: cluster.now + 60_000 }),
    'a fresh engine': createEngine({ nodes: s.nodes.map(decodeNodeObject), featureGates: s.gates }).daemonset(ds, cluster.pods, options),
    'the reference evaluator': createEngine({ nodes: s.nodes.map(decodeNodeObject), featureGates: s.gates, evaluator: 'reference' }).daemonset(ds, cluster.pods, options),
    'the pods reversed': engine.daemonset(ds, [...cluster.pods].reverse(), options),
    'the nodes reversed': createEngine({ nodes: [...s.nodes].reverse().map(decodeNodeObject), featureGates: s.gates }).daemonset(ds, cluster.pods, options),
  };
  for (const [how, p] of Object.entries(asked)) {
    expect(!planActs(p), `converged, yet planning with ${how} plans something`, { create: p.create, delete: p.delete, released: p.released, adopted: p.adopted, pods: cluster.describe() });
  }
}

test('daemonset convergence: plans applied until nothing is planned reach the fixed point within the bound, and it is idempotent', (ctx) => {
  check(
    ctx,
    fc.property(scenarioArb(daemonNodeObjectListArb({ maxNodes: 10 }), daemonSetObjectArb(), 16), (s) => converge(s, 'converge')),
    0.8,
  );
});

/**
 * Rollout-heavy: a template that fits most nodes (tolerations and hostNetwork only), one old pod on
 * every node plus random extras, so the RollingUpdate budgets bind for many syncs.
 */
const rolloutScenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(
    daemonNodeObjectListArb({ minNodes: 3, maxNodes: 12 }),
    daemonSetObjectArb({ spec: daemonPodSpecObjectArb.map((spec): JsonObject => ({ containers: spec['containers'], ...(spec['tolerations'] ? { tolerations: spec['tolerations'] } : {}), ...(spec['hostNetwork'] !== undefined ? { hostNetwork: spec['hostNetwork'] } : {}) })) }),
    featureGatesArb,
  )
  .chain(([nodes, ds, gates]) => {
    const names = nodes.map(nodeObjectName);
    const oldOnEach = fc.tuple(...names.map((node) => podSeedArb([node], { hashes: ['old', 'older', 'none'], simple: true })));
    return fc.tuple(oldOnEach, podSeedsArb([...names, ...missingNames], 6)).map(([old, extra]): Scenario => ({ nodes, ds, gates, pods: [...old, ...extra] }));
  });

test('daemonset convergence: rollouts with an old pod on every node reach the fixed point within the bound', (ctx) => {
  check(ctx, fc.property(rolloutScenarioArb, (s) => converge(s, 'converge (rollout)')), 0.5);
});

/** Many nodes (past one burst of 250): plain nodes, a DaemonSet that fits most of them. */
const largeNodesArb: fc.Arbitrary<JsonObject[]> = fc
  .integer({ min: 251, max: 620 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => (i < 12 ? nodeObjectArbNamed(`n${i}`) : fc.constant({ apiVersion: 'v1', kind: 'Node', metadata: { name: `big-${i}`, labels: { zone: i % 2 === 0 ? 'a' : 'b' } } } as JsonObject)))));

const largeDsArb = daemonSetObjectArb({
  spec: fc
    .tuple(fc.array(daemonTolerationObjectArb, { maxLength: 2 }), fc.constantFrom(undefined, { zone: 'a' }))
    .map(([tolerations, nodeSelector]): JsonObject => ({ containers: [{ name: 'app', image: 'busybox' }], tolerations, ...(nodeSelector ? { nodeSelector } : {}) })),
  strategy: fc.constantFrom<JsonObject | undefined>(
    { type: 'OnDelete' },
    { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } },
    { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '100%' } },
    { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%', maxSurge: 0 } },
  ),
});

test('daemonset convergence: past the burst of 250 creates per sync (N in 251..620)', (ctx) => {
  check(
    ctx,
    fc.property(
      largeNodesArb.chain((nodes) =>
        fc.tuple(fc.constant(nodes), largeDsArb, podSeedsArb([...nodeNames.slice(0, 12), ...missingNames, ...nodes.slice(12, 40).map(nodeObjectName)], 30), fc.boolean()),
      ),
      ([nodes, ds, pods, oldEverywhere]) => {
        // Optionally an old, available pod on every node: the rollout's deletes then pass the burst too.
        const old: PodSeed[] = oldEverywhere
          ? nodes.map((n) => ({ node: nodeObjectName(n), hash: 'old', generation: 'none', bound: true, phase: 'Running', ready: 'True', readySince: 'old', readyAfter: 1, owner: 'ds', terminating: false, age: 600 }))
          : [];
        converge({ nodes, ds, gates: { TaintTolerationComparisonOperators: false }, pods: [...old, ...pods] }, 'converge (large)');
      },
    ),
    0.004,
  );
});

test('daemonset convergence: print observed syncs vs bound (PLACEMENT_DAEMONSET_STATS=1)', () => {
  if (!stats || observed.length === 0) return;
  const worst = [...observed].sort((a, b) => b.syncs - a.syncs || a.bound - b.bound).slice(0, 5);
  const slack = Math.min(...observed.map((o) => o.bound - o.syncs));
  console.log(`daemonset convergence: ${observed.length} runs, max syncs ${Math.max(...observed.map((o) => o.syncs))}, min slack ${slack}, max syncs beyond the rollout allowance ${Math.max(...observed.map((o) => o.syncs - o.rollout))}`);
  console.log(worst);
});

test.run();
