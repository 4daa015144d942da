/**
 * DaemonSet reconcile under node churn (property 4 of the suite), model-based with `fc.commands`:
 * node add / remove / relabel (all labels, or one) / taint (every effect, incl. the node-lifecycle keys) / untaint /
 * cordon (with or without the unschedulable taint) / uncordon / condition change / a new template
 * revision, interleaved with one-sync reconciles and reconciles to a fixed point.
 *
 * - The engine is updated incrementally (`upsertNode` / `removeNode`). At every sync its plan must
 *   equal that of a fresh `createEngine` over the current nodes, in the incremental engine's own
 *   node order: per-node decisions compared as a map by node name (reasons included), creates
 *   and deletes as sorted sets, status and ownership patches exactly. (The order matters only
 *   for which candidates fill a rolling-update budget, which follows input order by design, as
 *   Go map order does upstream.) Against a fresh engine in the model's order: decisions as a map
 *   and the numbers of creates and deletes.
 * - A condition change must not change the plan at all (conditions are never read).
 * - Every reconcile to a fixed point reaches it within `convergenceBound`, and the fixed point
 *   satisfies `checkFixedPoint`; every sync satisfies `checkAfterSync`.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine, type Engine } from '../src/api/engine.js';
import type { DaemonSetPlan } from '../src/controllers/daemonset/sync.js';
import type { JsonObject } from '../src/model/decode.js';
import type { FeatureGates } from '../src/model/feature-gates.js';
import {
  daemonNodeObjectArbNamed,
  daemonNodeObjectListArb,
  daemonSetObjectArb,
  daemonTaintObjectArb,
  daemonTolerationObjectArb,
  decodeNodeObject,
  featureGatesArb,
  labelKeyArb,
  labelsObjectArb,
  labelValueArb,
  nodeConditionsObjectArb,
  nodeNames,
  nodeObjectName,
  objectFromEntries,
  taintObjectArb,
  uniqueTaints,
} from './arbitraries.js';
import { Cluster, currentHash, decisionsOf, decodeDs, podSeedsArb, reconcileToFixedPoint, sortedNames, syncOnce, type PodSeed } from './daemonset-sim.js';
import { check, expectEqual } from './support.js';

interface Model {
  /** Node objects by name, in the order an informer would list them (new ones last). */
  readonly nodes: Map<string, JsonObject>;
  readonly cluster: Cluster;
  readonly gates: FeatureGates;
  revisions: number;
}

interface Real {
  readonly engine: Engine;
}

type Command = fc.Command<Model, Real>;

const names = nodeNames.slice(0, 14);
const nameArb = fc.constantFrom(...names);

const specOf = (o: JsonObject): JsonObject => ({ ...((o['spec'] as JsonObject | undefined) ?? {}) });
const taintsOf = (o: JsonObject): JsonObject[] => (specOf(o)['taints'] as JsonObject[] | undefined) ?? [];
const withSpec = (o: JsonObject, spec: JsonObject): JsonObject => ({ ...o, spec });

/** A plan with order taken out: decisions by node name, sorted creates and deletes. */
function planAsSets(plan: DaemonSetPlan): unknown {
  const nodes = [...plan.nodes].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  return { nodes, create: sortedNames(plan.create), delete: sortedNames(plan.delete), status: plan.status, released: sortedNames(plan.released), adopted: sortedNames(plan.adopted) };
}

/** Plans with the incremental engine after checking it against fresh engines over the same nodes. */
function comparingPlanner(m: Model, r: Real, what: string): (cluster: Cluster) => DaemonSetPlan {
  return (cluster) => {
    const options = { revisionHash: cluster.hash, now: cluster.now };
    const plan = r.engine.daemonset(cluster.ds, cluster.pods, options);
    expectEqual(sortedNames(r.engine.nodes.map((n) => n.name)), sortedNames(m.nodes.keys()), `${what}: engine.nodes`, ['incremental', 'model']);
    const sameOrder = r.engine.nodes.map((n) => decodeNodeObject(m.nodes.get(n.name)!));
    const fresh = createEngine({ nodes: sameOrder, featureGates: m.gates }).daemonset(cluster.ds, cluster.pods, options);
    expectEqual(planAsSets(plan), planAsSets(fresh), `${what}: plan of the incremental engine vs a fresh one`, ['incremental', 'fresh']);
    const modelOrder = createEngine({ nodes: [...m.nodes.values()].map(decodeNodeObject), featureGates: m.gates }).daemonset(cluster.ds, cluster.pods, options);
    expectEqual(decisionsOf(plan), decisionsOf(modelOrder), `${what}: decisions vs a fresh engine in model order`, ['incremental', 'fresh']);
    expectEqual([plan.create.length, plan.delete.length], [modelOrder.create.length, modelOrder.delete.length], `${what}: numbers of creates and deletes vs a fresh engine in model order`, ['incremental', 'fresh']);
    return plan;
  };
}

