/**
 * The engine with the pod-to-pod filters wired in: its indexed answers equal the reference
 * evaluator's (PodTopologySpread and InterPodAffinity run as upstream runs them, PreFilter over
 * lists then Filter per node) on generated clusters, pods and constraints — eligible nodes, every
 * node's reasons and details, the FitError message, the not-evaluated list, `why`'s funnel; an
 * engine kept up to date under pod and node churn answers as one built from the final state; and
 * removing a running pod never takes a node away from a pod whose only pod-to-pod rule is
 * anti-affinity (upstream: anti-affinity counts only forbid).
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { createEngine, type Engine } from '../src/api/engine.js';
import type { JsonObject } from '../src/model/decode.js';
import { decodePodObject } from '../src/model/decode-daemonset.js';
import type { PodObject } from '../src/model/daemonset-types.js';
import type { Node, Workload } from '../src/model/types.js';
import { decodeWorkload } from '../src/model/workload.js';
import { fullCaseArb, fullExistingPodArb, fullNodeObjectArb, toNamespaces, toNode } from './pod-to-pod-arbitraries.js';
import { check, expect, expectEqual } from './support.js';

type Incoming = { namespace: string; app: string | null; tier: string | null; spec: JsonObject };

/** The incoming pod as a Pod manifest the engine decodes. */
function workloadOf(incoming: Incoming): Workload {
  const labels = { ...(incoming.app ? { app: incoming.app } : {}), ...(incoming.tier ? { tier: incoming.tier } : {}) };
  const decoded = decodeWorkload({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'incoming', namespace: incoming.namespace, labels }, spec: { ...incoming.spec, containers: [{ name: 'c', image: 'i' }] } });
  if (!decoded.ok) throw new Error(`generated workload does not decode: ${JSON.stringify(decoded.errors)}`);
  return decoded.workload;
}

/** A generated node with room for pods (NodeResourcesFit is not what these properties are about). */
const nodeOf = (object: JsonObject): Node => toNode({ ...object, status: { allocatable: { cpu: '8', memory: '16Gi', pods: '110' } } });

function podOf(object: JsonObject): PodObject {
  const { pod, errors } = decodePodObject({ apiVersion: 'v1', kind: 'Pod', ...object, status: { phase: 'Running', ...(object['status'] as JsonObject | undefined) } });
  if (!pod) throw new Error(`generated pod does not decode: ${JSON.stringify(errors)}`);
  return pod;
}

/** Everything an answer says, for comparing two engines. */
function answers(engine: Engine, w: Workload): unknown {
  const { eligible, ineligible, message, notEvaluated } = engine.eligible(w);
  const byNode = [...ineligible].sort((a, b) => (a.node < b.node ? -1 : 1));
  // Running pods' terms are reported in the order each evaluator meets them; past the list's limit, only how many.
  const fields = notEvaluated.map((n) => n.field);
  const reported = fields.includes('...') ? fields.length : fields.sort();
  return { eligible: [...eligible].sort(), byNode, message, reported, count: engine.eligibleCount(w), funnel: engine.why(w).funnel };
}

test('engine: indexed == reference with pods and pod-to-pod constraints (eligible, reasons, details, message, notEvaluated, funnel)', (ctx) => {
  check(
    ctx,
    fc.property(fullCaseArb, ({ nodes, pods, incoming, namespaceTeams }) => {
      const namespaces = toNamespaces(namespaceTeams);
      const input = { nodes: nodes.map(nodeOf), pods: pods.map(podOf), ...(namespaces ? { objects: { namespaces } } : {}) };
      const w = workloadOf(incoming);
      const indexed = createEngine({ ...input, evaluator: 'indexed' });
      const reference = createEngine({ ...input, evaluator: 'reference' });
      expectEqual(answers(indexed, w), answers(reference, w), 'the two evaluators');
      expectEqual(indexed.eligible(w, { explain: 'groups' }).message, reference.eligible(w).message, 'grouped answer message');
    }),
    0.5,
  );
});

