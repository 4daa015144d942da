import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlacementError } from '../errors.js';
import { makeNode, nodeFromObject } from '../testing/placement-fixtures.js';
import { collectBits, countBits, hasBit, type Bits } from './bitset.js';
import { orIdSet, type IdSet } from './id-set.js';
import { buildNodeIndex, NodeIndex } from './node-index.js';

function ids(set: IdSet | undefined, index: NodeIndex): number[] {
  if (set === undefined) return [];
  const out = new Uint32Array(index.words);
  orIdSet(out, set, index.words);
  return bitIds(out, index);
}

function bitIds(bits: Bits, index: NodeIndex): number[] {
  const out = new Int32Array(index.words * 32);
  return Array.from(out.subarray(0, collectBits(bits, index.words, out)));
}

function valueIds(index: NodeIndex, key: string, value: string): number[] {
  return ids(index.label(key)?.values.get(value), index);
}

test('ids follow the input order; names, idOf, size and liveNodes agree', () => {
  const nodes = [makeNode({ name: 'a' }), makeNode({ name: 'b' }), makeNode({ name: 'c' })];
  const index = buildNodeIndex(nodes);
  assert.equal(['a', 'b', 'c'].map((n) => index.idOf(n)), [0, 1, 2]);
  assert.equal(index.names.slice(0, 3), ['a', 'b', 'c']);
  assert.is(index.size, 3);
  assert.is(index.highWater, 3);
  assert.equal(index.liveNodes(), nodes);
  assert.equal(bitIds(index.alive, index), [0, 1, 2]);
  assert.is(index.idOf('zz'), undefined);
});

test('upserting a known name keeps its id and membership; the node object is replaced', () => {
  const index = buildNodeIndex([makeNode({ name: 'a' }), makeNode({ name: 'b' })]);
  const { membershipVersion } = index;
  const replacement = makeNode({ name: 'b', labels: { x: '1' } });
  assert.is(index.upsert(replacement), 1);
  assert.is(index.nodes[1], replacement);
  assert.is(index.size, 2);
  assert.is(index.membershipVersion, membershipVersion);
});

test('nodes listing the same taints in the same order share a taint-list id; ids are released with the last user', () => {
  const t = (key: string) => ({ key, value: '', effect: 'NoSchedule' });
  const index = buildNodeIndex([
    makeNode({ name: 'a', taints: [t('x'), t('y')] }),
    makeNode({ name: 'b', taints: [t('x'), t('y')] }),
    makeNode({ name: 'c', taints: [t('y'), t('x')] }),
    makeNode({ name: 'd' }),
  ]);
  const [a, b, c, d] = [0, 1, 2, 3].map((id) => index.taintListIds[id]!);
  assert.is(a, b);
  assert.is.not(a, c);
  assert.is(d, 0);
  index.remove('a');
  index.upsert(makeNode({ name: 'b' }));
  assert.is(index.taintListIds[1], 0);
  index.upsert(makeNode({ name: 'e', taints: [t('z')] }));
  assert.is(index.taintListIds[0], a, 'the released id is reused');
});

test('removed ids are freed and reused by later adds (last freed first); removing an unknown name is false', () => {
  const index = buildNodeIndex(['a', 'b', 'c', 'd'].map((name) => makeNode({ name, labels: { pool: 'p' } })));
  const before = index.membershipVersion;
  assert.ok(index.remove('b'));
  assert.ok(index.remove('d'));
  assert.not.ok(index.remove('b'));
  assert.not.ok(index.remove('nope'));
  assert.is(index.membershipVersion, before + 2);
  assert.equal(bitIds(index.alive, index), [0, 2]);
  assert.is(index.nodes[1], undefined);
  assert.is(index.names[1], '');
  assert.equal(valueIds(index, 'pool', 'p'), [0, 2]);
  assert.is(index.upsert(makeNode({ name: 'e' })), 3);
  assert.is(index.upsert(makeNode({ name: 'f' })), 1);
  assert.is(index.upsert(makeNode({ name: 'g' })), 4);
  assert.equal(index.liveNodes().map((n) => n.name), ['a', 'f', 'c', 'e', 'g']);
  assert.is(index.highWater, 5);
});

