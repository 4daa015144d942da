/**
 * The pod routes keep the engine's view of the cluster exact: after any sequence of
 * `PUT /v1/pods`, `PUT /v1/pods/{namespace}/{name}`, `DELETE /v1/pods/{namespace}/{name}` and
 * `PUT /v1/nodes` (pods moving between nodes, bound to nodes not in the set, finishing, coming
 * back, deleted), every answer equals that of a server started with the final pod set alone, and `GET` returns each
 * final pod as last sent. Before any pod was sent, the pod-reading filters stay not evaluated.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import { createPlacementServer, type PlacementServer } from '../src/server/server.js';
import { podsFromListBody } from '../src/server/pod-list.js';
import { nodesFromListBody } from '../src/server/request-objects.js';
import { checkAsync, expectEqual } from './support.js';

const inputOptions = { validate: true, featureGates: defaultFeatureGates };
const nodeList = {
  kind: 'List',
  items: ['n1', 'n2', 'n3'].map((name) => ({ kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '2', memory: '2Gi', pods: '3' } } })),
};

interface PodSpec {
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly cpu: string;
  readonly memory: string;
  readonly hostPort: number | undefined;
  readonly phase: string;
}

const podArb: fc.Arbitrary<PodSpec> = fc.record({
  namespace: fc.constantFrom('default', 'team'),
  name: fc.constantFrom('a', 'b', 'c', '__proto__'),
  // n9 is not in the node set; '' is not bound.
  node: fc.constantFrom('n1', 'n2', 'n3', 'n9', ''),
  cpu: fc.constantFrom('0', '500m', '1', '1500m'),
  memory: fc.constantFrom('0', '512Mi', '1Gi'),
  hostPort: fc.constantFrom(undefined, 8080, 9090),
  phase: fc.constantFrom('Running', 'Pending', 'Succeeded', 'Failed'),
});

function podObject(p: PodSpec): Record<string, unknown> {
  const ports = p.hostPort === undefined ? {} : { ports: [{ containerPort: 80, hostPort: p.hostPort }] };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.namespace },
    spec: { ...(p.node ? { nodeName: p.node } : {}), containers: [{ name: 'c', image: 'app', resources: { requests: { cpu: p.cpu, memory: p.memory } }, ...ports }] },
    status: { phase: p.phase },
  };
}

type Op = { readonly put: PodSpec } | { readonly remove: PodSpec } | { readonly list: readonly PodSpec[] } | { readonly nodes: true };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: podArb.map((put) => ({ put })) },
  { weight: 2, arbitrary: podArb.map((remove) => ({ remove })) },
  { weight: 1, arbitrary: fc.constant({ nodes: true as const }) },
  { weight: 1, arbitrary: fc.uniqueArray(podArb, { maxLength: 5, selector: (p) => `${p.namespace}/${p.name}` }).map((list) => ({ list })) },
);

/** Questions that read what the pods hold: cpu, memory, pod count, host ports. */
const questions = [
  { pod: { kind: 'Pod', metadata: { name: 'q1' }, spec: { containers: [{ name: 'c', image: 'app', resources: { requests: { cpu: '1' } } }] } } },
  { pod: { kind: 'Pod', metadata: { name: 'q2' }, spec: { containers: [{ name: 'c', image: 'app', resources: { requests: { memory: '1Gi' } }, ports: [{ containerPort: 80, hostPort: 8080 }] }] } } },
  { pod: { kind: 'Pod', metadata: { name: 'q3' }, spec: { containers: [{ name: 'c', image: 'app', ports: [{ containerPort: 80, hostPort: 9090 }] }] } } },
];

async function answers(server: PlacementServer): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of questions) {
    for (const url of ['/v1/eligible', '/v1/rank']) out.push((await server.app.inject({ method: 'POST', url, payload: q })).json());
  }
  return out;
}

test('a sequence of pod requests leaves the answers of a server started with the final pods', async (ctx) => {
  const nodes = nodesFromListBody(nodeList, inputOptions);
  await checkAsync(
    ctx,
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
      const live = await createPlacementServer({ nodes });
      const final = new Map<string, Record<string, unknown>>();
      // A DELETE of an absent pod gives no pod set; before any PUT, NodePorts and NodeResourcesFit stay not evaluated.
      const given = ops.some((op) => 'put' in op || 'list' in op);
      try {
        for (const op of ops) {
          if ('put' in op) {
            const r = await live.app.inject({ method: 'PUT', url: `/v1/pods/${op.put.namespace}/${op.put.name}`, payload: podObject(op.put) });
            expectEqual(r.statusCode, final.has(`${op.put.namespace}/${op.put.name}`) ? 200 : 201, 'PUT status');
            final.set(`${op.put.namespace}/${op.put.name}`, podObject(op.put));
          } else if ('remove' in op) {
            const r = await live.app.inject({ method: 'DELETE', url: `/v1/pods/${op.remove.namespace}/${op.remove.name}` });
            expectEqual(r.statusCode, final.delete(`${op.remove.namespace}/${op.remove.name}`) ? 200 : 404, 'DELETE status');
          } else if ('nodes' in op) {
            // The node set replaced: the pods stay and count on the new nodes.
            expectEqual((await live.app.inject({ method: 'PUT', url: '/v1/nodes', payload: nodeList })).statusCode, 200, 'PUT /v1/nodes status');
          } else {
            const r = await live.app.inject({ method: 'PUT', url: '/v1/pods', payload: { kind: 'List', items: op.list.map(podObject) } });
            expectEqual(r.statusCode, 200, 'PUT /v1/pods status');
            final.clear();
            for (const p of op.list) final.set(`${p.namespace}/${p.name}`, podObject(p));
          }
        }
        const stored = podsFromListBody({ kind: 'List', items: [...final.values()] });
        const fresh = await createPlacementServer({ nodes, ...(given ? { pods: stored.map((s) => s.pod) } : {}) });
        try {
          expectEqual(await answers(live), await answers(fresh), 'answers after the sequence vs a server started with the final pods');
        } finally {
          await fresh.close();
        }
        for (const [key, object] of final) expectEqual((await live.app.inject({ method: 'GET', url: `/v1/pods/${key}` })).json(), object, `GET ${key}`);
      } finally {
        await live.close();
      }
    }),
    0.03,
  );
});

test.run();
