/**
 * DaemonSets checked as the API server checks them on create: pkg/apis/apps/validation
 * `ValidateDaemonSet` (`ValidateObjectMeta`, `ValidateDaemonSetSpec` with apimachinery
 * `ValidateLabelSelector`, `ValidateDaemonSetUpdateStrategy`, `ValidateRollingUpdateDaemonSet`),
 * and decoded as its JSON decoder decodes them (Go int32, `IntOrString`, `metav1.Time`).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError } from '../errors.js';
import type { JsonObject } from '../model/decode.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { checkDaemonSet, podsFromSources } from './daemonset-inputs.js';

/** A valid DaemonSet (the hostile folder's ds.yaml), with `spec` fields merged in. */
function ds(spec: JsonObject = {}, metadata: JsonObject = {}): JsonObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name: 'ds', namespace: 'default', uid: 'u1', ...metadata },
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      ...spec,
    },
  };
}

/** The error lines `placement validate` prints for the object (without a file name). */
function lines(object: JsonObject, validate = true): string[] {
  return checkDaemonSet({ object, file: 'ds.json' }, { validate, featureGates: defaultFeatureGates }).errors.map((e) => formatFieldError({ ...e, file: undefined }));
}

const mismatch = 'spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`';

test('a valid DaemonSet has no errors', () => {
  assert.equal(lines(ds()), []);
  assert.equal(lines(ds({ updateStrategy: { type: 'OnDelete' } })), []);
  assert.equal(lines(ds({ updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } } })), []);
});

test('ValidateDaemonSetSpec: a nil selector selects nothing (LabelSelectorAsSelector(nil) = Nothing), so the template labels do not match', () => {
  const { selector: _omitted, ...noSelector } = ds().spec as JsonObject;
  assert.equal(lines({ ...ds(), spec: noSelector }), [mismatch]);
  assert.equal(lines(ds({ selector: null })), [mismatch]);
  assert.equal(lines(ds({ selector: { matchLabels: { app: 'y' } } })), [mismatch]);
  assert.equal(lines(ds({ selector: { matchLabels: { ['__proto__']: 'x' } } })).length, 1);
});

test('ValidateDaemonSetSpec: an empty selector selects everything, and is invalid for a DaemonSet', () => {
  assert.equal(lines(ds({ selector: {} })), ['spec.selector: Invalid value: {}: empty selector is invalid for daemonset']);
  assert.equal(lines(ds({ selector: { matchLabels: {}, matchExpressions: [] } })), ['spec.selector: Invalid value: {}: empty selector is invalid for daemonset']);
});

test('ValidateLabelSelector: operators, values and keys; an invalid selector is not also reported as a mismatch', () => {
  const expr = (e: JsonObject): string[] => lines(ds({ selector: { matchExpressions: [e] } }));
  assert.equal(expr({ key: 'app', operator: 'Foo' }), ['spec.selector.matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator']);
  assert.equal(expr({ key: 'app', operator: 'Gt', values: ['1'] }), ['spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator']);
  assert.equal(expr({ key: 'app', operator: 'NotIn', values: [] }), ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]);
  assert.equal(expr({ key: 'app', operator: 'Exists', values: ['x'] }), ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]);
  assert.match(expr({ key: 'bad key!', operator: 'Exists' })[0]!, /^spec\.selector\.matchExpressions\[0\]\.key: Invalid value: "bad key!": name part must consist of/);
  assert.match(expr({ key: 'app', operator: 'In', values: ['x y'] })[0]!, /^spec\.selector\.matchExpressions\[0\]\.values\[0\]: Invalid value: "x y": a valid label must be/);
  assert.equal(expr({ key: 'app', operator: 'In', values: ['x', 'z'] }), []);
  const badLabels = lines(ds({ selector: { matchLabels: { 'bad key!': 'x y' } }, template: { metadata: { labels: { 'bad key!': 'x y' } }, spec: {} } }));
  assert.equal(badLabels.map((l) => l.split(': ').slice(0, 3).join(': ')), [
    'spec.selector.matchLabels: Invalid value: "bad key!"',
    'spec.selector.matchLabels: Invalid value: "x y"',
    'spec.template.labels: Invalid value: "bad key!"',
    'spec.template.labels: Invalid value: "x y"',
  ]);
});

