/**
 * The BUILT binary (`dist/cli.js`) as a user runs it: real fixtures, kubectl-shaped Lists, stdin,
 * every workload kind, and bad input (exit 2, one clear line each, never a stack trace).
 * `npm test` builds first; run standalone, this file rebuilds dist/cli.js when missing or stale.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { realFixturesDir } from '../testdata/fixtures.js';
import { assertBadInput, placement, type BinRun as Run } from '../testing/built-cli.js';

const fixtures = realFixturesDir;
const nodesDir = join(fixtures, 'nodes');
const workloadsDir = join(fixtures, 'workloads');

function json<T>(r: Run): T {
  assert.is(r.code, 0, `exit ${String(r.code)}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

interface Eligibility {
  eligible: string[];
  ineligible: { node: string; reasons: string[]; details: string[] }[];
  message: string;
}

const tmp = mkdtempSync(join(tmpdir(), 'placement-cli-bin-'));
function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** The fixture nodes in the folder's name order (the order the CLI reads them). */
const fixtureNodes = readdirSync(nodesDir)
  .filter((n) => n.endsWith('.json'))
  .sort()
  .map((n) => JSON.parse(readFileSync(join(nodesDir, n), 'utf8')) as { metadata: { name: string } } & Record<string, unknown>);
const fixtureNames = fixtureNodes.map((n) => n.metadata.name);

/** `kubectl get nodes -o json`: kind List, apiVersion v1, items of kind Node, 4-space indent. */
const kubectlList = file(
  'kubectl-get-nodes.json',
  `${JSON.stringify({ apiVersion: 'v1', items: fixtureNodes, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`,
);

const hetzner = join(workloadsDir, 'cluster-autoscaler-hetzner-control-plane-deployment.yaml');
const hetznerEligible = ['c9b7eea91', 'attack-chain-6-control-plane', 'ip-172-31-21-92', 'minikube', 'nori'];

test('help and no arguments: usage, exit 0', () => {
  for (const args of [['help'], []]) {
    const r = placement(args);
    assert.is(r.code, 0);
    assert.ok(r.stdout.includes('Usage:'), r.stdout);
  }
});

// ---------- real fixtures ----------

test('real fixtures: the nodes folder and the Hetzner control-plane Deployment', () => {
  const out = json<Eligibility>(placement(['eligible', '--nodes', nodesDir, '--pod', hetzner, '-o', 'json']));
  assert.equal(out.eligible, hetznerEligible);
  const why = new Map(out.ineligible.map((n) => [n.node, n.reasons]));
  // kind-control-plane carries the legacy master taint, which the pod does not tolerate
  assert.equal(why.get('kind-control-plane'), ['node(s) had untolerated taint(s)']);
  // the OpenShift master has neither the label nor a tolerated taint
  assert.equal(why.get('ci-ln-3z9y7mt-f76d1-69jcr-master-0'), ['node(s) had untolerated taint(s)', "node(s) didn't match Pod's node affinity/selector"]);
  assert.equal(why.get('repldev-marc'), ["node(s) didn't match Pod's node affinity/selector"]);
  // every node appears exactly once, in input order
  assert.equal([...out.eligible, ...out.ineligible.map((n) => n.node)].sort(), [...fixtureNames].sort());
  assert.equal(
    out.ineligible.map((n) => n.node),
    fixtureNames.filter((n) => !hetznerEligible.includes(n)),
  );
  assert.is(out.message, "5/11 nodes are available: 2 node(s) had untolerated taint(s), 4 node(s) didn't match Pod's node affinity/selector.");
});

test('real fixtures: a workload that fits none of the nodes still exits 0', () => {
  const aws = join(workloadsDir, 'cluster-autoscaler-aws-control-plane-deployment.yaml');
  const out = json<Eligibility>(placement(['eligible', '--nodes', nodesDir, '--pod', aws, '-o', 'json']));
  assert.equal(out.eligible, []);
  assert.is(out.ineligible.length, 11);
  assert.match(out.message, /^0\/11 nodes are available: /);
});

test('real fixtures: a Deployment tolerating every NoSchedule/NoExecute taint fits every linux node', () => {
  const out = json<Eligibility>(placement(['eligible', '--nodes', nodesDir, '--pod', join(workloadsDir, 'tigera-operator-deployment.yaml'), '-o', 'json']));
  assert.equal(out.eligible, fixtureNames);
  assert.is(out.message, '11/11 nodes are available.');
});

