/**
 * `--objects` on eligible, why, rank, daemonset and serve: the cluster's Namespaces, Services,
 * ReplicationControllers, ReplicaSets and StatefulSets, as `kubectl get ns,svc,rc,rs,sts -A`
 * prints them (a List, multi-document YAML, or stdin). Bad object files fail with file and field
 * path (exit 2), never with a stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertBadInput, run } from '../testing/cli-runner.js';
import { prepareServe } from './commands/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-cli-objects-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const nodes = file('nodes.json', JSON.stringify({ kind: 'List', items: [{ kind: 'Node', metadata: { name: 'n1', labels: { zone: 'z1' } } }] }));
const pod = file('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers: [{name: w, image: w}]\n');
const ds = file('ds.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: kube-system}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec: {containers: [{name: a, image: a}]}\n');
const objects = file(
  'objects.yaml',
  [
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {team: web}}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}}',
    'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web-1, namespace: shop}\nspec: {selector: {matchLabels: {app: web}}}',
  ].join('\n---\n'),
);

test('eligible, why, rank and daemonset accept --objects (file or stdin)', () => {
  for (const command of ['eligible', 'why', 'rank']) {
    const r = run([command, '--nodes', nodes, '--pod', pod, '--objects', objects, '-o', 'json']);
    assert.is(r.code, 0, `${command}: ${r.stderr}`);
  }
  const stdin = run(['eligible', '--nodes', nodes, '--pod', pod, '--objects', '-', '-o', 'json'], { stdin: JSON.stringify({ kind: 'List', items: [] }) });
  assert.is(stdin.code, 0, stdin.stderr);
  const daemon = run(['daemonset', '--nodes', nodes, '--daemonset', ds, '--objects', objects, '-o', 'json']);
  assert.is(daemon.code, 0, daemon.stderr);
});

test('a bad object names its file, position and field path; exit 2', () => {
  const bad = file('bad.json', JSON.stringify({ kind: 'List', items: [{ kind: 'Namespace', metadata: { name: 'a' } }, { kind: 'ReplicaSet', metadata: { name: 'r' }, spec: { selector: { matchExpressions: [{ key: 'app', operator: 'Near' }] } } }] }));
  const r = assertBadInput(run(['eligible', '--nodes', nodes, '--pod', pod, '--objects', bad]));
  assert.match(r, `${bad} (items[1]): spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator`);
});

test('a kind placement does not read, and an object listed twice, are refused', () => {
  const other = file('other.json', JSON.stringify({ kind: 'ConfigMap', metadata: { name: 'c' } }));
  assert.match(assertBadInput(run(['rank', '--nodes', nodes, '--pod', pod, '--objects', other])), 'kind: Unsupported value: "ConfigMap": supported values: "Namespace", "Service"');
  const twice = file('twice.json', JSON.stringify({ kind: 'List', items: [{ kind: 'Namespace', metadata: { name: 'a' } }, { kind: 'Namespace', metadata: { name: 'a' } }] }));
  assert.match(assertBadInput(run(['why', '--nodes', nodes, '--pod', pod, '--objects', twice])), `${twice} (items[1]): metadata.name: Duplicate value: "a": Namespace/a is listed twice`);
});

test('--objects and another flag cannot both read stdin', () => {
  const r = assertBadInput(run(['eligible', '--nodes', '-', '--pod', pod, '--objects', '-']));
  assert.match(r, '--nodes and --objects cannot both read stdin');
});

test('serve --objects loads them before listening; a bad file stops it with exit 2', () => {
  const prepared = prepareServe(['--nodes', nodes, '--objects', objects], { readStdin: () => '', stdout: () => {}, stderr: () => {}, isTTY: false } as never);
  assert.is(prepared.options.objects?.namespaces?.length, 1);
  assert.is(prepared.options.objects?.selectingObjects?.length, 2);
  const bad = file('bad-serve.json', JSON.stringify({ kind: 'Secret', metadata: { name: 's' } }));
  assertBadInput(run(['serve', '--objects', bad, '--port', '0']));
});

test.run();
