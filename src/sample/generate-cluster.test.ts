import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { generateCluster } from './generate-cluster.js';
import { pathToFileURL } from 'node:url';
import { realFixturesDir } from '../testdata/fixtures.js';

// apimachinery's syntax rules (IsQualifiedName, IsValidLabelValue, IsDNS1123Subdomain), restated here
// so the generator is checked against the API server's rules, not against the engine's own validator.
const qualifiedName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const isLabelKey = (key: string): boolean => {
  const parts = key.split('/');
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  if (parts.length > 2 || name.length > 63 || !qualifiedName.test(name)) return false;
  const prefix = parts.length === 2 ? (parts[0] ?? '') : undefined;
  return prefix === undefined || (prefix.length > 0 && prefix.length <= 253 && dns1123Subdomain.test(prefix));
};
const isLabelValue = (value: string): boolean => value.length <= 63 && labelValue.test(value);

interface Taint { key: string; value?: string; effect: string; timeAdded?: string }
interface Condition { type: string; status: string }
interface Node {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string>; resourceVersion: string };
  spec: { taints?: Taint[]; unschedulable?: boolean; providerID?: string };
  status: { conditions: Condition[]; capacity: Record<string, string>; allocatable: Record<string, string>; nodeInfo: Record<string, string> };
}
const generate = (nodes: number, seed?: number): Node[] =>
  generateCluster(seed === undefined ? { nodes } : { nodes, seed }) as unknown as Node[];
const big = generate(10_000);
const share = (predicate: (node: Node) => boolean): number => big.filter(predicate).length / big.length;
const hasTaint = (node: Node, key: string, effect?: string): boolean =>
  (node.spec.taints ?? []).some((t) => t.key === key && (effect === undefined || t.effect === effect));
const conditionOf = (node: Node, type: string): string | undefined => node.status.conditions.find((c) => c.type === type)?.status;
const between = (value: number, low: number, high: number, what: string): void =>
  assert.ok(value >= low && value <= high, `${what}: ${value} not in [${low}, ${high}]`);

test('same seed and size give byte-identical output; the default seed is 1', () => {
  const a = JSON.stringify(generate(2_000, 7));
  assert.is(JSON.stringify(generate(2_000, 7)), a);
  assert.is(JSON.stringify(generate(500)), JSON.stringify(generate(500, 1)));
});

test('different seeds give different clusters', () => {
  assert.not.equal(generate(300, 1), generate(300, 2));
});

test('exact count, including 0, and bad sizes or seeds are rejected', () => {
  for (const n of [0, 1, 2, 3, 17, 1_000]) assert.is(generate(n).length, n);
  assert.is(big.length, 10_000);
  assert.throws(() => generate(-1), RangeError);
  assert.throws(() => generate(1.5), RangeError);
  assert.throws(() => generate(10, 0.5), RangeError);
});

test('output is plain JSON data shaped like kubectl get nodes -o json items', () => {
  const nodes = generate(300);
  assert.equal(JSON.parse(JSON.stringify(nodes)), nodes);
  for (const node of nodes) {
    assert.is(node.apiVersion, 'v1');
    assert.is(node.kind, 'Node');
    assert.is(node.metadata.resourceVersion, '1');
    assert.equal(node.status.conditions.map((c) => c.type).sort(), ['DiskPressure', 'MemoryPressure', 'PIDPressure', 'Ready']);
    for (const key of ['cpu', 'memory', 'pods']) assert.type(node.status.capacity[key], 'string');
    for (const key of ['architecture', 'operatingSystem', 'kubeletVersion']) assert.type(node.status.nodeInfo[key], 'string');
    const keys = Object.keys(node.metadata.labels);
    assert.equal(keys, [...keys].sort(), 'labels are in sorted (kubectl) order');
  }
});