test('real fixtures: the apps/v1beta1 StatefulSet and the GKE spot Job', () => {
  const sts = json<Eligibility>(placement(['eligible', '--nodes', nodesDir, '--pod', join(workloadsDir, 'gke-tf-notebook-gpu-statefulset.yaml'), '-o', 'json']));
  // it tolerates only nvidia.com/gpu, so the two master-tainted nodes are out
  assert.equal(sts.eligible, fixtureNames.filter((n) => n !== 'kind-control-plane' && n !== 'ci-ln-3z9y7mt-f76d1-69jcr-master-0'));
  const job = json<Eligibility>(placement(['eligible', '--nodes', nodesDir, '--pod', join(workloadsDir, 'gke-spot-job.yaml'), '-o', 'json']));
  assert.equal(job.eligible, []);
});

test('real fixtures: every workload file is answered (exit 0, valid JSON)', () => {
  for (const name of readdirSync(workloadsDir).sort()) {
    const out = json<Eligibility>(placement(['eligible', '--nodes', nodesDir, '--pod', join(workloadsDir, name), '-o', 'json']));
    assert.is(out.eligible.length + out.ineligible.length, 11, name);
  }
});

test('real fixtures validate cleanly', () => {
  const r = placement(['validate', nodesDir, workloadsDir]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^\d+ object\(s\) valid\n$/);
});

// ---------- kubectl-shaped inputs ----------

test('a `kubectl get nodes -o json` List gives the same answer as the folder', () => {
  const fromList = json<Eligibility>(placement(['eligible', '--nodes', kubectlList, '--pod', hetzner, '-o', 'json']));
  const fromDir = json<Eligibility>(placement(['eligible', '--nodes', nodesDir, '--pod', hetzner, '-o', 'json']));
  assert.equal(fromList, fromDir);
});

test('a raw NodeList (items without kind) is read as nodes', () => {
  const items = fixtureNodes.map((n) => Object.fromEntries(Object.entries(n).filter(([k]) => k !== 'kind' && k !== 'apiVersion')));
  const nodeList = file('nodelist.json', JSON.stringify({ kind: 'NodeList', apiVersion: 'v1', metadata: {}, items }));
  const out = json<Eligibility>(placement(['eligible', '--nodes', nodeList, '--pod', hetzner, '-o', 'json']));
  assert.equal(out.eligible, hetznerEligible);
});

test('a YAML List of nodes', () => {
  const yaml = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: Node',
    '  metadata:',
    '    name: cp-1',
    '    labels: {node-role.kubernetes.io/control-plane: ""}',
    '  spec:',
    '    taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]',
    '- apiVersion: v1',
    '  kind: Node',
    '  metadata: {name: worker-1}',
    '',
  ].join('\n');
  const list = file('nodes-list.yaml', yaml);
  const out = json<Eligibility>(placement(['eligible', '--nodes', list, '--pod', hetzner, '-o', 'json']));
  assert.equal(out.eligible, ['cp-1']);
  assert.equal(out.ineligible.map((n) => n.node), ['worker-1']);
});

test('stdin: `kubectl get nodes -o json | placement eligible --nodes -`', () => {
  const out = json<Eligibility>(placement(['eligible', '--nodes', '-', '--pod', hetzner, '-o', 'json'], readFileSync(kubectlList, 'utf8')));
  assert.equal(out.eligible, hetznerEligible);
});

test('stdin: the pod from `-`', () => {
  const out = json<Eligibility>(
    placement(['eligible', '--nodes', nodesDir, '--pod', '-', '-o', 'json'], 'kind: Pod\nspec:\n  nodeName: minikube\n'),
  );
  assert.equal(out.eligible, ['minikube']);
  assert.ok(out.ineligible.every((n) => n.reasons.includes("node(s) didn't match the requested node name")));
});

// ---------- every workload kind ----------

