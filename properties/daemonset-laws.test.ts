/**
 * Laws of the DaemonSet controller's plans (properties 5 and 7 of the suite): changing the input
 * in a known direction moves the plan in a known direction, or not at all; and the indexed
 * decisions equal the per-node reference.
 *
 * Where a law meets the rolling-update budgets it is stated as exactly as the algorithm allows:
 * which candidates fill a budget follows node order (Go map order upstream), and the budgets
 * themselves depend on the number of desired nodes (percentages, the both-zero fallback, surge
 * mode switching on at the first desired node), so more eligible nodes may legitimately let the
 * update delete more OLD pods. Those cases are spelled out at each law.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import type { DaemonSetPlan } from '../src/controllers/daemonset/sync.js';
import type { JsonObject } from '../src/model/decode.js';
import type { FeatureGates } from '../src/model/feature-gates.js';
import {
  daemonNodeObjectListArb,
  daemonSetObjectArb,
  daemonTaintKeys,
  daemonTolerationObjectArb,
  decodeNodeObject,
  featureGatesArb,
  nodeNames,
  nodeObjectName,
  taintKeys,
  taintValues,
  uniqueTaints,
} from './arbitraries.js';
import { allowsSurge, Cluster, currentHash, decisionsOf, decodeDs, isUpdated, podFromSeed, podSeedArb, podSeedsArb, sortedNames, type PodSeed, type PodSeedOptions } from './daemonset-sim.js';
import { check, expect, expectEqual } from './support.js';

interface Case {
  readonly nodes: JsonObject[];
  readonly ds: JsonObject;
  readonly gates: FeatureGates;
  readonly pods: PodSeed[];
}

const missingNames = ['gone-1'];

function caseArb(options: { nodes?: fc.Arbitrary<JsonObject[]>; ds?: fc.Arbitrary<JsonObject>; pods?: PodSeedOptions; minNodes?: number } = {}): fc.Arbitrary<Case> {
  return fc
    .tuple(options.nodes ?? daemonNodeObjectListArb({ minNodes: options.minNodes ?? 0, maxNodes: 10 }), options.ds ?? daemonSetObjectArb(), featureGatesArb)
    .chain(([nodes, ds, gates]) => podSeedsArb([...nodes.map(nodeObjectName), ...missingNames], 14, options.pods ?? {}).map((pods): Case => ({ nodes, ds, gates, pods })));
}

/** One sync's plan over the case (pods built by the simulator, clock at the start). */
function planOf(c: Case, over: { nodes?: JsonObject[]; ds?: JsonObject; reversePods?: boolean; evaluator?: 'indexed' | 'reference' } = {}): DaemonSetPlan {
  const ds = decodeDs(over.ds ?? c.ds);
  // Pods are built from the ORIGINAL DaemonSet: a changed template does not rewrite existing pods.
  const cluster = new Cluster(decodeDs(c.ds), currentHash, c.pods);
  const pods = over.reversePods ? [...cluster.pods].reverse() : cluster.pods;
  const engine = createEngine({ nodes: (over.nodes ?? c.nodes).map(decodeNodeObject), featureGates: c.gates, evaluator: over.evaluator ?? 'indexed' });
  return engine.daemonset(ds, pods, { revisionHash: currentHash, now: cluster.now });
}

const specOf = (o: JsonObject): JsonObject => ({ ...((o['spec'] as JsonObject | undefined) ?? {}) });
const withNodeSpec = (nodes: readonly JsonObject[], i: number, change: (spec: JsonObject) => JsonObject): JsonObject[] =>
  nodes.map((o, j) => (j === i ? { ...o, spec: change(specOf(o)) } : o));
const subset = (a: readonly string[], b: readonly string[]): boolean => a.every((x) => b.includes(x));
const strategyOf = (c: Case) => decodeDs(c.ds).updateStrategy.type;

// ---------------------------------------------------------------------------------------------
// NoSchedule taints
// ---------------------------------------------------------------------------------------------

const noScheduleTaintArb: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.constantFrom(...taintKeys, ...daemonTaintKeys), fc.constantFrom(...taintValues))
  .map(([key, value]): JsonObject => (value === '' ? { key, effect: 'NoSchedule' } : { key, value, effect: 'NoSchedule' }));

