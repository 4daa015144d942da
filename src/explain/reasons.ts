/**
 * kube-scheduler's own reason texts, verbatim. These strings are a contract: tools match on them.
 * Sources: pkg/scheduler/framework/plugins/{nodeunschedulable,nodename,tainttoleration,nodeaffinity},
 * pkg/scheduler/schedule_one.go and framework/types.go.
 */

/** NodeUnschedulable `ErrReasonUnschedulable`. */
export const reasonUnschedulable = 'node(s) were unschedulable';
/** NodeName `ErrReason`. */
export const reasonNodeName = "node(s) didn't match the requested node name";
/** TaintToleration Filter reason (current upstream text; older releases named the taint). */
export const reasonUntoleratedTaint = 'node(s) had untolerated taint(s)';
/** NodeAffinity `ErrReasonPod`. */
export const reasonNodeAffinity = "node(s) didn't match Pod's node affinity/selector";
/** NodeAffinity PreFilter `errReasonConflict`: every term pins conflicting node names. */
export const reasonAffinityConflict = 'pod affinity terms conflict';
/** Status of nodes left out by NodeAffinity's PreFilterResult (metadata.name terms). */
export const reasonPreFilterNodeAffinity = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
/** `ErrNoNodesAvailable`: the scheduler's answer for an empty cluster. */
export const messageNoNodes = 'no nodes available to schedule pods';

/** The filter plugins placement evaluates, in the default profile's order. */
export const filterOrder = ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity'] as const;
/** A filter plugin name. */
export type FilterName = (typeof filterOrder)[number];
