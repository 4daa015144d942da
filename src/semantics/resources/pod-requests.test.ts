/**
 * PodRequests, ported from k8s.io/component-helpers/resource/helpers_test.go (TestPodRequestsAndLimits,
 * TestPodRequestsAndLimitsWithoutOverhead, TestPodResourceRequests, TestPodLevelResourceRequests,
 * TestAggregateContainerRequestsAndLimits), plus the API server's pod-level request defaulting.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JsonObject } from '../../model/decode.js';
import { parseQuantity } from '../../model/quantity.js';
import { podResources } from '../../testing/resource-fixtures.js';
import { aggregateContainerRequests, effectivePodLevelRequests, podRequests, type PodRequestsOptions } from './pod-requests.js';

const nanos = (text: string): string => {
  const p = parseQuantity(text);
  if (!p.ok) throw new Error(text);
  return String(p.quantity.nanos);
};
const expected = (list: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(list).map(([k, v]) => [k, nanos(v)]));
const got = (spec: JsonObject, options?: PodRequestsOptions): Record<string, string> =>
  Object.fromEntries([...podRequests(podResources(spec), options)].map(([k, v]) => [k, String(v)]));

const c = (requests: Record<string, string>, extra: JsonObject = {}): JsonObject => ({ name: 'c', resources: { requests }, ...extra });
const sidecar = (requests: Record<string, string>): JsonObject => c(requests, { restartPolicy: 'Always' });

/** helpers_test.go `getPod(name, podResources{...})`: one container and one init container with the same resources. */
function getPod(r: { cpuRequest?: string; cpuLimit?: string; memoryRequest?: string; memoryLimit?: string; cpuOverhead?: string; memoryOverhead?: string }): JsonObject {
  const resources = {
    limits: { ...(r.cpuLimit ? { cpu: r.cpuLimit } : {}), ...(r.memoryLimit ? { memory: r.memoryLimit } : {}) },
    requests: { ...(r.cpuRequest ? { cpu: r.cpuRequest } : {}), ...(r.memoryRequest ? { memory: r.memoryRequest } : {}) },
  };
  const overhead = { ...(r.cpuOverhead ? { cpu: r.cpuOverhead } : {}), ...(r.memoryOverhead ? { memory: r.memoryOverhead } : {}) };
  return { containers: [{ name: 'foo', resources }], initContainers: [{ name: 'init-foo', resources }], overhead };
}

test('TestPodRequestsAndLimits (requests; limits default the missing requests, as the API server does)', () => {
  assert.equal(got(getPod({ cpuOverhead: '5', memoryOverhead: '5' })), expected({ cpu: '5', memory: '5' }), 'just-overhead');
  assert.equal(got(getPod({ cpuRequest: '1', memoryRequest: '10', cpuOverhead: '5', memoryOverhead: '5' })), expected({ cpu: '6', memory: '15' }), 'req-and-overhead');
  assert.equal(got(getPod({ cpuRequest: '1', cpuLimit: '2', memoryRequest: '10', memoryLimit: '12', cpuOverhead: '5', memoryOverhead: '5' })), expected({ cpu: '6', memory: '15' }), 'all-req-lim-and-overhead');
  assert.equal(got(getPod({ cpuRequest: '1', cpuLimit: '2', memoryRequest: '10', cpuOverhead: '5', memoryOverhead: '5' })), expected({ cpu: '6', memory: '15' }), 'req-some-lim-and-overhead');
  // just-limit-no-overhead: upstream's helper sees no request; a created Pod has its request defaulted to the limit.
  assert.equal(got(getPod({ cpuLimit: '9' })), expected({ cpu: '9' }), 'just-limit-no-overhead, after defaulting');
});

