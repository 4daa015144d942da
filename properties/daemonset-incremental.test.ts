/**
 * Incremental DaemonSet plans, model-based with `fc.commands`: one indexed engine keeps each
 * DaemonSet's per-node answers and brings them up to date node by node, and gives a plan again
 * while nothing it was made from changed. Node adds, label and taint changes, removals (ids are
 * reused), pod changes (syncs applied to a simulated cluster, pods dropped in place) and DaemonSet changes (the same
 * DaemonSet decoded again, a new revision) come in any order. After every command, for every
 * DaemonSet:
 *
 * - its plan (per-node answers, creates, deletes, the steps with the rolling-update step, status,
 *   ownership, evictions, warnings) equals, exactly and in order, the plan of the reference
 *   evaluator built fresh over the same nodes in the same order;
 * - the count-only plan (`nodes: false`) is that plan without the per-node list;
 * - `daemonsetChanges(ds, since)` from the last generation seen, applied to the answers seen then,
 *   gives the answers now (or says it cannot, and then only because `since` is too old).
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine, type Engine } from '../src/api/engine.js';
import type { DaemonNodeAnswer } from '../src/controllers/daemonset/sync.js';
import type { JsonObject } from '../src/model/decode.js';
import type { DaemonSet } from '../src/model/daemonset-types.js';
import type { FeatureGates } from '../src/model/feature-gates.js';
import {
  daemonNodeObjectArbNamed,
  daemonNodeObjectListArb,
  daemonSetObjectArb,
  daemonTaintObjectArb,
  decodeNodeObject,
  featureGatesArb,
  labelKeyArb,
  labelValueArb,
  nodeNames,
  nodeObjectName,
  uniqueTaints,
} from './arbitraries.js';
import { Cluster, currentHash, decodeDs, podSeedsArb, syncOnce, type PodSeed } from './daemonset-sim.js';
import { check, expect, expectEqual } from './support.js';

/** One DaemonSet: its raw object (decoded again on request), its cluster of pods, what was last seen of its answers. */
interface Daemon {
  readonly raw: JsonObject;
  ds: DaemonSet;
  readonly cluster: Cluster;
  seen: { generation: number; answers: Map<string, DaemonNodeAnswer> } | undefined;
}

interface Model {
  readonly nodes: Map<string, JsonObject>;
  readonly daemons: Daemon[];
  readonly gates: FeatureGates;
}

interface Real {
  readonly engine: Engine;
}

type Command = fc.Command<Model, Real>;

const names = nodeNames.slice(0, 10);
const nameArb = fc.constantFrom(...names);

const specOf = (o: JsonObject): JsonObject => ({ ...((o['spec'] as JsonObject | undefined) ?? {}) });

function optionsOf(d: Daemon): { revisionHash: string; now: number } {
  return { revisionHash: d.cluster.hash, now: d.cluster.now };
}

/** Every DaemonSet's plan, count-only plan and changes against the fresh reference. */
function compare(m: Model, r: Real, what: string): void {
  const sameOrder = r.engine.nodes.map((n) => decodeNodeObject(m.nodes.get(n.name)!));
  expectEqual(sameOrder.map((n) => n.name).sort(), [...m.nodes.keys()].sort(), `${what}: engine.nodes`, ['incremental', 'model']);
  const reference = createEngine({ nodes: sameOrder, featureGates: m.gates, evaluator: 'reference' });
  m.daemons.forEach((d, i) => {
    const plan = r.engine.daemonset(d.ds, d.cluster.pods, optionsOf(d));
    const fresh = reference.daemonset(d.ds, d.cluster.pods, optionsOf(d));
    expectEqual(plan, fresh, `${what}: daemonsets[${i}] plan`, ['incremental', 'fresh reference']);
    const countOnly = r.engine.daemonset(d.ds, d.cluster.pods, { ...optionsOf(d), nodes: false });
    expectEqual(countOnly, { ...fresh, nodes: [] }, `${what}: daemonsets[${i}] count-only plan`, ['incremental', 'fresh reference']);
    const now = new Map(plan.nodes.map((a) => [a.node, a]));
    if (d.seen) {
      const changes = r.engine.daemonsetChanges(d.ds, d.seen.generation);
      expectEqual(changes.generation, r.engine.nodeGeneration, `${what}: daemonsets[${i}] changes generation`, ['changes', 'engine']);
      expect(changes.complete, `${what}: daemonsets[${i}] changes since ${d.seen.generation} incomplete`, changes);
      const applied = new Map(d.seen.answers);
      for (const name of changes.removed) applied.delete(name);
      for (const a of changes.changed) applied.set(a.node, a);
      const sorted = (map: Map<string, DaemonNodeAnswer>) => [...map.values()].sort((a, b) => (a.node < b.node ? -1 : 1));
      expectEqual(sorted(applied), sorted(now), `${what}: daemonsets[${i}] answers seen + changes`, ['applied', 'plan']);
    }
    d.seen = { generation: r.engine.nodeGeneration, answers: now };
  });
}

