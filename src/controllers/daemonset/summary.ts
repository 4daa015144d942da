/** A DaemonSet plan in one line, in the style of kube-scheduler's FitError summary. */
import { formatHistogram } from '../../eval/fit-error.js';
import { pendingSummary } from './pending-line.js';
import type { DaemonSetPlan } from './sync.js';

/** How many nodes should run the daemon pod, and a histogram of the first reason of the others: `9781/10000 nodes run it: 219 node(s) had untolerated taint(s).` */
export function summarizeDaemonSetPlan(plan: DaemonSetPlan): { count: number; message: string } {
  const counts = new Map<string, number>();
  let count = 0;
  for (const n of plan.nodes) {
    if (n.shouldRun) count++;
    else counts.set(n.reasons[0]!, (counts.get(n.reasons[0]!) ?? 0) + 1);
  }
  return { count, message: formatHistogram(`${count}/${plan.nodes.length} nodes run it`, counts) };
}

/** The summary's message, and with the cluster's pods, how many daemon pods will stay Pending: `… nodes run it. 2 will stay Pending: Insufficient memory.` */
export function daemonSetPlanMessage(plan: DaemonSetPlan): string {
  const message = summarizeDaemonSetPlan(plan).message;
  return plan.pending ? `${message} ${pendingSummary(plan.pending)}.` : message;
}
