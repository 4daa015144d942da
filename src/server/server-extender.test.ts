/**
 * The kube-scheduler extender over real HTTP, with ExtenderArgs shaped exactly as kube-scheduler
 * marshals them (testdata/extender-args-*.json: Go field names without JSON tags, a v1.Pod without
 * `kind`, a v1.NodeList whose items carry no TypeMeta, `null` for the form not used): both the
 * `Nodes` and the `NodeNames` (nodeCacheCapable) forms of the filter and prioritize verbs.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEngine } from '../api/engine.js';
import { checkWorkload, nodesFromSources } from '../api/inputs.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { extenderScore, reasonUnknownNode } from './extender.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as Record<string, any>;
const withNodes = fixture('extender-args-nodes.json');
const withNames = fixture('extender-args-node-names.json');
const items = withNodes['Nodes'].items as Record<string, any>[];
const byName = (name: string) => items.find((n) => n.metadata.name === name)!;

let t: TestServer;

test.before(async () => {
  t = await startTestServer();
  // The server's own node set, for the NodeNames form: the same nodes, as kubectl would list them.
  const list = { apiVersion: 'v1', kind: 'List', items: items.map((n) => ({ apiVersion: 'v1', kind: 'Node', ...n })) };
  assert.is((await t.request('PUT', '/v1/nodes', list)).status, 200);
});
test.after(async () => {
  assert.equal(t.bugs, [], 'no request may end in a 500');
  await t.close();
});

const unresolvable = {
  'worker-c': 'node(s) were unschedulable',
  'control-plane': 'node(s) had untolerated taint(s)',
  'win-1': "node(s) didn't match Pod's node affinity/selector",
};

test('filter, Nodes form: the passing nodes as sent, every failure unresolvable, Error ""', async () => {
  const r = await t.request('POST', '/scheduler/filter', withNodes);
  assert.is(r.status, 200);
  assert.equal(Object.keys(r.json), ['Nodes', 'NodeNames', 'FailedNodes', 'FailedAndUnresolvableNodes', 'Error']);
  assert.equal(r.json.Nodes, { metadata: {}, items: [byName('worker-a'), byName('worker-b'), byName('worker-d')] });
  assert.is(r.json.NodeNames, null);
  assert.equal(r.json.FailedNodes, {});
  assert.equal(r.json.FailedAndUnresolvableNodes, unresolvable);
  assert.is(r.json.Error, '');
});

test('filter, NodeNames form: answered from the server node set; unknown names fail', async () => {
  const r = await t.request('POST', '/scheduler/filter', withNames);
  assert.is(r.status, 200);
  assert.equal(r.json, {
    Nodes: null,
    NodeNames: ['worker-a', 'worker-b', 'worker-d'],
    FailedNodes: {},
    FailedAndUnresolvableNodes: { ...unresolvable, 'gone-node': reasonUnknownNode },
    Error: '',
  });
  // Only the names sent are judged.
  const some = await t.request('POST', '/scheduler/filter', { ...withNames, NodeNames: ['win-1', 'worker-d'] });
  assert.equal([some.json.NodeNames, some.json.FailedAndUnresolvableNodes], [['worker-d'], { 'win-1': unresolvable['win-1'] }]);
});

test('prioritize: the default profile total scaled to 0..10 with integer arithmetic, over the nodes sent', async () => {
  // What the scheduler sends after filtering: the three feasible nodes.
  const feasible = { ...withNodes, Nodes: { metadata: {}, items: [byName('worker-a'), byName('worker-b'), byName('worker-d')] } };
  const r = await t.request('POST', '/scheduler/prioritize', feasible);
  assert.is(r.status, 200);
  // NodeAffinity 100/20/80, TaintToleration 100/0/100 → totals 500/40/460 of 500 → 10/0/9.
  assert.equal(r.json, [
    { Host: 'worker-a', Score: 10 },
    { Host: 'worker-b', Score: 0 },
    { Host: 'worker-d', Score: 9 },
  ]);
  const names = await t.request('POST', '/scheduler/prioritize', { ...withNames, NodeNames: ['worker-d', 'worker-a', 'worker-b'] });
  assert.equal(names.json, [
    { Host: 'worker-d', Score: 9 },
    { Host: 'worker-a', Score: 10 },
    { Host: 'worker-b', Score: 0 },
  ]);
  // Nodes that fail the filters, and unknown names, score 0; every name sent gets an entry, in order.
  const all = await t.request('POST', '/scheduler/prioritize', withNames);
  assert.equal(
    all.json.map((h: { Host: string; Score: number }) => [h.Host, h.Score]),
    [['worker-a', 10], ['worker-b', 0], ['worker-c', 0], ['control-plane', 0], ['win-1', 0], ['worker-d', 9], ['gone-node', 0]],
  );
});

test('prioritize agrees with rank on the plugins it scores: the same order, scores scaled from the same totals', async () => {
  const options = { validate: true, featureGates: defaultFeatureGates };
  const nodes = nodesFromSources([byName('worker-a'), byName('worker-b'), byName('worker-d')].map((object) => ({ object, file: 't' })), options);
  const pod = { kind: 'Pod', ...withNodes['Pod'] };
  const checked = checkWorkload({ object: pod, file: 'pod' }, options);
  if (checked.type !== 'workload') throw new Error('fixture pod is not a workload');
  const ranked = createEngine({ nodes }).rank(checked.workload);
  // The extender leaves the resource and image scores to the scheduler, which knows the running pods.
  const labelScores = ranked.nodes.map((n) => ({ NodeAffinity: n.scores['NodeAffinity']!, TaintToleration: n.scores['TaintToleration']! }));
  const labelTotals = labelScores.map((s) => s.NodeAffinity * 2 + s.TaintToleration * 3);
  assert.equal(ranked.nodes.map((n, i) => [n.node, labelTotals[i]]), [['worker-a', 500], ['worker-d', 460], ['worker-b', 40]]);
  assert.equal(labelScores.map((s, i) => extenderScore(labelTotals[i]!, s)), [10, 9, 0]);
  assert.is(extenderScore(300, { TaintToleration: 100 }), 10, 'without preferred terms the maximum is 300');
  assert.is(extenderScore(0, {}), 0, 'a single feasible node is not scored');
});

test("Go's decoder matches keys case-insensitively; a Pod with kind is fine too", async () => {
  const { Pod, NodeNames } = withNames;
  const r = await t.request('POST', '/scheduler/filter', { pod: { kind: 'Pod', apiVersion: 'v1', ...Pod }, nodenames: NodeNames });
  assert.equal(r.json.NodeNames, ['worker-a', 'worker-b', 'worker-d']);
});

test('malformed ExtenderArgs: 400 with field paths, never a 500', async () => {
  const cases: [unknown, string][] = [
    [{}, 'Pod'],
    [{ Pod: withNames['Pod'], Nodes: null, NodeNames: null }, 'NodeNames'],
    [{ Pod: withNames['Pod'], NodeNames: ['worker-a', 7] }, 'NodeNames[1]'],
    [{ Pod: withNames['Pod'], NodeNames: 'worker-a' }, 'NodeNames'],
    [{ Pod: withNames['Pod'], Nodes: [] }, 'Nodes'],
    [{ Pod: withNames['Pod'], Nodes: { items: [{ metadata: { name: 'x', labels: { a: 1 } } }] } }, 'metadata.labels[a]'],
    [{ Pod: { spec: { tolerations: [{ operator: 'Bogus' }] } }, NodeNames: [] }, 'spec.tolerations[0].operator'],
    [{ Pod: 'web', NodeNames: [] }, 'Pod'],
  ];
  for (const [body, field] of cases) {
    for (const verb of ['filter', 'prioritize']) {
      const r = await t.request('POST', `/scheduler/${verb}`, body);
      assert.is(r.status, 400, `${verb} ${JSON.stringify(body).slice(0, 80)}`);
      assert.is(r.json.error.errors[0]?.field, field, JSON.stringify(r.json));
    }
  }
  const r = await t.request('POST', '/scheduler/filter', { Pod: withNames['Pod'], Nodes: { items: [{ metadata: { name: 'x', labels: { a: 1 } } }] } });
  assert.is(r.json.error.errors[0].at, 'Nodes.items[0]');
});

test('the shipped KubeSchedulerConfiguration stanza names these routes', async () => {
  const config = parse(readFileSync(new URL('./kube-scheduler-config.example.yaml', import.meta.url), 'utf8')) as { kind: string; extenders: Record<string, unknown>[] };
  assert.is(config.kind, 'KubeSchedulerConfiguration');
  const [extender] = config.extenders;
  assert.equal(
    [extender!['filterVerb'], extender!['prioritizeVerb'], extender!['weight'], extender!['nodeCacheCapable'], extender!['ignorable'], extender!['managedResources']],
    ['filter', 'prioritize', 1, true, true, undefined],
  );
  const prefix = new URL(String(extender!['urlPrefix'])).pathname;
  for (const verb of [extender!['filterVerb'], extender!['prioritizeVerb']]) {
    const r = await t.request('POST', `${prefix}/${String(verb)}`, withNames);
    assert.is(r.status, 200, String(verb));
  }
});

test.run();
