/**
 * The pod's constraints that placement does not evaluate, with their field paths, so that no answer
 * is silently partial: "3/8 nodes are available" must say when volumes, resource claims, scheduling
 * gates or pod-to-pod rules, which kube-scheduler also checks, were left out.
 *
 * What the pipeline evaluates is one table ({@link pipelineEvaluates}); when a plugin is wired into
 * the pipeline its switch flips and its entries leave every answer. The DaemonSet controller's plan
 * has its own table ({@link daemonPlanEvaluates}): the controller creates daemon pods without asking
 * any of these plugins, and the scheduler checks them afterwards.
 */
import { isObject, own, type JsonObject } from '../model/decode.js';
import type { ContainerResources } from '../model/resource-types.js';
import type { Workload } from '../model/types.js';
import { computePodDemand, requestsNothing } from '../semantics/resources/pod-demand.js';
import { claimTemplateEntries, volumeEntries } from './not-evaluated-volumes.js';

/** A constraint of the pod that an answer did not evaluate. */
export interface NotEvaluated {
  /** Full field path in the workload, e.g. `spec.template.spec.volumes[0].persistentVolumeClaim`. */
  readonly field: string;
  /** What kube-scheduler checks there, with the plugin's name. */
  readonly what: string;
  /** A few words for one-line summaries, e.g. `PVC volume binding`. */
  readonly summary: string;
}

/** The default-profile plugins placement may or may not evaluate (the rest it never does: volumes, DRA, gates). */
export interface EvaluatedPlugins {
  readonly NodePorts: boolean;
  readonly NodeResourcesFit: boolean;
  /** The filters (required terms, DoNotSchedule constraints). */
  readonly InterPodAffinity: boolean;
  readonly PodTopologySpread: boolean;
  /** The scores (preferred terms, ScheduleAnyway constraints); absent: not evaluated. */
  readonly InterPodAffinityScore?: boolean;
  readonly PodTopologySpreadScore?: boolean;
}

/** What the scheduling pipeline (`eligible`, `rank`, `why`, impact) evaluates today. */
export const pipelineEvaluates: EvaluatedPlugins = Object.freeze({
  NodePorts: false,
  NodeResourcesFit: false,
  InterPodAffinity: false,
  PodTopologySpread: false,
});

/** What a DaemonSet plan evaluates: the controller's NodeShouldRunDaemonPod asks none of these plugins. */
export const daemonPlanEvaluates: EvaluatedPlugins = Object.freeze({
  NodePorts: false,
  NodeResourcesFit: false,
  InterPodAffinity: false,
  PodTopologySpread: false,
});

/** The context of an answer. */
export interface NotEvaluatedContext {
  /** Which plugins the answer evaluated. */
  readonly evaluates: EvaluatedPlugins;
  /**
   * Whether the cluster's running pods were given. When NodeResourcesFit or NodePorts is evaluated
   * without them, every node looks empty, which is listed. `undefined`: the answer looks at no node
   * (lint), so there is nothing to say about them.
   */
  readonly runningPodsGiven: boolean | undefined;
}

/** kube-scheduler's name (`v1.DefaultSchedulerName`): pods naming another scheduler are not its to place. */
export const defaultSchedulerName = 'default-scheduler';

const entry = (field: string, what: string, summary: string): NotEvaluated => ({ field, what, summary });

/** The pod spec object inside the workload, found by walking `specPath`. */
function podSpecOf(workload: Workload): JsonObject {
  let node: unknown = workload.raw;
  for (const step of workload.specPath.split('.')) if (step !== '') node = isObject(node) ? own(node, step) : undefined;
  return isObject(node) ? node : {};
}

/** Entries of `spec.nodeName`, `schedulerName`, `schedulingGates` and `resourceClaims`: who schedules the pod, and when. */
function schedulingEntries(spec: JsonObject, path: string, workload: Workload): NotEvaluated[] {
  const out: NotEvaluated[] = [];
  if (workload.pod.nodeName !== '') {
    out.push(entry(`${path}nodeName`, 'kube-scheduler never sees the pod: it is bound to that node when created, and the kubelet admits it checking the node name, node affinity, resources, host ports and only NoExecute taints; cordons and NoSchedule taints reported here do not stop it', 'nodeName bypasses the scheduler'));
  }
  const schedulerName = own(spec, 'schedulerName');
  if (typeof schedulerName === 'string' && schedulerName !== '' && schedulerName !== defaultSchedulerName) {
    out.push(entry(`${path}schedulerName`, `the pod is placed by the scheduler ${JSON.stringify(schedulerName)}, not by kube-scheduler's default profile: that scheduler's plugins decide`, `scheduler ${JSON.stringify(schedulerName)}`));
  }
  const gates = own(spec, 'schedulingGates');
  if (Array.isArray(gates) && gates.length > 0) {
    out.push(entry(`${path}schedulingGates`, 'the pod is not scheduled at all until every scheduling gate is removed (SchedulingGates)', 'scheduling gates'));
  }
  const claims = own(spec, 'resourceClaims');
  if (Array.isArray(claims)) {
    claims.forEach((_, i) => out.push(entry(`${path}resourceClaims[${i}]`, 'dynamic resource allocation: a node where the claim can be allocated, or where it already is (DynamicResources)', 'resource claims')));
  }
  return out;
}

