import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasBit } from '../node-index/bitset.js';
import type { Workload } from '../model/types.js';
import { decodeWorkload } from '../model/workload.js';
import { makeNode } from '../testing/placement-fixtures.js';
import { createEngine, type Engine } from './engine.js';

function pod(nodeSelector: Record<string, string>): Workload {
  const decoded = decodeWorkload({ kind: 'Pod', metadata: { name: 'p' }, spec: { nodeSelector } });
  if (!decoded.ok) throw new Error('fixture does not decode');
  return decoded.workload;
}

/** The positions whose bit is set, read back as node names. */
function named(engine: Engine, bits: Uint32Array): string[] {
  return engine.nodes.filter((_, i) => hasBit(bits, i)).map((n) => n.name);
}

const zoneA = pod({ zone: 'a' });

test('eligibleBits: bit i is nodes[i], the same nodes eligible() names', () => {
  const engine = createEngine({ nodes: ['a', 'b', 'a', 'c', 'a'].map((zone, i) => makeNode({ name: `n${i}`, labels: { zone } })) });
  const bits = engine.eligibleBits(zoneA);
  assert.equal(named(engine, bits), engine.eligible(zoneA, { explain: 'none' }).eligible);
  assert.equal(named(engine, bits), ['n0', 'n2', 'n4']);
});

test('eligibleBits: positions follow nodes after removals and re-adds (freed ids reused)', () => {
  const engine = createEngine({ nodes: Array.from({ length: 70 }, (_, i) => makeNode({ name: `n${i}`, labels: { zone: i % 3 === 0 ? 'a' : 'b' } })) });
  for (const i of [0, 5, 33, 64]) engine.removeNode(`n${i}`);
  engine.upsertNode(makeNode({ name: 'late', labels: { zone: 'a' } }));
  const bits = engine.eligibleBits(zoneA);
  assert.equal(named(engine, bits), engine.eligible(zoneA, { explain: 'none' }).eligible);
  assert.ok(named(engine, bits).includes('late'));
});

test('generation counts node changes, and only changes', () => {
  const engine = createEngine({ nodes: [makeNode({ name: 'n0' })] });
  assert.is(engine.generation, 0);
  engine.upsertNode(makeNode({ name: 'n1' }));
  engine.upsertNode(makeNode({ name: 'n1', labels: { zone: 'a' } }));
  assert.is(engine.generation, 2);
  assert.is(engine.removeNode('missing'), false);
  assert.is(engine.generation, 2);
  engine.removeNode('n0');
  assert.is(engine.generation, 3);
});

test.run();
