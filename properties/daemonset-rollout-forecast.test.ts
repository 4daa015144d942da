/**
 * The rollout forecast against the sync-by-sync plan:
 *
 * - its waves are exactly the plans of successive syncs: every traced sync's plan is what
 *   `engine.daemonset` (with the reference evaluator, on a fresh engine) plans for the pods it
 *   listed at its clock, and each next sync's pods and clock follow from the previous ones by the
 *   forecast's assumptions, restated independently in rollout-oracle.ts (readiness, termination,
 *   binding, collection, the controller's writes, the next event);
 * - it ends where the oracle sees nothing more to happen (or at the budget), and a converged
 *   forecast ends at the fixed point of daemonset-sim.ts's `checkFixedPoint`;
 * - laws: maxUnavailable ≥ nodes rolls everything at once (modulo the burst of 250), OnDelete never
 *   updates a pod, and the forecast always stops within its budget.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import type { RolloutForecast, RolloutSync } from '../src/controllers/daemonset/rollout.js';
import type { JsonObject } from '../src/model/decode.js';
import type { PodObject } from '../src/model/daemonset-types.js';
import { daemonNodeObjectListArb, daemonSetObjectArb, decodeNodeObject, featureGatesArb, nodeObjectName } from './arbitraries.js';
import { checkAfterSync, checkFixedPoint, Cluster, currentHash, decodeDs, isClaimed, isTerminalPhase, isUpdated, podSeedArb, podSeedsArb, startTime, targetOf, type PodSeed } from './daemonset-sim.js';
import { applyWrites, nextEvent, transitions, type OracleModel } from './rollout-oracle.js';
import { check, expect, expectEqual } from './support.js';

const missingNames = ['gone-1', 'gone-2'];
const byName = (a: PodObject, b: PodObject): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const sorted = (pods: readonly PodObject[]): PodObject[] => [...pods].sort(byName);
/** Pods in name order, fields that are undefined dropped (the forecast keeps every field present). */
const plain = (pods: readonly PodObject[]): object[] => sorted(pods).map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)));

