/**
 * The JSON Logic export is the same rule: for generated node sets and pods, the compiled pod's
 * JSON Logic document, evaluated by json-logic-js against each node's facts, admits exactly the
 * nodes the engine finds eligible — node by node, nameless nodes included.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine } from '../src/api/engine.js';
import { toJsonLogic } from '../src/compile/to-json-logic.js';
import { evaluateJsonLogic } from '../src/eval/json-logic.js';
import { nodeFacts } from '../src/eval/node-facts.js';
import type { Node } from '../src/model/types.js';
import type { JsonObject } from '../src/model/decode.js';
import type { FeatureGates } from '../src/model/feature-gates.js';
import { decodeNodeObject, featureGatesArb, nodeObjectsArb, nodeObjectsWithNamelessArb, podSpecObjectArb, workloadFromSpec } from './arbitraries.js';
import { check, expectEqual } from './support.js';

function agree(nodeObjects: readonly JsonObject[], spec: JsonObject, gates: FeatureGates): void {
  const nodes: Node[] = nodeObjects.map(decodeNodeObject);
  const engine = createEngine({ nodes, featureGates: gates });
  const workload = workloadFromSpec(spec, 'p');
  const logic = toJsonLogic(engine.compile(workload));
  // Eligibility by node object, not by name: nameless nodes all share the name "".
  const eligible = new Set(engine.eligible(workload).eligible);
  nodes.forEach((node, i) => {
    const byEngine = node.name === '' ? undefined : eligible.has(node.name);
    const byLogic = evaluateJsonLogic(logic, nodeFacts(node));
    if (byEngine !== undefined) expectEqual(byLogic, byEngine, `nodes[${i}] (${node.name})`, ['json-logic-js', 'engine']);
  });
}

test('JSON Logic export evaluated by json-logic-js = the engine, node by node (valid node sets)', (ctx) => {
  check(ctx, fc.property(nodeObjectsArb, podSpecObjectArb, featureGatesArb, (nodes, spec, gates) => agree(nodes, spec, gates)), 1);
});

test('JSON Logic export = the engine with nameless nodes present (named nodes compared)', (ctx) => {
  check(ctx, fc.property(nodeObjectsWithNamelessArb, podSpecObjectArb, featureGatesArb, (nodes, spec, gates) => agree(nodes, spec, gates)), 0.5);
});

test.run();
