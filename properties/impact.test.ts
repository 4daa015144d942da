/**
 * What-if impact against doing it: the answer of `impact(changes)` equals the difference between
 * the engine over the nodes as they are and an engine over the nodes with the changes applied —
 * for a workload, the nodes gained and lost; for a DaemonSet, the should-run nodes created and
 * lost and the running pods evicted (so a should-run count moves by exactly `create` − `lost`).
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import { applyNodeChange } from '../src/api/impact.js';
import type { NodeChange } from '../src/api/impact-inputs.js';
import type { Node } from '../src/model/types.js';
import { daemonNodeObjectListArb, daemonSetObjectArb, daemonTaintKeys, decodeNodeObject, featureGatesArb, nodeObjectName, taintKeys, taintValues, taintEffects, workloadArb } from './arbitraries.js';
import { decodeDs } from './daemonset-sim.js';
import { check, expectEqual } from './support.js';

/** One change to one of `names`: taints, labels (valid keys and values only) and cordons, as the what-if box makes them. */
function changeArb(names: readonly string[]): fc.Arbitrary<NodeChange> {
  const key = fc.constantFrom(...taintKeys, ...daemonTaintKeys);
  return fc.record(
    {
      node: fc.constantFrom(...names),
      addTaints: fc.array(fc.record({ key, value: fc.constantFrom(...taintValues.filter((v) => /^[0-9a-z]*$/.test(v))), effect: fc.constantFrom(...taintEffects) }), { maxLength: 2 }).map((taints) => {
        const seen = new Set<string>();
        return taints.filter((t) => !seen.has(`${t.key}/${t.effect}`) && seen.add(`${t.key}/${t.effect}`));
      }),
      removeTaints: fc.array(fc.record({ key }, { requiredKeys: ['key'] }), { maxLength: 1 }),
      setLabels: fc.dictionary(fc.constantFrom('zone', 'tier', 'kubernetes.io/os', 'example.com/team'), fc.constantFrom('a', 'b', 'linux', 'windows'), { maxKeys: 2 }),
      removeLabels: fc.array(fc.constantFrom('zone', 'tier', 'kubernetes.io/os'), { maxLength: 1 }),
      unschedulable: fc.boolean(),
    },
    { requiredKeys: ['node'] },
  );
}

const caseArb = daemonNodeObjectListArb({ minNodes: 1, maxNodes: 8 }).chain((objects) =>
  fc.record({
    nodes: fc.constant(objects.map(decodeNodeObject)),
    changes: fc.array(changeArb(objects.map(nodeObjectName)), { minLength: 1, maxLength: 4 }),
    ds: daemonSetObjectArb().map(decodeDs),
    workload: workloadArb,
    gates: featureGatesArb,
  }),
);

/** The nodes with every change applied, in order. */
function applied(nodes: readonly Node[], changes: readonly NodeChange[]): Node[] {
  return nodes.map((node) => changes.filter((c) => c.node === node.name).reduce(applyNodeChange, node));
}

const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));

test('impact = the difference between the engine before and after the changes (workloads and DaemonSets)', (ctx) => {
  check(
    ctx,
    fc.property(caseArb, ({ nodes, changes, ds, workload, gates }) => {
      const before = createEngine({ nodes, featureGates: gates, validate: false });
      const after = createEngine({ nodes: applied(nodes, changes), featureGates: gates, validate: false });
      const impact = before.impact(changes, [workload, ds]);
      const eligibleBefore = before.eligible(workload, { explain: 'none' }).eligible;
      const eligibleAfter = after.eligible(workload, { explain: 'none' }).eligible;
      const w = impact.workloads[0]!;
      expectEqual([...w.gained].sort(), minus(eligibleAfter, eligibleBefore).sort(), 'gained');
      expectEqual([...w.lost].sort(), minus(eligibleBefore, eligibleAfter).sort(), 'lost');
      const planBefore = before.daemonset(ds, [], { now: 0 }).nodes;
      const planAfter = after.daemonset(ds, [], { now: 0 }).nodes;
      const names = (plan: typeof planBefore, pick: (n: (typeof planBefore)[number]) => boolean): string[] => plan.filter(pick).map((n) => n.node);
      const d = impact.daemonsets[0]!;
      const runBefore = names(planBefore, (n) => n.shouldRun);
      const runAfter = names(planAfter, (n) => n.shouldRun);
      expectEqual([...d.create].sort(), minus(runAfter, runBefore).sort(), 'create');
      expectEqual([...d.lost].sort(), minus(runBefore, runAfter).sort(), 'lost');
      const stayBefore = names(planBefore, (n) => n.shouldContinueRunning);
      const stayAfter = names(planAfter, (n) => n.shouldContinueRunning);
      expectEqual([...d.evict].sort(), minus(stayBefore, stayAfter).sort(), 'evict');
      expectEqual(runAfter.length, runBefore.length + d.create.length - d.lost.length, 'should-run count');
    }),
    0.3,
  );
});

test.run();
