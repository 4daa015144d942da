/**
 * `placement rank --pods [--objects]`: the PodTopologySpread and InterPodAffinity scores of
 * kube-scheduler v1.35's default profile as table columns and JSON `scores`, weight 2 each in
 * `score`; without `--pods` they are absent and listed as not evaluated; without `--objects` the
 * answer says which default spreading inputs it could not read.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../testing/cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-cli-rank-p2p-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const node = (name: string, zone: string): object => ({
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
  status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } },
});
const runningPod = (name: string, nodeName: string, app: string): object => ({
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app } },
  spec: { nodeName, containers: [{ name: 'c', image: 'c' }] },
  status: { phase: 'Running' },
});
const nodes = file('nodes.json', JSON.stringify({ kind: 'List', items: [node('a1', 'a'), node('a2', 'a'), node('b1', 'b'), node('b2', 'b')] }));
const pods = file('pods.json', JSON.stringify({ kind: 'List', items: [runningPod('web-1', 'a1', 'web'), runningPod('web-2', 'a2', 'web')] }));
const deploy = file(
  'deploy.yaml',
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: c}]
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm: {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}
`,
);
const objects = file('objects.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}}\n');
const bare = file('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: web-x, namespace: shop, labels: {app: web}}\nspec: {containers: [{name: c, image: c}]}\n');

interface Ranked {
  nodes: { node: string; score: number; scores: Record<string, number> }[];
  notEvaluated: { field: string; what: string }[];
}

test('rank --pods: PodTopologySpread and InterPodAffinity in the JSON scores and the wide table, the replicas\' zone last', () => {
  const r = run(['rank', '--nodes', nodes, '--pod', deploy, '--pods', pods, '--objects', objects, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const ranked = JSON.parse(r.stdout) as Ranked;
  assert.equal(ranked.nodes.map((n) => [n.node, n.scores['PodTopologySpread'], n.scores['InterPodAffinity']]), [
    ['b1', 100, 100],
    ['b2', 100, 100],
    ['a1', 54, 0],
    ['a2', 54, 0],
  ]);
  const wide = run(['rank', '--nodes', nodes, '--pod', deploy, '--pods', pods, '--objects', objects, '-o', 'wide']);
  assert.is(wide.code, 0, wide.stderr);
  assert.match(wide.stdout.split('\n')[0]!, /NODERESOURCESFIT\s+PODTOPOLOGYSPREAD\s+INTERPODAFFINITY\s+IMAGELOCALITY/);
});

test('rank without --pods: the two plugins do not score and the preferred term is listed as not evaluated', () => {
  const r = run(['rank', '--nodes', nodes, '--pod', deploy, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const ranked = JSON.parse(r.stdout) as Ranked;
  assert.ok(ranked.nodes.every((n) => !('PodTopologySpread' in n.scores) && !('InterPodAffinity' in n.scores)));
  assert.ok(ranked.notEvaluated.some((n) => n.field === 'spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]'));
});

test('rank --pods without --objects: a bare pod gets no default spreading, and the answer says why', () => {
  const r = run(['rank', '--nodes', nodes, '--pod', bare, '--pods', pods, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const ranked = JSON.parse(r.stdout) as Ranked;
  assert.ok(ranked.nodes.every((n) => !('PodTopologySpread' in n.scores)));
  assert.equal(ranked.notEvaluated, [
    {
      field: 'spec.topologySpreadConstraints',
      what: 'system default topology spread (hostname maxSkew 3, zone maxSkew 5, scoring only) (PodTopologySpread): Services were not supplied: their selectors are not part of the default spreading selector',
    },
  ]);
  copyFileSync(objects, join(dir, 'objects-copy.yaml'));
  const withObjects = JSON.parse(run(['rank', '--nodes', nodes, '--pod', bare, '--pods', pods, '--objects', join(dir, 'objects-copy.yaml'), '-o', 'json']).stdout) as Ranked;
  assert.equal(withObjects.notEvaluated, []);
  assert.equal(withObjects.nodes.map((n) => n.scores['PodTopologySpread']), [100, 100, 54, 54]);
});

test.run();