test('ValidateRollingUpdateDaemonSet: non-negative, at most 100%, exactly one of maxUnavailable and maxSurge non-zero', () => {
  const rolling = (r: JsonObject): string[] => lines(ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: r } }));
  const base = 'spec.updateStrategy.rollingUpdate';
  assert.equal(rolling({ maxUnavailable: -5 }), [`${base}.maxUnavailable: Invalid value: -5: must be greater than or equal to 0`]);
  assert.equal(rolling({ maxUnavailable: '100000000000000000000000%', maxSurge: 0 }), [`${base}.maxUnavailable: Invalid value: "100000000000000000000000%": must not be greater than 100%`]);
  assert.equal(rolling({ maxUnavailable: 0, maxSurge: 0 }), [`${base}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`]);
  assert.equal(rolling({ maxUnavailable: '0%', maxSurge: '0%' }), [`${base}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`]);
  // maxUnavailable defaults to 1 (SetDefaults_DaemonSet), so a surge alone is refused.
  assert.equal(rolling({ maxSurge: 1 }), [`${base}.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero`]);
  assert.equal(rolling({ maxUnavailable: '10%', maxSurge: '20%' }), [`${base}.maxSurge: Invalid value: "20%": may not be set when maxUnavailable is non-zero`]);
  assert.equal(rolling({ maxUnavailable: 0, maxSurge: 2 }), []);
});

test("IsValidPercent and Go's int32: a string must be a percentage, a number an int32 (decode errors, also with --no-validate)", () => {
  const rolling = (r: JsonObject, validate = true): string[] => lines(ds({ updateStrategy: { rollingUpdate: r } }), validate);
  const base = 'spec.updateStrategy.rollingUpdate';
  const percent = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
  assert.equal(rolling({ maxUnavailable: 'x' }, false), [`${base}.maxUnavailable: Invalid value: "x": ${percent}`]);
  assert.equal(rolling({ maxUnavailable: '-5%' }, false), [`${base}.maxUnavailable: Invalid value: "-5%": ${percent}`]);
  assert.equal(rolling({ maxUnavailable: 0, maxSurge: 1e300 }, false), [`${base}.maxSurge: Invalid value: 1e+300: must be a whole number from -2147483648 to 2147483647 (Go int32)`]);
  assert.equal(rolling({ maxSurge: true }, false), [`${base}.maxSurge: Invalid value: true: must be an integer or percentage (e.g '5%')`]);
});

test('ValidateDaemonSetUpdateStrategy: an unknown type is refused with the strategy as Go marshals it', () => {
  assert.equal(lines(ds({ updateStrategy: { type: 'Sometimes' } }), false), ['spec.updateStrategy: Unsupported value: {"Type":"Sometimes","RollingUpdate":null}: supported values: "RollingUpdate", "OnDelete"']);
});

