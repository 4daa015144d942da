import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashName, NameTable } from './name-table.js';

test('names added are found by equal strings, not only the same string objects', () => {
  const names = ['a', 'node-1', '__proto__', 'constructor', 'ip-10-0-0-1.ec2.internal', 'ü-ñ-節点'];
  const table = new NameTable(names, names.length);
  names.forEach((name, id) => assert.ok(table.add(name, id), name));
  names.forEach((name, id) => assert.is(table.get(JSON.parse(JSON.stringify(name)) as string), id, name));
  assert.is(table.get('toString'), undefined);
  assert.is(table.get('node-'), undefined);
  assert.is(table.size, names.length);
});

test('a repeated name is refused and the table is unchanged', () => {
  const names = ['a', 'b', 'a'];
  const table = new NameTable(names, 3);
  assert.ok(table.add('a', 0));
  assert.ok(table.add('b', 1));
  assert.not.ok(table.add('a', 2));
  assert.is(table.get('a'), 0);
  assert.is(table.size, 2);
});

test('removals leave the other names findable; a removed name can be added again, under a new id', () => {
  const names: string[] = [];
  const table = new NameTable(names);
  for (let id = 0; id < 200; id++) {
    names.push(`n${id}`);
    assert.ok(table.add(`n${id}`, id));
  }
  for (let id = 0; id < 200; id += 3) assert.ok(table.delete(`n${id}`));
  assert.not.ok(table.delete('n0'));
  for (let id = 0; id < 200; id++) assert.is(table.get(`n${id}`), id % 3 === 0 ? undefined : id);
  // The index reuses freed ids: n0's id now names another node.
  names[0] = 'fresh';
  assert.ok(table.add('fresh', 0));
  names.push('n0');
  assert.ok(table.add('n0', 200));
  assert.is(table.get('fresh'), 0);
  assert.is(table.get('n0'), 200);
  assert.is(table.size, 200 - 67 + 2);
});

test('churn: many adds and removals keep the table bounded and every answer right', () => {
  const names: string[] = [];
  const table = new NameTable(names);
  const live = new Map<string, number>();
  for (let round = 0; round < 5000; round++) {
    const name = `n${round}`;
    names.push(name);
    table.add(name, round);
    live.set(name, round);
    if (round >= 20) {
      const gone = `n${round - 20}`;
      table.delete(gone);
      live.delete(gone);
    }
  }
  assert.is(table.size, 20);
  for (const [name, id] of live) assert.is(table.get(name), id);
  assert.is(table.get('n0'), undefined);
});

test('the hash reads every unit of the name, odd lengths included', () => {
  assert.is.not(hashName('ab'), hashName('ba'));
  assert.is.not(hashName('abc'), hashName('abd'));
  assert.is.not(hashName(''), hashName('\u0000'));
  assert.is(hashName('node-7'), hashName(`node-${7}`));
});

test.run();
