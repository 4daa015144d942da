/**
 * Finding the pod (template) of every workload kind, and decoding its placement fields.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldError, isPlacementError } from '../errors.js';
import { defaultFeatureGates } from './feature-gates.js';
import { parseDocuments } from './parse-documents.js';
import type { Workload } from './types.js';
import { validatePodPlacement } from './validate-pod.js';
import { decodeWorkload, isWorkloadKind, toWorkload, workloadKinds } from './workload.js';
import { realFixturesDir } from '../testdata/fixtures.js';

const fixtures = realFixturesDir;

/** A pod spec with one of each placement field, to find again after decoding. */
const podSpec = {
  nodeName: 'node-1',
  nodeSelector: { disktype: 'ssd' },
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 7, preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] } }],
    },
  },
  tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
  hostNetwork: true,
};

function ok(object: Record<string, unknown>): Workload {
  const decoded = decodeWorkload(object);
  if (!decoded.ok) throw new Error(decoded.errors.map(formatFieldError).join('\n'));
  return decoded.workload;
}

function errors(object: Record<string, unknown>): string[] {
  const decoded = decodeWorkload(object);
  assert.not.ok(decoded.ok, 'expected decoding to fail');
  return decoded.ok ? [] : decoded.errors.map(formatFieldError);
}

function assertPodSpecRead(w: Workload): void {
  assert.is(w.pod.nodeName, 'node-1');
  assert.equal([...(w.pod.nodeSelector ?? [])], [['disktype', 'ssd']]);
  assert.equal(w.pod.requiredTerms, [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }], matchFields: [] }]);
  assert.equal(w.pod.preferredTerms, [{ weight: 7, preference: { matchExpressions: [], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] } }]);
  assert.equal(w.pod.tolerations, [{ key: 'gpu', operator: 'Exists', value: '', effect: 'NoExecute', tolerationSeconds: 30 }]);
  assert.is(w.pod.hostNetwork, true);
}

const cases: [string, string, Record<string, unknown>][] = [
  ['Pod', 'spec.', { apiVersion: 'v1', kind: 'Pod', spec: podSpec }],
  ['PodTemplate', 'template.spec.', { apiVersion: 'v1', kind: 'PodTemplate', template: { spec: podSpec } }],
  ['Deployment', 'spec.template.spec.', { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: { spec: podSpec } } }],
  ['ReplicaSet', 'spec.template.spec.', { apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { template: { spec: podSpec } } }],
  ['ReplicationController', 'spec.template.spec.', { apiVersion: 'v1', kind: 'ReplicationController', spec: { template: { spec: podSpec } } }],
  ['StatefulSet', 'spec.template.spec.', { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { template: { spec: podSpec } } }],
  ['StatefulSet', 'spec.template.spec.', { apiVersion: 'apps/v1beta1', kind: 'StatefulSet', spec: { template: { spec: podSpec } } }],
  ['DaemonSet', 'spec.template.spec.', { apiVersion: 'apps/v1', kind: 'DaemonSet', spec: { template: { spec: podSpec } } }],
  ['Job', 'spec.template.spec.', { apiVersion: 'batch/v1', kind: 'Job', spec: { template: { spec: podSpec } } }],
  ['CronJob', 'spec.jobTemplate.spec.template.spec.', { apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } }],
];

for (const [kind, specPath, object] of cases) {
  test(`${kind} (${String(object['apiVersion'])}): pod spec read from ${specPath}`, () => {
    const w = ok(object);
    assert.is(w.kind, kind);
    assert.is(w.specPath, specPath);
    assertPodSpecRead(w);
    assert.is(w.raw, object);
  });
}

