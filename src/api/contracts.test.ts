/** The JSON contracts the CLI and the server share. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eligibleJson } from './contracts.js';

test('eligibleJson: the grouped form keeps `omitted` (groups past the listed ones are never dropped silently)', () => {
  const group = { reasons: ['r'], details: ['d'], count: 2, nodes: ['a', 'b'], more: 0 };
  const listed = { eligible: ['x'], groups: [group], omitted: { groups: 3, nodes: 7 }, message: 'm', notEvaluated: [] };
  assert.equal(eligibleJson(listed), listed);
  assert.equal(Object.keys(eligibleJson(listed)), ['eligible', 'groups', 'omitted', 'message', 'notEvaluated']);
  assert.equal(eligibleJson({ eligible: [], groups: [], message: 'm', notEvaluated: [] }), { eligible: [], groups: [], message: 'm', notEvaluated: [] });
});

test.run();
