import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { reasonAffinityConflict, reasonNodeAffinity, reasonNodeName, reasonPreFilterNodeAffinity, reasonUnschedulable, reasonUntoleratedTaint } from './filters.js';
import { formatHistogram, formatSummaryFromCounts, messageNoNodes } from './fit-error.js';

/** The summary from each ineligible node's first reason (the histogram counts them). */
function formatSummary(total: number, eligible: number, firstReasons: Iterable<string>, preFilterMessage?: string): string {
  const counts = new Map<string, number>();
  for (const reason of firstReasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return formatSummaryFromCounts(total, eligible, counts, preFilterMessage);
}

// Upstream: pkg/scheduler/framework/types.go FitError.Error (NoNodeAvailableMsg "0/%v nodes are available",
// histogram "<count> <reason>" sorted with sort.Strings, joined ", ", then "."), schedule_one.go ErrNoNodesAvailable.

test('reason texts are kube-scheduler\'s verbatim (ErrReasonUnschedulable, node_name ErrReason, TaintToleration Filter, ErrReasonPod, errReasonConflict, schedule_one absent-node status)', () => {
  assert.is(reasonUnschedulable, 'node(s) were unschedulable');
  assert.is(reasonNodeName, "node(s) didn't match the requested node name");
  assert.is(reasonUntoleratedTaint, 'node(s) had untolerated taint(s)');
  assert.is(reasonNodeAffinity, "node(s) didn't match Pod's node affinity/selector");
  assert.is(reasonAffinityConflict, 'pod affinity terms conflict');
  assert.is(reasonPreFilterNodeAffinity, "node(s) didn't satisfy plugin(s) [NodeAffinity]");
  assert.is(messageNoNodes, 'no nodes available to schedule pods');
});

test('zero nodes: "no nodes available to schedule pods", not a FitError (schedule_one.go ErrNoNodesAvailable)', () => {
  assert.is(formatSummary(0, 0, []), 'no nodes available to schedule pods');
  assert.is(formatSummary(0, 0, [], reasonAffinityConflict), 'no nodes available to schedule pods');
});

test('one line per distinct reason with its count: "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn\'t match Pod\'s node affinity/selector." (FitError.Error)', () => {
  const reasons = [reasonNodeAffinity, reasonUntoleratedTaint, reasonNodeAffinity];
  assert.is(formatSummary(3, 0, reasons), "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.");
});

test('histogram entries sort as plain strings: "10 x" before "2 y" (FitError sortReasonsHistogram, sort.Strings)', () => {
  const reasons = [...Array<string>(2).fill(reasonNodeAffinity), ...Array<string>(10).fill(reasonUntoleratedTaint)];
  assert.is(formatSummary(12, 0, reasons), `0/12 nodes are available: 10 ${reasonUntoleratedTaint}, 2 ${reasonNodeAffinity}.`);
  assert.is(formatHistogram('h', new Map([['y', 2], ['x', 10], ['a', 1]])), 'h: 1 a, 10 x, 2 y.');
});

test('equal counts sort by reason text (sort.Strings on "<count> <reason>")', () => {
  assert.is(formatSummary(2, 0, [reasonUnschedulable, reasonNodeName]), `0/2 nodes are available: 1 ${reasonNodeName}, 1 ${reasonUnschedulable}.`);
});

test('strings compare by code unit like Go bytes: uppercase before lowercase, "1 b" before "1 ba"', () => {
  assert.is(formatHistogram('h', new Map([['b', 1], ['B', 1], ['ba', 1]])), 'h: 1 B, 1 b, 1 ba.');
});

test('eligible nodes show as "K/N nodes are available" (placement\'s extension of the FitError head)', () => {
  assert.is(formatSummary(3, 2, [reasonUntoleratedTaint]), `2/3 nodes are available: 1 ${reasonUntoleratedTaint}.`);
  assert.is(formatSummary(2, 2, []), '2/2 nodes are available.');
});

test('a PreFilter rejection prints only its message, without a histogram (FitError: preFilterMsg != "" skips the node statuses)', () => {
  assert.is(formatSummary(3, 0, [reasonAffinityConflict, reasonAffinityConflict, reasonAffinityConflict], reasonAffinityConflict), '0/3 nodes are available: pod affinity terms conflict.');
  assert.is(formatSummary(3, 0, [reasonNodeAffinity], reasonAffinityConflict), '0/3 nodes are available: pod affinity terms conflict.');
});

test('no preemption suffix is appended (placement does not model PostFilter)', () => {
  assert.not.ok(formatSummary(3, 0, [reasonNodeAffinity, reasonNodeAffinity, reasonNodeAffinity]).includes('preemption'));
  assert.ok(formatSummary(3, 0, [reasonNodeAffinity, reasonNodeAffinity, reasonNodeAffinity]).endsWith('affinity/selector.'));
});

test('the histogram counts first reasons, one per node (FitError: reasons[reason]++ per node status)', () => {
  function* reasons(): Generator<string> {
    yield reasonPreFilterNodeAffinity;
    yield reasonPreFilterNodeAffinity;
  }
  assert.is(formatSummary(3, 1, reasons()), `1/3 nodes are available: 2 ${reasonPreFilterNodeAffinity}.`);
});

test('formatHistogram with no counts ends the head with a period (placement\'s all-eligible form; FitError.Error only appends " <histogram>." when it is non-empty)', () => {
  assert.is(formatHistogram('0/0 nodes are available', new Map()), '0/0 nodes are available.');
});

test.run();