test('every supported kind is listed', () => {
  assert.equal([...workloadKinds].sort(), ['CronJob', 'DaemonSet', 'Deployment', 'Job', 'Pod', 'PodTemplate', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);
  assert.ok(isWorkloadKind('Deployment'));
  assert.not.ok(isWorkloadKind('Service'));
  assert.not.ok(isWorkloadKind('deployment'));
  assert.not.ok(isWorkloadKind('toString'));
  assert.not.ok(isWorkloadKind('__proto__'));
  assert.not.ok(isWorkloadKind(undefined));
});

const supported = 'supported values: "Pod", "PodTemplate", "Deployment", "ReplicaSet", "ReplicationController", "StatefulSet", "DaemonSet", "Job", "CronJob"';

test('unsupported kind → kind: Unsupported value', () => {
  assert.equal(errors({ kind: 'Service', spec: {} }), [`kind: Unsupported value: "Service": ${supported}`]);
  assert.equal(errors({ kind: 'Node', metadata: { name: 'n' } }), [`kind: Unsupported value: "Node": ${supported}`]);
  assert.equal(errors({ kind: 'constructor' }), [`kind: Unsupported value: "constructor": ${supported}`]);
});

test('missing kind → kind: Unsupported value ""', () => {
  assert.equal(errors({ spec: podSpec }), [`kind: Unsupported value: "": ${supported}`]);
});

test('missing template → Required at the first missing step', () => {
  assert.equal(errors({ kind: 'Deployment', spec: {} }), ['spec.template: Required value']);
  assert.equal(errors({ kind: 'Deployment' }), ['spec: Required value']);
  assert.equal(errors({ kind: 'Deployment', spec: { template: {} } }), ['spec.template.spec: Required value']);
  assert.equal(errors({ kind: 'CronJob', spec: { jobTemplate: { spec: {} } } }), ['spec.jobTemplate.spec.template: Required value']);
  assert.equal(errors({ kind: 'PodTemplate' }), ['template: Required value']);
  assert.equal(errors({ kind: 'Pod' }), ['spec: Required value']);
  assert.equal(errors({ kind: 'Job', spec: { template: null } }), ['spec.template: Required value']);
});

test('a template of the wrong type → Invalid at that step', () => {
  assert.equal(errors({ kind: 'Deployment', spec: { template: 'x' } }), ['spec.template: Invalid value: "x": must be an object, not string']);
  assert.equal(errors({ kind: 'Pod', spec: [] }), ['spec: Invalid value: []: must be an object, not array']);
});

test('an empty pod spec decodes to a pod with no constraints', () => {
  const w = ok({ kind: 'Pod', spec: {} });
  assert.equal(w.pod, { nodeName: '', nodeSelector: undefined, requiredTerms: undefined, preferredTerms: undefined, tolerations: [], hostNetwork: false });
});

test('metadata: name, generateName fallback, namespace default, labels', () => {
  const named = ok({ kind: 'Pod', metadata: { name: 'web', namespace: 'prod', labels: { app: 'web' } }, spec: {} });
  assert.is(named.name, 'web');
  assert.is(named.namespace, 'prod');
  assert.equal([...named.labels], [['app', 'web']]);
  const generated = ok({ kind: 'Pod', metadata: { generateName: 'web-' }, spec: {} });
  assert.is(generated.name, 'web-');
  assert.is(generated.namespace, 'default');
  assert.equal(ok({ kind: 'Pod', spec: {} }).name, '');
});

test('null fields read as absent (Go zero values)', () => {
  const w = ok({ kind: 'Pod', spec: { nodeName: null, nodeSelector: null, affinity: null, tolerations: null, hostNetwork: null } });
  assert.equal(w.pod, { nodeName: '', nodeSelector: undefined, requiredTerms: undefined, preferredTerms: undefined, tolerations: [], hostNetwork: false });
});

test('affinity without nodeAffinity, and nodeAffinity without a required block, impose nothing', () => {
  assert.is(ok({ kind: 'Pod', spec: { affinity: { podAntiAffinity: {} } } }).pod.requiredTerms, undefined);
  const w = ok({ kind: 'Pod', spec: { affinity: { nodeAffinity: {} } } });
  assert.is(w.pod.requiredTerms, undefined);
  assert.is(w.pod.preferredTerms, undefined);
});

test('a required block without terms decodes to an empty list (validation rejects it)', () => {
  const w = ok({ kind: 'Pod', spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } } });
  assert.equal(w.pod.requiredTerms, []);
});

