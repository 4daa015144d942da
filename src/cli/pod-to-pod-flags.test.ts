/**
 * "Why is my pod Pending?" with pod affinity and topology spread, through the CLI, on the real
 * node dumps and running pods of src/testdata/real (SOURCES.md): kube-scheduler v1.35 runs
 * PodTopologySpread then InterPodAffinity after NodeResourcesFit (default_plugins.go), and its
 * FitError counts each node under its first failing filter (framework/types.go `FitError.Error`).
 * Without `--pods` neither runs and the constraints are listed as not evaluated; a namespaceSelector
 * needs the Namespaces of `--objects`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { realFixturesDir } from '../testdata/fixtures.js';
import { assertBadInput, run } from '../testing/cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'placement-cli-p2p-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const nodes = join(realFixturesDir, 'nodes');
const pods = join(realFixturesDir, 'pods', 'cluster-pods.json');
/** A DNS Deployment that wants one replica per host: required anti-affinity and a DoNotSchedule spread on the hostname. */
const dns = file(
  'dns.yaml',
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: dns-spread, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      tolerations: [{operator: Exists}]
      containers: [{name: c, image: i}]
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchLabels: {k8s-app: kube-dns}}
            topologyKey: kubernetes.io/hostname
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {k8s-app: kube-dns}}}
`,
);

test('real pods: minikube already runs both CoreDNS replicas, so spread and anti-affinity keep a third away; the message counts it once', () => {
  const r = run(['eligible', '--nodes', nodes, '--pod', dns, '--pods', pods, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const answer = JSON.parse(r.stdout);
  assert.is(answer.eligible.length, 10);
  assert.equal(answer.ineligible.map((n: { node: string }) => n.node), ['minikube']);
  assert.equal(answer.ineligible[0].reasons, ["node(s) didn't match pod topology spread constraints", "node(s) didn't match pod anti-affinity rules"]);
  assert.match(answer.ineligible[0].details[0], 'kubernetes.io/hostname minikube already has 2 pod(s) matching k8s-app=kube-dns; max skew 1 allows 0');
  assert.match(answer.ineligible[0].details[1], 'kube-system/coredns-7db6d8ff4d-hx2kq, kube-system/coredns-7db6d8ff4d-vz8ns');
  assert.is(answer.message, "10/11 nodes are available: 1 node(s) didn't match pod topology spread constraints.");
  assert.equal(answer.notEvaluated, []);
});

test('without --pods neither filter runs: every node is eligible and both constraints are listed', () => {
  const answer = JSON.parse(run(['eligible', '--nodes', nodes, '--pod', dns, '-o', 'json']).stdout);
  assert.is(answer.eligible.length, 11);
  assert.equal(answer.notEvaluated.map((n: { field: string }) => n.field), [
    'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]',
    'spec.template.spec.topologySpreadConstraints[0]',
  ]);
});

test('real Deployment (GKE PostgreSQL HA): a replica in us-east1-b keeps the next one off both OpenShift nodes; why shows the step', () => {
  const list = JSON.parse(readFileSync(pods, 'utf8'));
  const replica = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'prepare-three-zone-ha-7d9f-x1', namespace: 'default', labels: { app: 'prepare-three-zone-ha', 'app.kubernetes.io/name': 'postgresql-ha' } }, spec: { nodeName: 'ci-ln-3z9y7mt-f76d1-69jcr-worker-b-q6vs9', containers: [{ name: 'c', image: 'busybox' }] }, status: { phase: 'Running' } };
  const withReplica = file('pods-with-replica.json', JSON.stringify({ ...list, items: [...list.items, replica] }));
  const deployment = join(realFixturesDir, 'workloads', 'gke-postgres-prepare-ha-deployment.yaml');
  const answer = JSON.parse(run(['eligible', '--nodes', nodes, '--pod', deployment, '--pods', withReplica, '-o', 'json']).stdout);
  // Its nodeSelector matches no real node, so NodeAffinity (or a taint before it) is what the scheduler records.
  assert.is(answer.message, "0/11 nodes are available: 2 node(s) had untolerated taint(s), 9 node(s) didn't match Pod's node affinity/selector.");
  const worker = answer.ineligible.find((n: { node: string }) => n.node === 'ci-ln-3z9y7mt-f76d1-69jcr-worker-b-q6vs9');
  assert.equal(worker.reasons, ["node(s) didn't match Pod's node affinity/selector", "node(s) didn't match pod anti-affinity rules"]);
  assert.match(worker.details[1], 'topology.kubernetes.io/zone=us-east1-b already runs pod(s) matching the pod\'s required anti-affinity: default/prepare-three-zone-ha-7d9f-x1');
  const why = JSON.parse(run(['why', '--nodes', nodes, '--pod', deployment, '--pods', withReplica, '-o', 'json']).stdout);
  const row = why.constraints.find((c: { filter: string }) => c.filter === 'InterPodAffinity');
  assert.equal([row.excludes, row.field], [2, 'spec.template.spec.affinity']);
  assert.equal(why.funnel.map((s: { filter: string }) => s.filter).slice(-2), ['PodTopologySpread', 'InterPodAffinity']);
});

test('a namespaceSelector is evaluated with the Namespaces of --objects, and listed as not evaluated without them', () => {
  const cross = file(
    'cross.yaml',
    `apiVersion: v1
kind: Pod
metadata: {name: probe, namespace: default}
spec:
  tolerations: [{operator: Exists}]
  containers: [{name: c, image: i}]
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - labelSelector: {matchLabels: {k8s-app: kube-dns}}
        namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
        topologyKey: kubernetes.io/hostname
`,
  );
  const without = JSON.parse(run(['eligible', '--nodes', nodes, '--pod', cross, '--pods', pods, '-o', 'json']).stdout);
  assert.is(without.eligible.length, 11, 'only the listed namespaces (none) count');
  assert.equal(without.notEvaluated.map((n: { field: string }) => n.field), ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector']);
  const objects = file('ns.yaml', ['default', 'kube-system'].map((ns) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}, labels: {kubernetes.io/metadata.name: ${ns}}}\n`).join('---\n'));
  const withObjects = JSON.parse(run(['eligible', '--nodes', nodes, '--pod', cross, '--pods', pods, '--objects', objects, '-o', 'json']).stdout);
  assert.equal(withObjects.ineligible.map((n: { node: string }) => n.node), ['minikube']);
  assert.equal(withObjects.notEvaluated, []);
});

test('a spread selector that does not parse is a bad input with its field path (exit 2), also with --no-validate', () => {
  const bad = file(
    'bad.yaml',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n  topologySpreadConstraints:\n  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchExpressions: [{key: app, operator: Near, values: [web]}]}}\n',
  );
  for (const extra of [[], ['--no-validate']]) {
    const stderr = assertBadInput(run(['eligible', '--nodes', nodes, '--pod', bad, '--pods', pods, ...extra]));
    assert.match(stderr, 'spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].operator: Invalid value: "Near"');
  }
});

test.run();
