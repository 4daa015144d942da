import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine, type Engine } from '../api/engine.js';
import { isDaemonSetTarget, type ImpactTarget } from '../api/impact.js';
import { nodesFromSources } from '../api/inputs.js';
import { loadPolicies } from '../api/load-policies.js';
import { readSources } from '../api/read-sources.js';
import { targetsFromSources } from '../api/targets-from-sources.js';
import type { DaemonSetPlan } from '../controllers/daemonset/sync.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import type { Node } from '../model/types.js';
import { generateCluster } from '../sample/generate-cluster.js';
import { fixtureNodes, fixturesDir } from '../testing/placement-fixtures.js';
import { buildReport } from './build-report.js';
import { daemonSetCoverage } from './daemonset-coverage.js';
import { defaultPoolLabels, noPoolName } from './pools.js';
import { detailLimits, type ReportData } from './report-data.js';

const options = { validate: true, featureGates: defaultFeatureGates };
const noStdin = (): string => '';
const sampleNodes = nodesFromSources(generateCluster({ nodes: 2000, seed: 1 }).map((object) => ({ object, file: 'generated' })), options);
const sampleTargets = targetsFromSources(readSources(fileURLToPath(new URL('../sample/workloads', import.meta.url)), noStdin), options);
const realTargets = ['workloads', 'daemonsets'].flatMap((dir) => targetsFromSources(readSources(join(fixturesDir, dir), noStdin), options));
const now = Date.parse('2026-01-01T00:00:00Z');

/** A pool name read off one node, written independently of pools.ts: the first default label it has. */
function poolOfNode(node: Node): string {
  const label = defaultPoolLabels.find((l) => node.labels.has(l));
  return label === undefined ? noPoolName : node.labels.get(label)!;
}

/** The nodes each row says the workload may use, straight from the engine's answer. */
function eligibleNames(engine: Engine, target: ImpactTarget): readonly string[] {
  if (isDaemonSetTarget(target)) return engine.daemonset(target, [], { now }).nodes.filter((n) => n.shouldRun).map((n) => n.node);
  return engine.eligible(target, { explain: 'none' }).eligible;
}

/** Every cell equals the count of eligible nodes whose own labels put them in that pool. */
function assertCellsMatchEngine(engine: Engine, targets: readonly ImpactTarget[], report: ReportData): void {
  const poolByNode = new Map(engine.nodes.map((n) => [n.name, poolOfNode(n)]));
  const byInput = new Map(report.workloads.map((w) => [w.input, w]));
  targets.forEach((target, input) => {
    const names = eligibleNames(engine, target);
    const id = isDaemonSetTarget(target) ? `DaemonSet/${target.workload.namespace}/${target.workload.name}` : `${target.kind}/${target.namespace}/${target.name}`;
    const row = byInput.get(input)!;
    assert.is(row.id, id);
    assert.is(row.eligible, names.length, `${id}: eligible`);
    const expected = report.pools.map((p) => names.filter((n) => poolByNode.get(n) === p.name).length);
    assert.equal(row.counts, expected, `${id}: cells`);
  });
}

test('sample cluster: every cell is the engine’s eligible nodes of that pool; DaemonSets count should-run nodes', () => {
  const engine = createEngine({ nodes: sampleNodes });
  const report = buildReport(engine, sampleTargets, { now, details: false });
  assert.is(report.nodes.total, 2000);
  assert.is(report.pools.reduce((sum, p) => sum + p.nodes, 0), 2000);
  assert.is(report.nodes.cordoned, sampleNodes.filter((n) => n.unschedulable).length);
  assertCellsMatchEngine(engine, sampleTargets, report);
  assert.is(report.details, undefined);
});

test('real fixtures: the same, over real nodes, Deployments, Jobs and DaemonSets', () => {
  const engine = createEngine({ nodes: fixtureNodes() });
  const report = buildReport(engine, realTargets, { now, details: true });
  assertCellsMatchEngine(engine, realTargets, report);
  assert.equal(report.details!.map((d) => d.id), report.workloads.map((w) => w.id), 'details follow the rows');
});

test('with policies: cells count what the engine admits after the policies', () => {
  const policies = loadPolicies(fileURLToPath(new URL('../../rules/policies', import.meta.url)));
  const engine = createEngine({ nodes: sampleNodes, policies });
  assertCellsMatchEngine(engine, sampleTargets, buildReport(engine, sampleTargets, { now, details: false }));
});

