/** The grouped answer's text, kept per grouping: always the contract's JSON, byte for byte. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eligibleJson } from '../api/contracts.js';
import { groupedAnswerBytes } from './answer-text.js';

const group = Object.freeze({ reasons: ['r "quoted"'], details: ['d'], count: 2, nodes: ['a', 'b'], more: 0 });
const notEvaluated = [{ field: 'spec.volumes[0].persistentVolumeClaim', what: 'volume binding (VolumeBinding)', summary: 'PVC volume binding' }];

test('equals JSON.stringify(eligibleJson(answer)), with and without omitted and notEvaluated, kept or not', () => {
  const groups = Object.freeze([group]);
  const eligible = Object.freeze(['x']);
  for (const answer of [
    { eligible, groups, message: 'm', notEvaluated: [] },
    { eligible, groups, omitted: { groups: 3, nodes: 7 }, message: 'm', notEvaluated },
    { eligible, groups, message: 'another message', notEvaluated },
    { eligible: Object.freeze(['y']), groups, message: 'm', notEvaluated },
    { eligible: [], groups: [group], message: '0/2 nodes are available.', notEvaluated },
  ]) {
    assert.is(groupedAnswerBytes(answer).toString('utf8'), JSON.stringify(eligibleJson(answer)));
    assert.is(groupedAnswerBytes(answer).toString('utf8'), JSON.stringify(eligibleJson(answer)), 'asked again');
  }
});

test('the kept part never carries another pod\'s notEvaluated', () => {
  const groups = Object.freeze([group]);
  const base = { eligible: Object.freeze(['x']), groups, message: 'm' };
  assert.is(groupedAnswerBytes({ ...base, notEvaluated }).toString('utf8'), JSON.stringify(eligibleJson({ ...base, notEvaluated })));
  assert.is(groupedAnswerBytes({ ...base, notEvaluated: [] }).toString('utf8'), JSON.stringify(eligibleJson({ ...base, notEvaluated: [] })));
});

test.run();