test('TestPodRequestsAndLimitsWithoutOverhead', () => {
  const two = [c({ cpu: '1', memory: '5' }), c({ cpu: '4', memory: '12' })];
  assert.equal(got({ containers: two }, { excludeOverhead: true }), expected({ cpu: '5', memory: '17' }), 'two container no overhead - should just be sum of containers');
  assert.equal(got({ containers: two, overhead: { cpu: '3', memory: '8' } }, { excludeOverhead: true }), expected({ cpu: '5', memory: '17' }), "two container with overhead - shouldn't consider overhead");
  const inits = [c({ cpu: '1', memory: '5' }), c({ cpu: '40', memory: '120' })];
  assert.equal(got({ containers: two, initContainers: inits, overhead: { cpu: '3', memory: '8' } }, { excludeOverhead: true }), expected({ cpu: '40', memory: '120' }), 'two container with overhead, massive init - should just be the largest init');
});

test('TestPodResourceRequests (spec-only cases)', () => {
  assert.equal(got({ initContainers: [c({ cpu: '4' })], containers: [c({ cpu: '1' })] }), expected({ cpu: '4' }), 'nil options, larger init container');
  assert.equal(got({ initContainers: [c({ cpu: '2' })], containers: [c({ cpu: '2' }), c({ cpu: '3' })] }), expected({ cpu: '5' }), 'nil options, larger containers');
  assert.equal(got({ overhead: { cpu: '1' }, initContainers: [c({ cpu: '2' })], containers: [c({ cpu: '2' }), c({ cpu: '3' })] }, { excludeOverhead: true }), expected({ cpu: '5' }), 'pod overhead excluded');
  assert.equal(got({ overhead: { cpu: '1', memory: '1Gi' }, initContainers: [c({ cpu: '2' })], containers: [c({ cpu: '2' }), c({ cpu: '3' })] }), expected({ cpu: '6', memory: '1Gi' }), 'pod overhead included');
  assert.equal(got({ initContainers: [sidecar({ cpu: '1' })], containers: [c({ cpu: '1' })] }), expected({ cpu: '2' }), 'restartable init container');
  assert.equal(
    got({ initContainers: [c({ cpu: '5' }), sidecar({ cpu: '1' }), sidecar({ cpu: '2' }), sidecar({ cpu: '3' })], containers: [c({ cpu: '1' })] }),
    expected({ cpu: '7' }), 'multiple restartable init containers: max(5, 3+2+1 + 1)',
  );
  assert.equal(
    got({ initContainers: [c({ cpu: '5' }), sidecar({ cpu: '1' }), sidecar({ cpu: '2' }), c({ cpu: '5' }), sidecar({ cpu: '3' })], containers: [c({ cpu: '1' })] }),
    expected({ cpu: '8' }), 'multiple restartable and regular init containers: init-2 runs beside the two sidecars started before it',
  );
  assert.equal(got({ initContainers: [sidecar({ cpu: '10' }), c({ cpu: '200' })], containers: [c({ cpu: '100' })] }), expected({ cpu: '210' }), 'restartable-init, init and regular');
});