/** Replaces (or adds) a node in model and engine. */
function upsert(m: Model, r: Real, object: JsonObject): void {
  m.nodes.set(nodeObjectName(object), object);
  r.engine.upsertNode(decodeNodeObject(object));
}

abstract class NodeChange implements Command {
  constructor(readonly name: string) {}
  check(m: Readonly<Model>): boolean {
    return m.nodes.has(this.name);
  }
  abstract change(object: JsonObject): JsonObject;
  run(m: Model, r: Real): void {
    upsert(m, r, this.change(m.nodes.get(this.name)!));
  }
  abstract toString(): string;
}

class AddNode implements Command {
  constructor(readonly object: JsonObject) {}
  check(m: Readonly<Model>): boolean {
    return !m.nodes.has(nodeObjectName(this.object));
  }
  run(m: Model, r: Real): void {
    upsert(m, r, this.object);
  }
  toString(): string {
    return `add ${JSON.stringify(this.object)}`;
  }
}

class RemoveNode implements Command {
  constructor(readonly name: string) {}
  check(m: Readonly<Model>): boolean {
    return m.nodes.has(this.name);
  }
  run(m: Model, r: Real): void {
    m.nodes.delete(this.name);
    expectEqual(r.engine.removeNode(this.name), true, `removeNode(${this.name})`);
  }
  toString(): string {
    return `remove ${this.name}`;
  }
}

class Relabel extends NodeChange {
  constructor(name: string, readonly labels: JsonObject) {
    super(name);
  }
  change(o: JsonObject): JsonObject {
    return { ...o, metadata: { ...(o['metadata'] as JsonObject), labels: this.labels } };
  }
  toString(): string {
    return `relabel ${this.name} ${JSON.stringify(this.labels)}`;
  }
}

/** One label set, changed or removed (the others kept). */
class SetLabel extends NodeChange {
  constructor(name: string, readonly key: string, readonly value: string | undefined) {
    super(name);
  }
  change(o: JsonObject): JsonObject {
    const metadata = o['metadata'] as JsonObject;
    const labels = Object.entries((metadata['labels'] as JsonObject | undefined) ?? {}).filter(([k]) => k !== this.key);
    if (this.value !== undefined) labels.push([this.key, this.value]);
    return { ...o, metadata: { ...metadata, labels: objectFromEntries(labels) } };
  }
  toString(): string {
    return this.value === undefined ? `unlabel ${this.name} ${this.key}` : `label ${this.name} ${this.key}=${this.value}`;
  }
}

class Taint extends NodeChange {
  constructor(name: string, readonly taint: JsonObject) {
    super(name);
  }
  change(o: JsonObject): JsonObject {
    return withSpec(o, { ...specOf(o), taints: uniqueTaints([...taintsOf(o), this.taint]) });
  }
  toString(): string {
    return `taint ${this.name} ${JSON.stringify(this.taint)}`;
  }
}

class Untaint extends NodeChange {
  constructor(name: string, readonly index: number) {
    super(name);
  }
  change(o: JsonObject): JsonObject {
    const taints = taintsOf(o);
    return withSpec(o, { ...specOf(o), taints: taints.filter((_, i) => i !== this.index % Math.max(1, taints.length)) });
  }
  toString(): string {
    return `untaint ${this.name} #${this.index}`;
  }
}

const unschedulableTaint: JsonObject = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const isUnschedulableTaint = (t: JsonObject): boolean => t['key'] === unschedulableTaint['key'] && t['effect'] === 'NoSchedule';

class Cordon extends NodeChange {
  constructor(name: string, readonly withTaint: boolean) {
    super(name);
  }
  change(o: JsonObject): JsonObject {
    const taints = this.withTaint ? [...taintsOf(o).filter((t) => !isUnschedulableTaint(t)), unschedulableTaint] : taintsOf(o);
    return withSpec(o, { ...specOf(o), unschedulable: true, taints });
  }
  toString(): string {
    return `cordon ${this.name}${this.withTaint ? ' (+ unschedulable taint)' : ''}`;
  }
}

class Uncordon extends NodeChange {
  change(o: JsonObject): JsonObject {
    return withSpec(o, { ...specOf(o), unschedulable: false, taints: taintsOf(o).filter((t) => !isUnschedulableTaint(t)) });
  }
  toString(): string {
    return `uncordon ${this.name}`;
  }
}

/** Conditions are never read: the plan before and after must be identical. */
class SetConditions implements Command {
  constructor(readonly name: string, readonly conditions: JsonObject[]) {}
  check(m: Readonly<Model>): boolean {
    return m.nodes.has(this.name);
  }
  run(m: Model, r: Real): void {
    const c = m.cluster;
    const options = { revisionHash: c.hash, now: c.now };
    const before = r.engine.daemonset(c.ds, c.pods, options);
    const o = m.nodes.get(this.name)!;
    upsert(m, r, { ...o, status: { ...((o['status'] as JsonObject | undefined) ?? {}), conditions: this.conditions } });
    expectEqual(r.engine.daemonset(c.ds, c.pods, options), before, `${this.toString()}: the plan changed`, ['after', 'before']);
  }
  toString(): string {
    return `conditions ${this.name} ${JSON.stringify(this.conditions)}`;
  }
}

