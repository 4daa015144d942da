import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeNode } from '../testing/placement-fixtures.js';
import { buildNodeIndex } from './node-index.js';

test('a bulk build builds no key; asking for one builds it from the nodes, in id order', () => {
  const index = buildNodeIndex([makeNode({ name: 'a', labels: { zone: 'z1' } }), makeNode({ name: 'b', labels: { zone: 'z2' } }), makeNode({ name: 'c', labels: { zone: 'z1' } })]);
  assert.is(index.builtLabelKeys, 0);
  assert.equal(index.label('zone')!.values.get('z1'), [0, 2]);
  assert.is(index.label('zone')!.values.get('z2'), 1);
  assert.is(index.builtLabelKeys, 1);
});

test('building a key keeps its version: a value computed before stays valid', () => {
  const index = buildNodeIndex([makeNode({ name: 'a', labels: { zone: 'z1' } })]);
  const before = index.labelVersion('zone');
  index.label('zone');
  assert.is(index.labelVersion('zone'), before);
});

test('a change to a key not built moves the version of every key not built, never of a built one', () => {
  const index = buildNodeIndex([makeNode({ name: 'a', labels: { zone: 'z1', rack: 'r1' } })]);
  index.label('zone');
  const [zone, rack] = [index.labelVersion('zone'), index.labelVersion('rack')];
  index.upsert(makeNode({ name: 'a', labels: { zone: 'z1', rack: 'r2' } }));
  assert.is(index.labelVersion('zone'), zone);
  assert.ok(index.labelVersion('rack') > rack);
  assert.ok(index.labelVersion('never-seen') > rack);
});

test('a built key follows adds, updates and removals; a key nobody has answers undefined', () => {
  const index = buildNodeIndex([makeNode({ name: 'a', labels: { zone: 'z1' } })]);
  assert.is(index.label('gpu'), undefined);
  index.upsert(makeNode({ name: 'b', labels: { zone: 'z1', gpu: 'a100' } }));
  assert.is(index.label('gpu')!.values.get('a100'), 1, 'a key remembered as absent takes the new node');
  index.upsert(makeNode({ name: 'a', labels: { zone: 'z2' } }));
  assert.is(index.label('zone')!.values.get('z1'), 1);
  index.remove('b');
  assert.is(index.label('gpu'), undefined);
});

test('made-up keys are forgotten past a bound, and forgetting them moves their version', () => {
  const index = buildNodeIndex([makeNode({ name: 'a', labels: { zone: 'z1' } })]);
  index.label('zone');
  const first = index.labelVersion('made-up-0');
  index.label('made-up-0');
  for (let i = 1; i <= 1100; i++) index.label(`made-up-${i}`);
  assert.ok(index.builtLabelKeys < 200, `${index.builtLabelKeys} keys kept`);
  assert.ok(index.labelVersion('made-up-0') > first);
  assert.is(index.label('zone')!.values.get('z1'), 0, 'keys in use are kept');
});

test.run();