test('daemonset laws: a NoSchedule taint never changes shouldContinueRunning and never adds shouldRun; under OnDelete it deletes nothing new', (ctx) => {
  check(
    ctx,
    fc.property(caseArb({ minNodes: 1 }), fc.nat(), noScheduleTaintArb, (c, at, taint) => {
      const i = at % c.nodes.length;
      const nodes = withNodeSpec(c.nodes, i, (spec) => ({ ...spec, taints: uniqueTaints([...((spec['taints'] as JsonObject[] | undefined) ?? []), taint]) }));
      const before = planOf(c);
      const after = planOf(c, { nodes });
      const was = decisionsOf(before);
      for (const [node, d] of decisionsOf(after)) {
        const b = was.get(node)!;
        expect(d.shouldContinueRunning === b.shouldContinueRunning, `node ${node}: shouldContinueRunning changed from ${b.shouldContinueRunning} to ${d.shouldContinueRunning}`);
        expect(!d.shouldRun || b.shouldRun, `node ${node}: a NoSchedule taint turned shouldRun on`);
        if (node !== nodeObjectName(c.nodes[i]!)) expectEqual(d, b, `node ${node} (not the tainted one): decision`, ['after', 'before']);
      }
      if (strategyOf(c) === 'OnDelete') {
        expectEqual(sortedNames(after.delete), sortedNames(before.delete), 'OnDelete: deletes after a NoSchedule taint', ['after', 'before']);
        expect(subset(after.create, before.create), 'OnDelete: a NoSchedule taint added a create', { before: before.create, after: after.create });
      }
    }),
    0.6,
  );
});

// ---------------------------------------------------------------------------------------------
// Cordons
// ---------------------------------------------------------------------------------------------

test('daemonset laws: cordoning a node (with or without the unschedulable taint) changes no plan; in particular it deletes nothing new', (ctx) => {
  check(
    ctx,
    fc.property(caseArb({ minNodes: 1 }), fc.nat(), fc.boolean(), (c, at, withTaint) => {
      const i = at % c.nodes.length;
      const taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
      const nodes = withNodeSpec(c.nodes, i, (spec) => ({
        ...spec,
        unschedulable: true,
        ...(withTaint ? { taints: uniqueTaints([...((spec['taints'] as JsonObject[] | undefined) ?? []), taint]) } : {}),
      }));
      const before = planOf(c);
      const after = planOf(c, { nodes });
      expect(subset(after.delete, before.delete), 'a cordon made the plan delete a pod it did not delete before', { before: before.delete, after: after.delete });
      expectEqual(after, before, `cordon of ${nodeObjectName(c.nodes[i]!)}: the plan`, ['after', 'before']);
    }),
    0.48,
  );
});

// ---------------------------------------------------------------------------------------------
// Tolerations
// ---------------------------------------------------------------------------------------------

function withToleration(ds: JsonObject, toleration: JsonObject, at: number): JsonObject {
  const spec = ds['spec'] as JsonObject;
  const template = spec['template'] as JsonObject;
  const podSpec = template['spec'] as JsonObject;
  const list = [...((podSpec['tolerations'] as JsonObject[] | undefined) ?? [])];
  list.splice(at % (list.length + 1), 0, toleration);
  return { ...ds, spec: { ...spec, template: { ...template, spec: { ...podSpec, tolerations: list } } } };
}

test('daemonset laws: adding a toleration never removes a daemon pod (decisions only grow; only OLD pods may newly go, through the update budgets)', (ctx) => {
  check(
    ctx,
    fc.property(caseArb(), daemonTolerationObjectArb, fc.nat(), (c, toleration, at) => {
      const ds2 = withToleration(c.ds, toleration, at);
      const before = planOf(c);
      const after = planOf(c, { ds: ds2 });
      const was = decisionsOf(before);
      for (const [node, d] of decisionsOf(after)) {
        const b = was.get(node)!;
        expect(!b.shouldRun || d.shouldRun, `node ${node}: a toleration turned shouldRun off`);
        expect(!b.shouldContinueRunning || d.shouldContinueRunning, `node ${node}: a toleration turned shouldContinueRunning off`);
      }
      const newlyDeleted = after.delete.filter((p) => !before.delete.includes(p));
      const ds = decodeDs(c.ds);
      const pods = new Cluster(ds, currentHash, c.pods).pods;
      const allCurrent = pods.every((p) => isUpdated(ds, p, currentHash));
      if (ds.updateStrategy.type === 'OnDelete' || allCurrent) {
        expect(newlyDeleted.length === 0, 'adding a toleration made the plan delete pods it kept before', { newlyDeleted, before: before.delete, after: after.delete });
      } else {
        // RollingUpdate over old pods: more desired nodes can raise a percentage budget, switch
        // the both-zero fallback or surge mode on, or shrink the sunset count — but the update
        // only ever deletes pods that are not updated.
        const byName = new Map(pods.map((p) => [p.name, p]));
        for (const name of newlyDeleted) expect(!isUpdated(ds, byName.get(name)!, currentHash), `adding a toleration made the plan delete the updated pod ${name}`, { before: before.delete, after: after.delete });
      }
    }),
    0.6,
  );
});