interface Scenario {
  readonly nodes: JsonObject[];
  readonly ds: JsonObject;
  readonly seeds: PodSeed[];
  readonly readyAfterSeconds: number;
  readonly terminationSeconds: number;
  /** Indexes of nodes whose daemon pods stay Pending. */
  readonly pending: number[];
  readonly gates: { TaintTolerationComparisonOperators: boolean };
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(daemonNodeObjectListArb({ maxNodes: 8 }), daemonSetObjectArb(), featureGatesArb)
  .chain(([nodes, ds, gates]) =>
    fc.record({
      nodes: fc.constant(nodes),
      ds: fc.constant(ds),
      gates: fc.constant(gates),
      seeds: podSeedsArb([...nodes.map(nodeObjectName), ...missingNames], 12),
      readyAfterSeconds: fc.constantFrom(0, 10, 30, 300, 1000),
      terminationSeconds: fc.constantFrom(0, 0, 5),
      pending: fc.array(fc.nat({ max: 7 }), { maxLength: 2 }),
    }),
  );

/** Checks the trace link by link: each plan, each next clock and pod list. */
function checkTrace(trace: readonly RolloutSync[], given: readonly PodObject[], m: OracleModel, s: Scenario): void {
  const nodeNames = new Set(s.nodes.map(nodeObjectName));
  const reference = createEngine({ nodes: s.nodes.map(decodeNodeObject), featureGates: s.gates, evaluator: 'reference' });
  const ds = m.ds;
  let housekept = false;
  trace.forEach((sync, i) => {
    const { notEvaluated: _, ...plan } = reference.daemonset(ds, sync.pods, { revisionHash: currentHash, now: sync.now });
    expectEqual(sync.plan, plan, `sync ${sync.sync}: the forecast's plan vs a sync planned on the same pods`, ['forecast', 'sync']);
    if (i === 0) {
      expectEqual([sync.now, plain(sync.pods)], [startTime, plain(given)], 'the first sync sees the given pods at the start', ['forecast', 'given']);
      return;
    }
    const prev = trace[i - 1]!;
    const known = new Set(prev.pods.map((p) => p.name));
    const created = sync.pods.filter((p) => !known.has(p.name));
    // Created pods: one per planned node, as syncNodes makes them, at the previous sync's clock.
    expectEqual(created.map((p) => targetOf(p)).sort(), [...prev.plan.create].sort(), `sync ${sync.sync}: created pods vs the previous plan's creates`, ['pods', 'plan']);
    for (const pod of created) {
      expect(isClaimed(ds, pod) && isUpdated(ds, pod, currentHash) && !pod.deletionTimestamp, `created pod ${pod.name} is not a claimed, updated pod`, pod);
      expect(pod.creationTimestamp === new Date(prev.now).toISOString(), `created pod ${pod.name} was not created at the previous sync`, pod);
    }
    // After writes the controller syncs again at once; otherwise what is due now, else the next event.
    const kept = applyWrites(prev.pods, prev.plan, prev.now, m);
    const written = [...kept, ...created];
    const writesChanged = created.length > 0 || !sameList(kept, prev.pods);
    let expectedNow = prev.now;
    let expected = written;
    if (!writesChanged) {
      const due = transitions(written, prev.now, m, !housekept);
      housekept = true;
      if (sameList(due, written)) {
        expectedNow = nextEvent(due, prev.now, m) ?? NaN;
        expected = transitions(due, expectedNow, m, false);
      } else expected = due;
    }
    expectEqual(sync.now, expectedNow, `sync ${sync.sync}: its clock`, ['forecast', 'oracle']);
    expectEqual(plain(sync.pods), plain(expected), `sync ${sync.sync}: its pods`, ['forecast', 'oracle']);
    const cluster = new Cluster(ds, currentHash);
    cluster.pods = [...sync.pods];
    checkAfterSync(cluster, nodeNames, `before sync ${sync.sync}`);
  });
}

function sameList(a: readonly PodObject[], b: readonly PodObject[]): boolean {
  if (a.length !== b.length) return false;
  const sa = sorted(a);
  const sb = sorted(b);
  return sa.every((p, i) => p === sb[i]);
}

function run(s: Scenario, extra: { maxSyncs?: number } = {}): { forecast: RolloutForecast; trace: RolloutSync[]; m: OracleModel; given: PodObject[] } {
  const ds = decodeDs(s.ds);
  const nodes = s.nodes.map(decodeNodeObject);
  const pendingNames = new Set(s.pending.filter((i) => i < nodes.length).map((i) => nodes[i]!.name));
  const given = new Cluster(ds, currentHash, s.seeds).pods;
  const trace: RolloutSync[] = [];
  const forecast = createEngine({ nodes, featureGates: s.gates }).daemonsetRollout(ds, given, {
    revisionHash: currentHash,
    now: startTime,
    readyAfterSeconds: s.readyAfterSeconds,
    terminationSeconds: s.terminationSeconds,
    maxSyncs: extra.maxSyncs ?? 400,
    onSync: (sync) => trace.push(sync),
    ...(pendingNames.size > 0 ? { pending: (node: { name: string }) => (pendingNames.has(node.name) ? 'Insufficient cpu' : undefined) } : {}),
  });
  const m: OracleModel = {
    ds,
    start: startTime,
    readyAfterMs: s.readyAfterSeconds * 1000,
    terminationMs: s.terminationSeconds * 1000,
    minReadyMs: ds.minReadySeconds * 1000,
    nodes: new Set(nodes.map((n) => n.name)),
    pending: pendingNames,
    given: new Set(given.map((p) => p.name)),
  };
  return { forecast, trace, m, given };
}

test('rollout forecast: the waves are exactly the plans of successive syncs, under the assumed readiness', (ctx) => {
  check(
    ctx,
    fc.property(scenarioArb, (s) => {
      const { forecast, trace, m, given } = run(s);
      expect(forecast.syncs === trace.length, 'syncs vs traced syncs', { syncs: forecast.syncs, traced: trace.length });
      checkTrace(trace, given, m, s);
      const waves = trace.filter((t) => t.plan.create.length + t.plan.delete.length > 0).map((t) => [t.sync, (t.now - startTime) / 1000, t.plan.delete.length, t.plan.create.length]);
      expectEqual(forecast.waves.map((w) => [w.sync, w.atSeconds, w.deleted, w.created]), waves, 'waves vs the acting syncs', ['forecast', 'trace']);
      const last = trace[trace.length - 1]!;
      expectEqual(forecast.status, last.plan.status, 'the status is the last sync\'s', ['forecast', 'last plan']);
      expectEqual(forecast.estimatedSeconds, (last.now - startTime) / 1000, 'estimatedSeconds is the last sync\'s clock', ['forecast', 'last sync']);
      if (forecast.stopped === 'budget') return;
      expect(forecast.stuck.every((n) => n.reasons.length > 0), 'a stuck node without a reason', forecast.stuck);
      expect(forecast.converged === (forecast.stuck.length === 0), 'converged iff no stuck node', forecast);
      if (forecast.converged) {
        const cluster = new Cluster(m.ds, currentHash);
        cluster.pods = applyWrites(last.pods, last.plan, last.now, m);
        cluster.now = last.now;
        checkFixedPoint(cluster, last.plan, m.nodes, 'the converged forecast');
      }
    }),
    0.5,
  );
});

/** Plain nodes and one old, available pod on each: nothing but the update strategy decides. */
function plainScenario(n: number, strategy: JsonObject, readyAfterSeconds: number): Scenario {
  const nodes = Array.from({ length: n }, (_, i): JsonObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: `p${i}` } }));
  const seeds = nodes.map((node): PodSeed => ({ node: nodeObjectName(node), hash: 'old', generation: 'none', bound: true, phase: 'Running', ready: 'True', readySince: 'old', readyAfter: 1, owner: 'ds', terminating: false, age: 600 }));
  const ds: JsonObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds', namespace: 'default', uid: 'ds-uid' }, spec: { selector: { matchLabels: { app: 'daemon' } }, updateStrategy: strategy, template: { metadata: { labels: { app: 'daemon' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } };
  return { nodes, ds, seeds, readyAfterSeconds, terminationSeconds: 0, pending: [], gates: { TaintTolerationComparisonOperators: false } };
}

