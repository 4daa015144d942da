/**
 * The resource and image scores with pods already running on the nodes: the indexed engine (typed
 * columns, image holder sets, the pods store's usage) must rank exactly as the reference engine
 * (the semantics functions node by node) on nodes with allocatable and images.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import { clusterPodObjectsArb, decodeClusterPod, decodeNodeObject, featureGatesArb, nodeNames, nodeObjectsArb, podSpecObjectArb, workloadFromSpec } from './arbitraries.js';
import { check, expectEqual, outcome } from './support.js';

test('indexed rank = reference rank with pods running on the nodes (their requests count in the resource scores)', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsArb, clusterPodObjectsArb(nodeNames.slice(0, 12), 12), podSpecObjectArb, featureGatesArb, (nodeObjects, podObjects, spec, gates) => {
      const nodes = nodeObjects.map(decodeNodeObject);
      const pods = podObjects.map(decodeClusterPod);
      const indexed = createEngine({ nodes, pods, featureGates: gates });
      const reference = createEngine({ nodes, pods, featureGates: gates, evaluator: 'reference' });
      const workload = workloadFromSpec(spec);
      // Twice: the second ranking reads the columns the first one filled.
      for (const round of [1, 2]) {
        expectEqual(outcome(() => indexed.rank(workload)), outcome(() => reference.rank(workload)), `round ${round}: rank`, ['indexed', 'reference']);
      }
    }),
    0.5,
  );
});

test.run();
