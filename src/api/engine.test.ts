import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeNode, required, rq } from '../testing/placement-fixtures.js';
import type { JsonObject } from '../model/decode.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import type { Node, Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { decodeDaemonSet } from '../model/decode-daemonset.js';
import { policiesFromSources } from '../policy/parse-policy.js';
import type { Policy } from '../policy/policy.js';
import { generateCluster } from '../sample/generate-cluster.js';
import { realFixturesDir } from '../testdata/fixtures.js';
import { createEngine, type Engine, type EngineOptions } from './engine.js';
import { nodesFromSources, workloadsFromSources } from './inputs.js';
import { loadPolicies } from './load-policies.js';
import { readSources } from './read-sources.js';

const noStdin = (): string => '';
const inputOptions = { validate: true, featureGates: defaultFeatureGates };
const fixtureNodes = nodesFromSources(readSources(join(realFixturesDir, 'nodes'), noStdin), inputOptions);
const fixtureWorkloads = ['workloads', 'daemonsets'].flatMap((dir) => workloadsFromSources(readSources(join(realFixturesDir, dir), noStdin), inputOptions));
const sampleWorkloadsDir = fileURLToPath(new URL('../sample/workloads', import.meta.url));
const shippedPolicies = loadPolicies(fileURLToPath(new URL('../../rules/policies', import.meta.url)));

const taintReason = 'node(s) had untolerated taint(s)';
const affinityReason = "node(s) didn't match Pod's node affinity/selector";
const terms = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

/** A workload of `kind` around a pod spec. */
function workload(spec: JsonObject, kind = 'Pod', namespace = 'default'): Workload {
  const object: JsonObject = kind === 'Pod' ? { kind, metadata: { name: 'w', namespace }, spec } : { kind, metadata: { name: 'w', namespace }, spec: { template: { spec } } };
  const decoded = decodeWorkload(object);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return decoded.workload;
}

/** Policies written inline, as a policy file would hold them. */
function policies(...objects: JsonObject[]): Policy[] {
  return policiesFromSources(objects.map((object, i) => ({ object, file: 'inline.yaml', at: `document ${i + 1}` })));
}

function policy(name: string, condition: unknown, reason: string, appliesTo?: JsonObject): JsonObject {
  return { apiVersion: 'placement/v1', kind: 'PlacementPolicy', metadata: { name }, spec: { condition, reason, ...(appliesTo ? { appliesTo } : {}) } as JsonObject };
}

/** An indexed and a reference engine over the same nodes. */
function both(nodes: readonly Node[], options: EngineOptions = {}): [Engine, Engine] {
  return [createEngine({ nodes, ...options }), createEngine({ nodes, ...options, evaluator: 'reference' })];
}

/** eligible, eligibleCount and rank agree between the evaluators. */
function assertAgree(indexed: Engine, reference: Engine, w: Workload, label: string): void {
  const answer = indexed.eligible(w);
  assert.equal(answer, reference.eligible(w), `${label}: eligible`);
  assert.is(indexed.eligibleCount(w), answer.eligible.length, `${label}: eligibleCount`);
  assert.is(reference.eligibleCount(w), answer.eligible.length, `${label}: eligibleCount (reference)`);
  assert.equal(indexed.rank(w), reference.rank(w), `${label}: rank`);
}

test('options are resolved once, frozen, with defaults', () => {
  const engine = createEngine({ nodes: [] });
  assert.equal(engine.options, { validate: true, featureGates: defaultFeatureGates, evaluator: 'indexed', policies: [], maxExplanationBytes: 64 * 1024 * 1024 });
  assert.ok(Object.isFrozen(engine.options) && Object.isFrozen(engine.options.featureGates));
  assert.is(engine.nodeCount, 0);
  assert.equal(engine.eligible(workload({})), { eligible: [], ineligible: [], message: 'no nodes available to schedule pods', notEvaluated: [] });
});

test('real fixtures: indexed and reference agree on eligible, eligibleCount and rank for every real workload and DaemonSet', () => {
  assert.ok(fixtureWorkloads.length >= 25, `${fixtureWorkloads.length} workloads`);
  const [indexed, reference] = both(fixtureNodes);
  // Twice over: the second round runs on the evaluator's memoized sets.
  for (let round = 0; round < 2; round++) {
    for (const w of fixtureWorkloads) assertAgree(indexed, reference, w, `${w.kind}/${w.name}`);
  }
  assert.ok(fixtureWorkloads.some((w) => indexed.eligibleCount(w) === 0) && fixtureWorkloads.some((w) => indexed.eligibleCount(w) > 1), 'the fixtures cover both outcomes');
});