/** Entries of pod affinity, anti-affinity and topology spread, term by term, unless the answer evaluates them. */
function podToPodEntries(workload: Workload, path: string, evaluates: EvaluatedPlugins): NotEvaluated[] {
  const out: NotEvaluated[] = [];
  const pod = workload.pod;
  const kinds = [
    ['podAffinity', pod.podAffinity, 'pod affinity', 'a pod matching the term runs in the node\'s topology domain'],
    ['podAntiAffinity', pod.podAntiAffinity, 'pod anti-affinity', 'no pod matching the term runs in the node\'s topology domain'],
  ] as const;
  for (const [key, rules, summary, meaning] of kinds) {
    const at = `${path}affinity.${key}`;
    if (!evaluates.InterPodAffinity) {
      rules?.required.forEach((term, i) =>
        out.push(entry(`${at}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, `${summary}: ${meaning} (topologyKey ${JSON.stringify(term.topologyKey)}) (InterPodAffinity)`, summary)),
      );
    }
    if (!evaluates.InterPodAffinityScore) {
      rules?.preferred.forEach((_, i) =>
        out.push(entry(`${at}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`, `preferred ${summary}, scoring only (InterPodAffinity)`, `preferred ${summary}`)),
      );
    }
  }
  pod.topologySpreadConstraints?.forEach((c, i) => {
    const filters = c.whenUnsatisfiable !== 'ScheduleAnyway';
    if (filters ? evaluates.PodTopologySpread : evaluates.PodTopologySpreadScore) return;
    const what = `topology spread: at most maxSkew ${c.maxSkew} between ${JSON.stringify(c.topologyKey)} domains${filters ? '' : ', scoring only'} (PodTopologySpread)`;
    out.push(entry(`${path}topologySpreadConstraints[${i}]`, what, 'topology spread'));
  });
  return out;
}

/** Host ports of the containers and sidecars (restartable init containers), the ones NodePorts checks. */
function hostPortEntries(containers: readonly ContainerResources[], path: string, sidecarsOnly: boolean): string[] {
  const out: string[] = [];
  containers.forEach((c, i) => {
    if (sidecarsOnly && c.restartPolicy !== 'Always') return;
    c.ports.forEach((p, j) => {
      if (p.hostPort > 0) out.push(`${path}[${i}].ports[${j}].hostPort`);
    });
  });
  return out;
}

/** Entries of requests and host ports: not evaluated, or evaluated against nodes that look empty. */
function resourceEntries(workload: Workload, path: string, context: NotEvaluatedContext): NotEvaluated[] {
  const resources = workload.resources;
  if (!resources) return [];
  const out: NotEvaluated[] = [];
  const empty = 'evaluated against empty nodes: running pods not given (--pods)';
  if (!context.evaluates.NodeResourcesFit || context.runningPodsGiven === false) {
    if (!requestsNothing(computePodDemand(resources).request)) {
      const what = context.evaluates.NodeResourcesFit ? `resource requests (NodeResourcesFit) ${empty}` : 'resource requests against what the node has free (NodeResourcesFit)';
      const summary = context.evaluates.NodeResourcesFit ? 'resource requests without running pods' : 'resource requests';
      const sources: [boolean, string][] = [
        [resources.containers.some((c) => c.requests.size > 0), `${path}containers[*].resources.requests`],
        [resources.initContainers.some((c) => c.requests.size > 0), `${path}initContainers[*].resources.requests`],
        [(resources.podRequests?.size ?? 0) > 0, `${path}resources.requests`],
        [(resources.overhead?.size ?? 0) > 0, `${path}overhead`],
      ];
      for (const [present, field] of sources) if (present) out.push(entry(field, what, summary));
    }
  }
  if (!context.evaluates.NodePorts || context.runningPodsGiven === false) {
    const what = context.evaluates.NodePorts ? `host port free on the node (NodePorts) ${empty}` : 'host port free on the node (NodePorts)';
    const summary = context.evaluates.NodePorts ? 'host ports without running pods' : 'host ports';
    const ports = [...hostPortEntries(resources.initContainers, `${path}initContainers`, true), ...hostPortEntries(resources.containers, `${path}containers`, false)];
    for (const field of ports) out.push(entry(field, what, summary));
  }
  return out;
}

/**
 * Lists the workload pod's constraints that an answer in `context` did not evaluate, in field
 * order: who schedules it (nodeName, schedulerName, schedulingGates), resource claims, volumes,
 * requests and host ports, pod affinity, anti-affinity and topology spread. The system default
 * topology spread constraints only score: what `rank` could not apply of them it says beside
 * these (eval/pod-to-pod-rank.ts).
 */
export function listNotEvaluated(workload: Workload, context: NotEvaluatedContext): NotEvaluated[] {
  const spec = podSpecOf(workload);
  const path = workload.specPath;
  return [
    ...schedulingEntries(spec, path, workload),
    ...volumeEntries(own(spec, 'volumes'), path),
    ...claimTemplateEntries(workload),
    ...resourceEntries(workload, path, context),
    ...podToPodEntries(workload, path, context.evaluates),
  ];
}

/** The distinct summaries of a list, in order: `pod anti-affinity, PVC volume binding`. */
export function summarizeNotEvaluated(list: readonly NotEvaluated[]): string {
  return [...new Set(list.map((n) => n.summary))].join(', ');
}