test('workloads that fit nowhere come first, the others keep their input order', () => {
  const nowhere = targetsFromSources([{ object: { kind: 'Pod', metadata: { name: 'nowhere', namespace: 'x' }, spec: { nodeSelector: { 'example.com/absent': 'yes' } } }, file: 'inline' }], options);
  const targets = [...sampleTargets.slice(0, 3), ...nowhere, ...sampleTargets.slice(3)];
  const report = buildReport(createEngine({ nodes: sampleNodes }), targets, { now, details: false });
  assert.is(report.workloads[0]!.id, 'Pod/x/nowhere');
  assert.ok(report.workloads[0]!.counts.every((c) => c === 0));
  assert.is(report.workloads[0]!.input, 3);
  const rest = report.workloads.slice(1).map((w) => w.input);
  assert.equal(rest, [...rest].sort((a, b) => a - b), 'the others in input order');
});

test('details are trimmed: at most 12 groups of 3 example nodes, the rest counted; why keeps the constraints that exclude most', () => {
  const engine = createEngine({ nodes: sampleNodes });
  const report = buildReport(engine, sampleTargets, { now, details: true });
  report.details!.forEach((d, i) => {
    const row = report.workloads[i]!;
    assert.ok(d.groups.length <= detailLimits.groups, d.id);
    for (const g of d.groups) assert.ok(g.nodes.length <= detailLimits.examples && g.nodes.length + g.more === g.count, d.id);
    const grouped = d.groups.reduce((sum, g) => sum + g.count, 0) + d.moreGroups.nodes;
    assert.is(grouped, d.why.total - d.why.eligible, `${d.id}: every ineligible node is in a group`);
    assert.ok(d.why.constraints.length <= detailLimits.constraints, d.id);
    if (row.kind !== 'DaemonSet') assert.is(d.why.eligible, row.eligible, `${d.id}: why agrees with the row`);
    else {
      // The daemon pod as kube-scheduler judges it agrees with its controller here (no policies).
      assert.is(d.why.eligible, row.eligible, `${d.id}: the daemon pod's why agrees with the controller`);
      assert.is(d.daemonset!.shouldRun, row.eligible);
      assert.is(d.daemonset!.missing.reduce((sum, g) => sum + g.count, 0), 2000 - row.eligible);
      assert.is(d.daemonset!.pending, undefined, 'no forecast without one in the plan');
      assert.equal(d.daemonset!.warnings, [], 'no rollout warnings without pods');
    }
  });
});

test('a DaemonSet plan with a Pending forecast: the pods that will stay Pending, grouped by reasons', () => {
  const plan = {
    nodes: [
      { node: 'a', shouldRun: true, shouldContinueRunning: true, reasons: [] },
      { node: 'b', shouldRun: true, shouldContinueRunning: true, reasons: [] },
      { node: 'c', shouldRun: false, shouldContinueRunning: true, reasons: ['node(s) had untolerated taint(s)'] },
    ],
    create: ['a', 'b'], delete: [], steps: [{ create: ['a', 'b'], delete: [] }], released: [], adopted: [], evictions: [], warnings: [],
    status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 2, numberAvailable: 0, numberUnavailable: 2 },
    pending: [{ node: 'a', reasons: ['Insufficient memory'] }, { node: 'b', reasons: ['Insufficient memory'] }],
  } as DaemonSetPlan;
  const coverage = daemonSetCoverage(plan, true);
  assert.equal(coverage.pending, { count: 2, groups: [{ reasons: ['Insufficient memory'], details: [], count: 2, nodes: ['a', 'b'], more: 0 }], moreGroups: 0 });
  assert.equal([coverage.shouldRun, coverage.create, coverage.podsGiven], [2, 2, true]);
  assert.equal(coverage.missing, [{ reasons: ['node(s) had untolerated taint(s)'], details: ['a daemon pod already there may keep running'], count: 1, nodes: ['c'], more: 0 }]);
});

test('groupBy one label; the report is plain JSON (a round trip changes nothing)', () => {
  const report = buildReport(createEngine({ nodes: sampleNodes }), sampleTargets, { now, details: true, groupBy: 'topology.kubernetes.io/zone' });
  assert.equal(report.groupBy, ['topology.kubernetes.io/zone']);
  assert.ok(report.pools.every((p) => p.label === 'topology.kubernetes.io/zone' || p.name === noPoolName));
  assert.equal(JSON.parse(JSON.stringify(report)), report);
  assert.is(report.generatedAt, '2026-01-01T00:00:00.000Z');
});

test.run();