test('generated cluster (600 nodes, dense sets): indexed and reference agree for the sample workloads', () => {
  const nodes = nodesFromSources(generateCluster({ nodes: 600, seed: 3 }).map((object) => ({ object, file: 'generated' })), inputOptions);
  const [indexed, reference] = both(nodes);
  const workloads = workloadsFromSources(readSources(sampleWorkloadsDir, noStdin), inputOptions);
  for (const w of workloads) assertAgree(indexed, reference, w, `${w.kind}/${w.name}`);
});

test('a Pod with no constraints: everything but the master-tainted nodes, with the taint in the details', () => {
  const [indexed, reference] = both(fixtureNodes);
  const answer = indexed.eligible(workload({}));
  assert.is(answer.eligible.length, fixtureNodes.length - 2);
  assert.equal(answer.ineligible, [
    { node: 'kind-control-plane', reasons: [taintReason], details: ['taint node-role.kubernetes.io/master:NoSchedule is not tolerated'] },
    { node: 'ci-ln-3z9y7mt-f76d1-69jcr-master-0', reasons: [taintReason], details: ['taint node-role.kubernetes.io/master:NoSchedule is not tolerated'] },
  ]);
  assert.is(answer.message, `9/11 nodes are available: 2 ${taintReason}.`);
  assert.equal(reference.eligible(workload({})), answer);
});

test('upsertNode and removeNode change the answers of both evaluators alike', () => {
  const [indexed, reference] = both(fixtureNodes);
  const w = workload({ nodeSelector: { 'example.com/disk': 'ssd' } });
  for (const engine of [indexed, reference]) {
    assert.is(engine.eligibleCount(w), 0);
    engine.upsertNode(makeNode({ name: 'new-ssd', labels: { 'example.com/disk': 'ssd' } }));
  }
  assertAgree(indexed, reference, w, 'after add');
  assert.equal(indexed.eligible(w).eligible, ['new-ssd']);
  assert.is(indexed.nodeCount, 12);
  assert.is(indexed.node('new-ssd')?.labels.get('example.com/disk'), 'ssd');
  for (const engine of [indexed, reference]) engine.upsertNode(makeNode({ name: 'new-ssd', labels: { 'example.com/disk': 'hdd' } }));
  assertAgree(indexed, reference, w, 'after relabel');
  assert.is(indexed.eligibleCount(w), 0);
  for (const engine of [indexed, reference]) engine.upsertNode(makeNode({ name: 'kind-worker', labels: { 'example.com/disk': 'ssd' }, taints: [{ key: 'x', effect: 'NoExecute' }] }));
  assertAgree(indexed, reference, w, 'after replacing a fixture node');
  assert.equal(indexed.eligible(w).ineligible.find((n) => n.node === 'kind-worker')?.reasons, [taintReason]);
  for (const engine of [indexed, reference]) {
    assert.ok(engine.removeNode('new-ssd'));
    assert.not.ok(engine.removeNode('new-ssd'));
    assert.ok(engine.removeNode('minikube'));
  }
  assertAgree(indexed, reference, workload({}), 'after removals');
  assert.is(indexed.nodeCount, 10);
  assert.is(indexed.node('minikube'), undefined);
  assert.ok(indexed.eligible(workload({})).message.startsWith('7/10 nodes are available'));
  assert.equal(indexed.nodes.map((n) => n.name), reference.nodes.map((n) => n.name));
});

test('compile is cached by the placement fields: hits and misses; key order and tolerationSeconds do not matter', () => {
  const engine = createEngine({ nodes: fixtureNodes });
  assert.equal(engine.cacheStats, { hits: 0, misses: 0 });
  const w = workload({ nodeSelector: { a: '1', b: '2' }, tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] });
  const first = engine.compile(w);
  assert.equal(engine.cacheStats, { hits: 0, misses: 1 });
  assert.is(engine.compile(w), first);
  const reordered = workload({ nodeSelector: { b: '2', a: '1' }, tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] });
  assert.is(engine.compile(reordered), first);
  assert.equal(engine.cacheStats, { hits: 2, misses: 1 });
  engine.eligible(w);
  engine.eligibleCount(w);
  engine.rank(w);
  // eligible compiles for the answer and again for its warnings (a hit), eligibleCount and rank once each.
  assert.equal(engine.cacheStats, { hits: 6, misses: 1 }, 'eligible, eligibleCount and rank compile through the cache');
  engine.compile(workload({ nodeSelector: { a: '1' } }));
  engine.compile(workload({ nodeSelector: { a: '1', b: '2' } }, 'Deployment'));
  assert.equal(engine.cacheStats, { hits: 6, misses: 3 }, 'another selector, another spec path: new entries');
});