function upsert(m: Model, r: Real, object: JsonObject): void {
  m.nodes.set(nodeObjectName(object), object);
  r.engine.upsertNode(decodeNodeObject(object));
}

class Upsert implements Command {
  constructor(readonly object: JsonObject) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    upsert(m, r, this.object);
    compare(m, r, this.toString());
  }
  toString = (): string => `upsert ${JSON.stringify(this.object)}`;
}

class SetLabel implements Command {
  constructor(readonly name: string, readonly key: string, readonly value: string | undefined) {}
  check = (m: Readonly<Model>): boolean => m.nodes.has(this.name);
  run(m: Model, r: Real): void {
    const object = m.nodes.get(this.name)!;
    const metadata = { ...(object['metadata'] as JsonObject) };
    const labels = { ...((metadata['labels'] as JsonObject | undefined) ?? {}) };
    if (this.value === undefined) delete labels[this.key];
    else labels[this.key] = this.value;
    upsert(m, r, { ...object, metadata: { ...metadata, labels } });
    compare(m, r, this.toString());
  }
  toString = (): string => `setLabel ${this.name} ${this.key}=${String(this.value)}`;
}

class SetTaints implements Command {
  constructor(readonly name: string, readonly taints: JsonObject[]) {}
  check = (m: Readonly<Model>): boolean => m.nodes.has(this.name);
  run(m: Model, r: Real): void {
    upsert(m, r, { ...m.nodes.get(this.name)!, spec: { ...specOf(m.nodes.get(this.name)!), taints: this.taints } });
    compare(m, r, this.toString());
  }
  toString = (): string => `setTaints ${this.name} ${JSON.stringify(this.taints)}`;
}

class Remove implements Command {
  constructor(readonly name: string) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    m.nodes.delete(this.name);
    r.engine.removeNode(this.name);
    compare(m, r, this.toString());
  }
  toString = (): string => `remove ${this.name}`;
}

/** One controller sync of one DaemonSet, applied to its pods (creates, deletes, readiness). */
class Sync implements Command {
  constructor(readonly which: number) {}
  check = (m: Readonly<Model>): boolean => this.which < m.daemons.length;
  run(m: Model, r: Real): void {
    const d = m.daemons[this.which]!;
    syncOnce(r.engine, d.cluster, this.toString(), (cluster) => r.engine.daemonset(d.ds, cluster.pods, optionsOf(d)));
    compare(m, r, this.toString());
  }
  toString = (): string => `sync daemonsets[${this.which}]`;
}

/** A pod goes away between syncs, the clock standing still; the list is changed in place. */
class DropPod implements Command {
  constructor(readonly which: number, readonly at: number) {}
  check = (m: Readonly<Model>): boolean => this.which < m.daemons.length && m.daemons[this.which]!.cluster.pods.length > 0;
  run(m: Model, r: Real): void {
    const pods = m.daemons[this.which]!.cluster.pods;
    pods.splice(this.at % pods.length, 1);
    compare(m, r, this.toString());
  }
  toString = (): string => `drop pod ${this.at} of daemonsets[${this.which}]`;
}

/** The same DaemonSet as a new object (a server request decodes one each time), or a new revision. */
class Redecode implements Command {
  constructor(readonly which: number, readonly newRevision: boolean) {}
  check = (m: Readonly<Model>): boolean => this.which < m.daemons.length;
  run(m: Model, r: Real): void {
    const d = m.daemons[this.which]!;
    d.ds = decodeDs(d.raw);
    if (this.newRevision) d.cluster.hash = `${d.cluster.hash}+`;
    compare(m, r, this.toString());
  }
  toString = (): string => `redecode daemonsets[${this.which}]${this.newRevision ? ' with a new revision' : ''}`;
}

