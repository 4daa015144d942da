/**
 * Placement's limits are generous for every real manifest in the fixtures (src/testdata/real, from
 * public clusters and charts): each real count is at most a tenth of its limit.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { limits } from '../model/limits.js';
import type { PodPlacement } from '../model/types.js';
import { realFixturesDir } from '../testdata/fixtures.js';
import { daemonSetsFromSources } from './daemonset-inputs.js';
import { nodesFromSources, workloadsFromSources } from './inputs.js';
import { readSources } from './read-sources.js';

const options = { validate: true, featureGates: defaultFeatureGates };
const read = (dir: string) => readSources(`${realFixturesDir}/${dir}`, () => '');

test('real pods, DaemonSets and nodes use at most a tenth of each count limit', () => {
  const pods: PodPlacement[] = [...workloadsFromSources(read('workloads'), options), ...daemonSetsFromSources(read('daemonsets'), options).map((d) => d.workload)].map((w) => w.pod);
  const nodes = nodesFromSources(read('nodes'), options);
  assert.ok(pods.length >= 25 && nodes.length >= 10, `${pods.length} pods, ${nodes.length} nodes`);
  const terms = (p: PodPlacement) => [...(p.requiredTerms ?? []), ...(p.preferredTerms ?? []).map((t) => t.preference)];
  const requirements = (p: PodPlacement) => terms(p).flatMap((t) => [...t.matchExpressions, ...t.matchFields]);
  const max = (values: number[]): number => Math.max(0, ...values);
  const seen: [string, number, number][] = [
    ['nodeSelectorTerms', max(pods.map((p) => p.requiredTerms?.length ?? 0)), limits.nodeSelectorTerms.value],
    ['requirementsPerTerm', max(pods.flatMap((p) => terms(p).map((t) => t.matchExpressions.length))), limits.requirementsPerTerm.value],
    ['valuesPerRequirement', max(pods.flatMap((p) => requirements(p).map((r) => r.values.length))), limits.valuesPerRequirement.value],
    ['requirementsPerPod', max(pods.map((p) => requirements(p).length)), limits.requirementsPerPod.value],
    ['nodeSelectorEntries', max(pods.map((p) => p.nodeSelector?.size ?? 0)), limits.nodeSelectorEntries.value],
    ['tolerations', max(pods.map((p) => p.tolerations.length)), limits.tolerations.value],
    ['podAffinityTerms', max(pods.flatMap((p) => [p.podAffinity, p.podAntiAffinity].flatMap((r) => [r?.required.length ?? 0, r?.preferred.length ?? 0]))), limits.podAffinityTerms.value],
    ['topologySpreadConstraints', max(pods.map((p) => p.topologySpreadConstraints?.length ?? 0)), limits.topologySpreadConstraints.value],
    ['taints', max(nodes.map((n) => n.taints.length)), limits.taints.value],
  ];
  for (const [name, count, limit] of seen) assert.ok(count * 10 <= limit, `${name}: ${count} of ${limit}`);
});

test.run();