const twoNodes = file(
  'two-nodes.yaml',
  'kind: Node\nmetadata: {name: ssd-1, labels: {disktype: ssd}}\n---\nkind: Node\nmetadata: {name: hdd-1, labels: {disktype: hdd}}\n',
);
const podSpec = '{nodeSelector: {disktype: ssd}, containers: [{name: c, image: busybox}]}';
const kinds: [string, string][] = [
  ['Pod', `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: ${podSpec}\n`],
  ['PodTemplate', `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec: ${podSpec}\n`],
  ['Deployment', `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec: ${podSpec}\n`],
  ['ReplicaSet', `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: r}\nspec:\n  template:\n    spec: ${podSpec}\n`],
  ['ReplicationController', `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  template:\n    spec: ${podSpec}\n`],
  ['StatefulSet', `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  template:\n    spec: ${podSpec}\n`],
  ['StatefulSet (apps/v1beta1)', `apiVersion: apps/v1beta1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  template:\n    spec: ${podSpec}\n`],
  ['DaemonSet', `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: ds}}\n  template:\n    metadata: {labels: {app: ds}}\n    spec: ${podSpec}\n`],
  ['Job', `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec: ${podSpec}\n`],
  ['CronJob', `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: ${podSpec}\n`],
];

test('every workload kind: its pod template is placed', () => {
  kinds.forEach(([kind, yaml], i) => {
    const path = file(`kind-${i}.yaml`, yaml);
    const out = json<Eligibility>(placement(['eligible', '--nodes', twoNodes, '--pod', path, '-o', 'json']));
    assert.equal(out.eligible, ['ssd-1'], kind);
    assert.equal(out.ineligible.map((n) => n.node), ['hdd-1'], kind);
  });
});

test('every workload kind: validation errors use that kind\'s spec path (one validate run)', () => {
  const prefixes: Record<string, string> = {
    Pod: 'spec.',
    PodTemplate: 'template.spec.',
    CronJob: 'spec.jobTemplate.spec.template.spec.',
  };
  const paths = kinds.map(([, yaml], i) => file(`bad-kind-${i}.yaml`, yaml.replace('disktype: ssd', 'disktype: "not ok"')));
  const r = placement(['validate', ...paths]);
  assert.is(r.code, 2);
  assert.not.match(r.stdout + r.stderr, /^ {4}at /m);
  const lines = (r.stdout + r.stderr).trimEnd().split('\n');
  assert.is(lines.length, kinds.length);
  kinds.forEach(([kind], i) => {
    const prefix = prefixes[kind.split(' ')[0] ?? ''] ?? 'spec.template.spec.';
    assert.ok(lines[i]?.startsWith(`${paths[i]}: ${prefix}nodeSelector: Invalid value: "not ok": a valid label must be`), `${kind}: ${lines[i]}`);
  });
  // and eligible refuses such a workload with exit 2
  assertBadInput(placement(['eligible', '--nodes', twoNodes, '--pod', paths[kinds.length - 1] ?? '']));
});

test('rank through the binary', () => {
  const pod = file(
    'prefer-ssd.yaml',
    'kind: Pod\nspec:\n  affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - {weight: 30, preference: {matchExpressions: [{key: disktype, operator: In, values: [ssd]}]}}\n',
  );
  const out = json<{ nodes: { node: string; score: number; scores: Record<string, number> }[] }>(placement(['rank', '--nodes', twoNodes, '--pod', pod, '-o', 'json']));
  assert.equal(out.nodes.map((n) => n.node), ['ssd-1', 'hdd-1']);
  assert.ok((out.nodes[0]?.score ?? 0) > (out.nodes[1]?.score ?? 0));
});