/** The commands, over nodes named from `nameArb` and new nodes named from `newNameArb`. */
function commandArbsOver(nameArb: fc.Arbitrary<string>, newNameArb: fc.Arbitrary<string>): fc.Arbitrary<Command>[] {
  return [
    fc.oneof(nameArb, newNameArb).chain(daemonNodeObjectArbNamed).map((o) => new Upsert(o)),
    fc.tuple(nameArb, labelKeyArb, fc.option(labelValueArb, { nil: undefined })).map(([n, k, v]) => new SetLabel(n, k, v)),
    fc.tuple(nameArb, fc.array(daemonTaintObjectArb, { maxLength: 2 })).map(([n, t]) => new SetTaints(n, uniqueTaints(t))),
    nameArb.map((n) => new Remove(n)),
    fc.nat(2).map((i) => new Sync(i)),
    fc.tuple(fc.nat(2), fc.boolean()).map(([i, v]) => new Redecode(i, v)),
    fc.tuple(fc.nat(2), fc.nat(20)).map(([i, k]) => new DropPod(i, k)),
  ];
}

const commandArbs = commandArbsOver(nameArb, fc.constantFrom(...nodeNames.slice(10, 14)));

interface Start {
  readonly nodes: JsonObject[];
  readonly daemons: { raw: JsonObject; pods: PodSeed[] }[];
  readonly gates: FeatureGates;
}

const startArb: fc.Arbitrary<Start> = fc.record({
  nodes: daemonNodeObjectListArb({ minNodes: 1, maxNodes: 8, names }),
  daemons: fc.array(fc.record({ raw: daemonSetObjectArb(), pods: podSeedsArb([...names.slice(0, 8), 'gone-1'], 8) }), { minLength: 1, maxLength: 3 }),
  gates: featureGatesArb,
});

/**
 * Wide clusters: more nodes that should run than one sync creates on (the burst of 250), so kept
 * plans stop their walk over the nodes early and are patched, not made again, after events on
 * nodes past that point — and made again after events before it or on nodes with pods. The nodes
 * are copies of a few generated ones; events land at the start, the middle and the end.
 */
const wideNames = Array.from({ length: 320 }, (_, i) => `w${i}`);
const wideEventNames = [...wideNames.slice(0, 4), ...wideNames.slice(150, 153), ...wideNames.slice(250, 254), ...wideNames.slice(296, 300)];

function named(object: JsonObject, name: string): JsonObject {
  return { ...object, metadata: { ...(object['metadata'] as JsonObject), name } };
}

const wideStartArb: fc.Arbitrary<Start> = fc.record({
  nodes: fc
    .tuple(fc.array(daemonNodeObjectArbNamed('template'), { minLength: 1, maxLength: 4 }), fc.integer({ min: 252, max: 300 }))
    .map(([templates, count]) => wideNames.slice(0, count).map((name, i) => named(templates[i % templates.length]!, name))),
  daemons: fc.array(fc.record({ raw: daemonSetObjectArb(), pods: podSeedsArb([...wideEventNames, 'gone-1'], 8) }), { minLength: 1, maxLength: 3 }),
  gates: featureGatesArb,
});

const wideCommandArbs = commandArbsOver(fc.constantFrom(...wideEventNames), fc.constantFrom(...wideNames.slice(300, 304)));

function runCommands(start: Start, commands: Iterable<Command>): void {
  const setup = () => {
    const daemons = start.daemons.map(({ raw, pods }): Daemon => {
      const ds = decodeDs(raw);
      return { raw, ds, cluster: new Cluster(ds, currentHash, pods), seen: undefined };
    });
    const model: Model = { nodes: new Map(start.nodes.map((o) => [nodeObjectName(o), o] as const)), daemons, gates: start.gates };
    const real: Real = { engine: createEngine({ nodes: start.nodes.map(decodeNodeObject), featureGates: start.gates }) };
    compare(model, real, 'start');
    return { model, real };
  };
  fc.modelRun(setup, commands);
}

test('incremental DaemonSet plans = fresh reference plans after any node, pod and DaemonSet changes; count-only and changes agree', (ctx) => {
  check(
    ctx,
    fc.property(startArb, fc.commands(commandArbs, { maxCommands: 25 }), (start, commands) => {
      runCommands(start, commands);
    }),
    0.6,
  );
});

test('wide clusters: plans patched after node events past where creates stop = fresh reference plans', (ctx) => {
  check(
    ctx,
    fc.property(wideStartArb, fc.commands(wideCommandArbs, { maxCommands: 15 }), (start, commands) => {
      runCommands(start, commands);
    }),
    0.15,
  );
});

test.run();