test('capacity growth doubles the words and keeps every set, sparse and dense', () => {
  const index = new NodeIndex();
  assert.is(index.words, 1);
  for (let i = 0; i < 70; i++) {
    index.upsert(makeNode({ name: i === 5 ? '' : `n${i}`, labels: { pool: i % 2 === 0 ? 'even' : 'odd', ...(i === 3 ? { rare: 'x' } : {}) }, unschedulable: i === 7, taints: i % 10 === 0 ? [{ key: 't', effect: 'NoSchedule' }] : [] }));
    if (i === 20) {
      // Still one word: 'even' and 'odd' have passed the dense threshold (8) already.
      assert.is(index.words, 1);
      assert.ok(!Array.isArray(index.label('pool')!.values.get('even')));
    }
  }
  assert.is(index.words, 4, '70 ids need 3 words, doubled from 1 → 2 → 4');
  const even = Array.from({ length: 35 }, (_, i) => i * 2);
  const odd = even.map((i) => i + 1);
  assert.equal(valueIds(index, 'pool', 'even'), even);
  assert.equal(valueIds(index, 'pool', 'odd'), odd);
  assert.equal(ids(index.label('pool')!.present, index), [...Array(70).keys()]);
  const dense = index.label('pool')!.values.get('even') as { bits: Uint32Array; count: number };
  assert.is(dense.bits.length, 4);
  assert.is(dense.count, 35);
  assert.equal(valueIds(index, 'rare', 'x'), [3]);
  assert.equal(ids(index.taints.get('NoSchedule\u0000t\u0000')!.ids, index), [0, 10, 20, 30, 40, 50, 60]);
  assert.is(index.alive.length, 4);
  assert.is(countBits(index.alive, index.words), 70);
  assert.equal(bitIds(index.cordoned, index), [7]);
  assert.equal(bitIds(index.nameless, index), [5]);
});

test('reserve makes room at once: a bulk build does not grow step by step', () => {
  const index = new NodeIndex();
  index.reserve(100);
  assert.is(index.words, 4);
  index.reserve(0);
  assert.is(index.words, 4);
  assert.is(buildNodeIndex(Array.from({ length: 40 }, (_, i) => makeNode({ name: `n${i}` }))).words, 2);
});

test('replace touches only the labels that changed: untouched keys keep their version', () => {
  const index = buildNodeIndex([makeNode({ name: 'a', labels: { zone: 'z1', tier: '1', keep: 'k' } }), makeNode({ name: 'b', labels: { zone: 'z1' } })]);
  const version = (key: string): number => index.labelVersion(key);
  // Versions of their own are kept for keys in use (built); the rest share one.
  for (const key of ['zone', 'tier', 'keep']) index.label(key);
  const [zone, tier, keep] = [version('zone'), version('tier'), version('keep')];
  const { taintVersion, membershipVersion } = index;
  index.upsert(makeNode({ name: 'a', labels: { zone: 'z2', tier: '1', keep: 'k', extra: 'e' } }));
  assert.is(version('tier'), tier);
  assert.is(version('keep'), keep);
  assert.ok(version('zone') > zone);
  assert.ok(version('extra') > zone, 'a key not built moves with every change to such keys');
  assert.equal(valueIds(index, 'zone', 'z1'), [1]);
  assert.equal(valueIds(index, 'zone', 'z2'), [0]);
  assert.equal(ids(index.label('zone')!.present, index), [0, 1]);
  assert.is(index.taintVersion, taintVersion, 'same taints: the taint sets are not touched');
  assert.is(index.membershipVersion, membershipVersion);
});