test('law: maxUnavailable ≥ nodes converges in one round of deletes and creates, modulo the burst of 250', (ctx) => {
  check(
    ctx,
    fc.property(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 1, arbitrary: fc.integer({ min: 251, max: 700 }) }), fc.constantFrom('100%', 700, 1000), fc.constantFrom(0, 30, 90), (n, maxUnavailable, readyAfter) => {
      const { forecast } = run(plainScenario(n, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } }, readyAfter));
      expect(forecast.converged, 'not converged', forecast);
      expect(forecast.waves.every((w) => w.atSeconds === 0), 'a wave after the start', forecast.waves);
      expect(forecast.waves.length <= Math.ceil(n / 250) + 1, `more than ceil(${n}/250) + 1 waves`, forecast.waves);
      expectEqual([forecast.waves.reduce((a, w) => a + w.deleted, 0), forecast.waves.reduce((a, w) => a + w.created, 0)], [n, n], 'deleted and created', ['forecast', 'nodes']);
      expectEqual(forecast.estimatedSeconds, readyAfter, 'estimatedSeconds', ['forecast', 'readyAfter']);
    }),
    0.05,
  );
});

/** Scenarios with an old pod on every node besides the random ones, under OnDelete. */
const onDeleteArb: fc.Arbitrary<Scenario> = scenarioArb.chain((s) =>
  fc.tuple(...s.nodes.map((n) => podSeedArb([nodeObjectName(n)], { hashes: ['old'], simple: true }))).map((old): Scenario => ({
    ...s,
    ds: { ...s.ds, spec: { ...(s.ds['spec'] as JsonObject), updateStrategy: { type: 'OnDelete' } } },
    seeds: [...old, ...s.seeds],
  })),
);

test('law: OnDelete never updates a pod; every node left with an old pod is stuck, saying so', (ctx) => {
  check(
    ctx,
    fc.property(onDeleteArb, (s) => {
      const { forecast, trace, m } = run(s);
      const ds = m.ds;
      for (const sync of trace) {
        expect(sync.plan.steps.length <= 1, `sync ${sync.sync}: OnDelete ran an update step`, sync.plan.steps);
        const byName = new Map(sync.pods.map((p) => [p.name, p]));
        for (const name of sync.plan.delete) {
          const pod = byName.get(name)!;
          const node = targetOf(pod) ?? '';
          const decision = sync.plan.nodes.find((n) => n.node === node);
          const live = sync.pods.filter((p) => targetOf(p) === node && isClaimed(ds, p) && !p.deletionTimestamp && !isTerminalPhase(p));
          // manage's deletes only: terminal pods, pods that may not continue, extras, unbound pods of missing nodes.
          const manages = isTerminalPhase(pod) || decision?.shouldContinueRunning !== true || live.length > 1;
          expect(manages, `sync ${sync.sync}: OnDelete deleted ${name}, a lone healthy pod where it may continue`, { delete: sync.plan.delete, pods: sync.pods.map((p) => p.name) });
        }
      }
      if (forecast.stopped === 'budget') return;
      const last = trace[trace.length - 1]!;
      const after = applyWrites(last.pods, last.plan, last.now, m);
      for (const n of last.plan.nodes) {
        const old = after.some((p) => targetOf(p) === n.node && isClaimed(ds, p) && !p.deletionTimestamp && !isTerminalPhase(p) && !isUpdated(ds, p, currentHash));
        if (!old) continue;
        const stuck = forecast.stuck.find((x) => x.node === n.node);
        expect(stuck?.reasons.some((r) => r.startsWith('OnDelete')) === true, `node ${n.node} keeps an old pod but is not stuck for OnDelete`, forecast.stuck);
      }
    }),
    0.1,
  );
});

test('law: the forecast always stops, within maxSyncs', (ctx) => {
  check(
    ctx,
    fc.property(scenarioArb, fc.integer({ min: 1, max: 12 }), (s, maxSyncs) => {
      const { forecast, trace } = run(s, { maxSyncs });
      expect(forecast.syncs <= maxSyncs && trace.length === forecast.syncs, `syncs ${forecast.syncs} past maxSyncs ${maxSyncs}`, forecast);
      expect(forecast.stopped !== 'budget' || (!forecast.converged && forecast.stuck.length === 0 && forecast.syncs === maxSyncs), 'a budget stop that claims more', forecast);
    }),
    0.1,
  );
});

test.run();