test('names are unique DNS-1123 subdomains and equal the hostname label', () => {
  const names = new Set<string>();
  for (const node of big) {
    const { name, labels } = node.metadata;
    assert.ok(name.length <= 253 && dns1123Subdomain.test(name), name);
    assert.is(labels['kubernetes.io/hostname'], name);
    names.add(name);
  }
  assert.is(names.size, big.length);
});

test('every node has hostname, os, arch, region and zone labels, and 18–25 labels in all', () => {
  let total = 0;
  for (const node of big) {
    const labels = node.metadata.labels;
    for (const key of ['kubernetes.io/hostname', 'kubernetes.io/os', 'kubernetes.io/arch', 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone']) {
      assert.ok(labels[key], `${node.metadata.name} lacks ${key}`);
    }
    assert.ok((labels['topology.kubernetes.io/zone'] ?? '').startsWith(labels['topology.kubernetes.io/region'] ?? '?'));
    const count = Object.keys(labels).length;
    between(count, 18, 25, `label count of ${node.metadata.name}`);
    total += count;
  }
  between(total / big.length, 20, 23, 'average label count');
});

test('label keys and values, taints and annotations pass Kubernetes API validation', () => {
  for (const node of big) {
    for (const [key, value] of Object.entries(node.metadata.labels)) {
      assert.ok(isLabelKey(key), `label key ${key}`);
      assert.ok(isLabelValue(value), `label ${key}=${value}`);
    }
    for (const key of Object.keys(node.metadata.annotations ?? {})) assert.ok(isLabelKey(key), `annotation key ${key}`);
    const seen = new Set<string>();
    for (const taint of node.spec.taints ?? []) {
      assert.ok(isLabelKey(taint.key), `taint key ${taint.key}`);
      assert.ok(isLabelValue(taint.value ?? ''), `taint value ${taint.value}`);
      assert.ok(['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(taint.effect), taint.effect);
      assert.not.ok(seen.has(`${taint.key}:${taint.effect}`), 'taints are unique by key and effect');
      seen.add(`${taint.key}:${taint.effect}`);
    }
  }
});

test('node conditions and the lifecycle controller taints agree', () => {
  for (const node of big) {
    assert.is(node.spec.unschedulable === true, hasTaint(node, 'node.kubernetes.io/unschedulable', 'NoSchedule'));
    assert.is(conditionOf(node, 'Ready') === 'False', hasTaint(node, 'node.kubernetes.io/not-ready', 'NoExecute'));
    assert.is(conditionOf(node, 'MemoryPressure') === 'True', hasTaint(node, 'node.kubernetes.io/memory-pressure', 'NoSchedule'));
    for (const taint of node.spec.taints ?? []) {
      if (taint.key.startsWith('node.kubernetes.io/')) assert.ok(taint.timeAdded, `${taint.key} has timeAdded`);
    }
  }
});

test('proportions at 10,000 nodes follow the prototype fleet', () => {
  const label = (node: Node, key: string): string | undefined => node.metadata.labels[key];
  between(share((n) => n.spec.unschedulable === true), 0.005, 0.02, 'cordoned');
  between(share((n) => hasTaint(n, 'node.kubernetes.io/not-ready', 'NoExecute')), 0.005, 0.015, 'NotReady');
  between(share((n) => hasTaint(n, 'node.kubernetes.io/memory-pressure')), 0.002, 0.009, 'memory pressure');
  between(share((n) => (n.spec.taints ?? []).length > 0), 0.1, 0.13, 'tainted');
  between(share((n) => label(n, 'kubernetes.io/os') === 'windows'), 0.01, 0.03, 'windows');
  between(share((n) => label(n, 'kubernetes.io/arch') === 'arm64'), 0.17, 0.23, 'arm64');
  between(share((n) => label(n, 'nvidia.com/gpu.present') === 'true'), 0.035, 0.07, 'GPU nodes');
  between(share((n) => hasTaint(n, 'nvidia.com/gpu')), 0.025, 0.05, 'GPU-tainted');
  between(share((n) => label(n, 'failure-domain.beta.kubernetes.io/zone') !== undefined), 0.55, 0.65, 'legacy zone label');
  assert.is(big.filter((n) => label(n, 'node-role.kubernetes.io/control-plane') === '').length, 3);
  assert.ok(big.every((n) => label(n, 'kubernetes.io/os') !== 'windows' || hasTaint(n, 'os', 'NoSchedule')));
  const distinct = (key: string): number => new Set(big.map((n) => label(n, key))).size;
  assert.is(distinct('topology.kubernetes.io/region'), 5);
  assert.is(distinct('topology.kubernetes.io/zone'), 15);
  assert.is(distinct('example.com/pool'), 40);
  between(distinct('node.kubernetes.io/instance-type'), 65, 69, 'instance types');
  between(big.length / distinct('example.com/rack'), 30, 45, 'nodes per rack');
  assert.equal([...new Set(big.map((n) => label(n, 'example.com/cpu-generation')))].sort(), ['1', '2', '3', '4', '5', '6', '7']);
  for (const node of big) {
    const gpus = Number(label(node, 'example.com/gpu-count'));
    assert.ok(Number.isInteger(gpus) && gpus >= 0 && gpus <= 8);
    assert.is(gpus > 0, label(node, 'nvidia.com/gpu.present') === 'true');
    if (gpus > 0) assert.is(node.status.capacity['nvidia.com/gpu'], String(gpus));
  }
});

// The sample workloads that `npm start` evaluates against this cluster.
const workloadsDir = new URL('./workloads/', import.meta.url);
const workloadKinds = ['Pod', 'Deployment', 'DaemonSet', 'Job', 'CronJob', 'StatefulSet'];

test('sample workloads: one object each, a supported kind, numbered file names', () => {
  const files = readdirSync(workloadsDir).filter((f) => f.endsWith('.yaml')).sort();
  between(files.length, 10, 14, 'workload files');
  for (const file of files) {
    assert.match(file, /^\d\d-[a-z0-9-]+\.yaml$/);
    const docs = parseAllDocuments(readFileSync(new URL(file, workloadsDir), 'utf8'));
    assert.is(docs.length, 1, `${file} holds one document`);
    assert.equal(docs[0]?.errors, [], `${file} parses`);
    const object = docs[0]?.toJS() as { kind?: string } | undefined;
    assert.ok(workloadKinds.includes(object?.kind ?? ''), `${file}: kind ${object?.kind}`);
  }
});

test('sample workloads copied from fixtures/real are byte-for-byte copies under a source line', () => {
  // The real fixtures, with their SOURCES.md, are kept in src/testdata/real.
  const fixtures = pathToFileURL(`${realFixturesDir}/`);
  const sources = readFileSync(new URL('SOURCES.md', fixtures), 'utf8');
  let copies = 0;
  for (const file of readdirSync(workloadsDir).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(new URL(file, workloadsDir), 'utf8');
    const first = text.slice(0, text.indexOf('\n'));
    if (!first.endsWith(', via fixtures/real')) {
      assert.ok(first.startsWith('# Composed for the sample cluster'), `${file} says where it comes from`);
      continue;
    }
    const match = /^# Source: (\S+) (\S+) .*@([0-9a-f]{12}) \(([^)]+)\), via fixtures\/real$/.exec(first);
    assert.ok(match, `${file}: source line format`);
    const [, repo = '', path = '', commit = ''] = match ?? [];
    const row = sources.split('\n').find((line) => line.includes(`| ${repo} ${path}`) && line.includes(`@${commit}`));
    assert.ok(row, `${file}: ${repo} ${path} @${commit} is listed in SOURCES.md`);
    const fixture = /^\| (\S+) \|/.exec(row ?? '')?.[1] ?? '';
    assert.is(text.slice(first.length + 1), readFileSync(new URL(fixture, fixtures), 'utf8'), file);
    copies++;
  }
  assert.ok(copies >= 6, `${copies} real manifests`);
});

test.run();
