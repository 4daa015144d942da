/**
 * The extender's decision without explanations (`firstFailuresAmong`) against the reference
 * evaluator, which explains every failing filter: the same nodes pass, in the same order, and each
 * failed node gets exactly the reason kube-scheduler records — the PreFilter's when NodeAffinity's
 * PreFilterResult leaves the node out (or the terms conflict), else the first failing filter's.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { firstFailuresAmong } from '../src/api/evaluate-nodes.js';
import { resolveEngineOptions } from '../src/api/engine.js';
import { evaluateReference } from '../src/eval/reference.js';
import { reasonAffinityConflict, reasonPreFilterNodeAffinity } from '../src/eval/filters.js';
import { decodeNodeObject, featureGatesArb, nodeObjectsWithNamelessArb, podSpecObjectArb, workloadFromSpec } from './arbitraries.js';
import { check, expectEqual } from './support.js';

test('firstFailuresAmong: the reference decision, one scheduler reason per failed node', (ctx) => {
  check(
    ctx,
    fc.property(nodeObjectsWithNamelessArb, fc.array(podSpecObjectArb, { minLength: 1, maxLength: 4 }), featureGatesArb, (nodeObjects, specs, featureGates) => {
      const nodes = nodeObjects.map(decodeNodeObject);
      const options = resolveEngineOptions({ featureGates });
      specs.forEach((spec, i) => {
        const workload = workloadFromSpec(spec, `p${i}`);
        const full = evaluateReference(workload.pod, nodes, featureGates);
        const fast = firstFailuresAmong(workload, nodes, options);
        expectEqual(fast.passed.map((n) => n.name), full.eligible, `passed(pods[${i}])`, ['firstFailuresAmong', 'reference']);
        // Keyed by name, as the extender answers (nameless nodes share the key "").
        const expected = new Map(full.ineligible.map((n) => [n.node, n.reasons.find((r) => r === reasonPreFilterNodeAffinity || r === reasonAffinityConflict) ?? n.reasons[0]]));
        expectEqual([...fast.failed], [...expected], `failed(pods[${i}])`, ['firstFailuresAmong', 'reference']);
      });
    }),
    0.5,
  );
});

test.run();
