/**
 * API-server validation of pod affinity and topology spread (validation_test.go TestValidatePod
 * affinity cases and TestValidateTopologySpreadConstraints), and the PrepareForCreate merge of
 * matchLabelKeys / mismatchLabelKeys (strategy.go applyMatchLabelKeysAndMismatchLabelKeys,
 * applyMatchLabelKeys) that runs before it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError } from '../errors.js';
import { admitLabelKeys } from './admit-label-keys.js';
import { decodePodPlacement } from './decode-pod.js';
import { Decoder, type JsonObject } from './decode.js';
import { validatePodToPod } from './validate-pod-affinity.js';

function pod(spec: JsonObject): ReturnType<typeof decodePodPlacement> {
  const d = new Decoder();
  const decoded = decodePodPlacement(d, spec, 'spec.');
  assert.equal(d.errors, []);
  return decoded;
}

function errors(spec: JsonObject, labels: Record<string, string> = {}): string[] {
  return validatePodToPod(pod(spec), new Map(Object.entries(labels)), 'spec.').map(formatFieldError);
}

const selector = { matchExpressions: [{ key: 'key2', operator: 'In', values: ['value1', 'value2'] }] };
const required = (terms: JsonObject[], kind = 'podAffinity'): JsonObject => ({ affinity: { [kind]: { requiredDuringSchedulingIgnoredDuringExecution: terms } } });
const preferred = (terms: JsonObject[], kind = 'podAffinity'): JsonObject => ({ affinity: { [kind]: { preferredDuringSchedulingIgnoredDuringExecution: terms } } });
const req = 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
const pref = 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]';

test('TestValidatePod: valid pod affinity and anti-affinity terms pass', () => {
  assert.equal(errors(required([{ labelSelector: selector, topologyKey: 'zone', namespaces: ['ns'], namespaceSelector: {} }])), []);
  assert.equal(errors(preferred([{ weight: 10, podAffinityTerm: { labelSelector: selector, topologyKey: 'region' } }], 'podAntiAffinity')), []);
});

test('TestValidatePod: invalid hard pod affinity, empty topologyKey is not allowed', () => {
  assert.equal(errors(required([{ labelSelector: selector }])), [
    `${req}.topologyKey: Required value: can not be empty`,
    `${req}.topologyKey: Invalid value: "": name part must be non-empty`,
    `${req}.topologyKey: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  ]);
});

test('TestValidatePod: invalid labelSelector in preferred pod affinity, values should be empty if the operator is Exists', () => {
  const term = { labelSelector: { matchExpressions: [{ key: 'key2', operator: 'Exists', values: ['value1'] }] }, topologyKey: 'zone' };
  assert.equal(errors(preferred([{ weight: 10, podAffinityTerm: term }])), [
    `${pref}.podAffinityTerm.labelSelector.matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
  ]);
});

test('TestValidatePod: invalid name space in preferred pod affinity is reported at .namespace', () => {
  const term = { labelSelector: selector, namespaces: ['INVALID_NAMESPACE'], topologyKey: 'region' };
  assert.equal(errors(preferred([{ weight: 10, podAffinityTerm: term }])), [
    `${pref}.podAffinityTerm.namespace: Invalid value: "INVALID_NAMESPACE": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  ]);
});

test('TestValidatePod: invalid weight in preferred pod anti-affinity; an unknown selector operator', () => {
  const term = { labelSelector: { matchExpressions: [{ key: 'k', operator: 'Gt', values: ['1'] }] }, topologyKey: 'zone' };
  assert.equal(errors(preferred([{ weight: 0, podAffinityTerm: term }], 'podAntiAffinity')), [
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator',
  ]);
});

test('TestValidatePod: invalid soft pod affinity, key exists in both matchLabelKeys and labelSelector (reported at podAffinityTerm[0])', () => {
  const term = { labelSelector: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value1'] }] }, topologyKey: 'k8s.io/zone', matchLabelKeys: ['key'] };
  assert.equal(errors(preferred([{ weight: 10, podAffinityTerm: term }]), { key: 'value1' }), [
    `${pref}.podAffinityTerm[0]: Invalid value: "key": exists in both matchLabelKeys and labelSelector`,
  ]);
  // The pod lacks the label: nothing is merged, so nothing collides.
  assert.equal(errors(preferred([{ weight: 10, podAffinityTerm: term }])), []);
});

test('TestValidatePod: matchLabelKeys and mismatchLabelKeys: same key in both; keys without a labelSelector; a bad key', () => {
  assert.equal(errors(required([{ labelSelector: selector, topologyKey: 'zone', matchLabelKeys: ['samekey'], mismatchLabelKeys: ['samekey'] }])), [
    `${req}.matchLabelKeys[0]: Invalid value: "samekey": exists in both matchLabelKeys and mismatchLabelKeys`,
  ]);
  assert.equal(errors(required([{ topologyKey: 'zone', matchLabelKeys: ['a'], mismatchLabelKeys: ['b'] }])), [
    `${req}.matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`,
    `${req}.mismatchLabelKeys: Forbidden: must not be specified when labelSelector is not set`,
  ]);
  assert.equal(errors(required([{ labelSelector: selector, topologyKey: 'zone', mismatchLabelKeys: ['/simple'] }])), [
    `${req}.mismatchLabelKeys[0]: Invalid value: "/simple": prefix part must be non-empty`,
  ]);
});

const spread = (constraints: JsonObject[]): JsonObject => ({ topologySpreadConstraints: constraints });
const ok = { maxSkew: 1, topologyKey: 'k8s.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } };
const tsc = 'spec.topologySpreadConstraints[0]';

test('TestValidateTopologySpreadConstraints: all required fields ok; missing and negative MaxSkew', () => {
  assert.equal(errors(spread([ok])), []);
  assert.equal(errors(spread([{ ...ok, maxSkew: 0 }])), [`${tsc}.maxSkew: Invalid value: 0: must be greater than zero`]);
  assert.equal(errors(spread([{ ...ok, maxSkew: -1 }])), [`${tsc}.maxSkew: Invalid value: -1: must be greater than zero`]);
});

test('TestValidateTopologySpreadConstraints: minDomains must be positive and needs DoNotSchedule', () => {
  assert.equal(errors(spread([{ ...ok, minDomains: 3 }])), []);
  assert.equal(errors(spread([{ ...ok, whenUnsatisfiable: 'ScheduleAnyway' }])), []);
  assert.equal(errors(spread([{ ...ok, minDomains: -1 }])), [`${tsc}.minDomains: Invalid value: -1: must be greater than zero`]);
  assert.equal(errors(spread([{ ...ok, whenUnsatisfiable: 'ScheduleAnyway', minDomains: -1 }])), [
    `${tsc}.minDomains: Invalid value: -1: must be greater than zero`,
    `${tsc}.minDomains: Invalid value: -1: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`,
  ]);
});

test('TestValidateTopologySpreadConstraints: missing TopologyKey, missing and unsupported scheduling mode, duplicate constraints', () => {
  assert.equal(errors(spread([{ ...ok, topologyKey: '' }])), [`${tsc}.topologyKey: Required value: can not be empty`]);
  assert.equal(errors(spread([{ ...ok, whenUnsatisfiable: '' }])), [`${tsc}.whenUnsatisfiable: Unsupported value: "": supported values: "DoNotSchedule", "ScheduleAnyway"`]);
  assert.equal(errors(spread([{ ...ok, whenUnsatisfiable: 'N/A' }])), [`${tsc}.whenUnsatisfiable: Unsupported value: "N/A": supported values: "DoNotSchedule", "ScheduleAnyway"`]);
  assert.equal(errors(spread([ok, { ...ok, maxSkew: 2 }])), [`${tsc}.{topologyKey, whenUnsatisfiable}: Duplicate value: "{k8s.io/zone, DoNotSchedule}"`]);
});

test('TestValidateTopologySpreadConstraints: NodeAffinityPolicy and NodeTaintsPolicy accept Honor and Ignore only', () => {
  assert.equal(errors(spread([{ ...ok, nodeAffinityPolicy: 'Ignore', nodeTaintsPolicy: 'Honor' }])), []);
  assert.equal(errors(spread([{ ...ok, nodeAffinityPolicy: 'xyz' }])), [`${tsc}.nodeAffinityPolicy: Unsupported value: "xyz": supported values: "Honor", "Ignore"`]);
  assert.equal(errors(spread([{ ...ok, nodeTaintsPolicy: 'xyz' }])), [`${tsc}.nodeTaintsPolicy: Unsupported value: "xyz": supported values: "Honor", "Ignore"`]);
});

test('TestValidateTopologySpreadConstraints: matchLabelKeys, checked after the selector merge (v1.34+)', () => {
  assert.equal(errors(spread([{ ...ok, matchLabelKeys: ['/simple'] }])), [`${tsc}.matchLabelKeys[0]: Invalid value: "/simple": prefix part must be non-empty`]);
  assert.equal(errors(spread([{ ...ok, labelSelector: undefined, matchLabelKeys: ['app'] }])), [`${tsc}.matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`]);
  // matchLabels app=web plus matchLabelKeys [app]: the merged `app In [web]` meets the user's own key.
  assert.equal(errors(spread([{ ...ok, matchLabelKeys: ['app'] }]), { app: 'web' }), [`${tsc}[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector`]);
  assert.equal(errors(spread([{ ...ok, matchLabelKeys: ['pod-template-hash'] }]), { app: 'web', 'pod-template-hash': 'abc' }), []);
});

test('PrepareForCreate: label keys become In / NotIn requirements on the pod\'s values; nil selectors and missing labels add nothing', () => {
  const spec = pod({
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: {}, topologyKey: 'zone', matchLabelKeys: ['app', 'absent'], mismatchLabelKeys: ['tenant'] },
          { topologyKey: 'zone', matchLabelKeys: ['app'] },
        ],
      },
    },
    topologySpreadConstraints: [{ ...ok, matchLabelKeys: ['pod-template-hash'] }],
  });
  const admitted = admitLabelKeys(spec, new Map([['app', 'web'], ['tenant', 't1'], ['pod-template-hash', 'h1']]));
  assert.equal(admitted.podAntiAffinity?.required[0]?.labelSelector, {
    matchExpressions: [
      { key: 'app', operator: 'In', values: ['web'] },
      { key: 'tenant', operator: 'NotIn', values: ['t1'] },
    ],
    isEmptyObject: false,
  });
  assert.is(admitted.podAntiAffinity?.required[1]?.labelSelector, undefined);
  assert.equal(admitted.topologySpreadConstraints?.[0]?.labelSelector?.matchExpressions, [{ key: 'pod-template-hash', operator: 'In', values: ['h1'] }]);
  const plain = pod({});
  assert.is(admitLabelKeys(plain, new Map()), plain, 'a pod without pod-to-pod fields is returned as it is');
});

test.run();
