import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collectBits, setBit, type Bits } from './bitset.js';
import { addId, andIdSet, andNotIdSet, denseThreshold, hasId, orIdSet, removeId, resizeIdSet, sizeOfIdSet, type DenseIds, type IdSet } from './id-set.js';

function members(set: IdSet | undefined, words: number): number[] {
  if (set === undefined) return [];
  const out = new Uint32Array(words);
  orIdSet(out, set, words);
  const ids = new Int32Array(words * 32);
  return Array.from(ids.subarray(0, collectBits(out, words, ids)));
}

function build(ids: readonly number[], words: number): IdSet | undefined {
  let set: IdSet | undefined;
  for (const id of ids) set = addId(set, id, words);
  return set;
}

function isDense(set: IdSet | undefined): set is DenseIds {
  return set !== undefined && typeof set === 'object' && !Array.isArray(set);
}

function bitsOf(words: number, ids: readonly number[]): Bits {
  const out = new Uint32Array(words);
  for (const id of ids) setBit(out, id);
  return out;
}

function collected(a: Bits, words: number): number[] {
  const out = new Int32Array(words * 32);
  return Array.from(out.subarray(0, collectBits(a, words, out)));
}

test('the dense threshold: at least 8, else half the word count (1/64 of the id capacity)', () => {
  assert.is(denseThreshold(1), 8);
  assert.is(denseThreshold(16), 8);
  assert.is(denseThreshold(64), 32);
  assert.is(denseThreshold(65), 32);
});

test('promotion: one id is a bare number, then a list, then dense once the list would pass the threshold', () => {
  const words = 1;
  let set: IdSet | undefined = addId(undefined, 3, words);
  assert.is(set, 3);
  set = addId(set, 8, words);
  assert.equal(set, [3, 8]);
  for (const id of [10, 11, 12, 13, 14, 15]) set = addId(set, id, words);
  assert.ok(Array.isArray(set) && set.length === denseThreshold(words), 'a list of exactly the threshold stays a list');
  set = addId(set, 31, words);
  assert.ok(isDense(set), 'one more becomes dense');
  assert.is(sizeOfIdSet(set), 9);
  assert.is(set.bits.length, words);
  assert.equal(members(set, words), [3, 8, 10, 11, 12, 13, 14, 15, 31]);
});

test('a growing list is the same array (stored once), a promotion is a new object', () => {
  const list = build([1, 2], 1) as number[];
  assert.is(addId(list, 3, 1), list);
  const full = build([0, 1, 2, 3, 4, 5, 6, 7], 1)!;
  assert.is.not(addId(full, 8, 1), full);
});

test('adding an id a dense set already holds does not count it twice', () => {
  const dense = build([0, 1, 2, 3, 4, 5, 6, 7, 8], 1)!;
  assert.ok(isDense(dense));
  assert.is(addId(dense, 4, 1), dense);
  assert.is(sizeOfIdSet(dense), 9);
});

test('removal: a list shrinks back to a number, a number to undefined; unknown ids change nothing', () => {
  let set: IdSet | undefined = build([5, 6, 7], 1);
  set = removeId(set!, 6);
  assert.equal(set, [5, 7]);
  set = removeId(set!, 5);
  assert.is(set, 7);
  assert.is(removeId(7, 9), 7);
  assert.is(removeId(7, 7), undefined);
  assert.equal(removeId([1, 2], 3), [1, 2]);
});

test('a dense set keeps its count on removal, ignores absent ids, and is undefined when empty', () => {
  const ids = [0, 31, 32, 33, 40, 50, 60, 63, 64];
  let set: IdSet | undefined = build(ids, 3);
  assert.ok(isDense(set));
  set = removeId(set, 32);
  assert.is(sizeOfIdSet(set!), 8);
  set = removeId(set!, 32);
  assert.is(sizeOfIdSet(set!), 8, 'removing twice counts once');
  assert.ok(isDense(set), 'no demotion: it stays dense');
  for (const id of ids) if (id !== 32) set = removeId(set!, id);
  assert.is(set, undefined);
});

test('hasId and sizeOfIdSet for every representation', () => {
  assert.ok(hasId(4, 4));
  assert.not.ok(hasId(4, 5));
  assert.ok(hasId([1, 9], 9));
  assert.not.ok(hasId([1, 9], 2));
  const dense = build([0, 1, 2, 3, 4, 5, 6, 7, 40], 2)!;
  assert.ok(hasId(dense, 40));
  assert.not.ok(hasId(dense, 41));
  assert.equal([sizeOfIdSet(4), sizeOfIdSet([1, 9]), sizeOfIdSet(dense)], [1, 2, 9]);
});

const denseSet = (): IdSet => build([0, 1, 2, 31, 32, 33, 40, 63, 64], 3)!;

test('orIdSet: sparse and dense into a bitset', () => {
  const out = bitsOf(3, [5]);
  orIdSet(out, 33, 3);
  orIdSet(out, [0, 95], 3);
  assert.equal(collected(out, 3), [0, 5, 33, 95]);
  orIdSet(out, denseSet(), 3);
  assert.equal(collected(out, 3), [0, 1, 2, 5, 31, 32, 33, 40, 63, 64, 95]);
});

test('andIdSet: sparse keeps only the listed ids already in out (through scratch), dense is one pass', () => {
  const scratch = bitsOf(3, [7, 8, 9]);
  const out = bitsOf(3, [0, 31, 32, 33, 95]);
  andIdSet(out, [33, 31, 50], 3, scratch);
  assert.equal(collected(out, 3), [31, 33]);
  andIdSet(out, 33, 3, scratch);
  assert.equal(collected(out, 3), [33]);
  andIdSet(out, 50, 3, scratch);
  assert.equal(collected(out, 3), []);
  const again = bitsOf(3, [0, 3, 32, 40, 95]);
  andIdSet(again, denseSet(), 3, scratch);
  assert.equal(collected(again, 3), [0, 32, 40]);
});

test('andNotIdSet: sparse clears listed ids, dense clears word by word', () => {
  const out = bitsOf(3, [0, 31, 32, 33, 95]);
  andNotIdSet(out, 32, 3);
  andNotIdSet(out, [0, 50], 3);
  assert.equal(collected(out, 3), [31, 33, 95]);
  andNotIdSet(out, denseSet(), 3);
  assert.equal(collected(out, 3), [95]);
});

test('resizeIdSet: sparse sets are returned as is; a dense set is copied into the new width, count kept', () => {
  const list = [1, 2];
  assert.is(resizeIdSet(list, 4), list);
  assert.is(resizeIdSet(7, 4), 7);
  const dense = build([0, 1, 2, 3, 4, 5, 6, 7, 31], 1) as DenseIds;
  const grown = resizeIdSet(dense, 4) as DenseIds;
  assert.is(grown.bits.length, 4);
  assert.is(grown.count, 9);
  assert.equal(members(grown, 4), [0, 1, 2, 3, 4, 5, 6, 7, 31]);
  setBit(grown.bits, 100);
  assert.is(dense.bits.length, 1, 'the original is untouched');
});

test.run();