test('daemonset laws: adding a toleration, when no pod is old, never deletes more (all current-hash pods)', (ctx) => {
  check(
    ctx,
    fc.property(caseArb({ pods: { hashes: ['current'] } }), daemonTolerationObjectArb, fc.nat(), (c, toleration, at) => {
      const before = planOf(c);
      const after = planOf(c, { ds: withToleration(c.ds, toleration, at) });
      expect(subset(after.delete, before.delete), 'adding a toleration made the plan delete pods it kept before', { before: before.delete, after: after.delete });
    }),
    0.36,
  );
});

// ---------------------------------------------------------------------------------------------
// Taints the DaemonSet ignores or always tolerates
// ---------------------------------------------------------------------------------------------

/** The plan without evictions (the taint manager's view depends on NoExecute taints and toleration order). */
const withoutEvictions = (plan: DaemonSetPlan): unknown => ({ ...plan, evictions: [] });

/** Taints every daemon pod tolerates (spec b), any value; network-unavailable only with hostNetwork. */
const implicitlyToleratedArb = (hostNetwork: boolean): fc.Arbitrary<JsonObject> =>
  fc
    .tuple(
      fc.constantFrom<[string, string]>(
        ['node.kubernetes.io/not-ready', 'NoExecute'],
        ['node.kubernetes.io/unreachable', 'NoExecute'],
        ['node.kubernetes.io/disk-pressure', 'NoSchedule'],
        ['node.kubernetes.io/memory-pressure', 'NoSchedule'],
        ['node.kubernetes.io/pid-pressure', 'NoSchedule'],
        ['node.kubernetes.io/unschedulable', 'NoSchedule'],
        ...(hostNetwork ? [['node.kubernetes.io/network-unavailable', 'NoSchedule'] as [string, string]] : []),
      ),
      fc.constantFrom(...taintValues),
    )
    .map(([[key, effect], value]): JsonObject => ({ key, value, effect }));

const hostNetworkOf = (ds: JsonObject): boolean => decodeDs(ds).workload.pod.hostNetwork;

test('daemonset laws: a taint the implicit daemon tolerations cover, or any PreferNoSchedule taint, changes no decision and no create or delete', (ctx) => {
  check(
    ctx,
    fc.property(
      caseArb({ minNodes: 1 }).chain((c) =>
        fc.tuple(fc.constant(c), fc.nat(), fc.oneof(implicitlyToleratedArb(hostNetworkOf(c.ds)), fc.tuple(fc.constantFrom(...taintKeys, ...daemonTaintKeys), fc.constantFrom(...taintValues)).map(([key, value]): JsonObject => ({ key, value, effect: 'PreferNoSchedule' })))),
      ),
      ([c, at, taint]) => {
        const i = at % c.nodes.length;
        const nodes = withNodeSpec(c.nodes, i, (spec) => ({ ...spec, taints: uniqueTaints([...((spec['taints'] as JsonObject[] | undefined) ?? []), taint]) }));
        expectEqual(withoutEvictions(planOf(c, { nodes })), withoutEvictions(planOf(c)), `taint ${JSON.stringify(taint)} on ${nodeObjectName(c.nodes[i]!)}: the plan`, ['after', 'before']);
      },
    ),
    0.36,
  );
});

/** A template without tolerations (only the implicit ones apply). */
const noTolerationsDsArb = daemonSetObjectArb().map((ds) => {
  const spec = ds['spec'] as JsonObject;
  const template = spec['template'] as JsonObject;
  return { ...ds, spec: { ...spec, template: { ...template, spec: { ...(template['spec'] as JsonObject), tolerations: [] } } } };
});