/** One change to the cluster. */
type Change = { kind: 'upsert'; pod: JsonObject } | { kind: 'remove'; index: number } | { kind: 'removeNode'; index: number } | { kind: 'restoreNode'; index: number };

const churnArb = fullCaseArb.chain((c) =>
  fc.record({
    c: fc.constant(c),
    changes: fc.array(
      fc.oneof(
        fullExistingPodArb(c.nodes.length, 20).chain((pod) => fc.integer({ min: 0, max: 25 }).map((n): Change => ({ kind: 'upsert', pod: { ...pod, metadata: { ...(pod['metadata'] as JsonObject), name: `p${n}` } } }))),
        fc.nat(30).map((index): Change => ({ kind: 'remove', index })),
        fc.nat(10).map((index): Change => ({ kind: 'removeNode', index })),
        fc.nat(10).map((index): Change => ({ kind: 'restoreNode', index })),
      ),
      { maxLength: 12 },
    ),
  }),
);

test('engine: pod and node churn in place == an engine built from the final pods and nodes', (ctx) => {
  check(
    ctx,
    fc.property(churnArb, ({ c, changes }) => {
      const allNodes: Node[] = c.nodes.map(nodeOf);
      const namespaces = toNamespaces(c.namespaceTeams);
      const objects = namespaces ? { objects: { namespaces } } : {};
      const pods = new Map<string, PodObject>(c.pods.map(podOf).map((p) => [`${p.namespace}/${p.name}`, p]));
      const live = new Set(allNodes.map((n) => n.name));
      const engine = createEngine({ nodes: allNodes, pods: [...pods.values()], ...objects });
      const w = workloadOf(c.incoming);
      engine.eligible(w);
      for (const change of changes) {
        if (change.kind === 'upsert') {
          const pod = podOf(change.pod);
          pods.set(`${pod.namespace}/${pod.name}`, pod);
          engine.upsertPod(pod);
        } else if (change.kind === 'remove') {
          const victim = [...pods.values()][change.index % Math.max(1, pods.size)];
          if (!victim) continue;
          pods.delete(`${victim.namespace}/${victim.name}`);
          engine.removePod(victim.namespace, victim.name);
        } else {
          const node = allNodes[change.index % allNodes.length]!;
          if (change.kind === 'removeNode' && live.delete(node.name)) engine.removeNode(node.name);
          if (change.kind === 'restoreNode' && !live.has(node.name)) {
            live.add(node.name);
            engine.upsertNode(node);
          }
        }
      }
      const rebuilt = createEngine({ nodes: engine.nodes, pods: [...pods.values()], ...objects });
      expectEqual(answers(engine, w), answers(rebuilt, w), 'after churn');
    }),
    0.5,
  );
});

test('law: removing a running pod never removes a node for a pod whose only pod-to-pod rule is anti-affinity', (ctx) => {
  check(
    ctx,
    fc.property(fullCaseArb, fc.nat(), ({ nodes, pods, incoming, namespaceTeams }, pick) => {
      const affinity = ((incoming.spec['affinity'] as JsonObject)['podAntiAffinity'] as JsonObject) ?? {};
      const antiOnly: Incoming = { ...incoming, spec: { ...incoming.spec, affinity: { podAntiAffinity: affinity }, topologySpreadConstraints: [] } };
      const namespaces = toNamespaces(namespaceTeams);
      const objects = namespaces ? { objects: { namespaces } } : {};
      const decoded = pods.map(podOf);
      if (decoded.length === 0) return;
      const w = workloadOf(antiOnly);
      const engine = createEngine({ nodes: nodes.map(nodeOf), pods: decoded, ...objects });
      const before = new Set(engine.eligible(w, { explain: 'none' }).eligible);
      const victim = decoded[pick % decoded.length]!;
      engine.removePod(victim.namespace, victim.name);
      const after = new Set(engine.eligible(w, { explain: 'none' }).eligible);
      expect([...before].every((n) => after.has(n)), 'a node was lost by removing a pod', { before: [...before], after: [...after], removed: victim.name });
    }),
    0.5,
  );
});

test.run();
