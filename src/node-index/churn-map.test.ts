/**
 * ChurnMap: entries that go idle stay until idle ones outnumber live ones, then are swept together;
 * a returning key reuses its entry. What a caller sees (live size, live keys, values) is what a Map
 * with deletes would show.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ChurnMap } from './churn-map.js';

const counts = () => new ChurnMap<string, number>((n) => n === 0);

test('an idle entry is skipped by size and liveKeys, and comes back in place', () => {
  const m = counts();
  m.set('a', 1);
  m.set('b', 1);
  m.set('a', 0);
  m.idled();
  assert.is(m.size, 1);
  assert.equal([...m.liveKeys()], ['b']);
  assert.is(m.get('a'), 0);
  m.set('a', 2);
  m.revived();
  assert.is(m.size, 2);
  assert.equal([...m.liveKeys()], ['a', 'b']);
});

test('idle entries are swept once they outnumber live ones, and only then', () => {
  const m = counts();
  for (let i = 0; i < 200; i++) m.set(`k${i}`, 1);
  for (let i = 0; i < 100; i++) {
    m.set(`k${i}`, 0);
    m.idled();
  }
  // 100 idle of 200: not more than half yet.
  assert.is(m.get('k0'), 0);
  m.set('k100', 0);
  m.idled();
  assert.is(m.get('k0'), undefined, 'swept');
  assert.is(m.size, 99);
  assert.equal([...m.liveKeys()].length, 99);
  m.set('k0', 1);
  assert.is(m.size, 100);
});

test.run();