test('daemonset laws: without tolerations, network-unavailable:NoSchedule stops new pods unless hostNetwork; an unknown NoExecute taint stops and removes them', (ctx) => {
  check(
    ctx,
    fc.property(caseArb({ minNodes: 1, ds: noTolerationsDsArb }), fc.nat(), fc.boolean(), (c, at, noExecute) => {
      const i = at % c.nodes.length;
      const name = nodeObjectName(c.nodes[i]!);
      const taint = noExecute ? { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' } : { key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' };
      const before = decisionsOf(planOf(c)).get(name)!;
      const after = decisionsOf(planOf(c, { nodes: withNodeSpec(c.nodes, i, (spec) => ({ ...spec, taints: uniqueTaints([...((spec['taints'] as JsonObject[] | undefined) ?? []), taint]) })) })).get(name)!;
      const expected = noExecute
        ? { shouldRun: false, shouldContinueRunning: false }
        : hostNetworkOf(c.ds)
          ? before
          : { shouldRun: false, shouldContinueRunning: before.shouldContinueRunning };
      expectEqual(after, expected, `${JSON.stringify(taint)} on ${name} (hostNetwork ${hostNetworkOf(c.ds)})`, ['after', 'expected']);
    }),
    0.36,
  );
});

test('daemonset laws: tolerationSeconds never changes a decision, a create or a delete', (ctx) => {
  check(
    ctx,
    fc.property(caseArb(), (c) => {
      const spec = c.ds['spec'] as JsonObject;
      const template = spec['template'] as JsonObject;
      const podSpec = template['spec'] as JsonObject;
      const tolerations = ((podSpec['tolerations'] as JsonObject[] | undefined) ?? []).map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'tolerationSeconds')) as JsonObject);
      const ds2 = { ...c.ds, spec: { ...spec, template: { ...template, spec: { ...podSpec, tolerations } } } };
      expectEqual(withoutEvictions(planOf(c, { ds: ds2 })), withoutEvictions(planOf(c)), 'plan without tolerationSeconds', ['without', 'with']);
    }),
    0.24,
  );
});

// ---------------------------------------------------------------------------------------------
// Pods the controller does not see
// ---------------------------------------------------------------------------------------------

type Invisible = 'deleted-terminal' | 'other-owner' | 'unmatched-orphan' | 'other-namespace';

test('daemonset laws: pods the controller does not see (terminal and deleted, owned by others, non-matching orphans, other namespaces) change no plan', (ctx) => {
  check(
    ctx,
    fc.property(
      caseArb().chain((c) =>
        fc.tuple(
          fc.constant(c),
          fc.array(fc.tuple(podSeedArb([...c.nodes.map(nodeObjectName), ...missingNames]), fc.constantFrom<Invisible>('deleted-terminal', 'other-owner', 'unmatched-orphan', 'other-namespace')), { minLength: 1, maxLength: 4 }),
        ),
      ),
      ([c, extra]) => {
        const ds = decodeDs(c.ds);
        const cluster = new Cluster(ds, currentHash, c.pods);
        const invisible = extra.map(([seed, kind], i) => {
          const pod = podFromSeed(ds, { ...seed, ...(kind === 'deleted-terminal' ? { owner: 'ds', terminating: true, phase: seed.phase === 'Succeeded' ? 'Succeeded' : 'Failed' } : {}), ...(kind === 'other-owner' ? { owner: 'other' } : {}) }, `invisible-${i}`);
          if (kind === 'unmatched-orphan') {
            const { controllerRef: _none, ...rest } = pod;
            return { ...rest, labels: new Map([['app', 'other']]) };
          }
          return kind === 'other-namespace' ? { ...pod, namespace: 'elsewhere' } : pod;
        });
        const engine = createEngine({ nodes: c.nodes.map(decodeNodeObject), featureGates: c.gates });
        const options = { revisionHash: currentHash, now: cluster.now };
        const without = engine.daemonset(ds, cluster.pods, options);
        const withInvisible = engine.daemonset(ds, [...invisible.slice(0, 2), ...cluster.pods, ...invisible.slice(2)], options);
        expectEqual(withInvisible, without, `plan with ${JSON.stringify(extra.map(([, kind]) => kind))} pods added`, ['with', 'without']);
      },
    ),
    0.36,
  );
});

// ---------------------------------------------------------------------------------------------
// Order
// ---------------------------------------------------------------------------------------------