test('type errors are collected with their paths, under the workload\'s spec path', () => {
  const deployment = {
    kind: 'Deployment',
    spec: {
      template: {
        spec: {
          nodeName: 5,
          nodeSelector: { disktype: true, zone: 'a' },
          tolerations: [{ key: 'k', tolerationSeconds: '30' }, 'nope'],
          affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: '5', preference: {} }] } },
        },
      },
    },
  };
  assert.equal(errors(deployment), [
    'spec.template.spec.nodeName: Invalid value: 5: must be a string, not number',
    'spec.template.spec.nodeSelector[disktype]: Invalid value: true: must be a string, not boolean',
    'spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: "5": must be an integer, not string',
    'spec.template.spec.tolerations[0].tolerationSeconds: Invalid value: "30": must be an integer, not string',
    'spec.template.spec.tolerations[1]: Invalid value: "nope": must be an object, not string',
  ]);
});

test('YAML: nodeSelector value `true` unquoted → error at spec.nodeSelector[key]', () => {
  const [source] = parseDocuments('kind: Pod\nspec:\n  nodeSelector:\n    cloud.google.com/gke-spot: true\n', 'pod.yaml');
  assert.ok(source);
  assert.equal(errors(source.object), ['spec.nodeSelector[cloud.google.com/gke-spot]: Invalid value: true: must be a string, not boolean']);
  // quoted, as the real GKE Job does, it is a string
  const [quoted] = parseDocuments('kind: Pod\nspec:\n  nodeSelector:\n    cloud.google.com/gke-spot: "true"\n', 'pod.yaml');
  assert.ok(quoted);
  assert.equal([...(ok(quoted.object).pod.nodeSelector ?? [])], [['cloud.google.com/gke-spot', 'true']]);
});

test('YAML: weight "5" as a string is a type error', () => {
  const text = [
    'kind: Pod',
    'spec:',
    '  affinity:',
    '    nodeAffinity:',
    '      preferredDuringSchedulingIgnoredDuringExecution:',
    '      - weight: "5"',
    '        preference: {matchExpressions: [{key: a, operator: Exists}]}',
    '',
  ].join('\n');
  const [source] = parseDocuments(text, 'w.yaml');
  assert.ok(source);
  assert.equal(errors(source.object), [
    'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: "5": must be an integer, not string',
  ]);
});

test('tolerations that are not a list are a type error', () => {
  assert.equal(errors({ kind: 'Pod', spec: { tolerations: { key: 'k', operator: 'Exists' } } }), [
    'spec.tolerations: Invalid value: {"key":"k","operator":"Exists"}: must be a list, not object',
  ]);
  assert.equal(errors({ kind: 'Pod', spec: { tolerations: 'all' } }), ['spec.tolerations: Invalid value: "all": must be a list, not string']);
});

test('values that are not a list of strings are type errors', () => {
  const spec = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'In', values: 'x' }, { key: 'b', operator: 'Gt', values: [5] }] }] } } } };
  assert.equal(errors({ kind: 'Pod', spec }), [
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Invalid value: "x": must be a list, not string',
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values[0]: Invalid value: 5: must be a string, not number',
  ]);
});

test('a null list item is the zero value, as Go decodes it (and validation then sees it)', () => {
  const [source] = parseDocuments(
    [
      'kind: Pod',
      'spec:',
      '  tolerations:',
      '  -',
      '  affinity:',
      '    nodeAffinity:',
      '      requiredDuringSchedulingIgnoredDuringExecution:',
      '        nodeSelectorTerms:',
      '        - null',
      '',
    ].join('\n'),
    'nulls.yaml',
  );
  assert.ok(source);
  const w = ok(source.object);
  assert.equal(w.pod.tolerations, [{ key: '', operator: '', value: '', effect: '' }]);
  assert.equal(w.pod.requiredTerms, [{ matchExpressions: [], matchFields: [] }]);
  assert.equal(validatePodPlacement(w.pod, w.specPath, defaultFeatureGates).map(formatFieldError), [
    'spec.tolerations[0].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"',
  ]);
});