/** The template changes: a new current revision hash (a rollout starts mid-churn). */
class NewRevision implements Command {
  check(): boolean {
    return true;
  }
  run(m: Model): void {
    m.revisions += 1;
    m.cluster.hash = `h-rev${m.revisions}`;
  }
  toString(): string {
    return 'new revision';
  }
}

class Reconcile implements Command {
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    syncOnce(r.engine, m.cluster, 'reconcile', comparingPlanner(m, r, 'reconcile'));
  }
  toString(): string {
    return 'reconcile';
  }
}

class ReconcileToFixedPoint implements Command {
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    reconcileToFixedPoint(r.engine, m.cluster, 'reconcile to a fixed point', comparingPlanner(m, r, 'reconcile to a fixed point'));
  }
  toString(): string {
    return 'reconcileToFixedPoint';
  }
}

const commandArbs: fc.Arbitrary<Command>[] = [
  nameArb.chain(daemonNodeObjectArbNamed).map((o) => new AddNode(o)),
  nameArb.map((n) => new RemoveNode(n)),
  fc.tuple(nameArb, labelsObjectArb).map(([n, l]) => new Relabel(n, l)),
  fc.tuple(nameArb, fc.oneof(fc.constantFrom('zone', 'tier'), labelKeyArb), fc.option(labelValueArb, { nil: undefined, freq: 4 })).map(([n, k, v]) => new SetLabel(n, k, v)),
  fc.tuple(nameArb, fc.oneof(taintObjectArb, daemonTaintObjectArb)).map(([n, t]) => new Taint(n, t)),
  fc.tuple(nameArb, fc.nat({ max: 5 })).map(([n, i]) => new Untaint(n, i)),
  fc.tuple(nameArb, fc.boolean()).map(([n, t]) => new Cordon(n, t)),
  nameArb.map((n) => new Uncordon(n)),
  fc.tuple(nameArb, nodeConditionsObjectArb).map(([n, c]) => new SetConditions(n, c)),
  fc.constant(new NewRevision()),
  fc.constant(new Reconcile()),
  fc.constant(new Reconcile()),
  fc.constant(new ReconcileToFixedPoint()),
];

interface Start {
  readonly nodes: JsonObject[];
  readonly ds: JsonObject;
  readonly gates: FeatureGates;
  readonly pods: PodSeed[];
}

/**
 * Half the DaemonSets select on the labels the churn changes most (zone, tier), so relabels flip
 * decisions often; the others are anything.
 */
const labelSelectingSpecArb: fc.Arbitrary<JsonObject> = fc
  .tuple(
    fc.constantFrom('zone', 'tier'),
    fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
    fc.constantFrom('a', 'b', '7'),
    fc.boolean(),
    fc.option(fc.array(daemonTolerationObjectArb, { maxLength: 3 }), { nil: undefined }),
  )
  .map(([key, operator, value, asSelector, tolerations]): JsonObject => {
    const spec: JsonObject = { containers: [{ name: 'app', image: 'busybox' }] };
    if (asSelector) spec['nodeSelector'] = { [key]: value };
    else {
      const values = operator === 'In' || operator === 'NotIn' ? { values: [value] } : {};
      spec['affinity'] = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator, ...values }] }] } } };
    }
    if (tolerations) spec['tolerations'] = tolerations;
    return spec;
  });

const startArb: fc.Arbitrary<Start> = fc
  .tuple(daemonNodeObjectListArb({ minNodes: 2, maxNodes: 8, names }), fc.oneof(daemonSetObjectArb(), daemonSetObjectArb({ spec: labelSelectingSpecArb })), featureGatesArb)
  .chain(([nodes, ds, gates]) => podSeedsArb([...names.slice(0, 10), 'gone-1'], 10).map((pods): Start => ({ nodes, ds, gates, pods })));

test('daemonset churn: node changes interleaved with reconciles; incremental = fresh engine, fixed points hold, conditions do not matter', (ctx) => {
  check(
    ctx,
    fc.property(startArb, fc.commands(commandArbs, { maxCommands: 30 }), (start, commands) => {
      const setup = () => {
        const model: Model = {
          nodes: new Map(start.nodes.map((o) => [nodeObjectName(o), o] as const)),
          cluster: new Cluster(decodeDs(start.ds), currentHash, start.pods),
          gates: start.gates,
          revisions: 0,
        };
        return { model, real: { engine: createEngine({ nodes: start.nodes.map(decodeNodeObject), featureGates: start.gates }) } };
      };
      fc.modelRun(setup, [...commands, new ReconcileToFixedPoint()]);
    }),
    0.6,
  );
});

test.run();