test('a value nobody has any more is deleted; a key nobody has any more is deleted entirely', () => {
  const index = buildNodeIndex([makeNode({ name: 'a', labels: { gpu: 'a100', zone: 'z' } }), makeNode({ name: 'b', labels: { zone: 'z' } })]);
  index.upsert(makeNode({ name: 'a', labels: { gpu: 'h100', zone: 'z' } }));
  assert.not.ok(index.label('gpu')!.values.has('a100'));
  const stamp = index.labelVersion('gpu');
  index.upsert(makeNode({ name: 'a', labels: { zone: 'z' } }));
  assert.is(index.label('gpu'), undefined, 'replace without the key');
  index.upsert(makeNode({ name: 'a', labels: { zone: 'z', gpu: 'h100' } }));
  assert.ok(index.labelVersion('gpu') > stamp, 'a re-added key never repeats an old version');
  index.remove('a');
  assert.is(index.label('gpu'), undefined, 'remove of the last node with the key');
  assert.equal(ids(index.label('zone')!.present, index), [1]);
});

test('taints: one entry per (key, value, effect), blocking for NoSchedule/NoExecute only; cordons in their own set', () => {
  const index = buildNodeIndex([
    makeNode({ name: 'a', taints: [{ key: 'd', value: 'gpu', effect: 'NoSchedule' }, { key: 'p', effect: 'PreferNoSchedule' }] }),
    makeNode({ name: 'b', taints: [{ key: 'd', value: 'gpu', effect: 'NoSchedule' }, { key: 'x', effect: 'NoExecute' }] }),
    makeNode({ name: 'c', unschedulable: true }),
  ]);
  const entries = [...index.taints.values()].map((e) => [e.taint, e.blocking, ids(e.ids, index)]);
  assert.equal(entries, [
    [{ key: 'd', value: 'gpu', effect: 'NoSchedule' }, true, [0, 1]],
    [{ key: 'p', value: '', effect: 'PreferNoSchedule' }, false, [0]],
    [{ key: 'x', value: '', effect: 'NoExecute' }, true, [1]],
  ]);
  assert.equal(bitIds(index.cordoned, index), [2]);
});

test('taint and cordon changes re-link the node and bump taintVersion; an emptied taint entry is deleted', () => {
  const index = buildNodeIndex([makeNode({ name: 'a', taints: [{ key: 'x', effect: 'NoExecute' }] }), makeNode({ name: 'b' })]);
  let stamp = index.taintVersion;
  index.upsert(makeNode({ name: 'a', taints: [{ key: 'y', effect: 'NoSchedule' }] }));
  assert.ok(index.taintVersion > stamp);
  assert.equal([...index.taints.values()].map((e) => e.taint.key), ['y']);
  stamp = index.taintVersion;
  index.upsert(makeNode({ name: 'b', unschedulable: true }));
  assert.ok(index.taintVersion > stamp, 'a cordon is a taint change');
  assert.ok(hasBit(index.cordoned, 1));
  stamp = index.taintVersion;
  index.upsert(makeNode({ name: 'b' }));
  assert.ok(index.taintVersion > stamp, 'so is an uncordon');
  assert.not.ok(hasBit(index.cordoned, 1));
  stamp = index.taintVersion;
  index.upsert(makeNode({ name: 'b', labels: { l: 'v' } }));
  assert.is(index.taintVersion, stamp, 'a label change is not');
  index.remove('a');
  assert.is(index.taints.size, 0);
});

