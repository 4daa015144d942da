/** The depth check before parsing: brackets inside strings (escaped quotes included) do not count; long strings are skipped whole. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exceedsDepth, parseJsonBody } from './json-body.js';

test('exceedsDepth counts nesting outside strings only', () => {
  const nested = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
  assert.is(exceedsDepth(nested(128), 128), false);
  assert.is(exceedsDepth(nested(129), 128), true);
  assert.is(exceedsDepth(`{"a":"${'['.repeat(500)}"}`, 2), false, 'brackets in a string');
  assert.is(exceedsDepth(`{"a":"\\"${'['.repeat(500)}"}`, 2), false, 'after an escaped quote, still in the string');
  assert.is(exceedsDepth(`{"a":"\\\\","b":${nested(3)}}`, 3), true, 'an escaped backslash closes the string before the quote');
  assert.is(exceedsDepth(`{"a":"\\\\\\"[[[[","b":1}`, 1), false, 'three backslashes: the quote is escaped');
  assert.is(exceedsDepth(`["unclosed ${'['.repeat(10)}`, 1), false, 'an unclosed string is left to the parser');
  assert.is(exceedsDepth(`{"v":"${'7'.repeat(30_000_000)}","x":${nested(5)}}`, 4), true, 'a 30-million-character string is skipped');
});

test('parseJsonBody: 400 for empty, too deep and invalid; a byte order mark is not part of the document', () => {
  assert.equal(parseJsonBody('\uFEFF{"a":1}', 10), { a: 1 });
  for (const [text, message] of [
    ['  ', /empty/],
    [`{"a":${'['.repeat(20)}${']'.repeat(20)}}`, /deeper than 10 levels/],
    ['{"a":', /invalid JSON/],
  ] as const) {
    assert.throws(() => parseJsonBody(text, 10), message);
  }
});

test.run();
