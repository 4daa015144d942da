/**
 * Test factories shared by the unit tests: nodes and pod placements built from plain
 * Kubernetes-shaped objects through the real decoders, and the real-world fixtures of
 * src/testdata/real (copies of shared fixtures, with their sources in SOURCES.md). Not a test file itself.
 */
import { join } from 'node:path';
import { nodesFromSources, workloadsFromSources } from '../api/inputs.js';
import { readSources } from '../api/read-sources.js';
import { decodeNode } from '../model/decode-node.js';
import { decodePodPlacement } from '../model/decode-pod.js';
import { Decoder, type JsonObject } from '../model/decode.js';
import { defaultFeatureGates, type FeatureGates } from '../model/feature-gates.js';
import type { Node, NodeSelectorTerm, PodPlacement, Taint, Toleration, Workload } from '../model/types.js';
import { realFixturesDir } from '../testdata/fixtures.js';

/** Gates as kube-scheduler ships them (TaintTolerationComparisonOperators off). */
export const gatesOff: FeatureGates = defaultFeatureGates;
/** TaintTolerationComparisonOperators on. */
export const gatesOn: FeatureGates = Object.freeze({ ...defaultFeatureGates, TaintTolerationComparisonOperators: true });

function decoded<T>(read: (d: Decoder) => T): T {
  const d = new Decoder();
  const value = read(d);
  if (d.errors.length > 0) throw new Error(`test fixture does not decode: ${JSON.stringify(d.errors)}`);
  return value;
}

/** A Node from a whole Kubernetes object. */
export function nodeFromObject(object: JsonObject): Node {
  return decoded((d) => decodeNode(d, object));
}

/** The usual fields of a Node; `name` defaults to `node` (pass `''` for a nameless node). */
export interface NodeShape {
  readonly name?: string;
  readonly labels?: Record<string, string>;
  readonly taints?: readonly { key: string; value?: string; effect: string }[];
  readonly unschedulable?: boolean;
}

/** A Node with a name, labels, taints and `spec.unschedulable`. */
export function makeNode(shape: NodeShape = {}): Node {
  return nodeFromObject({
    metadata: { name: shape.name ?? 'node', labels: shape.labels ?? {} },
    spec: { taints: shape.taints ?? [], unschedulable: shape.unschedulable ?? false },
  });
}

/** The placement of a pod spec written as in a manifest (`{nodeSelector, affinity, tolerations, ...}`). */
export function makePod(spec: JsonObject = {}): PodPlacement {
  return decoded((d) => decodePodPlacement(d, spec, 'spec.'));
}

/** A pod spec fragment with `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`. */
export function required(terms: readonly JsonObject[]): JsonObject {
  return { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } };
}

/** A pod spec fragment with `preferredDuringSchedulingIgnoredDuringExecution`. */
export function preferred(terms: readonly JsonObject[]): JsonObject {
  return { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: terms } } };
}

/** Decoded nodeSelectorTerms, via a pod (so absent lists read as in a manifest). */
export function makeTerms(terms: readonly JsonObject[]): NodeSelectorTerm[] {
  return [...(makePod(required(terms)).requiredTerms ?? [])];
}

/** A matchExpressions / matchFields entry. */
export function rq(key: string, operator: string, values?: readonly string[]): JsonObject {
  return values === undefined ? { key, operator } : { key, operator, values: [...values] };
}

/** A Toleration; omitted fields are empty as in a manifest. */
export function toleration(fields: Partial<Toleration>): Toleration {
  return { key: '', operator: '', value: '', effect: '', ...fields };
}

/** A Taint. */
export function taint(key: string, value: string, effect: string): Taint {
  return { key, value, effect };
}

/** Labels as a Map. */
export function labels(record: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(record));
}

/** The real-world fixtures folder (see its SOURCES.md). */
export const fixturesDir = realFixturesDir;

const noStdin = (): string => '';
const inputOptions = { validate: true, featureGates: defaultFeatureGates };

/** Every Node of fixtures/real/nodes, validated, in file-name order. */
export function fixtureNodes(): Node[] {
  return nodesFromSources(readSources(join(fixturesDir, 'nodes'), noStdin), inputOptions);
}

/** The one workload of a fixture file, e.g. `workloads/karpenter-spot-deployment.yaml`. */
export function fixtureWorkload(file: string): Workload {
  const workloads = workloadsFromSources(readSources(join(fixturesDir, file), noStdin), inputOptions);
  const [first] = workloads;
  if (workloads.length !== 1 || first === undefined) throw new Error(`${file}: expected one workload, got ${workloads.length}`);
  return first;
}