function shuffled<T>(list: readonly T[], keys: readonly number[]): T[] {
  return list.map((x, i) => [x, keys[i % Math.max(1, keys.length)] ?? 0, i] as const).sort((a, b) => a[1] - b[1] || a[2] - b[2]).map(([x]) => x);
}

/** The plan as sets: decisions by node, sorted creates and deletes, status, patches. */
function asSets(plan: DaemonSetPlan): unknown {
  return {
    nodes: [...plan.nodes].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0)),
    create: sortedNames(plan.create),
    delete: sortedNames(plan.delete),
    status: plan.status,
    released: sortedNames(plan.released),
    adopted: sortedNames(plan.adopted),
    evictions: [...plan.evictions].sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0)),
  };
}

test('daemonset laws: node and pod order never change decisions or the numbers of creates and deletes', (ctx) => {
  check(
    ctx,
    fc.property(caseArb({ nodes: fc.oneof(daemonNodeObjectListArb({ maxNodes: 10 }), daemonNodeObjectListArb({ minNodes: 20, maxNodes: 60, names: nodeNames })) }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), fc.boolean(), (c, keys, reversePods) => {
      const before = planOf(c);
      const after = planOf(c, { nodes: shuffled(c.nodes, keys), reversePods });
      expectEqual(decisionsOf(after), decisionsOf(before), 'decisions after reordering', ['reordered', 'original']);
      expectEqual([after.create.length, after.delete.length], [before.create.length, before.delete.length], 'numbers of creates and deletes after reordering', ['reordered', 'original']);
      // Order only picks which candidates fill a rolling-update budget (or the surge sunset count):
      // where the plans differ, they differ in OLD pods deleted and in surge creates beside old pods.
      const ds = decodeDs(c.ds);
      const cluster = new Cluster(ds, currentHash, c.pods);
      const byName = new Map(cluster.pods.map((p) => [p.name, p]));
      const differ = (a: readonly string[], b: readonly string[]) => [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))];
      for (const name of differ(after.delete, before.delete)) {
        expect(ds.updateStrategy.type === 'RollingUpdate' && !isUpdated(ds, byName.get(name)!, currentHash), `order changed whether ${name} is deleted, which is not an old pod under a RollingUpdate`, { before: before.delete, after: after.delete });
      }
      const live = cluster.liveByNode();
      for (const node of differ(after.create, before.create)) {
        const pods = live.get(node) ?? [];
        expect(allowsSurge(ds) && pods.length > 0 && pods.every((p) => !isUpdated(ds, p, currentHash)), `order changed whether ${node} gets a pod, which is not a surge beside old pods`, { before: before.create, after: after.create });
      }
      expectEqual(sortedNames(after.released), sortedNames(before.released), 'released');
      expectEqual(sortedNames(after.adopted), sortedNames(before.adopted), 'adopted');
    }),
    0.48,
  );
});

/** Strategies whose budgets never bind, so order cannot pick: OnDelete, or maxUnavailable far above the node count. */
const unboundedStrategyArb = fc.constantFrom<JsonObject>({ type: 'OnDelete' }, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1000, maxSurge: 0 } });

test('daemonset laws: with budgets that cannot bind, node and pod order never change the plan as sets', (ctx) => {
  check(
    ctx,
    fc.property(caseArb({ ds: daemonSetObjectArb({ strategy: unboundedStrategyArb }) }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), fc.boolean(), (c, keys, reversePods) => {
      const before = planOf(c);
      const after = planOf(c, { nodes: shuffled(c.nodes, keys), reversePods });
      expectEqual(asSets(after), asSets(before), 'plan after reordering nodes and pods', ['reordered', 'original']);
    }),
    0.36,
  );
});

// ---------------------------------------------------------------------------------------------
// Indexed = reference
// ---------------------------------------------------------------------------------------------

test('daemonset laws: the indexed engine plans exactly as the reference evaluator (decisions, reasons, creates, deletes, status, evictions)', (ctx) => {
  check(
    ctx,
    fc.property(caseArb({ nodes: fc.oneof({ weight: 4, arbitrary: daemonNodeObjectListArb({ maxNodes: 10 }) }, { weight: 1, arbitrary: daemonNodeObjectListArb({ minNodes: 20, maxNodes: 70, names: nodeNames }) }) }), (c) => {
      expectEqual(planOf(c), planOf(c, { evaluator: 'reference' }), 'daemonset plan', ['indexed', 'reference']);
    }),
    0.72,
  );
});

test.run();
