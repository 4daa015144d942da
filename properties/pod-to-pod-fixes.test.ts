/**
 * `why`'s changes for the pod-to-pod filters (src/explain/pod-to-pod-fixes.ts) keep their word:
 * making a change in the pod's manifest (here, independently of the module) and running the
 * indexed filters again gives exactly the nodes the change claims its filter lets through, the
 * other filter untouched; and every fix `why` lists from them admits exactly the number of nodes
 * it claims, once the changed pod is judged by every filter again.
 */
import { test } from 'uvu';
import fc from 'fast-check';
import { compilePod } from '../src/compile/compile-pod.js';
import { IndexedEvaluator } from '../src/eval/indexed.js';
import type { PodToPodIndexes } from '../src/eval/pod-to-pod-context.js';
import { filterPodToPod } from '../src/eval/pod-to-pod-indexed.js';
import { passingSets } from '../src/explain/passing-sets.js';
import { podToPodChanges, type PodToPodChange, type PodToPodEdit } from '../src/explain/pod-to-pod-fixes.js';
import { why, type WhyCheck } from '../src/explain/why.js';
import type { JsonObject } from '../src/model/decode.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import { andNotBits, countBits, type Bits } from '../src/node-index/bitset.js';
import { RuleEvaluator } from '../src/node-index/evaluate-rule.js';
import { buildNodeIndex } from '../src/node-index/node-index.js';
import { PodLabelIndex } from '../src/node-index/pod-label-index.js';
import type { IncomingPod, PodToPodCluster } from '../src/semantics/pod-to-pod-inputs.js';
import { fullCaseArb, toCluster, toFullIncoming, toNamespaces } from './pod-to-pod-arbitraries.js';
import { check, expectEqual } from './support.js';

type Incoming = { namespace: string; app: string | null; tier: string | null; spec: JsonObject };

/** The manifest with the edit made, by hand on the JSON. */
function edited(incoming: Incoming, edit: PodToPodEdit): Incoming {
  const spec = structuredClone(incoming.spec) as JsonObject;
  if (edit.kind === 'maxSkew' || edit.kind === 'scheduleAnyway' || edit.kind === 'dropMinDomains') {
    const c = (spec['topologySpreadConstraints'] as JsonObject[])[edit.constraint]!;
    if (edit.kind === 'maxSkew') c['maxSkew'] = edit.value;
    else if (edit.kind === 'scheduleAnyway') c['whenUnsatisfiable'] = 'ScheduleAnyway';
    else delete c['minDomains'];
  } else {
    const rules = (spec['affinity'] as JsonObject)[edit.rules] as JsonObject;
    const terms = rules['requiredDuringSchedulingIgnoredDuringExecution'] as JsonObject[];
    if (edit.kind === 'dropTerm') terms.splice(edit.term, 1);
    else terms[edit.term]!['topologyKey'] = edit.key;
  }
  return { ...incoming, spec };
}

function indexesOf(cluster: PodToPodCluster): PodToPodIndexes {
  const nodes = buildNodeIndex(cluster.nodes);
  return { nodes, pods: new PodLabelIndex(nodes, cluster.pods), objects: cluster };
}

const bitsOf = (set: Bits, indexes: PodToPodIndexes): number[] => {
  const out: number[] = [];
  for (let id = 0; id < indexes.nodes.highWater; id++) if ((set[id >>> 5]! & (1 << (id & 31))) !== 0) out.push(id);
  return out;
};

/** The live nodes passing every filter: the node filters of the compiled pod, then the two pod-to-pod filters. */
function eligibleOf(pod: IncomingPod, indexes: PodToPodIndexes): Bits {
  const out = new Uint32Array(indexes.nodes.words);
  new IndexedEvaluator(new RuleEvaluator(indexes.nodes)).eligibleInto(compilePod(pod.placement, defaultFeatureGates), out);
  const answer = filterPodToPod(pod, indexes);
  andNotBits(out, answer.spread.failing, indexes.nodes.liveWords);
  andNotBits(out, answer.affinity.failing, indexes.nodes.liveWords);
  return out;
}

test('a change made in the manifest lets exactly the claimed nodes through its filter; why\'s fixes admit exactly what they claim', (ctx) => {
  check(
    ctx,
    fc.property(fullCaseArb, ({ nodes, pods, incoming, namespaceTeams }) => {
      const namespaces = toNamespaces(namespaceTeams);
      const cluster: PodToPodCluster = { ...toCluster(nodes, pods), ...(namespaces ? { namespaces } : {}) };
      const indexes = indexesOf(cluster);
      const pod = toFullIncoming(incoming);
      const before = filterPodToPod(pod, indexes);
      const changes = podToPodChanges(pod, indexes);
      const editOf = new Map<string, PodToPodChange>();
      for (const change of changes) {
        editOf.set(`${change.change} @ ${change.field}`, change);
        const after = filterPodToPod(toFullIncoming(edited(incoming, change.edit)), indexes);
        const [changed, kept] = change.filter === 'PodTopologySpread' ? [after.spread.failing, [after.affinity.failing, before.affinity.failing]] : [after.affinity.failing, [after.spread.failing, before.spread.failing]];
        const passes = indexes.nodes.alive.slice();
        andNotBits(passes, changed, indexes.nodes.liveWords);
        expectEqual(bitsOf(change.passes, indexes), bitsOf(passes, indexes), `nodes ${change.filter} lets through after "${change.change}"`);
        expectEqual(bitsOf(kept[0]!, indexes), bitsOf(kept[1]!, indexes), `the other filter after "${change.change}"`);
      }
      // why, with one row per pod-to-pod filter carrying its changes.
      const row = (filter: WhyCheck['filter'], failing: Bits, of: PodToPodChange['filter']): WhyCheck => {
        const passes = indexes.nodes.alive.slice();
        andNotBits(passes, failing, indexes.nodes.liveWords);
        const variants = changes.filter((c) => c.filter === of).map(({ change, field, cost, passes }) => ({ change, field, cost, passes }));
        return { filter, field: of, constraint: of, change: `relax ${of}`, passes, variants };
      };
      const resources = [row('NodePorts', before.spread.failing, 'PodTopologySpread'), row('NodeResourcesFit', before.affinity.failing, 'InterPodAffinity')];
      const result = why({ compiled: compilePod(pod.placement, defaultFeatureGates), index: indexes.nodes, passing: passingSets(new RuleEvaluator(indexes.nodes)), policies: [], resources });
      const eligible = eligibleOf(pod, indexes);
      expectEqual(result.eligible, countBits(eligible, indexes.nodes.liveWords), 'why counts the pod-to-pod filters in');
      for (const fix of result.nearestFixes) {
        const change = editOf.get(`${fix.change} @ ${fix.field}`);
        if (!change) continue;
        const gained = eligibleOf(toFullIncoming(edited(incoming, change.edit)), indexes);
        andNotBits(gained, eligible, indexes.nodes.liveWords);
        expectEqual(fix.admits, countBits(gained, indexes.nodes.liveWords), `nodes admitted by "${fix.change}"`);
      }
    }),
    0.5,
  );
});

test.run();