test('warnings appear in the details of the nodes failing NodeAffinity, not of the others', () => {
  const [indexed, reference] = both(fixtureNodes);
  const none = workload(required([{}, { matchExpressions: [rq('kubernetes.io/os', 'In', ['windows'])] }]));
  assertAgree(indexed, reference, none, 'windows only');
  const answer = indexed.eligible(none);
  assert.is(answer.eligible.length, 0);
  const master = answer.ineligible.find((n) => n.node === 'kind-control-plane')!;
  assert.equal(master.reasons, [taintReason, affinityReason]);
  assert.equal(master.details, [
    'taint node-role.kubernetes.io/master:NoSchedule is not tolerated',
    'nodeSelectorTerms[0] is empty and matches no node',
    'nodeSelectorTerms[1]: kubernetes.io/os In [windows]: node has kubernetes.io/os=linux',
    `warning: ${terms}[0]: empty term: matches no node`,
  ]);
  const linux = workload(required([{}, { matchExpressions: [rq('kubernetes.io/os', 'In', ['linux'])] }]), 'Deployment');
  assertAgree(indexed, reference, linux, 'linux only');
  const onlyTaints = indexed.eligible(linux);
  assert.is(onlyTaints.eligible.length, 9);
  for (const n of onlyTaints.ineligible) assert.equal(n.details, ['taint node-role.kubernetes.io/master:NoSchedule is not tolerated'], n.node);
  const contradiction = workload({ nodeSelector: { 'kubernetes.io/os': 'linux' }, ...required([{ matchExpressions: [rq('kubernetes.io/os', 'NotIn', ['linux'])] }]) }, 'Deployment');
  const details = indexed.eligible(contradiction).ineligible[0]!.details;
  assert.equal(details.filter((d) => d.startsWith('warning: ')), [
    'warning: spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]: can never match together with spec.nodeSelector: with the nodeSelector: no value satisfies every requirement on kubernetes.io/os',
    'warning: spec.template.spec: the pod can run on no node, whatever the cluster',
  ]);
});

