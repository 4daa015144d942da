/** Assigned pods, as the scheduler cache counts them (assignedPod + the informer's phase field selector). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isAssignedPod } from './assigned-pod.js';

test('bound and not finished counts; pending, Succeeded and Failed do not; an unknown or empty phase counts', () => {
  assert.ok(isAssignedPod({ nodeName: 'n1', phase: 'Running' }));
  assert.ok(isAssignedPod({ nodeName: 'n1', phase: 'Pending' }));
  assert.ok(isAssignedPod({ nodeName: 'n1', phase: '' }));
  assert.ok(isAssignedPod({ nodeName: 'n1', phase: 'Unknown' }));
  assert.not.ok(isAssignedPod({ nodeName: '', phase: 'Pending' }));
  assert.not.ok(isAssignedPod({ nodeName: 'n1', phase: 'Succeeded' }));
  assert.not.ok(isAssignedPod({ nodeName: 'n1', phase: 'Failed' }));
});

test.run();