test('a node listing a taint twice (unvalidated input) is in its set once, and flagged; removal leaves nothing behind', () => {
  const twice = [{ key: 'p', effect: 'NoSchedule' }, { key: 'p', effect: 'NoSchedule' }];
  // Nine nodes: the set passes the dense threshold (8), where a double add would be counted twice.
  const nodes = Array.from({ length: 9 }, (_, i) => makeNode({ name: `n${i}`, taints: i === 8 ? twice.slice(1) : twice }));
  const index = buildNodeIndex(nodes);
  const entry = index.taints.get('NoSchedule\u0000p\u0000')!;
  assert.equal(ids(entry.ids, index), [...Array(9).keys()]);
  assert.is((entry.ids as { count: number }).count, 9);
  assert.equal(bitIds(index.repeatedTaints, index), [...Array(8).keys()]);
  index.upsert(makeNode({ name: 'n0' }));
  assert.equal(bitIds(index.repeatedTaints, index), [1, 2, 3, 4, 5, 6, 7]);
  for (const node of nodes) index.remove(node.name);
  assert.is(index.taints.size, 0, 'no empty entry is left behind');
  assert.equal(bitIds(index.repeatedTaints, index), []);
  const small = buildNodeIndex([makeNode({ name: 'a', taints: twice })]);
  assert.is(small.taints.get('NoSchedule\u0000p\u0000')!.ids, 0);
  small.remove('a');
  assert.is(small.taints.size, 0);
});

test('nameless nodes: each is a new node, in the nameless set, counted in size, never found by name', () => {
  const index = buildNodeIndex([makeNode({ name: '', labels: { a: '1' } }), makeNode({ name: 'n' }), makeNode({ name: '', labels: { a: '1' } })]);
  assert.is(index.size, 3);
  assert.equal(bitIds(index.nameless, index), [0, 2]);
  assert.equal(bitIds(index.alive, index), [0, 1, 2]);
  assert.is(index.idOf(''), undefined);
  assert.not.ok(index.remove(''));
  assert.equal(valueIds(index, 'a', '1'), [0, 2]);
  assert.is(index.upsert(makeNode({ name: '' })), 3);
  assert.is(index.size, 4);
});

test('buildNodeIndex rejects duplicate names with a PlacementError', () => {
  try {
    buildNodeIndex([makeNode({ name: 'a' }), makeNode({ name: 'a' })]);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.match(String(error), /duplicate node name "a"/);
  }
});

test.run();

test('image states follow adds, replacements and removals, as the scheduler cache keeps them (cache.go addNodeImageStates / removeNodeImageStates)', () => {
  const withImages = (name: string, images: { names: string[]; sizeBytes: number }[]) => nodeFromObject({ metadata: { name }, status: { images } });
  const index = buildNodeIndex([withImages('a', [{ names: ['app:v1'], sizeBytes: 100 }]), withImages('b', [{ names: ['app:v1'], sizeBytes: 300 }])]);
  // The size is the first reporter's; both nodes hold the name.
  assert.equal(index.images.summary('app:v1'), { size: 100, numNodes: 2 });
  assert.equal([...index.images.nodesHolding('app:v1')!], ['a', 'b']);
  // A replacement drops the old images and adds the new ones (UpdateNode).
  index.upsert(withImages('a', [{ names: ['db:v2'], sizeBytes: 50 }]));
  assert.equal(index.images.summary('app:v1'), { size: 100, numNodes: 1 });
  assert.equal(index.images.summary('db:v2'), { size: 50, numNodes: 1 });
  // A node without images adds nothing; removing the last holder forgets the name (RemoveNode).
  index.upsert(makeNode({ name: 'c' }));
  index.remove('b');
  assert.is(index.images.summary('app:v1'), undefined, 'an image no node holds is forgotten');
  assert.is(index.images.size, 1);
});

test('image states are built on first read, from the live nodes in id order, and kept in step from then on', () => {
  const holder = (name: string, sizeBytes: number) => nodeFromObject({ metadata: { name }, status: { images: [{ names: ['app:v1'], sizeBytes }] } });
  const index = buildNodeIndex([holder('a', 100), holder('b', 300)]);
  index.remove('a');
  index.upsert(holder('c', 500));
  // Never read so far: built now from b then c (c took a's freed id 0, so it comes first).
  assert.equal(index.images.summary('app:v1'), { size: 500, numNodes: 2 });
  index.remove('c');
  assert.equal(index.images.summary('app:v1'), { size: 500, numNodes: 1 });
});
