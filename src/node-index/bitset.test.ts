import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { andBits, andNotBits, anyBits, clearBit, collectBits, copyBits, countBits, forEachBit, hasBit, orBits, setBit, type Bits } from './bitset.js';

/** A bitset of `words` words with these bits set. */
function bits(words: number, ids: readonly number[]): Bits {
  const out = new Uint32Array(words);
  for (const id of ids) setBit(out, id);
  return out;
}

function collected(a: Bits, words: number): number[] {
  const out = new Int32Array(words * 32);
  const n = collectBits(a, words, out);
  assert.is(n, countBits(a, words));
  return Array.from(out.subarray(0, n));
}

function visited(a: Bits, words: number): number[] {
  const out: number[] = [];
  forEachBit(a, words, (id) => out.push(id));
  return out;
}

const boundary = [0, 1, 30, 31, 32, 33, 63, 64, 95];

test('set, has and clear around the word boundaries 31/32/33', () => {
  const a = bits(3, boundary);
  for (let id = 0; id < 96; id++) assert.is(hasBit(a, id), boundary.includes(id), `bit ${id}`);
  assert.is(a[0], 0xc0000003, 'bit 31 is the top bit of word 0, stored unsigned');
  assert.is(a[1], 0x80000003);
  assert.is(a[2], 0x80000001);
  clearBit(a, 31);
  clearBit(a, 32);
  assert.not.ok(hasBit(a, 31));
  assert.not.ok(hasBit(a, 32));
  assert.ok(hasBit(a, 30) && hasBit(a, 33));
});

test('count, collect and forEach agree, in increasing order, including bit 31 of a word', () => {
  const a = bits(3, [95, 33, 0, 31, 32, 64]);
  assert.is(countBits(a, 3), 6);
  assert.equal(collected(a, 3), [0, 31, 32, 33, 64, 95]);
  assert.equal(visited(a, 3), [0, 31, 32, 33, 64, 95]);
});

test('zero words and full words', () => {
  const zero = new Uint32Array(2);
  assert.is(countBits(zero, 2), 0);
  assert.equal(collected(zero, 2), []);
  assert.equal(visited(zero, 2), []);
  assert.not.ok(anyBits(zero, 2));
  const full = new Uint32Array([0xffffffff, 0xffffffff]);
  assert.is(countBits(full, 2), 64);
  assert.equal(collected(full, 2), Array.from({ length: 64 }, (_, i) => i));
  assert.equal(visited(full, 1), Array.from({ length: 32 }, (_, i) => i));
  assert.ok(anyBits(full, 1));
});

test('collectBits writes into an Int32Array sized by countBits', () => {
  const a = bits(2, [5, 31, 32, 63]);
  const out = new Int32Array(countBits(a, 2));
  assert.is(collectBits(a, 2, out), 4);
  assert.equal([...out], [5, 31, 32, 63]);
});

test('and / or / andNot work word by word, across boundaries', () => {
  const x = bits(3, [0, 31, 32, 33, 64]);
  const y = bits(3, [31, 33, 63, 95]);
  const and = x.slice();
  andBits(and, y, 3);
  assert.equal(collected(and, 3), [31, 33]);
  const or = x.slice();
  orBits(or, y, 3);
  assert.equal(collected(or, 3), [0, 31, 32, 33, 63, 64, 95]);
  const andNot = x.slice();
  andNotBits(andNot, y, 3);
  assert.equal(collected(andNot, 3), [0, 32, 64]);
  andNotBits(andNot, new Uint32Array([0xffffffff, 0xffffffff, 0xffffffff]), 3);
  assert.not.ok(anyBits(andNot, 3));
});

test('kernels touch only the first `words` words (scratch buffers may be longer)', () => {
  const out = bits(3, [1, 40, 70]);
  andBits(out, new Uint32Array(3), 1);
  assert.equal(collected(out, 3), [40, 70], 'and over one word leaves words 1 and 2');
  orBits(out, bits(3, [2, 41, 71]), 2);
  assert.equal(collected(out, 3), [2, 40, 41, 70]);
  andNotBits(out, bits(3, [2, 40, 70]), 2);
  assert.equal(collected(out, 3), [41, 70]);
  assert.is(countBits(out, 2), 1);
  assert.equal(collected(out, 2), [41]);
  assert.not.ok(anyBits(bits(3, [70]), 2));
});

test('copyBits copies the live words only', () => {
  const out = bits(3, [0, 40, 70]);
  copyBits(out, bits(3, [5, 33, 90]), 2);
  assert.equal(collected(out, 3), [5, 33, 70]);
});

test.run();
