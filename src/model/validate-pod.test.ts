/**
 * Pod placement validation: every rule of upstream `ValidatePodSpec` that placement reads, checked
 * as the exact line kubectl prints (`path: Type: value: detail`, via formatFieldError).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError } from '../errors.js';
import { defaultFeatureGates, type FeatureGates } from './feature-gates.js';
import type { NodeSelectorRequirement, NodeSelectorTerm, PodPlacement, PreferredSchedulingTerm, Toleration } from './types.js';
import { validatePodPlacement } from './validate-pod.js';
import { decodeWorkload } from './workload.js';

const nameRegexError =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueError =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const subdomainError =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const required = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
const preferred = 'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution';
const gateOn: FeatureGates = { TaintTolerationComparisonOperators: true };

function pod(fields: Partial<PodPlacement> = {}): PodPlacement {
  return {
    nodeName: '',
    nodeSelector: undefined,
    requiredTerms: undefined,
    preferredTerms: undefined,
    tolerations: [],
    hostNetwork: false,
    ...fields,
  };
}

const expr = (key: string, operator: string, values: string[] = []): NodeSelectorRequirement => ({ key, operator, values });
const term = (matchExpressions: NodeSelectorRequirement[] = [], matchFields: NodeSelectorRequirement[] = []): NodeSelectorTerm => ({ matchExpressions, matchFields });
const pref = (weight: number, preference: NodeSelectorTerm): PreferredSchedulingTerm => ({ weight, preference });
const tol = (t: Partial<Toleration>): Toleration => ({ key: '', operator: '', value: '', effect: '', ...t });

function lines(p: PodPlacement, specPath = 'spec.', gates: FeatureGates = defaultFeatureGates): string[] {
  return validatePodPlacement(p, specPath, gates).map(formatFieldError);
}
const withRequired = (...terms: NodeSelectorTerm[]): string[] => lines(pod({ requiredTerms: terms }));
const withPreferred = (...terms: PreferredSchedulingTerm[]): string[] => lines(pod({ preferredTerms: terms }));
const withTolerations = (tolerations: Toleration[], gates: FeatureGates = defaultFeatureGates): string[] =>
  lines(pod({ tolerations }), 'spec.', gates);

// ---------- valid pods ----------

test('an empty pod spec is valid', () => {
  assert.equal(lines(pod()), []);
});

test('a pod using every placement field correctly is valid', () => {
  const p = pod({
    nodeName: 'ip-10-0-0-1.ec2.internal',
    nodeSelector: new Map([['kubernetes.io/os', 'linux'], ['disktype', '']]),
    requiredTerms: [
      term([expr('zone', 'In', ['a', 'b']), expr('gpu', 'DoesNotExist'), expr('cores', 'Gt', ['4']), expr('mem', 'Lt', ['0700'])]),
      term([], [expr('metadata.name', 'NotIn', ['node-1'])]),
    ],
    preferredTerms: [pref(1, term([expr('a', 'Exists')])), pref(100, term([expr('b', 'NotIn', ['x'])]))],
    tolerations: [
      tol({ operator: 'Exists' }),
      tol({ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }),
      tol({ key: 'k', value: '', effect: 'PreferNoSchedule' }),
      tol({ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }),
    ],
  });
  assert.equal(lines(p), []);
});

// ---------- node affinity: matchExpressions ----------

test('matchExpressions: unknown operator (case matters) → .operator Invalid', () => {
  assert.equal(withRequired(term([expr('zone', 'in', ['a'])])), [
    `${required}[0].matchExpressions[0].operator: Invalid value: "in": not a valid selector operator`,
  ]);
  assert.equal(withRequired(term([expr('zone', '', ['a'])])), [
    `${required}[0].matchExpressions[0].operator: Invalid value: "": not a valid selector operator`,
  ]);
});

test('matchExpressions: In / NotIn without values → .values Required', () => {
  assert.equal(withRequired(term([expr('zone', 'In')])), [
    `${required}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
  ]);
  assert.equal(withRequired(term([expr('a', 'Exists'), expr('zone', 'NotIn')])), [
    `${required}[0].matchExpressions[1].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
  ]);
});

test('matchExpressions: Exists / DoesNotExist with values → .values Forbidden', () => {
  assert.equal(withRequired(term([expr('gpu', 'Exists', ['x'])])), [
    `${required}[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
  ]);
  assert.equal(withRequired(term(), term([expr('gpu', 'DoesNotExist', ['x', 'y'])])), [
    `${required}[1].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
  ]);
});

test('matchExpressions: Gt / Lt need exactly one value', () => {
  const msg = "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'";
  assert.equal(withRequired(term([expr('cores', 'Gt')])), [`${required}[0].matchExpressions[0].values: ${msg}`]);
  assert.equal(withRequired(term([expr('cores', 'Lt', ['1', '2'])])), [`${required}[0].matchExpressions[0].values: ${msg}`]);
});

test('matchExpressions: Gt "abc" is accepted by validation (only the count is checked)', () => {
  assert.equal(withRequired(term([expr('cores', 'Gt', ['abc'])])), []);
  assert.equal(withRequired(term([expr('cores', 'Lt', ['-5'])])), [
    // '-5' is not a valid label value: the label-value check still runs on required terms
    `${required}[0].matchExpressions[0].values[0]: Invalid value: "-5": ${labelValueError}`,
  ]);
  assert.equal(withPreferred(pref(5, term([expr('cores', 'Lt', ['-5'])]))), []);
});

test('matchExpressions: key is checked as a label key at .key', () => {
  assert.equal(withRequired(term([expr('-zone', 'Exists')])), [
    `${required}[0].matchExpressions[0].key: Invalid value: "-zone": ${nameRegexError}`,
  ]);
  assert.equal(withRequired(term([expr('', 'Exists')])), [
    `${required}[0].matchExpressions[0].key: Invalid value: "": name part must be non-empty`,
    `${required}[0].matchExpressions[0].key: Invalid value: "": ${nameRegexError}`,
  ]);
});

test('matchExpressions: operator error comes before key error, value errors last', () => {
  assert.equal(withRequired(term([expr('-k', 'Foo', ['-v'])])), [
    `${required}[0].matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator`,
    `${required}[0].matchExpressions[0].key: Invalid value: "-k": ${nameRegexError}`,
    `${required}[0].matchExpressions[0].values[0]: Invalid value: "-v": ${labelValueError}`,
  ]);
});

test('required terms: invalid label value reported at .values[k], one line per message', () => {
  assert.equal(withRequired(term([expr('zone', 'In', ['ok', 'not ok'])])), [
    `${required}[0].matchExpressions[0].values[1]: Invalid value: "not ok": ${labelValueError}`,
  ]);
  const long = 'v'.repeat(64);
  assert.equal(withRequired(term([expr('zone', 'In', [`${long}-`])])), [
    `${required}[0].matchExpressions[0].values[0]: Invalid value: "${long}-": must be no more than 63 bytes`,
    `${required}[0].matchExpressions[0].values[0]: Invalid value: "${long}-": ${labelValueError}`,
  ]);
});

test('preferred terms: invalid label values are allowed, keys are still checked', () => {
  assert.equal(withPreferred(pref(10, term([expr('zone', 'In', ['not ok', 'x'.repeat(64)])]))), []);
  assert.equal(withPreferred(pref(10, term([expr('bad key', 'In', ['not ok'])]))), [
    `${preferred}[0].preference.matchExpressions[0].key: Invalid value: "bad key": ${nameRegexError}`,
  ]);
  assert.equal(withPreferred(pref(10, term([expr('zone', 'In')]))), [
    `${preferred}[0].preference.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
  ]);
});

// ---------- node affinity: terms ----------

test('an empty nodeSelectorTerms list → Required "must have at least one node selector term"', () => {
  assert.equal(withRequired(), [`${required}: Required value: must have at least one node selector term`]);
});

test('an empty term is allowed', () => {
  assert.equal(withRequired(term()), []);
  assert.equal(withRequired(term(), term([expr('a', 'Exists')])), []);
  assert.equal(withPreferred(pref(1, term())), []);
});

test('an absent required block imposes nothing and is valid', () => {
  assert.equal(lines(pod({ requiredTerms: undefined, preferredTerms: [] })), []);
});

// ---------- node affinity: matchFields ----------

test('matchFields: only In / NotIn', () => {
  assert.equal(withRequired(term([], [expr('metadata.name', 'Exists')])), [
    `${required}[0].matchFields[0].operator: Invalid value: "Exists": not a valid selector operator`,
  ]);
  assert.equal(withRequired(term([], [expr('metadata.name', 'Gt', ['1'])])), [
    `${required}[0].matchFields[0].operator: Invalid value: "Gt": not a valid selector operator`,
  ]);
});

test('matchFields: exactly one value', () => {
  const msg = "Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector";
  assert.equal(withRequired(term([], [expr('metadata.name', 'In', ['a', 'b'])])), [`${required}[0].matchFields[0].values: ${msg}`]);
  assert.equal(withRequired(term([], [expr('metadata.name', 'NotIn')])), [`${required}[0].matchFields[0].values: ${msg}`]);
});

test('matchFields: key must be metadata.name', () => {
  assert.equal(withRequired(term([], [expr('metadata.labels', 'In', ['a'])])), [
    `${required}[0].matchFields[0].key: Invalid value: "metadata.labels": not a valid field selector key`,
  ]);
  // with an unknown key the values are not checked as node names
  assert.equal(withRequired(term([], [expr('spec.x', 'In', ['Not A Name'])])), [
    `${required}[0].matchFields[0].key: Invalid value: "spec.x": not a valid field selector key`,
  ]);
});

test('matchFields: the value must be a DNS-1123 subdomain (node name), also in preferred terms', () => {
  assert.equal(withRequired(term([], [expr('metadata.name', 'In', ['Node_1'])])), [
    `${required}[0].matchFields[0].values[0]: Invalid value: "Node_1": ${subdomainError}`,
  ]);
  assert.equal(withPreferred(pref(3, term([], [expr('metadata.name', 'In', ['Node_1'])]))), [
    `${preferred}[0].preference.matchFields[0].values[0]: Invalid value: "Node_1": ${subdomainError}`,
  ]);
  const long = 'n'.repeat(254);
  assert.equal(withRequired(term([], [expr('metadata.name', 'In', [long])])), [
    `${required}[0].matchFields[0].values[0]: Invalid value: "${long}": must be no more than 253 characters`,
  ]);
});

test('matchFields: several problems at once, in upstream order', () => {
  assert.equal(withRequired(term([], [expr('metadata.name', 'Exists', ['A', 'B'])])), [
    `${required}[0].matchFields[0].operator: Invalid value: "Exists": not a valid selector operator`,
    `${required}[0].matchFields[0].values[0]: Invalid value: "A": ${subdomainError}`,
    `${required}[0].matchFields[0].values[1]: Invalid value: "B": ${subdomainError}`,
  ]);
});

// ---------- preferred weights ----------

test('preferred weight 0 and 101 → "must be in the range 1-100", printed bare', () => {
  assert.equal(withPreferred(pref(0, term([expr('a', 'Exists')]))), [
    `${preferred}[0].weight: Invalid value: 0: must be in the range 1-100`,
  ]);
  assert.equal(withPreferred(pref(50, term()), pref(101, term())), [
    `${preferred}[1].weight: Invalid value: 101: must be in the range 1-100`,
  ]);
  assert.equal(withPreferred(pref(-3, term())), [`${preferred}[0].weight: Invalid value: -3: must be in the range 1-100`]);
  assert.equal(withPreferred(pref(1, term()), pref(100, term())), []);
});

test('a bad weight and a bad preference are both reported', () => {
  assert.equal(withPreferred(pref(0, term([expr('a', 'In')]))), [
    `${preferred}[0].weight: Invalid value: 0: must be in the range 1-100`,
    `${preferred}[0].preference.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
  ]);
});

// ---------- nodeSelector, nodeName ----------

test('nodeSelector errors are reported at the bare map path spec.nodeSelector', () => {
  assert.equal(lines(pod({ nodeSelector: new Map([['bad key', 'ok']]) })), [
    `spec.nodeSelector: Invalid value: "bad key": ${nameRegexError}`,
  ]);
  assert.equal(lines(pod({ nodeSelector: new Map([['disktype', 'not ok']]) })), [
    `spec.nodeSelector: Invalid value: "not ok": ${labelValueError}`,
  ]);
  assert.equal(lines(pod({ nodeSelector: new Map([['a/b/c', 'x'.repeat(64)]]) })), [
    "spec.nodeSelector: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    `spec.nodeSelector: Invalid value: "${'x'.repeat(64)}": must be no more than 63 bytes`,
  ]);
});

test('nodeSelector: empty value and empty map are valid', () => {
  assert.equal(lines(pod({ nodeSelector: new Map([['disktype', '']]) })), []);
  assert.equal(lines(pod({ nodeSelector: new Map() })), []);
});

test('nodeName must be a DNS-1123 subdomain', () => {
  assert.equal(lines(pod({ nodeName: 'Node_1' })), [`spec.nodeName: Invalid value: "Node_1": ${subdomainError}`]);
  const long = 'a'.repeat(254);
  assert.equal(lines(pod({ nodeName: long })), [`spec.nodeName: Invalid value: "${long}": must be no more than 253 characters`]);
  assert.equal(lines(pod({ nodeName: 'worker-1.example.com' })), []);
});

// ---------- tolerations ----------

test('toleration: empty key needs operator Exists ("match all values and all keys")', () => {
  assert.equal(withTolerations([tol({ operator: 'Equal' })]), [
    'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
  ]);
  assert.equal(withTolerations([tol({})]), [
    'spec.tolerations[0].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"',
  ]);
  assert.equal(withTolerations([tol({ operator: 'Exists' })]), []);
  assert.equal(withTolerations([tol({ operator: 'Exists', effect: 'NoSchedule' })]), []);
});

test('toleration: key is checked as a label key', () => {
  assert.equal(withTolerations([tol({ key: 'a/b/c', operator: 'Exists' })]), [
    "spec.tolerations[0].key: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
  ]);
});

test('toleration: tolerationSeconds needs effect NoExecute, reported at .effect', () => {
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 })]), [
    "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
  ]);
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Exists', tolerationSeconds: 0 })]), [
    "spec.tolerations[0].effect: Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set",
  ]);
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -1 })]), []);
});

test('toleration: Equal with an invalid value is reported at .operator (upstream quirk), messages joined with ";"', () => {
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Equal', value: 'not ok' })]), [
    `spec.tolerations[0].operator: Invalid value: "not ok": ${labelValueError}`,
  ]);
  const long = `${'v'.repeat(64)}-`;
  assert.equal(withTolerations([tol({ key: 'k', value: long })]), [
    `spec.tolerations[0].operator: Invalid value: "${long}": must be no more than 63 bytes;${labelValueError}`,
  ]);
});

test('toleration: Exists with a value is reported at .operator', () => {
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Exists', value: 'v' })]), [
    "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
  ]);
});

test('toleration: unknown operator → Unsupported with "Equal", "Exists"', () => {
  assert.equal(withTolerations([tol({ key: 'k', operator: 'exists' })]), [
    'spec.tolerations[0].operator: Unsupported value: "exists": supported values: "Equal", "Exists"',
  ]);
  assert.equal(withTolerations([tol({ key: 'k', operator: 'In', value: 'v' })], gateOn), [
    'spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"',
  ]);
});

test('toleration: Gt / Lt with the gate off → Unsupported listing "Equal", "Exists", "Lt", "Gt"', () => {
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Gt', value: '5' })]), [
    'spec.tolerations[0].operator: Unsupported value: "Gt": supported values: "Equal", "Exists", "Lt", "Gt"',
  ]);
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Lt', value: 'abc' })]), [
    'spec.tolerations[0].operator: Unsupported value: "Lt": supported values: "Equal", "Exists", "Lt", "Gt"',
  ]);
});

test('toleration: Gt / Lt with the gate on accept canonical integers', () => {
  for (const value of ['0', '5', '-5', '9223372036854775807', '-9223372036854775808']) {
    assert.equal(withTolerations([tol({ key: 'k', operator: 'Gt', value })], gateOn), [], value);
    assert.equal(withTolerations([tol({ key: 'k', operator: 'Lt', value, effect: 'NoSchedule' })], gateOn), [], value);
  }
});

test('toleration: Gt "abc" with the gate on → two errors at .value', () => {
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Gt', value: 'abc' })], gateOn), [
    'spec.tolerations[0].value: Invalid value: "abc": must be a valid decimal integer in canonical form',
    'spec.tolerations[0].value: Invalid value: "abc": strconv.ParseInt: parsing "abc": invalid syntax',
  ]);
});

test('toleration: non-canonical but parsable ("0700", "+5", "-0") → only the canonical-form error', () => {
  for (const value of ['0700', '+5', '-0', '00']) {
    assert.equal(withTolerations([tol({ key: 'k', operator: 'Lt', value })], gateOn), [
      `spec.tolerations[0].value: Invalid value: "${value}": must be a valid decimal integer in canonical form`,
    ], value);
  }
});

test('toleration: out of int64 range → only the ParseInt error', () => {
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Gt', value: '9223372036854775808' })], gateOn), [
    'spec.tolerations[0].value: Invalid value: "9223372036854775808": strconv.ParseInt: parsing "9223372036854775808": value out of range',
  ]);
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Gt', value: '-9223372036854775809' })], gateOn), [
    'spec.tolerations[0].value: Invalid value: "-9223372036854775809": strconv.ParseInt: parsing "-9223372036854775809": value out of range',
  ]);
});

test('toleration: empty Gt value with the gate on → non-empty and ParseInt errors', () => {
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Gt' })], gateOn), [
    'spec.tolerations[0].value: Invalid value: "": must be non-empty',
    'spec.tolerations[0].value: Invalid value: "": strconv.ParseInt: parsing "": invalid syntax',
  ]);
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Gt', value: '-' })], gateOn), [
    'spec.tolerations[0].value: Invalid value: "-": must be a valid decimal integer in canonical form',
    'spec.tolerations[0].value: Invalid value: "-": strconv.ParseInt: parsing "-": invalid syntax',
  ]);
});

test('toleration: unsupported effect', () => {
  assert.equal(withTolerations([tol({ key: 'k', operator: 'Exists', effect: 'noschedule' })]), [
    'spec.tolerations[0].effect: Unsupported value: "noschedule": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
  ]);
});

test('toleration: independent checks all report, in upstream order', () => {
  // empty key + Equal + bad value + tolerationSeconds without NoExecute + bad effect
  assert.equal(withTolerations([tol({ operator: 'Equal', value: 'not ok', effect: 'Bad', tolerationSeconds: 5 })]), [
    'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    "spec.tolerations[0].effect: Invalid value: \"Bad\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    `spec.tolerations[0].operator: Invalid value: "not ok": ${labelValueError}`,
    'spec.tolerations[0].effect: Unsupported value: "Bad": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
  ]);
});

test('toleration: duplicates are not rejected for pods; indexes follow the list', () => {
  const t = tol({ key: 'k', operator: 'Exists', effect: 'NoSchedule' });
  assert.equal(withTolerations([t, t]), []);
  assert.equal(withTolerations([t, tol({ key: 'k', operator: 'exists' })]), [
    'spec.tolerations[1].operator: Unsupported value: "exists": supported values: "Equal", "Exists"',
  ]);
});

// ---------- paths for workload kinds ----------

const badSpec = {
  nodeName: 'Bad_Name',
  nodeSelector: { 'bad key': 'v' },
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
  tolerations: [{ key: 'k', operator: 'exists' }],
};

function workloadLines(object: Record<string, unknown>): string[] {
  const decoded = decodeWorkload(object);
  if (!decoded.ok) throw new Error(`decode failed: ${decoded.errors.map(formatFieldError).join('\n')}`);
  return validatePodPlacement(decoded.workload.pod, decoded.workload.specPath, defaultFeatureGates).map(formatFieldError);
}

function expectedAt(prefix: string): string[] {
  return [
    `${prefix}nodeName: Invalid value: "Bad_Name": ${subdomainError}`,
    `${prefix}nodeSelector: Invalid value: "bad key": ${nameRegexError}`,
    `${prefix}affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term`,
    `${prefix}tolerations[0].operator: Unsupported value: "exists": supported values: "Equal", "Exists"`,
  ];
}

test('paths for a Pod start at spec.', () => {
  assert.equal(workloadLines({ kind: 'Pod', spec: badSpec }), expectedAt('spec.'));
});

test('paths for a Deployment start at spec.template.spec.', () => {
  assert.equal(workloadLines({ kind: 'Deployment', spec: { template: { spec: badSpec } } }), expectedAt('spec.template.spec.'));
});

test('paths for a CronJob start at spec.jobTemplate.spec.template.spec.', () => {
  assert.equal(
    workloadLines({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: badSpec } } } } }),
    expectedAt('spec.jobTemplate.spec.template.spec.'),
  );
});

test('paths for a PodTemplate start at template.spec.', () => {
  assert.equal(workloadLines({ kind: 'PodTemplate', template: { spec: badSpec } }), expectedAt('template.spec.'));
});

test('validation never mutates its input and is repeatable', () => {
  const p = pod({ tolerations: [tol({ key: 'k', operator: 'exists' })] });
  const snapshot = JSON.stringify(p);
  assert.equal(lines(p), lines(p));
  assert.is(JSON.stringify(p), snapshot);
});

test.run();
