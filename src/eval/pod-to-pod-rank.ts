/**
 * PodTopologySpread and InterPodAffinity scores as `rank` takes them, from the indexes (the
 * engine) or node by node from the semantics layer (the reference evaluator): each plugin's final
 * scores, or none when its PreScore skipped the pod; a failing PreScore fails the ranking, as it
 * fails kube-scheduler's scheduling cycle; and what the scores could not take into account, as
 * answer entries with the plugin's name.
 */
import type { NotEvaluated } from '../compile/not-evaluated.js';
import { PlacementError } from '../errors.js';
import type { Node } from '../model/types.js';
import { scorePodAffinity } from '../semantics/inter-pod-affinity-score.js';
import type { PluginScores } from '../semantics/plugin-scores.js';
import type { IncomingPod, NotEvaluated as ScoreCaveat, PodToPodCluster } from '../semantics/pod-to-pod-inputs.js';
import { scoreTopologySpread } from '../semantics/topology-spread-score.js';
import type { FeasibleNodes, IndexedPluginScores } from './indexed-plugin-scores.js';
import type { PodToPodIndexes } from './pod-to-pod-context.js';
import { scorePodToPod } from './pod-to-pod-scores.js';
import type { PodToPodFinalScores } from './score.js';

type PluginName = 'PodTopologySpread' | 'InterPodAffinity';

/** What the scoring could not take into account, collected while ranking. */
export type ScoreCaveats = ScoreCaveat[];

/** The field the semantics layer names for the system default spreading constraints, which have none. */
const defaultSpreadingField = 'default spreading (PodTopologySpread)';

/**
 * The caveats as answer entries: a field path in the workload (the system defaults stand at the
 * pod's empty `topologySpreadConstraints`), what was left out and why, and a short summary.
 */
export function scoreNotEvaluated(caveats: readonly ScoreCaveat[], specPath: string): NotEvaluated[] {
  const seen = new Set<string>();
  const out: NotEvaluated[] = [];
  for (const { field, what } of caveats) {
    const key = `${field}\u0000${what}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (field === defaultSpreadingField) {
      const text = `system default topology spread (hostname maxSkew 3, zone maxSkew 5, scoring only) (PodTopologySpread): ${what}`;
      out.push({ field: `${specPath}topologySpreadConstraints`, what: text, summary: 'default topology spread' });
    } else {
      const plugin = field.includes('topologySpreadConstraints') || what.includes('PodTopologySpread') ? 'PodTopologySpread' : 'InterPodAffinity';
      out.push({ field, what: what.includes(`(${plugin}`) || field === '...' ? what : `${what} (${plugin} scoring)`, summary: summaryOf(field) });
    }
  }
  return out;
}

function summaryOf(field: string): string {
  if (field.endsWith('namespaceSelector')) return 'namespaceSelector without Namespace objects';
  if (field.includes('LabelKeys')) return 'label keys set per pod';
  return 'pod-to-pod scoring';
}

function failed(plugin: PluginName, message: string, specPath: string): never {
  throw new PlacementError('unschedulable-error', `${specPath.replace(/\.$/, '')}: kube-scheduler's ${plugin} PreScore fails: ${message}`);
}

/** The final scores of one plugin by position, or `undefined` when it skipped; collects its caveats. */
function finalOf(plugin: PluginName, result: IndexedPluginScores, caveats: ScoreCaveats, specPath: string): readonly number[] | undefined {
  if (result.status === 'error') failed(plugin, result.message, specPath);
  caveats.push(...result.notEvaluated);
  return result.status === 'scored' ? result.normalized : undefined;
}

/** Both plugins' final scores of the feasible nodes, on the indexes. */
export function podToPodFinalIndexed(pod: IncomingPod, indexes: PodToPodIndexes, feasible: FeasibleNodes, caveats: ScoreCaveats): PodToPodFinalScores {
  const scores = scorePodToPod(pod, indexes, feasible);
  return {
    PodTopologySpread: finalOf('PodTopologySpread', scores.PodTopologySpread, caveats, pod.specPath),
    InterPodAffinity: finalOf('InterPodAffinity', scores.InterPodAffinity, caveats, pod.specPath),
  };
}

function finalByName(plugin: PluginName, result: PluginScores, feasible: readonly Node[], caveats: ScoreCaveats, specPath: string): readonly number[] | undefined {
  if (result.status === 'error') failed(plugin, result.message, specPath);
  caveats.push(...result.notEvaluated);
  return result.status === 'scored' ? feasible.map((node) => result.normalized.get(node.name)!) : undefined;
}

/** Both plugins' final scores of the feasible nodes, node by node over plain lists (the reference). */
export function podToPodFinalReference(pod: IncomingPod, cluster: PodToPodCluster, feasible: readonly Node[], caveats: ScoreCaveats): PodToPodFinalScores {
  return {
    PodTopologySpread: finalByName('PodTopologySpread', scoreTopologySpread(pod, cluster, feasible), feasible, caveats, pod.specPath),
    InterPodAffinity: finalByName('InterPodAffinity', scorePodAffinity(pod, cluster, feasible), feasible, caveats, pod.specPath),
  };
}