test('__proto__ and constructor as nodeSelector keys are ordinary keys (JSON)', () => {
  const [source] = parseDocuments('{"kind":"Pod","spec":{"nodeSelector":{"__proto__":"x","constructor":"y","toString":"z"}}}', 'p.json');
  assert.ok(source);
  const w = ok(source.object);
  assert.equal([...(w.pod.nodeSelector ?? [])], [['__proto__', 'x'], ['constructor', 'y'], ['toString', 'z']]);
  assert.is(({} as Record<string, unknown>)['x'], undefined);
});

test('__proto__ and constructor as label and nodeSelector keys are ordinary keys (YAML)', () => {
  const text = 'kind: Deployment\nmetadata:\n  labels:\n    __proto__: a\n    constructor: b\nspec:\n  template:\n    spec:\n      nodeSelector:\n        __proto__: x\n        constructor: y\n';
  const [source] = parseDocuments(text, 'p.yaml');
  assert.ok(source);
  const w = ok(source.object);
  assert.equal([...w.labels], [['__proto__', 'a'], ['constructor', 'b']]);
  assert.equal([...(w.pod.nodeSelector ?? [])], [['__proto__', 'x'], ['constructor', 'y']]);
});

test('a missing pod spec step named __proto__ or constructor is not found on the prototype', () => {
  // `spec.template` lookups must be own-property reads: {} has a `constructor` through its prototype.
  assert.equal(errors({ kind: 'Pod', metadata: {} }), ['spec: Required value']);
  const w = ok({ kind: 'Pod', spec: {} });
  assert.equal(w.pod.tolerations, []);
});

test('toWorkload: throws a PlacementError whose lines carry the file', () => {
  try {
    toWorkload({ kind: 'Deployment', spec: {} }, 'app.yaml');
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.ok(isPlacementError(error));
    assert.is(error.code, 'invalid');
    assert.equal(error.lines(), ['app.yaml: spec.template: Required value']);
  }
  assert.is(toWorkload({ kind: 'Pod', spec: {} }).kind, 'Pod');
});

test('real fixtures: the apps/v1beta1 StatefulSet, a Job and a Deployment decode as expected', () => {
  const read = (name: string): Workload => {
    const [source] = parseDocuments(readFileSync(`${fixtures}/workloads/${name}`, 'utf8'), name);
    assert.ok(source, name);
    return ok(source.object);
  };
  const sts = read('gke-tf-notebook-gpu-statefulset.yaml');
  assert.is(sts.kind, 'StatefulSet');
  assert.is(sts.specPath, 'spec.template.spec.');
  assert.equal(sts.pod.tolerations, [{ key: 'nvidia.com/gpu', operator: '', value: '', effect: 'NoSchedule' }]);

  const job = read('gke-spot-job.yaml');
  assert.is(job.kind, 'Job');
  assert.equal([...(job.pod.nodeSelector ?? [])], [['cloud.google.com/gke-spot', 'true']]);

  const deploy = read('gke-postgres-prepare-ha-deployment.yaml');
  assert.is(deploy.kind, 'Deployment');
  assert.equal([...(deploy.pod.nodeSelector ?? [])], [['app.stateful/component', 'postgresql']]);
  assert.equal(deploy.pod.preferredTerms, [
    { weight: 1, preference: { matchExpressions: [{ key: 'cloud.google.com/compute-class', operator: 'In', values: ['Scale-Out'] }], matchFields: [] } },
  ]);
  assert.is(deploy.pod.requiredTerms, undefined);
  assert.equal(deploy.pod.tolerations, [{ key: 'app.stateful/component', operator: 'Equal', value: 'postgresql', effect: 'NoSchedule' }]);
});

test.run();
