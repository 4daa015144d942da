/**
 * The CLI in-process against the hostile-input list (its shapes generated here, not copied): each
 * input ends with a correct answer or one clear error line and exit 2, with upstream's messages
 * where upstream has them. Process-level cases (broken pipes, full disks, permissions) are in
 * bin-hostile.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertBadInput, run } from '../testing/cli-runner.js';
import { hostileFiles, range } from '../testing/hostile-files.js';

const { file, nodes, pod, remove } = hostileFiles('placement-hostile-input-');
const json = (value: unknown): string => JSON.stringify(value);

test('a label value nested 5,000 levels: eligible and validate exit 2 with one line', () => {
  const deep = file('deep-label.json', `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","labels":{"a":${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}}},"spec":{}}`);
  const expected = `${deep}: nests deeper than 128 levels; Kubernetes objects stay well under 30`;
  assert.is(assertBadInput(run(['eligible', '--nodes', nodes, '--pod', deep])), expected);
  const validate = run(['validate', deep]);
  assert.equal([validate.code, validate.stderr.trim()], [2, expected]);
});

test('a value nested within the depth limit but echoed whole would be long: the error line stays short', () => {
  const nested = file('nested-label.json', json({ kind: 'Pod', metadata: { name: 'p', labels: { a: JSON.parse(`${'{"a":'.repeat(100)}"${'x'.repeat(2_000_000)}"${'}'.repeat(100)}`) } }, spec: {} }));
  const line = assertBadInput(run(['eligible', '--nodes', nodes, '--pod', nested]));
  assert.ok(line.length < 1000, String(line.length));
  assert.match(line, /metadata\.labels\[a\]: Invalid value: \{"a":\{"a":[^ ]*\{\.\.\.\}\}+: must be a string, not object$/);
  const wide = file('wide-label.json', json({ kind: 'Pod', metadata: { name: 'p', labels: { a: range(100_000).map(() => 'x'.repeat(20)) } }, spec: {} }));
  assert.match(assertBadInput(run(['eligible', '--nodes', nodes, '--pod', wide])), /labels\[a\]: Invalid value: \["x{20}",.*\.\.\. \(truncated\): must be a string, not array$/);
});

test('1,000 nodeSelectorTerms and 1,000 nodeSelector keys: exit 2 at once with apimachinery TooMany lines', () => {
  const terms = file('terms1000.json', json({ kind: 'Pod', metadata: { name: 'p' }, spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: range(1000).map((i) => ({ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [`zone-${i}`] }] })) } } } } }));
  assert.is(assertBadInput(run(['eligible', '--nodes', nodes, '--pod', terms, '-o', 'json'])), `${terms}: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Too many: 1000: must have at most 100 items`);
  const selector = file('nodesel1000.json', json({ kind: 'Pod', metadata: { name: 'p' }, spec: { nodeSelector: Object.fromEntries(range(1000).map((i) => [`example.com/k${i}`, 'v'])) } }));
  assert.is(assertBadInput(run(['eligible', '--nodes', nodes, '--pod', selector, '--no-validate'])), `${selector}: spec.nodeSelector: Too many: 1000: must have at most 100 items`);
});

test('YAML merge keys apply as in kubectl (yaml-merge.yaml): the merged nodeName pins the pod to n1', () => {
  const merged = file('yaml-merge.yaml', 'base: &b {nodeName: n1}\nkind: Pod\nmetadata: {name: a}\nspec:\n  <<: *b\n');
  const r = run(['eligible', '--nodes', nodes, '--pod', merged, '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { eligible: string[] }).eligible, ['n1']);
});

test('DaemonSet times: tolerationSeconds 2^64 is a decode error; 10^12 s plans with no impossible timestamp; --now 2024-02-30 is refused', () => {
  const dsNodes = file('ds-nodes.json', json({ kind: 'List', items: [{ kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'x', effect: 'NoExecute', timeAdded: '2024-01-01T00:00:00Z' }] } }] }));
  const ds = file('ds.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds, namespace: default, uid: u1}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      tolerations:\n      - {key: x, operator: Exists, effect: NoExecute, tolerationSeconds: 60}\n');
  const pods = (seconds: string): string => file(`pods-${seconds}.json`, `{"kind":"List","items":[{"kind":"Pod","metadata":{"name":"ds-a","namespace":"default","uid":"p1","labels":{"app":"x"},"creationTimestamp":"2023-12-01T00:00:00Z","ownerReferences":[{"kind":"DaemonSet","name":"ds","uid":"u1","controller":true}]},"spec":{"nodeName":"n1","tolerations":[{"key":"x","operator":"Exists","effect":"NoExecute","tolerationSeconds":${seconds}}]},"status":{"phase":"Running"}}]}`);
  const plan = (seconds: string, now = '2024-01-01T00:00:30Z') => run(['daemonset', '--nodes', dsNodes, '--daemonset', ds, '--pods', pods(seconds), '--now', now, '-o', 'json']);
  assert.match(assertBadInput(plan('18446744073709551616')), /spec\.tolerations\[0\]\.tolerationSeconds: Invalid value: 1\.8446744073709552e\+19: must be a whole number from -9223372036854775808 to 9223372036854775807 \(Go int64\)$/);
  assert.match(assertBadInput(plan('1e300')), /tolerationSeconds: Invalid value: 1e\+300/);
  const far = plan('1000000000000');
  assert.is(far.code, 0, far.stderr);
  assert.equal((JSON.parse(far.stdout) as { evictions: unknown[] }).evictions, [{ pod: 'ds-a', node: 'n1', evictAfterSeconds: 1_000_000_000_000 }]);
  const soon = JSON.parse(plan('60').stdout) as { evictions: unknown[] };
  assert.equal(soon.evictions, [{ pod: 'ds-a', node: 'n1', evictAfterSeconds: 60, evictAt: '2024-01-01T00:01:00.000Z' }]);
  assert.match(assertBadInput(plan('60', '2024-02-30T00:00:00Z')), /--now: Invalid value: "2024-02-30T00:00:00Z": must be an RFC 3339 time: day out of range$/);
});

test('a numeric resourceVersion is refused, never silently dropped; a 30M-digit one is refused at decode', () => {
  const numeric = file('rv-number.json', json({ kind: 'Node', metadata: { name: 'n1', resourceVersion: 12345 } }));
  assert.is(assertBadInput(run(['eligible', '--nodes', numeric, '--pod', pod])), `${numeric}: metadata.resourceVersion: Invalid value: 12345: must be a string, not number`);
  const long = file('rv-long.json', `{"kind":"Node","metadata":{"name":"n1","resourceVersion":"${'9'.repeat(30_000_000)}"}}`);
  assert.is(assertBadInput(run(['eligible', '--nodes', long, '--pod', pod, '--no-validate'])), `${long}: metadata.resourceVersion: Too long: may not be more than 64 bytes`);
});

test('input shapes: an array where an object should be, UTF-16 from PowerShell, stdin named twice', () => {
  const arrays = file('arrays.json', '[[{"kind": "Pod"}]]');
  assert.is(assertBadInput(run(['compile', '--pod', arrays])), `${arrays} (items[0]): expected a Kubernetes object, got array`);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: Pod\r\nmetadata: {name: p}\r\nspec: {nodeName: n2}\r\n', 'utf16le')]);
  const r = run(['eligible', '--nodes', nodes, '--pod', '-', '-o', 'json'], { stdin: utf16 });
  assert.is(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { eligible: string[] }).eligible, ['n2']);
  assert.is(assertBadInput(run(['eligible', '--nodes', nodes, '--pod', '-', '--rules', '-'], { stdin: 'kind: Pod\n' })), 'placement eligible: --pod and --rules cannot both read stdin (-): stdin can be read only once');
});

test('hostile policies are refused at load with the file and field: a quoted filter, a computed var, a node-dependent nested map', () => {
  const policy = (name: string, spec: unknown): string => file(name, json({ apiVersion: 'placement/v1', kind: 'PlacementPolicy', metadata: { name: 'a' }, spec }));
  const quoted = policy('jp-quoted-filter.json', { condition: { '!!': [{ var: 'fields.x' }] }, reason: 'r', fields: { x: "$['?(@.constructor.constructor(\"return process\")().exit(9))']" } });
  assert.match(assertBadInput(run(['eligible', '--nodes', nodes, '--pod', pod, '--rules', quoted])), /jp-quoted-filter\.json: spec\.fields\.x: Invalid value: .*reads like a filter or script expression/);
  const computed = policy('jl-var-computed.json', { condition: { '==': [{ var: { cat: ['taints.constr', 'uctor.name'] } }, 'Array'] }, reason: 'r' });
  assert.match(assertBadInput(run(['eligible', '--nodes', nodes, '--pod', pod, '--rules', computed])), /jl-var-computed\.json: spec\.condition: Forbidden: a var path must be a literal/);
  const sixty = range(60);
  const nested = policy('jl-nested-map.json', { condition: { '!!': [{ map: [sixty, { map: [sixty, { map: [sixty, { '+': [1, 1] }] }] }] }] }, reason: 'r' });
  assert.match(assertBadInput(run(['serve', '--rules', nested])), /jl-nested-map\.json: spec\.condition: Forbidden: costs an estimated \d+ operations per node/);
});

test.after(remove);
test.run();
