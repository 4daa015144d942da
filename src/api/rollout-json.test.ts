/** The `daemonset --rollout` JSON contract (`rolloutJson`), shared by the CLI and the server: fields in a fixed order. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addNodes, addPods, decodeDs, decodeNodes, decodePods, dsObject, HASH, NOW, rollingUpdate, simpleDaemonSetLabel } from '../testing/daemonset-fixtures.js';
import { rolloutJson } from './contracts.js';
import { createEngine } from './engine.js';

const ds = dsObject({ strategy: rollingUpdate(1) });
const pods = ['node-0', 'node-1', 'node-2'].flatMap((n) => addPods(n, simpleDaemonSetLabel, ds, 1, { hash: 'old', phase: 'Running', ready: { status: true, at: 1 }, created: 1 }));
const forecast = (maxSyncs?: number) =>
  createEngine({ nodes: decodeNodes(addNodes(0, 3)) }).daemonsetRollout(decodeDs(ds), decodePods(pods), { revisionHash: HASH, now: NOW, ...(maxSyncs !== undefined ? { maxSyncs } : {}) });

const keys = ['syncs', 'converged', 'estimatedSeconds', 'waves', 'stuck', 'stopped', 'status', 'notEligible', 'assumptions', 'warnings', 'notEvaluated'];

test('rolloutJson: the forecast fields in the contract order; projectedSeconds only after a budget stop, after stopped', () => {
  assert.equal(Object.keys(rolloutJson(forecast())), keys);
  const cut = rolloutJson(forecast(5));
  assert.equal(Object.keys(cut), [...keys.slice(0, 6), 'projectedSeconds', ...keys.slice(6)]);
  assert.equal([cut['stopped'], cut['projectedSeconds']], ['budget', 45]);
});

test('rolloutJson: nothing but the contract (trace hooks and internals stay out)', () => {
  const json = rolloutJson(forecast());
  assert.equal(JSON.parse(JSON.stringify(json)), json);
});

test.run();
