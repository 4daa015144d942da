/**
 * `--pods` on the evaluating commands: the pods already in the cluster, as `kubectl get pods -A`
 * prints them (a List, or multi-document YAML). The answers carry kube-scheduler's FitError text
 * (`0/3 nodes are available: 3 Insufficient cpu.`); bad pod files fail with file and field path.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertBadInput, run } from '../testing/cli-runner.js';
import { prepareServe } from './commands/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-cli-pods-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
const nodes = file('nodes.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: ['n1', 'n2', 'n3'].map(node) }));
const running = (name: string, nodeName: string, cpu: string, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop' },
  spec: { nodeName, containers: [{ name: 'c', image: 'i', resources: { requests: { cpu } }, ...extra }] },
  status: { phase: 'Running' },
});
const pods = file('pods.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [running('a', 'n1', '2500m'), running('b', 'n2', '2500m'), running('c', 'n3', '3', { ports: [{ containerPort: 9100, hostPort: 9100 }] })] }));
const podsYaml = file(
  'pods.yaml',
  ['n1', 'n2', 'n3'].map((n) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p-${n}, namespace: shop}\nspec:\n  nodeName: ${n}\n  containers: [{name: c, image: i, resources: {requests: {cpu: "3"}}}]\nstatus: {phase: Running}\n`).join('---\n'),
);
const worker = file('worker.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: worker}\nspec:\n  containers: [{name: w, image: w, resources: {requests: {cpu: "2"}}}]\n');

test('eligible --pods: the scheduler\'s message, with numbers per node', () => {
  const r = run(['eligible', '--nodes', nodes, '--pod', worker, '--pods', pods, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const answer = JSON.parse(r.stdout);
  assert.is(answer.message, '0/3 nodes are available: 3 Insufficient cpu.');
  assert.equal(answer.ineligible[0].details, ['requests cpu 2, node has 1500m free of 4 allocatable']);
});

test('multi-document YAML pods and pods from stdin read alike', () => {
  assert.match(run(['eligible', '--nodes', nodes, '--pod', worker, '--pods', podsYaml, '-o', 'json']).stdout, '0/3 nodes are available: 3 Insufficient cpu.');
  const stdin = run(['eligible', '--nodes', nodes, '--pod', worker, '--pods', '-', '-o', 'json'], { stdin: JSON.stringify({ kind: 'List', items: [] }) });
  assert.match(stdin.stdout, '3/3 nodes are available.');
});

test('rank --pods ranks only the nodes that fit', () => {
  const small = file('small.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: small}\nspec:\n  containers: [{name: w, image: w, resources: {requests: {cpu: "1500m"}}}]\n');
  const r = run(['rank', '--nodes', nodes, '--pod', small, '--pods', pods, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).nodes.map((n: { node: string }) => n.node).sort(), ['n1', 'n2']);
});

test('a host port in use: NodePorts\' reason', () => {
  const exporter = file('exporter.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: exporter}\nspec:\n  containers: [{name: e, image: e, ports: [{containerPort: 9100, hostPort: 9100}]}]\n');
  const r = run(['eligible', '--nodes', nodes, '--pod', exporter, '--pods', pods, '-o', 'json']);
  assert.is(JSON.parse(r.stdout).message, "2/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.");
});

test('bad pod files: exit 2, file and field path', () => {
  const bad = file('bad.json', JSON.stringify({ kind: 'List', items: [running('a', 'n1', 'lots')] }));
  const stderr = assertBadInput(run(['eligible', '--nodes', nodes, '--pod', worker, '--pods', bad]));
  assert.match(stderr, `${bad} (items[0]): spec.containers[0].resources.requests[cpu]: Invalid value: "lots"`);
  const twice = file('twice.json', JSON.stringify({ kind: 'List', items: [running('a', 'n1', '1'), running('a', 'n2', '1')] }));
  assert.match(assertBadInput(run(['why', '--nodes', nodes, '--pod', worker, '--pods', twice])), 'items[1]): metadata.name: Duplicate value: "a"');
  const notPod = file('node.json', JSON.stringify(node('x')));
  assert.match(assertBadInput(run(['rank', '--nodes', nodes, '--pod', worker, '--pods', notPod])), 'kind: Unsupported value: "Node"');
});

test('why --pods: the scheduler\'s message, the funnel through NodePorts and NodeResourcesFit, the request as a fix', () => {
  const r = run(['why', '--nodes', nodes, '--pod', worker, '--pods', pods, '-o', 'table']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, '0/3 nodes are available: 3 Insufficient cpu.');
  assert.match(r.stdout, 'NodeAffinity 3 → NodePorts 3 → NodeResourcesFit 0');
  assert.match(r.stdout, '+3 nodes  request less cpu than 2, or free cpu on the nodes  (spec.containers[*].resources.requests.cpu)');
  const json = JSON.parse(run(['why', '--nodes', nodes, '--pod', worker, '--pods', pods, '-o', 'json']).stdout);
  const cpu = json.constraints.find((c: { filter: string }) => c.filter === 'NodeResourcesFit');
  assert.equal([cpu.excludes, cpu.excludesOnly, cpu.admitsIfRelaxed], [3, 3, 3]);
});

test('serve --pods loads the initial pod set before listening', () => {
  const prepared = prepareServe(['--nodes', nodes, '--pods', pods], { stdout: () => undefined, stderr: () => undefined, readStdin: () => '', isTTY: false });
  assert.is(prepared.options.pods?.length, 3);
});

test('--pods and --pod cannot both read stdin', () => {
  assertBadInput(run(['eligible', '--nodes', nodes, '--pod', '-', '--pods', '-'], { stdin: '' }));
});

test.run();