test('ValidateDaemonSetSpec: minReadySeconds and revisionHistoryLimit non-negative (ValidateNonnegativeField), int32 at decode', () => {
  assert.equal(lines(ds({ minReadySeconds: -1 })), ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0']);
  assert.equal(lines(ds({ revisionHistoryLimit: -1 })), ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0']);
  assert.equal(lines(ds({ revisionHistoryLimit: 0 })), []);
  for (const bad of [1e300, -1e300, 2 ** 31, 0.5]) {
    assert.match(lines(ds({ minReadySeconds: bad }), false)[0]!, /^spec\.minReadySeconds: Invalid value: .*: must be a whole number from -2147483648 to 2147483647 \(Go int32\)$/);
  }
});

test('ValidateDaemonSetSpec: the template restarts Always and has no activeDeadlineSeconds', () => {
  const template = (spec: JsonObject): JsonObject => ({ template: { metadata: { labels: { app: 'x' } }, spec } });
  assert.equal(lines(ds(template({ restartPolicy: 'Never' }))), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  assert.equal(lines(ds(template({ restartPolicy: 'Sometimes' }))), [
    'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always"',
  ]);
  assert.equal(lines(ds(template({ restartPolicy: 'Always' }))), []);
  assert.equal(lines(ds(template({ activeDeadlineSeconds: 30 }))), ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported']);
});

test('ValidateObjectMeta: name a DNS subdomain, namespace a DNS label, labels, annotations within 256 KiB', () => {
  assert.equal(lines(ds({}, { name: 'BAD_NAME!!', namespace: 'Bad NS' })).map((l) => l.split(': ').slice(0, 3).join(': ')), [
    'metadata.name: Invalid value: "BAD_NAME!!"',
    'metadata.namespace: Invalid value: "Bad NS"',
  ]);
  assert.equal(lines(ds({}, { namespace: 'a.b' })), ['metadata.namespace: Invalid value: "a.b": must not contain dots']);
  assert.equal(lines(ds({}, { name: '' })), ['metadata.name: Required value: name or generateName is required']);
  assert.equal(lines(ds({}, { name: '', generateName: 'agent-' })), []);
  assert.equal(lines(ds({}, { annotations: { big: 'x'.repeat(256 * 1024) } })), ['metadata.annotations: Too long: may not be more than 262144 bytes']);
  assert.match(lines(ds({}, { annotations: { 'Bad Key': 'v' } }))[0]!, /^metadata\.annotations: Invalid value: "Bad Key": name part must consist of/);
  assert.match(lines(ds({}, { labels: { app: 'x y' } }))[0]!, /^metadata\.labels: Invalid value: "x y": a valid label must be/);
});

test('with --no-validate, validation errors are not reported; decode errors still are', () => {
  assert.equal(lines(ds({ selector: {} }), false), []);
  assert.equal(lines(ds({}, { deletionTimestamp: '2024-02-30T00:00:00Z' }), false), ['metadata.deletionTimestamp: Invalid value: "2024-02-30T00:00:00Z": must be an RFC 3339 time: day out of range']);
});

test('pods: times and int64 fields as the API decodes them (pods-2e64.json, pods-1e300.json shapes)', () => {
  const pod = (toleration: JsonObject, metadata: JsonObject = {}): JsonObject => ({
    kind: 'Pod', metadata: { name: 'ds-a', uid: 'p1', creationTimestamp: '2023-12-01T00:00:00Z', ...metadata },
    spec: { nodeName: 'n1', tolerations: [{ key: 'x', operator: 'Exists', effect: 'NoExecute', ...toleration }] },
  });
  const errors = (object: JsonObject): string[] => {
    try {
      podsFromSources([{ object, file: 'pods.json' }]);
      return [];
    } catch (error) {
      return (error as { lines(): string[] }).lines();
    }
  };
  assert.equal(errors(pod({ tolerationSeconds: 60 })), []);
  assert.equal(errors(pod({ tolerationSeconds: 1e12 })), []);
  assert.equal(errors(pod({ tolerationSeconds: JSON.parse('18446744073709551616') })), [
    'pods.json: spec.tolerations[0].tolerationSeconds: Invalid value: 1.8446744073709552e+19: must be a whole number from -9223372036854775808 to 9223372036854775807 (Go int64)',
  ]);
  assert.match(errors(pod({ tolerationSeconds: 1e300 }))[0]!, /Invalid value: 1e\+300: must be a whole number/);
  assert.equal(errors(pod({}, { creationTimestamp: '2023-13-01T00:00:00Z' })), ['pods.json: metadata.creationTimestamp: Invalid value: "2023-13-01T00:00:00Z": must be an RFC 3339 time: month out of range']);
});

test.run();
