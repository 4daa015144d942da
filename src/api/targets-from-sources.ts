/** Source objects → the workloads to place, in input order: DaemonSets as their controller judges them, every other kind as kube-scheduler does. */
import { daemonSetsFromSources } from './daemonset-inputs.js';
import type { ImpactTarget } from './impact.js';
import { workloadsFromSources, type InputOptions } from './inputs.js';
import type { SourceObject } from '../model/parse-documents.js';

/** Workloads and DaemonSets from sources, validated (every problem reported with its file and field path). */
export function targetsFromSources(sources: readonly SourceObject[], options: InputOptions): ImpactTarget[] {
  const workloads = workloadsFromSources(sources, options);
  const daemonSources = sources.filter((s) => s.object['kind'] === 'DaemonSet');
  const daemonsets = new Map(daemonSources.length === 0 ? [] : daemonSetsFromSources(daemonSources, options).map((ds) => [ds.workload.raw, ds]));
  return workloads.map((w) => daemonsets.get(w.raw) ?? w);
}
