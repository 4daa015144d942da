/**
 * The NodePorts filter (pkg/scheduler/framework/plugins/nodeports): a node fails when one of the
 * pod's host ports is already in use there, by protocol and port, `0.0.0.0` conflicting with
 * every IP. A pod without host ports skips the filter (PreFilter `Skip`), i.e. passes everywhere.
 */
import { bindAllHostIP, type HostPort, type HostPortUsage } from './host-ports.js';

/** `nodeports.ErrReason`. */
export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

/** `fitsPorts`: the first wanted port in use on the node, or `undefined` when every port is free. */
export function findPortConflict(wanted: readonly HostPort[], inUse: HostPortUsage): HostPort | undefined {
  for (const p of wanted) if (inUse.conflicts(p)) return p;
  return undefined;
}

/** A details line for a conflict: which host port the node already uses. */
export function describePortConflict(p: HostPort): string {
  const address = p.hostIP === bindAllHostIP ? '' : ` on ${p.hostIP}`;
  return `host port ${p.port}/${p.protocol}${address} is already in use on the node`;
}