test('TestPodLevelResourceRequests', () => {
  const both = [c({ memory: '3Mi', cpu: '2m' })];
  assert.equal(got({ containers: [] }), {}, 'nil');
  assert.equal(got({ resources: { requests: { memory: '2Mi' } }, containers: [] }, { skipPodLevelResources: true }), {}, 'pod level memory resource with SkipPodLevelResources true');
  assert.equal(got({ resources: { requests: { memory: '2Mi' } }, containers: [] }), expected({ memory: '2Mi' }), 'pod level memory resource with SkipPodLevelResources false');
  assert.equal(got({ resources: { requests: { memory: '2Mi' } }, containers: [c({ cpu: '2m' })] }), expected({ memory: '2Mi', cpu: '2m' }), 'pod level memory and container level cpu resources');
  assert.equal(got({ resources: { requests: { storage: '2Mi' } }, containers: [c({ storage: '3Mi' })] }), expected({ storage: '3Mi' }), 'pod level unsupported resources set at both pod-level and container-level');
  assert.equal(got({ resources: { requests: { storage: '2Mi' } }, containers: [c({ memory: '3Mi' })] }), expected({ memory: '3Mi' }), 'pod level unsupported resources set at pod-level');
  assert.equal(got({ containers: both }), expected({ memory: '3Mi', cpu: '2m' }), 'only container level resources set');
  assert.equal(got({ resources: { requests: { memory: '6Mi', cpu: '8m' } }, containers: both }), expected({ memory: '6Mi', cpu: '8m' }), 'both container-level and pod-level resources set');
  assert.equal(got({ containers: both, initContainers: [c({ memory: '5Mi', cpu: '4m' })] }), expected({ memory: '5Mi', cpu: '4m' }), 'container-level resources and init container set');
  assert.equal(got({ containers: both, initContainers: [c({ memory: '5Mi', cpu: '4m' })] }, { skipPodLevelResources: true }), expected({ memory: '5Mi', cpu: '4m' }), 'container-level resources and init container set, SkipPodLevelResources true');
  assert.equal(got({ containers: both, initContainers: [sidecar({ memory: '5Mi', cpu: '4m' })] }), expected({ memory: '8Mi', cpu: '6m' }), 'container-level resources and sidecar container set');
  assert.equal(
    got({ containers: both, initContainers: [sidecar({ memory: '5Mi', cpu: '4m' }), c({ memory: '6Mi', cpu: '8m' })] }),
    expected({ memory: '11Mi', cpu: '12m' }), 'container-level resources, init and sidecar container set',
  );
  assert.equal(
    got({ resources: { requests: { memory: '15Mi', cpu: '18m' } }, containers: both, initContainers: [sidecar({ memory: '5Mi', cpu: '4m' }), c({ memory: '6Mi', cpu: '8m' })] }),
    expected({ memory: '15Mi', cpu: '18m' }), 'pod-level resources, container-level resources, init and sidecar container set',
  );
});

test('TestAggregateContainerRequestsAndLimits (requests)', () => {
  const agg = (spec: JsonObject): Record<string, string> => Object.fromEntries([...aggregateContainerRequests(podResources(spec))].map(([k, v]) => [k, String(v)]));
  assert.equal(agg({ containers: [c({ cpu: '9' })] }), expected({ cpu: '9' }), 'one container with requests');
  assert.equal(agg({ containers: [c({ cpu: '9' }), c({ cpu: '9' })] }), expected({ cpu: '18' }), 'two containers with requests');
  assert.equal(agg({ containers: [c({ cpu: '9' })], initContainers: [c({ cpu: '9' })] }), expected({ cpu: '9' }), 'regular and init containers with requests');
  assert.equal(agg({ containers: [c({ cpu: '9' })], initContainers: [sidecar({ cpu: '8' }), c({ cpu: '6' })] }), expected({ cpu: '17' }), 'regular, init and sidecar containers with requests');
});

test('quantities are summed exactly before rounding, as Quantity.Add does: 0.5m + 0.5m is 1m, not 2m', () => {
  assert.equal(got({ containers: [c({ cpu: '0.5m' }), c({ cpu: '0.5m' })] }), expected({ cpu: '1m' }));
});

test('defaultPodRequests: with pod-level limits, a missing pod-level request is the containers\' total, else the limit', () => {
  const pod = podResources({ resources: { limits: { cpu: '4', memory: '8Gi' } }, containers: [c({ cpu: '1' })] });
  const requests = effectivePodLevelRequests(pod);
  assert.equal(Object.fromEntries([...(requests ?? [])].map(([k, q]) => [k, String(q.nanos)])), expected({ cpu: '1', memory: '8Gi' }));
  assert.equal(got({ resources: { limits: { cpu: '4', memory: '8Gi' } }, containers: [c({ cpu: '1' })] }), expected({ cpu: '1', memory: '8Gi' }));
  assert.is(effectivePodLevelRequests(podResources({ containers: [c({ cpu: '1' })] })), undefined);
});

test.run();
