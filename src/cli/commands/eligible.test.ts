/** The grouped table of `placement eligible`. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { palette } from '../table.js';
import { groupsTable } from './eligible.js';

test('groups table: groups past the listed ones are counted under the table, with how to see every node', () => {
  const group = { reasons: ["node(s) didn't match Pod's node affinity/selector"], details: ['nodeSelector zone=b: node has zone=a'], count: 2, nodes: ['a', 'b'], more: 0 };
  const text = groupsTable({ eligible: ['x'], groups: [group], omitted: { groups: 3, nodes: 7 }, message: '1/10 nodes are available.', notEvaluated: [] }, 10, palette(false));
  assert.match(text, /^NODES\s+WHY NOT\s+DETAILS\s+EXAMPLES$/m);
  assert.match(text, /^3 smaller groups \(7 nodes\) are not listed; -o wide lists every node$/m);
  assert.not.match(groupsTable({ eligible: ['x'], groups: [group], message: 'm', notEvaluated: [] }, 10, palette(false)), /not listed/);
});

test.run();