test('table output through a pipe has no ANSI codes (grouped table and -o wide)', () => {
  const r = placement(['eligible', '--nodes', nodesDir, '--pod', hetzner, '-o', 'wide']);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, /\u001b\[/);
  assert.ok(r.stdout.startsWith('NODE'));
  const grouped = placement(['eligible', '--nodes', nodesDir, '--pod', hetzner, '-o', 'table']);
  assert.is(grouped.code, 0, grouped.stderr);
  assert.not.match(grouped.stdout, /\u001b\[/);
  assert.match(grouped.stdout, /^NODES\s+WHY NOT\s+DETAILS\s+EXAMPLES$/m);
});

test('piped output defaults to JSON', () => {
  const r = placement(['eligible', '--nodes', twoNodes, '--pod', file('any.yaml', 'kind: Pod\nspec: {}\n')]);
  assert.equal(json<Eligibility>(r).eligible, ['ssd-1', 'hdd-1']);
});

// ---------- bad input ----------

test('bad input: a missing file', () => {
  const missing = join(tmp, 'missing.yaml');
  assert.is(assertBadInput(placement(['eligible', '--nodes', missing, '--pod', hetzner])), `${missing}: no such file or directory`);
  assert.is(assertBadInput(placement(['eligible', '--nodes', nodesDir, '--pod', missing])), `${missing}: no such file or directory`);
});

test('bad input: broken YAML names the file and the line', () => {
  const broken = file('broken.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  nodeSelector: {disktype: ssd\n  tolerations: []\n');
  const line = assertBadInput(placement(['eligible', '--nodes', nodesDir, '--pod', broken]));
  assert.ok(line.startsWith(`${broken}: invalid YAML: line `), line);
});

test('bad input: broken JSON names the file', () => {
  const broken = file('broken.json', '{"kind": "List", "items": [');
  const line = assertBadInput(placement(['eligible', '--nodes', broken, '--pod', hetzner]));
  assert.ok(line.startsWith(`${broken}: invalid JSON: `), line);
});

test('bad input: the wrong kind, in either place', () => {
  const svc = file('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n');
  assert.ok(assertBadInput(placement(['eligible', '--nodes', nodesDir, '--pod', svc])).startsWith(`${svc}: kind: Unsupported value: "Service": supported values: "Pod", `));
  assert.is(
    assertBadInput(placement(['eligible', '--nodes', hetzner, '--pod', hetzner])),
    `${hetzner}: kind: Unsupported value: "Deployment": supported values: "Node"`,
  );
});

test('bad input: an invalid field, one line per problem', () => {
  const pod = file(
    'invalid.yaml',
    'kind: Pod\nspec:\n  tolerations:\n  - {key: a, operator: exists}\n  - {operator: Equal, value: x}\n',
  );
  const stderr = assertBadInput(placement(['eligible', '--nodes', nodesDir, '--pod', pod]), 2);
  assert.equal(stderr.split('\n'), [
    `${pod}: spec.tolerations[0].operator: Unsupported value: "exists": supported values: "Equal", "Exists"`,
    `${pod}: spec.tolerations[1].operator: Invalid value: "Equal": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`,
  ]);
});

test('bad input: a type error', () => {
  const pod = file('types.yaml', 'kind: Pod\nspec:\n  nodeSelector:\n    cloud.google.com/gke-spot: true\n');
  assert.is(
    assertBadInput(placement(['eligible', '--nodes', nodesDir, '--pod', pod])),
    `${pod}: spec.nodeSelector[cloud.google.com/gke-spot]: Invalid value: true: must be a string, not boolean`,
  );
});

test('bad input: an invalid node in a kubectl List names its item', () => {
  const bad = structuredClone(fixtureNodes) as { spec?: { taints?: unknown[] } }[];
  const second = bad[1];
  assert.ok(second);
  second.spec = { ...(second.spec ?? {}), taints: [{ key: 'k', effect: 'Sometimes' }] };
  const list = file('bad-list.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: bad }));
  assert.is(
    assertBadInput(placement(['eligible', '--nodes', list, '--pod', hetzner])),
    `${list} (items[1]): metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
  );
});

test('bad input: YAML aliases that do not resolve are refused cleanly', () => {
  const alias = file('alias.yaml', 'kind: Pod\nspec:\n  nodeSelector: *missing\n');
  assert.ok(assertBadInput(placement(['eligible', '--nodes', nodesDir, '--pod', alias])).startsWith(`${alias}: invalid YAML: `));
});

test('bad usage: unknown command, unknown flag, missing flag', () => {
  assert.ok(assertBadInput(placement(['schedule'])).includes('unknown command "schedule"'));
  assert.ok(assertBadInput(placement(['eligible', '--nodes', nodesDir, '--pod', hetzner, '--verbose'])).includes("Run 'placement help' for usage."));
  assert.ok(assertBadInput(placement(['eligible', '--pod', hetzner])).includes('--nodes is required'));
  assert.ok(assertBadInput(placement(['rank', '--nodes', nodesDir, '--pod', hetzner, '--feature-gates', 'Foo=true'])).includes('unrecognized feature gate: Foo'));
});

test('validate through the binary: exit 2 with lines for invalid files', () => {
  const nodes = file('v-nodes.yaml', 'kind: Node\nmetadata: {name: n}\nspec:\n  taints: [{key: a, effect: NoSchedule}, {key: a, effect: NoSchedule}]\n');
  const r = placement(['validate', nodes]);
  assert.is(r.code, 2);
  assert.is(r.stdout + r.stderr, `${nodes}: metadata.taints[1]: Duplicate value: {"Key":"a","Value":"","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair\n`);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