test('NodeAffinity PreFilter: pinned names and the conflict, with the scheduler summaries, on both evaluators', () => {
  const [indexed, reference] = both(fixtureNodes);
  const pinned = workload(required([{ matchFields: [rq('metadata.name', 'In', ['minikube'])] }]));
  assertAgree(indexed, reference, pinned, 'pinned');
  assert.equal(indexed.eligible(pinned).eligible, ['minikube']);
  assert.is(indexed.eligible(pinned).message, "1/11 nodes are available: 10 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  const conflict = workload(required([{ matchFields: [rq('metadata.name', 'In', ['minikube']), rq('metadata.name', 'In', ['nori'])] }]));
  assertAgree(indexed, reference, conflict, 'conflict');
  const answer = indexed.eligible(conflict);
  assert.is(answer.message, '0/11 nodes are available: pod affinity terms conflict.');
  assert.equal(answer.ineligible[0]!.reasons, ['pod affinity terms conflict']);
  assert.ok(answer.ineligible[0]!.details.includes('warning: spec.affinity.nodeAffinity: every term pins metadata.name and no name satisfies all: pod affinity terms conflict'));
});

const controlPlaneReason = 'control-plane nodes are reserved';
const noControlPlane = policy('no-control-plane', { '!': [{ hasLabel: ['node-role.kubernetes.io/control-plane'] }] }, controlPlaneReason);

test('a label-only policy excludes nodes with its reason; the summary counts each node under its first failing check', () => {
  const [indexed, reference] = both(fixtureNodes, { policies: policies(noControlPlane) });
  assert.ok(indexed.options.policies[0]!.labelRule !== undefined, 'runs on the index');
  const w = workload({});
  assertAgree(indexed, reference, w, 'no-control-plane');
  const answer = indexed.eligible(w);
  assert.equal(answer.eligible, ['aks-agentpool-30520393-vmss000000', 'kind-worker', 'repldev-marc', 'ci-ln-3z9y7mt-f76d1-69jcr-worker-b-q6vs9']);
  const describe = 'policy no-control-plane (inline.yaml (document 1))';
  assert.equal(answer.ineligible.find((n) => n.node === 'minikube'), { node: 'minikube', reasons: [controlPlaneReason], details: [describe] });
  assert.equal(answer.ineligible.find((n) => n.node === 'kind-control-plane'), {
    node: 'kind-control-plane',
    reasons: [taintReason, controlPlaneReason],
    details: ['taint node-role.kubernetes.io/master:NoSchedule is not tolerated', describe],
  });
  assert.is(answer.message, `4/11 nodes are available: 2 ${taintReason}, 5 ${controlPlaneReason}.`);
});

test('a policy that reads more than labels is judged only for the nodes the built-in filters left eligible', () => {
  const readyReason = 'node is not Ready';
  const ready = policy('ready-only', { some: [{ var: 'conditions' }, { and: [{ '==': [{ var: 'type' }, 'Ready'] }, { '==': [{ var: 'status' }, 'True'] }] }] }, readyReason);
  const [indexed, reference] = both(fixtureNodes, { policies: policies(ready, noControlPlane) });
  assert.is(indexed.options.policies[0]!.labelRule, undefined);
  const w = workload({});
  assertAgree(indexed, reference, w, 'ready-only');
  const answer = indexed.eligible(w);
  assert.not.ok(answer.eligible.includes('kind-worker'), 'the not-ready fixture');
  assert.equal(answer.ineligible.find((n) => n.node === 'kind-worker')?.reasons, [readyReason]);
  const master = answer.ineligible.find((n) => n.node === 'kind-control-plane')!;
  assert.equal(master.reasons, [taintReason, controlPlaneReason], 'not judged by ready-only: already out');
});

test('policies apply only to the workloads they select', () => {
  const jobsOnly = policy('jobs-off-control-plane', { '!': [{ hasLabel: ['node-role.kubernetes.io/control-plane'] }] }, controlPlaneReason, { kinds: ['Job'] });
  const [indexed, reference] = both(fixtureNodes, { policies: policies(jobsOnly) });
  assert.is(indexed.eligibleCount(workload({}, 'Deployment')), 9);
  assert.is(indexed.eligibleCount(workload({}, 'Job')), 4);
  for (const kind of ['Deployment', 'Job']) assertAgree(indexed, reference, workload({}, kind), kind);
});

test('the shipped policies: team and GPU pools, the same answers on both evaluators', () => {
  const nodes = [...fixtureNodes, makeNode({ name: 'a1', labels: { 'example.com/team': 'team-a' } }), makeNode({ name: 'b1', labels: { 'example.com/team': 'team-b' } })];
  const [indexed, reference] = both(nodes, { policies: shippedPolicies });
  const teamA = workload({}, 'Deployment', 'team-a');
  assertAgree(indexed, reference, teamA, 'team-a');
  const answer = indexed.eligible(teamA);
  assert.equal(answer.eligible, ['a1']);
  const reason = 'namespace team-a runs only on nodes labelled example.com/team=team-a';
  // Sorted as plain strings, as FitError does: "10 …" before "2 …".
  assert.is(answer.message, `1/13 nodes are available: 10 ${reason}, 2 ${taintReason}.`);
  assert.equal(answer.ineligible.find((n) => n.node === 'b1')?.reasons, [reason]);
  const ml = workload({}, 'Deployment', 'ml-train');
  assertAgree(indexed, reference, ml, 'ml-train');
  assert.equal(indexed.eligible(ml).eligible, ['ip-172-31-21-92', 'nori']);
  assert.equal(indexed.rank(ml).nodes.map((n) => n.node), ['ip-172-31-21-92', 'nori'], 'rank scores only the nodes the policies leave');
  for (const w of fixtureWorkloads) assertAgree(indexed, reference, w, `${w.kind}/${w.name} with policies`);
});

test('label-only policies give the same answers on both evaluators, including notIn/absent-label conditions', () => {
  const zone = 'topology.kubernetes.io/zone';
  const cases = policies(
    policy('zone-not-1', { '!=': [{ label: [zone] }, 'us-central1-a'] }, 'zone us-central1-a is full'),
    policy('zoned', { hasLabel: [zone] }, 'node has no zone'),
    policy('os-or-arch', { or: [{ in: [{ label: ['kubernetes.io/os'] }, ['windows']] }, { '==': [{ label: ['kubernetes.io/arch'] }, 'amd64'] }] }, 'not amd64'),
    policy('no-role-label', { '==': [{ label: ['kubernetes.io/role'] }, null] }, 'node has a kubernetes.io/role label'),
  );
  assert.ok(cases.every((p) => p.labelRule !== undefined));
  for (const p of cases) {
    const [indexed, reference] = both(fixtureNodes, { policies: [p] });
    for (const w of [workload({}), ...fixtureWorkloads.slice(0, 6)]) assertAgree(indexed, reference, w, `${p.name}: ${w.kind}/${w.name}`);
  }
  const [indexed, reference] = both(fixtureNodes, { policies: cases });
  for (const w of fixtureWorkloads) assertAgree(indexed, reference, w, `all four: ${w.kind}/${w.name}`);
});

test('rank: a node listing a PreferNoSchedule taint twice counts it twice, on both evaluators (unvalidated input)', () => {
  const twice = [{ key: 'p', effect: 'PreferNoSchedule' }, { key: 'p', effect: 'PreferNoSchedule' }];
  const nodes = [
    // Twelve nodes share the taint, so its node set is dense.
    ...Array.from({ length: 12 }, (_, i) => makeNode({ name: `twice-${i}`, taints: twice })),
    makeNode({ name: 'once', taints: twice.slice(1) }),
    makeNode({ name: 'clean' }),
  ];
  const [indexed, reference] = both(nodes);
  assertAgree(indexed, reference, workload({}), 'duplicated taints');
  const scores = new Map(indexed.rank(workload({})).nodes.map((n) => [n.node, n.scores['TaintToleration']]));
  assert.equal([scores.get('clean'), scores.get('once'), scores.get('twice-0')], [100, 50, 0]);
  for (const engine of [indexed, reference]) engine.upsertNode(makeNode({ name: 'twice-0' }));
  assertAgree(indexed, reference, workload({}), 'after clearing one node');
});

test('daemonset: per-node answers are reused after an unrelated label change and recomputed after a relevant one', () => {
  const node = (name: string, labels: Record<string, string>): Node => makeNode({ name, labels });
  const engine = createEngine({ nodes: [node('a', { os: 'linux' }), node('b', { os: 'windows' })] });
  const decoded = decodeDaemonSet({
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system', uid: 'u1' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { nodeSelector: { os: 'linux' } } } },
  });
  const ds = decoded.daemonset!;
  const first = engine.daemonset(ds, [], { revisionHash: 'h', now: 0 });
  assert.equal(first.nodes.map((n) => n.shouldRun), [true, false]);
  engine.upsertNode(node('b', { os: 'windows', rack: 'r1' }));
  const second = engine.daemonset(ds, [], { revisionHash: 'h', now: 0 });
  assert.is(second.nodes, first.nodes, 'an unrelated key: the same answers');
  engine.upsertNode(node('b', { os: 'linux', rack: 'r1' }));
  const third = engine.daemonset(ds, [], { revisionHash: 'h', now: 0 });
  assert.is.not(third.nodes, first.nodes);
  assert.equal(third.nodes.map((n) => n.shouldRun), [true, true]);
  engine.removeNode('a');
  assert.equal(engine.daemonset(ds, [], { revisionHash: 'h', now: 0 }).nodes.map((n) => n.node), ['b']);
});

test('every answer lists the pod\'s constraints it did not evaluate, on both evaluators', () => {
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
  const w = workload({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }, volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'd' } }] }, 'Deployment');
  const expected = ['spec.template.spec.volumes[0].persistentVolumeClaim', 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]'];
  for (const engine of both([makeNode({ name: 'a' })])) {
    assert.equal(engine.notEvaluated(w).map((n) => n.field), expected);
    for (const explain of ['nodes', 'groups', 'none'] as const) assert.equal(engine.eligible(w, { explain }).notEvaluated, engine.notEvaluated(w), explain);
    assert.equal(engine.rank(w).notEvaluated, engine.notEvaluated(w));
    assert.equal(engine.why(w).notEvaluated, engine.notEvaluated(w));
    assert.equal(engine.eligible(workload({})).notEvaluated, [], 'always present, empty when nothing is left out');
  }
});

test('a DaemonSet plan and forecast list what the scheduler checks on the created pods: host ports included', () => {
  const engine = createEngine({ nodes: [makeNode({ name: 'a' })] });
  const decoded = decodeDaemonSet({
    kind: 'DaemonSet',
    metadata: { name: 'node-exporter', namespace: 'monitoring', uid: 'u1' },
    spec: {
      selector: { matchLabels: { app: 'ne' } },
      template: { metadata: { labels: { app: 'ne' } }, spec: { hostNetwork: true, containers: [{ name: 'ne', image: 'ne', ports: [{ containerPort: 9100 }] }] } },
    },
  });
  const ds = decoded.daemonset!;
  const fields = ['spec.template.spec.containers[0].ports[0].hostPort'];
  assert.equal(engine.daemonset(ds, [], { revisionHash: 'h', now: 0 }).notEvaluated.map((n) => n.field), fields);
  assert.equal(engine.daemonsetRollout(ds, [], { revisionHash: 'h', now: 0 }).notEvaluated.map((n) => n.field), fields);
  assert.ok(engine.daemonNotEvaluated(ds)[0]?.what.includes('(NodePorts)'));
});

test.run();
