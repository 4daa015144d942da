/**
 * The pod index: which pods count where (the scheduler snapshot's rule: bound, not finished, on a
 * known node), label and namespace sets, anti-affinity term groups, and in-place churn: bind,
 * move, relabel, removal, and a node leaving and coming back.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeNode, makePod } from '../testing/pod-to-pod-fixtures.js';
import { hasBit } from './bitset.js';
import { sizeOfIdSet } from './id-set.js';
import { buildNodeIndex } from './node-index.js';
import { PodLabelIndex } from './pod-label-index.js';

const nodes = () => buildNodeIndex([makeNode('n1', { zone: 'z1' }), makeNode('n2', { zone: 'z2' })]);

test('a pod counts on its node only while bound, unfinished, and the node is indexed', () => {
  const index = new PodLabelIndex(nodes());
  const pending = makePod().name('w').namespace('shop').label('app', 'web').existing();
  const id = index.upsert(pending);
  assert.is(hasBit(index.placed, id), false, 'pending');
  assert.is(index.upsert({ ...pending, nodeName: 'n2' }), id, 'a bind keeps the id');
  assert.is(index.nodeOf[id], index.nodes.idOf('n2'));
  assert.is(hasBit(index.placed, id), true);
  index.upsert({ ...pending, nodeName: 'n2', phase: 'Succeeded' });
  assert.is(hasBit(index.placed, id), false, 'finished');
  index.upsert({ ...pending, nodeName: 'elsewhere' });
  assert.is(index.nodeOf[id], -1, 'unknown node');
  index.nodes.upsert(makeNode('elsewhere', { zone: 'z3' }));
  index.nodeAdded('elsewhere');
  assert.is(index.nodeOf[id], index.nodes.idOf('elsewhere'), 'counts once its node arrives');
  index.nodes.remove('elsewhere');
  index.nodeRemoved('elsewhere');
  assert.is(hasBit(index.placed, id), false, 'and stops when it leaves');
});

test('label and namespace sets follow relabels and removals; ids are reused', () => {
  const index = new PodLabelIndex(nodes());
  const a = makePod().name('a').namespace('shop').label('app', 'web').node('n1').existing();
  const id = index.upsert(a);
  assert.is(sizeOfIdSet(index.labels.get('app')!.values.get('web')!), 1);
  index.upsert({ ...a, labels: new Map([['app', 'api']]) });
  assert.is(index.labels.get('app')!.values.get('web'), undefined);
  assert.is(sizeOfIdSet(index.labels.get('app')!.values.get('api')!), 1);
  assert.ok(index.remove('shop', 'a'));
  assert.is(index.labels.size, 0);
  assert.is(index.namespaces.size, 0);
  assert.is(index.upsert(makePod().name('b').existing()), id, 'the freed id is reused');
  assert.is(index.remove('shop', 'missing'), false);
});

test('a label key such as __proto__ is an ordinary key', () => {
  const pod = { ...makePod().name('p').node('n1').existing(), labels: new Map([['__proto__', 'x']]) };
  const index = new PodLabelIndex(nodes(), [pod]);
  assert.is(sizeOfIdSet(index.labels.get('__proto__')!.values.get('x')!), 1);
});

test('required anti-affinity terms are grouped once per distinct term and found by the labels they require', () => {
  const term = (name: string) => makePod().name(name).node('n1').podAntiAffinityIn('app', 'zone', ['web'], 'required').existing();
  const index = new PodLabelIndex(nodes(), [term('x'), term('y'), makePod().name('z').node('n1').podAntiAffinityExists('app', 'zone', 'required').existing()]);
  assert.is(index.antiAffinity.size, 2);
  assert.equal(index.candidateGroups(new Map([['app', 'web']])).map((g) => g.pods.size).sort(), [1, 2]);
  assert.equal(index.candidateGroups(new Map([['app', 'api']])).map((g) => g.pods.size), [1], 'only the unanchored Exists term');
  index.remove('', 'x');
  index.remove('', 'y');
  assert.is(index.antiAffinity.size, 1);
});

test('growing past the capacity keeps every set', () => {
  const index = new PodLabelIndex(nodes());
  for (let i = 0; i < 200; i++) index.upsert(makePod().name(`p${i}`).namespace('ns').label('app', i % 2 ? 'a' : 'b').node(i % 2 ? 'n1' : 'n2').existing());
  assert.is(sizeOfIdSet(index.labels.get('app')!.values.get('a')!), 100);
  assert.is(sizeOfIdSet(index.namespaces.get('ns')!), 200);
  assert.is(index.podsOnNode('n1').length, 100);
});

test('a spec decoded anew (another placement object, no anti-affinity on either side) is a bind: the id and sets stay', () => {
  const index = new PodLabelIndex(nodes());
  const a = makePod().name('a').namespace('shop').label('app', 'web').node('n1').existing();
  const id = index.upsert(a);
  assert.is(index.upsert({ ...a, placement: { ...a.placement }, labels: new Map(a.labels), nodeName: 'n2' }), id);
  assert.is(index.nodeOf[id], index.nodes.idOf('n2'));
  assert.is(sizeOfIdSet(index.labels.get('app')!.values.get('web')!), 1);
});

test('pods removed and recreated under their names many times (past the idle-key sweeps): ids, sizes and sets stay right', () => {
  const index = new PodLabelIndex(nodes());
  const pod = (i: number) => makePod().name(`p${i}`).namespace('shop').label('app', 'web').node(i % 2 ? 'n1' : 'n2').existing();
  for (let i = 0; i < 300; i++) index.upsert(pod(i));
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 200; i++) assert.ok(index.remove('shop', `p${i}`));
    assert.is(index.size, 100);
    assert.is(index.idOf('shop', 'p0'), undefined);
    assert.not.ok(index.remove('shop', 'p0'), 'removed already');
    for (let i = 0; i < 200; i++) index.upsert(pod(i));
  }
  assert.is(index.size, 300);
  assert.is(sizeOfIdSet(index.labels.get('app')!.values.get('web')!), 300);
  for (let i = 0; i < 300; i++) assert.is(index.pods[index.idOf('shop', `p${i}`)!]!.name, `p${i}`);
});

test.run();
