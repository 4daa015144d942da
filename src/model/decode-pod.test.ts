/**
 * Placement's count limits on a pod spec and a node (src/model/limits.ts), enforced at decode, so
 * also with `--no-validate`: over one, the list is `Too many` (apimachinery `field.TooMany`) and is
 * not read; at the limit, everything is read.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError } from '../errors.js';
import { Decoder, type JsonObject } from './decode.js';
import { decodeNode } from './decode-node.js';
import { limits } from './limits.js';
import { decodeWorkload } from './workload.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const requiredPath = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

function podErrors(spec: JsonObject): string[] {
  const decoded = decodeWorkload({ kind: 'Pod', metadata: { name: 'p' }, spec });
  return decoded.ok ? [] : decoded.errors.map(formatFieldError);
}

const term = (expressions: number, values = 1): JsonObject => ({
  matchExpressions: range(expressions).map((i) => ({ key: `k${i}`, operator: 'In', values: range(values).map((v) => `v${v}`) })),
});
const required = (terms: JsonObject[]): JsonObject => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });

test('1,000 required nodeSelectorTerms (terms1000.json) are Too many; 100 are read', () => {
  assert.equal(podErrors(required(range(1000).map(() => term(1)))), [`${requiredPath}: Too many: 1000: must have at most 100 items`]);
  assert.equal(podErrors(required(range(limits.nodeSelectorTerms.value).map(() => term(1)))), []);
});

test('1,000 nodeSelector keys (nodesel1000.json) are Too many; 100 are read', () => {
  const selector = (n: number): JsonObject => ({ nodeSelector: Object.fromEntries(range(n).map((i) => [`example.com/k${i}`, 'v'])) });
  assert.equal(podErrors(selector(1000)), ['spec.nodeSelector: Too many: 1000: must have at most 100 items']);
  assert.equal(podErrors(selector(limits.nodeSelectorEntries.value)), []);
});

test('expressions per term, values per requirement, tolerations and preferred terms each have a limit', () => {
  assert.equal(podErrors(required([term(101)])), [`${requiredPath}[0].matchExpressions: Too many: 101: must have at most 100 items`]);
  assert.equal(podErrors(required([term(1, 1001)])), [`${requiredPath}[0].matchExpressions[0].values: Too many: 1001: must have at most 1000 items`]);
  const fields = { matchFields: range(101).map(() => ({ key: 'metadata.name', operator: 'In', values: ['n'] })) };
  assert.equal(podErrors(required([fields])), [`${requiredPath}[0].matchFields: Too many: 101: must have at most 100 items`]);
  const tolerations = range(101).map(() => ({ operator: 'Exists' }));
  assert.equal(podErrors({ tolerations }), ['spec.tolerations: Too many: 101: must have at most 100 items']);
  const preferred = range(101).map(() => ({ weight: 1, preference: term(1) }));
  assert.equal(podErrors({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } } }), [
    'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution: Too many: 101: must have at most 100 items',
  ]);
});

test('totals over all terms: each list within its limit, the product not (terms × expressions, × values)', () => {
  // 100 terms × 11 expressions = 1,100 requirements > 1,000.
  assert.equal(podErrors(required(range(100).map(() => term(11)))), ['spec.affinity.nodeAffinity: Too many: 1100: must have at most 1000 requirements in all its terms']);
  // 20 terms × 50 expressions × 11 values = 11,000 values > 10,000.
  assert.equal(podErrors(required(range(20).map(() => term(50, 11)))), ['spec.affinity.nodeAffinity: Too many: 11000: must have at most 10000 requirement values in all its terms']);
  assert.equal(podErrors(required(range(10).map(() => term(100, 10)))), []);
});

test('pod affinity terms, their selectors and namespaces, and topology spread constraints each have a limit', () => {
  const podTerm = { labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' };
  const affinity = (terms: number): JsonObject => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: range(terms).map(() => podTerm) } } });
  assert.equal(podErrors(affinity(101)), ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution: Too many: 101: must have at most 100 items']);
  assert.equal(podErrors(affinity(limits.podAffinityTerms.value)), []);
  const preferred = { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: range(101).map(() => ({ weight: 1, podAffinityTerm: podTerm })) } } };
  assert.equal(podErrors(preferred), ['spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution: Too many: 101: must have at most 100 items']);
  const wideTerm = { ...podTerm, namespaces: range(1001).map((i) => `ns${i}`), labelSelector: { matchExpressions: range(101).map(() => ({ key: 'app', operator: 'Exists' })) } };
  assert.equal(podErrors({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [wideTerm] } } }), [
    'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions: Too many: 101: must have at most 100 items',
    'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces: Too many: 1001: must have at most 1000 items',
  ]);
  const spread = range(101).map(() => ({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'x' } } }));
  assert.equal(podErrors({ topologySpreadConstraints: spread }), ['spec.topologySpreadConstraints: Too many: 101: must have at most 100 items']);
});

test('nodes: taints are limited; resourceVersion is a bounded string (a number is a decode error, never dropped); quantities are bounded', () => {
  const errors = (object: JsonObject): string[] => {
    const d = new Decoder();
    decodeNode(d, object);
    return d.errors.map(formatFieldError);
  };
  assert.equal(errors({ metadata: { name: 'n' }, spec: { taints: range(101).map((i) => ({ key: `k${i}`, effect: 'NoSchedule' })) } }), ['spec.taints: Too many: 101: must have at most 100 items']);
  assert.equal(errors({ metadata: { name: 'n', resourceVersion: 12345 } }), ['metadata.resourceVersion: Invalid value: 12345: must be a string, not number']);
  assert.equal(errors({ metadata: { name: 'n', resourceVersion: '9'.repeat(30_000_000) } }), ['metadata.resourceVersion: Too long: may not be more than 64 bytes']);
  const d = new Decoder();
  assert.is(decodeNode(d, { metadata: { name: 'n', resourceVersion: '18446744073709551615' } }).resourceVersion, '18446744073709551615');
  assert.equal(errors({ metadata: { name: 'n' }, status: { allocatable: { cpu: '1'.repeat(65), memory: '1'.repeat(30_000_000), pods: 110 } } }), [
    'status.allocatable[cpu]: Too long: may not be more than 64 bytes',
    'status.allocatable[memory]: Too long: may not be more than 64 bytes',
  ]);
  assert.equal(errors({ metadata: { name: 'n' }, spec: { taints: [{ key: 'k', effect: 'NoExecute', timeAdded: '2024-02-30T00:00:00Z' }] } }), [
    'spec.taints[0].timeAdded: Invalid value: "2024-02-30T00:00:00Z": must be an RFC 3339 time: day out of range',
  ]);
});

test.run();
