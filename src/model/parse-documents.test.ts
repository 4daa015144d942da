/**
 * Text → objects: JSON and YAML, single objects, Lists as kubectl prints them, multi-document YAML,
 * and clear PlacementErrors (with the file name, and a line for YAML) for anything unreadable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError, PlacementError } from '../errors.js';
import { parseDocuments } from './parse-documents.js';
import { realFixturesDir } from '../testdata/fixtures.js';

const fixtures = realFixturesDir;

function parseError(text: string, file: string): PlacementError {
  try {
    parseDocuments(text, file);
  } catch (error) {
    assert.ok(isPlacementError(error), `expected a PlacementError, got ${String(error)}`);
    return error as PlacementError;
  }
  throw new assert.Assertion({ message: `expected ${file} to fail to parse`, generated: false, operator: 'throws', expects: 'error', actual: 'none' });
}

// ---------- JSON ----------

test('JSON: a single object, no position', () => {
  const out = parseDocuments('{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "a"}}', 'node.json');
  assert.equal(out, [{ object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a' } }, file: 'node.json' }]);
});

test('JSON: leading whitespace still reads as JSON', () => {
  const out = parseDocuments('\n\n   {"kind": "Pod"}\n', 'pod.json');
  assert.equal(out.map((s) => s.object), [{ kind: 'Pod' }]);
});

test('JSON: a List is flattened into its items, each with its position', () => {
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Node', metadata: { name: 'a' } }, { kind: 'Node', metadata: { name: 'b' } }] });
  const out = parseDocuments(text, 'list.json');
  assert.equal(out, [
    { object: { kind: 'Node', metadata: { name: 'a' } }, file: 'list.json', at: 'items[0]' },
    { object: { kind: 'Node', metadata: { name: 'b' } }, file: 'list.json', at: 'items[1]' },
  ]);
});

test('JSON: `kubectl get nodes -o json` output (kind List, items of kind Node) built from real fixtures', () => {
  const names = ['kind-control-plane.json', 'kind-worker-notready.json', 'minikube.json'];
  const items = names.map((n) => JSON.parse(readFileSync(`${fixtures}/nodes/${n}`, 'utf8')) as Record<string, unknown>);
  const text = JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4);
  const out = parseDocuments(text, 'nodes.json');
  assert.is(out.length, 3);
  assert.equal(out.map((s) => (s.object['metadata'] as { name: string }).name), ['kind-control-plane', 'kind-worker', 'minikube']);
  assert.equal(out.map((s) => s.object['kind']), ['Node', 'Node', 'Node']);
  assert.equal(out.map((s) => s.at), ['items[0]', 'items[1]', 'items[2]']);
});

test('JSON: a raw NodeList (items without kind) is flattened; items take the list\'s item kind', () => {
  const text = JSON.stringify({ kind: 'NodeList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'a' } }, { kind: 'Node', metadata: { name: 'b' } }] });
  const out = parseDocuments(text, 'nodelist.json');
  assert.equal(out.map((s) => s.object), [{ kind: 'Node', metadata: { name: 'a' } }, { kind: 'Node', metadata: { name: 'b' } }]);
  assert.equal(out.map((s) => s.at), ['items[0]', 'items[1]']);
  const deployments = parseDocuments('{"kind":"DeploymentList","items":[{"spec":{}}]}', 'deploys.json');
  assert.equal(deployments.map((s) => s.object), [{ kind: 'Deployment', spec: {} }]);
});

test('JSON: items of a plain List keep their own kind (none is invented)', () => {
  const out = parseDocuments('{"kind":"List","items":[{"metadata":{"name":"a"}}]}', 'list.json');
  assert.equal(out.map((s) => s.object), [{ metadata: { name: 'a' } }]);
});

test('typed-list items keep __proto__ and constructor as own keys', () => {
  const [source] = parseDocuments('{"kind":"NodeList","items":[{"__proto__":{"x":1},"constructor":"c"}]}', 'nl.json');
  assert.ok(source);
  assert.equal(Object.keys(source.object), ['kind', '__proto__', 'constructor']);
  assert.is(Object.getPrototypeOf(source.object), Object.prototype);
  assert.is((source.object as Record<string, unknown>)['x'], undefined);
});

test('JSON: an empty List gives no objects', () => {
  assert.equal(parseDocuments('{"apiVersion":"v1","kind":"List","items":[]}', 'empty.json'), []);
  assert.equal(parseDocuments('[]', 'empty.json'), []);
});

test('JSON: a top-level array is flattened', () => {
  const out = parseDocuments('[{"kind":"Pod"},{"kind":"Node"}]', 'array.json');
  assert.equal(out.map((s) => [s.object['kind'], s.at]), [['Pod', 'items[0]'], ['Node', 'items[1]']]);
});

test('JSON: a kind ending in List whose items is not a list is an ordinary object', () => {
  const out = parseDocuments('{"kind":"List","items":"x"}', 'odd.json');
  assert.equal(out, [{ object: { kind: 'List', items: 'x' }, file: 'odd.json' }]);
});

test('JSON: a UTF-8 byte order mark is ignored', () => {
  assert.equal(parseDocuments('\uFEFF{"kind": "Pod"}', 'bom.json').map((s) => s.object), [{ kind: 'Pod' }]);
  assert.equal(parseDocuments('\uFEFFkind: Pod\n', 'bom.yaml').map((s) => s.object), [{ kind: 'Pod' }]);
});

test('JSON: broken JSON is a PlacementError naming the file', () => {
  const error = parseError('{"kind": "Pod",}', 'broken.json');
  assert.is(error.code, 'unparsable');
  assert.ok(error.message.startsWith('broken.json: invalid JSON: '), error.message);
  assert.equal(error.lines(), [error.message]);
  assert.not.match(error.message, /\n/);
});

test('JSON: truncated JSON is a PlacementError naming the file', () => {
  const error = parseError('{"kind": "Pod", "spec": {', 'cut.json');
  assert.ok(error.message.startsWith('cut.json: invalid JSON: '), error.message);
});

// ---------- YAML ----------

test('YAML: a single document', () => {
  const out = parseDocuments('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n', 'pod.yaml');
  assert.equal(out, [{ object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, file: 'pod.yaml' }]);
});

test('YAML: multi-document with empty and comment-only documents', () => {
  const text = '---\n---\nkind: Pod\n---\n# just a comment\n---\nkind: Node\n---\n';
  const out = parseDocuments(text, 'multi.yaml');
  assert.equal(out.map((s) => s.object), [{ kind: 'Pod' }, { kind: 'Node' }]);
  // positions count every document in the file, so they point at the right place
  assert.equal(out.map((s) => s.at), ['document 2', 'document 4']);
  assert.ok(out.every((s) => s.file === 'multi.yaml'));
});

test('YAML: an empty file or a comment-only file gives no objects', () => {
  assert.equal(parseDocuments('', 'empty.yaml'), []);
  assert.equal(parseDocuments('# nothing\n', 'comment.yaml'), []);
  assert.equal(parseDocuments('---\n', 'sep.yaml'), []);
});

test('YAML: a List document is flattened; with several documents positions combine', () => {
  const list = 'apiVersion: v1\nkind: List\nitems:\n- kind: Node\n  metadata: {name: a}\n- kind: Node\n  metadata: {name: b}\n';
  const single = parseDocuments(list, 'list.yaml');
  assert.equal(single.map((s) => s.at), ['items[0]', 'items[1]']);
  assert.equal(single.map((s) => (s.object['metadata'] as { name: string }).name), ['a', 'b']);
  const multi = parseDocuments(`kind: Pod\n---\n${list}`, 'multi.yaml');
  assert.equal(multi.map((s) => s.at), ['document 1', 'document 2 items[0]', 'document 2 items[1]']);
});

test('YAML: anchors and aliases resolve', () => {
  const out = parseDocuments('a: &x {k: v}\nb: *x\n', 'alias.yaml');
  assert.equal(out[0]?.object, { a: { k: 'v' }, b: { k: 'v' } });
});

test('YAML: quoted and unquoted scalars keep their types', () => {
  const out = parseDocuments('a: "true"\nb: true\nc: "5"\nd: 5\ne: 2001-12-14\nf: ""\ng:\n', 'types.yaml');
  assert.equal(out[0]?.object, { a: 'true', b: true, c: '5', d: 5, e: '2001-12-14', f: '', g: null });
});

test('YAML: broken YAML is a PlacementError with the file name and the line', () => {
  const error = parseError('kind: Pod\nspec:\n  nodeSelector: [a, b\n  tolerations: x\n', 'broken.yaml');
  assert.is(error.code, 'unparsable');
  assert.match(error.message, /^broken\.yaml: invalid YAML: line \d+, column \d+: /);
  assert.not.match(error.message, /\n/);
  const indent = parseError('kind: Pod\n  bad: indent\n', 'indent.yaml');
  assert.match(indent.message, /^indent\.yaml: invalid YAML: line 1, column \d+: /);
});

test('YAML: an error in a later document names that line', () => {
  const error = parseError('kind: Pod\n---\nkind: Node\nmetadata: {name: a\n', 'later.yaml');
  assert.match(error.message, /^later\.yaml: invalid YAML: line [45], column \d+: /);
});

test('YAML: an unresolved alias is bad input, not a crash', () => {
  const error = parseError('a: *nowhere\n', 'alias.yaml');
  assert.is(error.code, 'unparsable');
  assert.ok(error.message.startsWith('alias.yaml: invalid YAML: '), error.message);
});

test('YAML: an alias bomb is refused as bad input', () => {
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    '',
  ].join('\n');
  const error = parseError(bomb, 'bomb.yaml');
  assert.is(error.code, 'unparsable');
  assert.ok(error.message.startsWith('bomb.yaml: invalid YAML: '), error.message);
});

// ---------- non-object documents ----------

test('a scalar document is not a Kubernetes object', () => {
  const error = parseError('hello\n', 'scalar.yaml');
  assert.is(error.message, 'scalar.yaml: expected a Kubernetes object, got string');
  assert.is(parseError('42', 'n.yaml').message, 'n.yaml: expected a Kubernetes object, got number');
});

test('a non-object in a later document or list item says where', () => {
  assert.is(parseError('kind: Pod\n---\n- 1\n', 'm.yaml').message, 'm.yaml (document 2 items[0]): expected a Kubernetes object, got number');
  assert.is(
    parseError('{"kind":"List","items":[{"kind":"Node"}, null]}', 'l.json').message,
    'l.json (items[1]): expected a Kubernetes object, got null',
  );
  assert.is(parseError('kind: Pod\n---\ntrue\n', 'b.yaml').message, 'b.yaml (document 2): expected a Kubernetes object, got boolean');
});

// ---------- prototype safety ----------

test('__proto__ and constructor keys survive JSON parsing as ordinary keys', () => {
  const text = '{"kind":"Node","metadata":{"name":"n","labels":{"__proto__":"a","constructor":"b","polluted":"no"}},"__proto__":{"polluted":"yes"}}';
  const [source] = parseDocuments(text, 'proto.json');
  const labels = (source?.object['metadata'] as Record<string, unknown>)['labels'] as Record<string, unknown>;
  assert.equal(Object.keys(labels), ['__proto__', 'constructor', 'polluted']);
  assert.ok(Object.prototype.hasOwnProperty.call(labels, '__proto__'));
  assert.is(Object.getOwnPropertyDescriptor(labels, '__proto__')?.value, 'a');
  assert.is(Object.getOwnPropertyDescriptor(labels, 'constructor')?.value, 'b');
  assert.is(Object.getPrototypeOf(labels), Object.prototype);
  assert.is(Object.getPrototypeOf(source?.object), Object.prototype);
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

test('__proto__ and constructor keys survive YAML parsing as ordinary keys', () => {
  const text = 'kind: Pod\nspec:\n  nodeSelector:\n    __proto__: a\n    constructor: b\n__proto__:\n  polluted: yes\n';
  const [source] = parseDocuments(text, 'proto.yaml');
  const spec = source?.object['spec'] as Record<string, unknown>;
  const selector = spec['nodeSelector'] as Record<string, unknown>;
  assert.equal(Object.keys(selector), ['__proto__', 'constructor']);
  assert.is(Object.getOwnPropertyDescriptor(selector, '__proto__')?.value, 'a');
  assert.is(Object.getOwnPropertyDescriptor(selector, 'constructor')?.value, 'b');
  assert.is(Object.getPrototypeOf(selector), Object.prototype);
  assert.ok(Object.prototype.hasOwnProperty.call(source?.object, '__proto__'));
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
});

test('real fixtures parse: every node, workload and DaemonSet file gives exactly one object', () => {
  let count = 0;
  for (const dir of ['nodes', 'workloads', 'daemonsets']) {
    for (const name of readdirSync(`${fixtures}/${dir}`)) {
      const file = `${fixtures}/${dir}/${name}`;
      const out = parseDocuments(readFileSync(file, 'utf8'), file);
      assert.is(out.length, 1, file);
      assert.is(out[0]?.at, undefined, file);
      count += 1;
    }
  }
  assert.ok(count >= 30);
});

// ---------- budgets, merge keys, encodings ----------

test('a JSON array where an object should be says "got array" (not "got object")', () => {
  assert.is(parseError('[[{"kind": "Pod"}]]', 'nested.json').message, 'nested.json (items[0]): expected a Kubernetes object, got array');
  assert.is(parseError('- [1]\n', 'nested.yaml').message, 'nested.yaml (items[0]): expected a Kubernetes object, got array');
});

test('nesting deeper than nestingDepth is refused with the file, in JSON and YAML (a label value nested 5,000 levels)', () => {
  const deep = (n: number): string => `{"kind":"Pod","metadata":{"labels":{"a":${'{"a":'.repeat(n)}"x"${'}'.repeat(n)}}}}`;
  assert.is(parseError(deep(5000), 'deep.json').message, 'deep.json: nests deeper than 128 levels; Kubernetes objects stay well under 30');
  assert.equal(parseDocuments(deep(124), 'ok.json').length, 1);
  assert.is(parseError(`a: ${'['.repeat(200)}${']'.repeat(200)}\n`, 'deep.yaml').message, 'deep.yaml: nests deeper than 128 levels; Kubernetes objects stay well under 30');
  assert.is(parseError(`a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, 'deeper.yaml').message, 'deeper.yaml: nests deeper than 128 levels; Kubernetes objects stay well under 30');
  assert.is(parseError(`kind: Pod\n---\na: ${'['.repeat(200)}${']'.repeat(200)}\n`, 'two.yaml').message, 'two.yaml (document 2): nests deeper than 128 levels; Kubernetes objects stay well under 30');
});

test('text over its format\'s size budget is refused before parsing, naming the file, the size and the way out', () => {
  const yaml = `kind: Pod\nmetadata: {name: p}\n#${' '.repeat(32 * 1024 * 1024)}\n`;
  assert.is(
    parseError(yaml, 'nodes.yaml').message,
    'nodes.yaml: 32.0 MiB of YAML; placement reads at most 32 MiB of YAML per file (parsing YAML takes about 35 times the text in memory): convert it to JSON, e.g. kubectl get nodes -o json, or yq -o json',
  );
  // The same size as JSON is fine.
  assert.equal(parseDocuments(`{"kind": "Pod"}${' '.repeat(33 * 1024 * 1024)}`, 'pod.json').length, 1);
});

test('YAML: more than yamlDocuments documents, or more than objectsPerFile objects, are refused', () => {
  assert.match(parseError('a: 1\n---\n'.repeat(10_001), 'many.yaml').message, /^many\.yaml: 1000[12] YAML documents; placement reads at most 10000 per file$/);
  const objects = `[${Array.from({ length: 100_001 }, () => '{}').join(',')}]`;
  assert.is(parseError(objects, 'many.json').message, 'many.json: more than 100000 objects; placement reads at most 100000 per file');
});

test('YAML merge keys are applied as kubectl\'s decoder (go-yaml v2, YAML 1.1) applies them (yaml-merge.yaml)', () => {
  const [pod] = parseDocuments('base: &b {nodeName: n1}\nkind: Pod\nmetadata: {name: a}\nspec:\n  <<: *b\n', 'merge.yaml');
  assert.equal(pod?.object['spec'], { nodeName: 'n1' });
  // Keys written beside the merge win; in a list of maps, earlier maps win over later ones.
  const [over] = parseDocuments('a: &a {x: 1, y: 2}\nb: &b {x: 3, z: 4}\nkind: Pod\nspec:\n  <<: [*a, *b]\n  y: 9\n', 'over.yaml');
  assert.equal(over?.object['spec'], { x: 1, y: 9, z: 4 });
  // A quoted "<<" is an ordinary key; merging a scalar is an error.
  assert.equal(parseDocuments('kind: Pod\nspec: {"<<": {a: 1}}\n', 'q.yaml')[0]?.object['spec'], { '<<': { a: 1 } });
  assert.match(parseError('kind: Pod\nspec:\n  <<: 5\n', 'bad.yaml').message, /^bad\.yaml: invalid YAML: Merge sources must be maps or map aliases/);
});

test('UTF-16 bytes (PowerShell\'s `>`), with or without a BOM, read like UTF-8; a UTF-8 BOM is dropped', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: "p-é"}\n';
  const expected = [{ object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p-é' } }, file: 'pod.yaml' }];
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  for (const bytes of [
    Buffer.concat([Buffer.from([0xff, 0xfe]), le]),
    Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    le,
    be,
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    Buffer.from(text),
  ]) {
    assert.equal(parseDocuments(bytes, 'pod.yaml'), expected);
  }
  assert.equal(parseDocuments(Buffer.from('\uFEFF{"kind": "Pod"}', 'utf16le'), 'pod.json')[0]?.object, { kind: 'Pod' });
});

test.run();
