/**
 * The CLI through `main(argv, io)` with a fake io: the JSON contracts of `eligible` and `rank`,
 * validation on and off, feature gates, stdin, tables, and exit codes (0 answered, 2 bad input).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliIo } from './io.js';
import { main } from './main.js';
import { run } from '../testing/cli-runner.js';
import { realFixturesDir } from '../testdata/fixtures.js';


const dir = mkdtempSync(join(tmpdir(), 'placement-cli-main-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const ansi = /\u001b\[/;
const noStack = (text: string): boolean => !/^\s+at /m.test(text);

// Three nodes, deliberately not in name order: b (ssd), a (no disk label), c (ssd, tainted).
const nodesYaml = file(
  'nodes.yaml',
  `apiVersion: v1
kind: Node
metadata:
  name: b-node
  labels: {disktype: ssd, zone: a}
---
apiVersion: v1
kind: Node
metadata:
  name: a-node
  labels: {zone: b}
---
apiVersion: v1
kind: Node
metadata:
  name: c-node
  labels: {disktype: ssd, zone: c}
spec:
  taints:
  - {key: dedicated, value: gpu, effect: NoSchedule}
`,
);

const ssdPod = file(
  'ssd-pod.yaml',
  `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  nodeSelector: {disktype: ssd}
  containers: [{name: c, image: nginx}]
`,
);

test('help: usage on stdout, exit 0', () => {
  for (const argv of [[], ['help'], ['--help'], ['-h']]) {
    const r = run(argv);
    assert.is(r.code, 0);
    assert.ok(r.stdout.includes('placement eligible --nodes'), r.stdout);
    assert.is(r.stderr, '');
  }
});

// ---------- eligible ----------

test('eligible -o json: the exact contract, nodes in input order', () => {
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', ssdPod, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(Object.keys(out), ['eligible', 'ineligible', 'message', 'notEvaluated']);
  assert.equal(out['eligible'], ['b-node']);
  const ineligible = out['ineligible'] as { node: string; reasons: string[]; details: string[] }[];
  assert.equal(ineligible.map((n) => n.node), ['a-node', 'c-node']);
  for (const n of ineligible) {
    assert.equal(Object.keys(n), ['node', 'reasons', 'details']);
    assert.ok(n.details.length > 0 && n.details.every((d) => typeof d === 'string' && d.length > 0), JSON.stringify(n));
  }
  assert.equal(ineligible[0]?.reasons, ["node(s) didn't match Pod's node affinity/selector"]);
  assert.equal(ineligible[1]?.reasons, ['node(s) had untolerated taint(s)']);
  assert.ok(ineligible[1]?.details.some((d) => d.includes('dedicated')), JSON.stringify(ineligible[1]));
  assert.is(out['message'], "1/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s).");
  assert.ok(r.stdout.endsWith('\n'));
});

test('eligible: JSON is the default when stdout is not a terminal', () => {
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', ssdPod]);
  assert.is(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { eligible: string[] }).eligible, ['b-node']);
});

test('eligible: exit 0 even when no node is eligible', () => {
  const pod = file('nowhere.yaml', 'kind: Pod\nspec:\n  nodeSelector: {disktype: nvme}\n');
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', pod, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { eligible: string[]; ineligible: unknown[]; message: string };
  assert.equal(out.eligible, []);
  assert.is(out.ineligible.length, 3);
  // the scheduler records each node's first failing filter: TaintToleration runs before NodeAffinity
  assert.is(out.message, "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.");
});

test('eligible: an empty node List answers "no nodes available"', () => {
  const empty = file('empty-list.json', '{"apiVersion":"v1","kind":"List","items":[]}');
  const r = run(['eligible', '--nodes', empty, '--pod', ssdPod, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { eligible: [], ineligible: [], message: 'no nodes available to schedule pods', notEvaluated: [] });
});

test('eligible -o wide: a row per node, aligned columns, no ANSI codes when not a TTY, summary last', () => {
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', ssdPod, '-o', 'wide']);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, ansi);
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(lines[0]?.startsWith('NODE'), lines[0]);
  const col = lines[0]?.indexOf('ELIGIBLE') ?? -1;
  assert.ok(col > 0);
  const rows = lines.slice(1, 4);
  assert.equal(rows.map((l) => l.slice(0, col).trim()), ['b-node', 'a-node', 'c-node']);
  assert.equal(rows.map((l) => l.slice(col).split(/\s+/)[0]), ['yes', 'no', 'no']);
  assert.ok(rows[1]?.includes("node(s) didn't match Pod's node affinity/selector"));
  assert.ok(rows[2]?.includes('node(s) had untolerated taint(s)'));
  assert.is(lines.at(-1), "1/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s).");
  // no trailing spaces anywhere
  assert.ok(lines.every((l) => l === l.trimEnd()));
});

test('eligible: a table is the default on a terminal, and is coloured there', () => {
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', ssdPod], { isTTY: true });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, ansi);
  assert.ok(r.stdout.includes('NODE'));
  const json = run(['eligible', '--nodes', nodesYaml, '--pod', ssdPod, '-o', 'json'], { isTTY: true });
  assert.not.match(json.stdout, ansi);
  JSON.parse(json.stdout);
});

// ---------- rank ----------

test('rank -o json: {"nodes": [{node, score, scores}]}, highest first', () => {
  const nodes = file(
    'rank-nodes.yaml',
    ['n1', 'n2', 'n3'].map((n, i) => `kind: Node\nmetadata:\n  name: ${n}\n  labels: {zone: ${'abc'[i]}}\n`).join('---\n'),
  );
  const pod = file(
    'rank-pod.yaml',
    `kind: Deployment
spec:
  template:
    spec:
      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - {weight: 10, preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}}
          - {weight: 50, preference: {matchExpressions: [{key: zone, operator: In, values: [b]}]}}
`,
  );
  const r = run(['rank', '--nodes', nodes, '--pod', pod, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(Object.keys(out), ['nodes', 'notEvaluated']);
  const ranked = out['nodes'] as { node: string; score: number; scores: Record<string, number> }[];
  for (const n of ranked) assert.equal(Object.keys(n), ['node', 'score', 'scores']);
  assert.equal(ranked.map((n) => n.node), ['n2', 'n1', 'n3']);
  // NodeAffinity 10/50/0 normalized to 20/100/0 (weight 2); TaintToleration all 100 (weight 3).
  // No allocatable and no images: NodeResourcesFit and ImageLocality score 0; the pod requests
  // nothing, so BalancedAllocation skips it.
  const rest = { NodeResourcesFit: 0, ImageLocality: 0 };
  assert.equal(ranked, [
    { node: 'n2', score: 500, scores: { NodeAffinity: 100, TaintToleration: 100, ...rest } },
    { node: 'n1', score: 340, scores: { NodeAffinity: 20, TaintToleration: 100, ...rest } },
    { node: 'n3', score: 300, scores: { NodeAffinity: 0, TaintToleration: 100, ...rest } },
  ]);
  const scores = ranked.map((n) => n.score);
  assert.equal(scores, [...scores].sort((a, b) => b - a));
});

test('rank: only eligible nodes are ranked', () => {
  const r = run(['rank', '--nodes', nodesYaml, '--pod', ssdPod, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const ranked = (JSON.parse(r.stdout) as { nodes: { node: string }[] }).nodes;
  assert.equal(ranked.map((n) => n.node), ['b-node']);
});

test('eligible --explain groups: one entry per group of equally explained nodes, largest first; --explain none: the decision and the summary', () => {
  const groups = run(['eligible', '--nodes', nodesYaml, '--pod', ssdPod, '--explain', 'groups']);
  assert.is(groups.code, 0, groups.stderr);
  assert.equal(JSON.parse(groups.stdout), {
    eligible: ['b-node'],
    groups: [
      { reasons: ["node(s) didn't match Pod's node affinity/selector"], details: ['nodeSelector disktype=ssd: node has no label disktype'], count: 1, nodes: ['a-node'], more: 0 },
      { reasons: ['node(s) had untolerated taint(s)'], details: ['taint dedicated=gpu:NoSchedule is not tolerated'], count: 1, nodes: ['c-node'], more: 0 },
    ],
    message: "1/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s).",
    notEvaluated: [],
  });
  const none = run(['eligible', '--nodes', nodesYaml, '--pod', ssdPod, '--explain', 'none']);
  assert.equal(JSON.parse(none.stdout), { eligible: ['b-node'], message: "1/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s).", notEvaluated: [] });
  const bad = run(['eligible', '--nodes', nodesYaml, '--pod', ssdPod, '--explain', 'all']);
  assert.equal([bad.code, bad.stderr], [2, 'placement eligible: --explain: Unsupported value: "all": supported values: "nodes", "groups", "none"\n']);
});

test('eligible -o table groups the ineligible nodes: count, reasons, details, examples; the eligible nodes on the first line', () => {
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', ssdPod, '-o', 'table']);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.is(lines[0], '1/3 nodes are eligible: b-node');
  assert.match(lines[2] ?? '', /^NODES\s+WHY NOT\s+DETAILS\s+EXAMPLES$/);
  assert.match(lines[3] ?? '', /^1\s+node\(s\) didn't match Pod's node affinity\/selector\s+nodeSelector disktype=ssd: node has no label disktype\s+a-node$/);
  assert.ok(lines.at(-1)?.startsWith('1/3 nodes are available'));
});

test('why: each constraint with excludes / alone / if relaxed, the value that would admit more, and the nearest fixes', () => {
  const r = run(['why', '--nodes', nodesYaml, '--pod', ssdPod]);
  assert.is(r.code, 0, r.stderr);
  const answer = JSON.parse(r.stdout);
  assert.equal(answer.total, 3);
  assert.equal(answer.eligible, 1);
  assert.equal(answer.funnel, [
    { filter: 'NodeUnschedulable', remaining: 3 },
    { filter: 'NodeName', remaining: 3 },
    { filter: 'TaintToleration', remaining: 2 },
    { filter: 'NodeAffinity', remaining: 1 },
  ]);
  assert.equal(answer.constraints, [
    { filter: 'NodeUnschedulable', field: 'spec.tolerations', constraint: 'node is not cordoned (spec.unschedulable)', excludes: 0, excludesOnly: 0, admitsIfRelaxed: 0 },
    { filter: 'TaintToleration', field: 'spec.tolerations', constraint: 'untolerated taint dedicated=gpu:NoSchedule', taint: { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, excludes: 1, excludesOnly: 1, admitsIfRelaxed: 1 },
    { filter: 'NodeAffinity', field: 'spec.nodeSelector["disktype"]', constraint: 'disktype In [ssd]', excludes: 1, excludesOnly: 1, admitsIfRelaxed: 1, values: [] },
  ]);
  assert.equal(answer.nearestFixes, [
    { change: 'tolerate dedicated=gpu:NoSchedule', field: 'spec.tolerations', admits: 1 },
    { change: 'remove nodeSelector disktype=ssd', field: 'spec.nodeSelector["disktype"]', admits: 1 },
  ]);
  const table = run(['why', '--nodes', nodesYaml, '--pod', ssdPod, '-o', 'table']);
  assert.is(table.code, 0, table.stderr);
  assert.ok(table.stdout.startsWith('Pod default/web: 1/3 nodes are eligible'), table.stdout);
  assert.match(table.stdout, /funnel: 3 nodes → NodeUnschedulable 3 → NodeName 3 → TaintToleration 2 → NodeAffinity 1/);
  assert.match(table.stdout, /\+1 nodes  tolerate dedicated=gpu:NoSchedule  \(spec\.tolerations\)/);
});

test('rank -o wide: header and a row per node, no ANSI codes; -o table: one row per score breakdown', () => {
  const pod = file('rank-any.yaml', 'kind: Pod\nspec: {}\n');
  const r = run(['rank', '--nodes', nodesYaml, '--pod', pod, '-o', 'wide']);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, ansi);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^RANK\s+NODE\s+SCORE/);
  assert.is(lines.length, 3); // header + a-node and b-node (c-node is tainted)
  const grouped = run(['rank', '--nodes', nodesYaml, '--pod', pod, '-o', 'table']);
  assert.is(grouped.code, 0, grouped.stderr);
  assert.match(grouped.stdout.split('\n')[0] ?? '', /^SCORE\s+.*NODES\s+EXAMPLES$/);
});

test('rank -o wide and -o table: a column per scoring plugin, in the order `scores` lists them, resources and images included', () => {
  const nodes = file(
    'rank-resources-nodes.yaml',
    `apiVersion: v1
kind: NodeList
items:
- metadata: {name: small}
  status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110"}, images: [{names: ["app:v1"], sizeBytes: 524288000}]}
- metadata: {name: large}
  status: {allocatable: {cpu: "8", memory: 32Gi, pods: "110"}}
`,
  );
  const pod = file('rank-resources-pod.yaml', 'kind: Pod\nspec:\n  containers:\n  - {name: app, image: "app:v1", resources: {requests: {cpu: "1", memory: 1Gi}}}\n');
  const wide = run(['rank', '--nodes', nodes, '--pod', pod, '-o', 'wide']);
  assert.is(wide.code, 0, wide.stderr);
  // The ranking, then (after a blank line) what was not evaluated: the requests, as a filter.
  const lines = wide.stdout.split('\n\n')[0]!.trimEnd().split('\n').map((line) => line.split(/\s+/));
  assert.equal(lines[0], ['RANK', 'NODE', 'SCORE', 'TAINTTOLERATION', 'NODERESOURCESFIT', 'NODERESOURCESBALANCEDALLOCATION', 'IMAGELOCALITY']);
  // large: cpu 87, memory 96 → 91; balanced 1/8 vs 1/32 → 95. small: cpu 50, memory 75 → 62; 1/2 vs 1/4 → 87;
  // app:v1 (500Mi) on one node of two: 250Mi scaled between 23Mi and 1000Mi → 23.
  assert.equal(lines.slice(1), [
    ['1', 'large', '486', '100', '91', '95', '0'],
    ['2', 'small', '472', '100', '62', '87', '23'],
  ]);
  const table = run(['rank', '--nodes', nodes, '--pod', pod, '-o', 'table']);
  assert.is(table.code, 0, table.stderr);
  assert.equal(table.stdout.split('\n')[0]?.split(/\s+/), ['SCORE', 'TAINTTOLERATION', 'NODERESOURCESFIT', 'NODERESOURCESBALANCEDALLOCATION', 'IMAGELOCALITY', 'NODES', 'EXAMPLES']);
});

// ---------- validation ----------

const badOperatorPod = file(
  'bad-operator.yaml',
  `kind: Pod
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions: [{key: zone, operator: in, values: [a]}]
        - matchExpressions: [{key: zone, operator: In, values: [b]}]
`,
);

test('invalid workload: exit 2, `file: path: message` lines on stderr, nothing on stdout', () => {
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', badOperatorPod, '-o', 'json']);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.is(
    r.stderr,
    `${badOperatorPod}: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "in": not a valid selector operator\n`,
  );
});

test('--no-validate: the invalid term just never matches; other terms still do', () => {
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', badOperatorPod, '--no-validate', '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  const out = JSON.parse(r.stdout) as { eligible: string[]; ineligible: { node: string }[] };
  // b-node (zone a) would match the invalid `in` term only; a-node (zone b) matches the valid one
  assert.equal(out.eligible, ['a-node']);
  assert.equal(out.ineligible.map((n) => n.node), ['b-node', 'c-node']);
});

test('--no-validate does not skip decoding: a type error is still exit 2', () => {
  const pod = file('type-error.yaml', 'kind: Pod\nspec:\n  nodeSelector: {disktype: true}\n');
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', pod, '--no-validate']);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.is(r.stderr, `${pod}: spec.nodeSelector[disktype]: Invalid value: true: must be a string, not boolean\n`);
});

test('repeated identical errors in one object are reported once, as ToAggregate does', () => {
  const pod = file('dup-errors.yaml', 'kind: Pod\nspec:\n  nodeSelector: {a: "x y", b: "x y", c: "z z"}\n');
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', pod]);
  assert.is(r.code, 2);
  const label = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  assert.equal(r.stderr.trimEnd().split('\n'), [
    `${pod}: spec.nodeSelector: Invalid value: "x y": ${label}`,
    `${pod}: spec.nodeSelector: Invalid value: "z z": ${label}`,
  ]);
});

test('invalid nodes: every problem, with the document position', () => {
  const nodes = file(
    'bad-nodes.yaml',
    'kind: Node\nmetadata: {name: ok}\n---\nkind: Node\nmetadata: {name: Bad_Name}\nspec:\n  taints: [{key: k}]\n',
  );
  const r = run(['eligible', '--nodes', nodes, '--pod', ssdPod]);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n'), [
    `${nodes} (document 2): metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    `${nodes} (document 2): metadata.taints[0].effect: Required value`,
  ]);
});

test('a nodes file holding a Pod, and duplicate node names, are bad input', () => {
  const r = run(['eligible', '--nodes', ssdPod, '--pod', ssdPod]);
  assert.is(r.code, 2);
  assert.is(r.stderr, `${ssdPod}: kind: Unsupported value: "Pod": supported values: "Node"\n`);
  const dup = file('dup-nodes.yaml', 'kind: Node\nmetadata: {name: a}\n---\nkind: Node\nmetadata: {name: a}\n');
  const d = run(['eligible', '--nodes', dup, '--pod', ssdPod]);
  assert.is(d.code, 2);
  assert.is(d.stderr, `${dup} (document 2): metadata.name: Duplicate value: "a": node names must be unique\n`);
});

test('an unsupported workload kind, and a pod file with two workloads, are bad input', () => {
  const svc = file('service.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n');
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', svc]);
  assert.is(r.code, 2);
  assert.ok(r.stderr.startsWith(`${svc}: kind: Unsupported value: "Service": supported values: "Pod", `), r.stderr);
  const two = file('two.yaml', 'kind: Pod\nspec: {}\n---\nkind: Pod\nspec: {}\n');
  const t = run(['eligible', '--nodes', nodesYaml, '--pod', two]);
  assert.is(t.code, 2);
  assert.is(t.stderr, `${two}: expected exactly one workload, found 2\n`);
});

test('missing file, broken YAML, broken JSON: exit 2 with one clear line', () => {
  const missing = join(dir, 'does-not-exist.yaml');
  const m = run(['eligible', '--nodes', nodesYaml, '--pod', missing]);
  assert.is(m.code, 2);
  assert.is(m.stderr, `${missing}: no such file or directory\n`);
  const broken = file('broken.yaml', 'kind: Pod\nspec:\n  nodeSelector: [a\n');
  const b = run(['eligible', '--nodes', nodesYaml, '--pod', broken]);
  assert.is(b.code, 2);
  assert.match(b.stderr, new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid YAML: line \\d+, column \\d+: [^\\n]+\\n$`));
  const json = file('broken.json', '{"kind": "Node",');
  const j = run(['eligible', '--nodes', json, '--pod', ssdPod]);
  assert.is(j.code, 2);
  assert.ok(j.stderr.startsWith(`${json}: invalid JSON: `), j.stderr);
  assert.is(j.stderr.split('\n').length, 2);
  for (const x of [m, b, j]) {
    assert.is(x.stdout, '');
    assert.ok(noStack(x.stderr));
  }
});

// ---------- feature gates ----------

const gpuNode = file('gpu-node.yaml', 'kind: Node\nmetadata: {name: gpu}\nspec:\n  taints: [{key: gpu-mem, value: "32", effect: NoSchedule}]\n');
const gtPod = file('gt-pod.yaml', 'kind: Pod\nspec:\n  tolerations: [{key: gpu-mem, operator: Gt, value: "16", effect: NoSchedule}]\n');

test('--feature-gates TaintTolerationComparisonOperators=true changes a Gt toleration\'s answer', () => {
  const off = run(['eligible', '--nodes', gpuNode, '--pod', gtPod, '--no-validate', '-o', 'json']);
  assert.is(off.code, 0, off.stderr);
  assert.equal((JSON.parse(off.stdout) as { eligible: string[] }).eligible, []);
  const on = run(['eligible', '--nodes', gpuNode, '--pod', gtPod, '--feature-gates', 'TaintTolerationComparisonOperators=true', '-o', 'json']);
  assert.is(on.code, 0, on.stderr);
  assert.equal((JSON.parse(on.stdout) as { eligible: string[] }).eligible, ['gpu']);
  const explicitOff = run(['eligible', '--nodes', gpuNode, '--pod', gtPod, '--no-validate', '--feature-gates', 'TaintTolerationComparisonOperators=false', '-o', 'json']);
  assert.equal((JSON.parse(explicitOff.stdout) as { eligible: string[] }).eligible, []);
});

test('gate off with validation: a Gt toleration is Unsupported (exit 2)', () => {
  const r = run(['eligible', '--nodes', gpuNode, '--pod', gtPod]);
  assert.is(r.code, 2);
  assert.is(r.stderr, `${gtPod}: spec.tolerations[0].operator: Unsupported value: "Gt": supported values: "Equal", "Exists", "Lt", "Gt"\n`);
});

test('unknown feature gate, or a non-boolean value: exit 2', () => {
  const r = run(['eligible', '--nodes', gpuNode, '--pod', gtPod, '--feature-gates', 'NoSuchGate=true']);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.ok(r.stderr.includes('unrecognized feature gate: NoSuchGate'), r.stderr);
  const v = run(['eligible', '--nodes', gpuNode, '--pod', gtPod, '--feature-gates', 'TaintTolerationComparisonOperators=yes']);
  assert.is(v.code, 2);
  assert.ok(v.stderr.includes('TaintTolerationComparisonOperators=yes'), v.stderr);
  const val = run(['validate', gtPod, '--feature-gates', 'Nope=true']);
  assert.is(val.code, 2);
});

// ---------- stdin ----------

test('stdin via `-` for nodes', () => {
  const stdin = 'kind: Node\nmetadata: {name: s1, labels: {disktype: ssd}}\n---\nkind: Node\nmetadata: {name: s2}\n';
  const r = run(['eligible', '--nodes', '-', '--pod', ssdPod, '-o', 'json'], { stdin });
  assert.is(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { eligible: string[] }).eligible, ['s1']);
});

test('stdin via `-` for the pod; errors name `-` as the file', () => {
  const r = run(['eligible', '--nodes', nodesYaml, '--pod', '-', '-o', 'json'], { stdin: '{"kind":"Pod","spec":{"nodeSelector":{"zone":"b"}}}' });
  assert.is(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { eligible: string[] }).eligible, ['a-node']);
  const bad = run(['eligible', '--nodes', nodesYaml, '--pod', '-'], { stdin: 'kind: Pod\nspec:\n  nodeName: Bad_Name\n' });
  assert.is(bad.code, 2);
  assert.ok(bad.stderr.startsWith('-: spec.nodeName: Invalid value: "Bad_Name": '), bad.stderr);
});

test('--nodes - and --pod - together is a usage error', () => {
  const r = run(['eligible', '--nodes', '-', '--pod', '-'], { stdin: '' });
  assert.is(r.code, 2);
  assert.ok(r.stderr.includes('cannot both read stdin'), r.stderr);
});

// ---------- validate ----------

test('validate: exit 0 and a count when everything is valid', () => {
  const r = run(['validate', nodesYaml, ssdPod]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.is(r.stdout, '4 object(s) valid\n');
  assert.is(r.stderr, '');
});

test('validate: exit 2 with one `file: path: message` line per problem', () => {
  const nodes = file('validate-nodes.yaml', 'kind: Node\nmetadata: {name: n, labels: {"a/b/c": x}}\nspec:\n  taints: [{key: k, effect: NoSchedule}, {key: k, effect: NoSchedule}]\n');
  const r = run(['validate', nodes, badOperatorPod]);
  assert.is(r.code, 2);
  const lines = (r.stdout + r.stderr).trimEnd().split('\n');
  assert.is(lines.length, 3);
  assert.ok(lines[0]?.startsWith(`${nodes}: metadata.labels: Invalid value: "a/b/c": a valid label key must consist of`), lines[0]);
  assert.is(lines[1], `${nodes}: metadata.taints[1]: Duplicate value: {"Key":"k","Value":"","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair`);
  assert.is(
    lines[2],
    `${badOperatorPod}: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "in": not a valid selector operator`,
  );
});

test('validate: a folder of real fixtures is valid; the gate is honoured', () => {
  const r = run(['validate', `${realFixturesDir}/nodes`, `${realFixturesDir}/workloads`]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^\d+ object\(s\) valid\n$/);
  assert.is(run(['validate', gtPod]).code, 2);
  assert.is(run(['validate', gtPod, '--feature-gates', 'TaintTolerationComparisonOperators=true']).code, 0);
});

test('validate: a raw NodeList (items without kind, as the API returns it) validates as Nodes', () => {
  const list = file('raw-nodelist.json', JSON.stringify({ kind: 'NodeList', apiVersion: 'v1', items: [{ metadata: { name: 'x' } }, { metadata: { name: 'y' } }] }));
  const r = run(['validate', list]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.is(r.stdout, '2 object(s) valid\n');
  const e = run(['eligible', '--nodes', list, '--pod', ssdPod, '-o', 'json']);
  assert.is(e.code, 0, e.stderr);
  assert.equal((JSON.parse(e.stdout) as { ineligible: { node: string }[] }).ineligible.map((n) => n.node), ['x', 'y']);
});

test('validate: no paths is a usage error; unreadable input is exit 2', () => {
  assert.is(run(['validate']).code, 2);
  const missing = run(['validate', join(dir, 'nope.yaml')]);
  assert.is(missing.code, 2);
  assert.ok(missing.stderr.includes('no such file or directory'));
});

// ---------- usage errors ----------

test('unknown command: exit 2', () => {
  const r = run(['place']);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.ok(r.stderr.includes('unknown command "place"'), r.stderr);
});

test('unknown flag, missing flag, missing value, bad -o: exit 2 with a usage hint', () => {
  const cases = [
    ['eligible', '--nodes', nodesYaml, '--pod', ssdPod, '--bogus'],
    ['eligible', '--pod', ssdPod],
    ['eligible', '--nodes', nodesYaml],
    ['eligible', '--nodes', nodesYaml, '--pod'],
    ['eligible', '--nodes', nodesYaml, '--pod', ssdPod, '-o', 'yaml'],
    ['rank', '--nodes', nodesYaml, '--pod', ssdPod, 'extra-positional'],
    ['validate', ssdPod, '--nodes', nodesYaml],
  ];
  for (const argv of cases) {
    const r = run(argv);
    assert.is(r.code, 2, argv.join(' '));
    assert.is(r.stdout, '', argv.join(' '));
    assert.ok(r.stderr.length > 0 && noStack(r.stderr), argv.join(' '));
    assert.is(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  }
  assert.ok(run(cases[0] ?? []).stderr.includes("Run 'placement help' for usage."));
  assert.ok(run(cases[1] ?? []).stderr.includes('--nodes is required'));
  assert.ok(run(cases[4] ?? []).stderr.includes('-o: Unsupported value: "yaml": supported values: "json", "table"'));
});

test('an unexpected failure is exit 1 with a one-line report, never a stack trace', () => {
  let stderr = '';
  const io: CliIo = {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
    },
    readStdin: () => {
      throw new Error('EAGAIN: resource temporarily unavailable');
    },
    isTTY: false,
  };
  const code = main(['eligible', '--nodes', '-', '--pod', ssdPod], io);
  assert.is(code, 1);
  assert.ok(stderr.startsWith('placement: internal error: EAGAIN'), stderr);
  assert.ok(noStack(stderr));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
