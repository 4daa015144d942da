/**
 * The JSON of the large answers, made without holding the event loop. Explained answers (every
 * ineligible node with its reasons) and the extender's filter results (every failed node) are
 * written a slice at a time (json-in-slices.ts); each node's explanation is its group's, so its
 * reasons and details are serialized once per group.
 *
 * Grouped answers are serialized once per grouping. The engine keeps a grouped
 * explanation while nothing it was computed from has changed and hands out the same frozen
 * `groups` array each time; serializing `{eligible, groups, omitted, message}` is then most of a
 * request's work (hundreds of microseconds for 1,000 groups at 10,000 nodes), so its text is kept
 * beside that array, for as long as the array lives. `notEvaluated` depends on the whole pod, not
 * only on what the grouping read, so it is serialized per request.
 */
import { eligibleJson, notEvaluatedJson } from '../api/contracts.js';
import type { EligibilityResult, IneligibleNode, WithNotEvaluated } from '../eval/result.js';
import type { GroupedEligibility } from '../explain/explainer.js';
import type { ExtenderFilterResult } from './extender.js';
import { sharedListText, type JsonInSlices } from './json-in-slices.js';

interface Kept {
  readonly eligible: readonly string[];
  readonly message: string;
  readonly omitted: GroupedEligibility['omitted'];
  readonly head: Buffer;
}

const heads = new WeakMap<object, Kept>();
const tail = ',"notEvaluated":[]}';

/**
 * `JSON.stringify(eligibleJson(answer))` as UTF-8, with everything but `notEvaluated` serialized
 * and encoded once per grouping: at 10,000 nodes a grouped answer can pass 700 KB, and encoding
 * that text for the socket on every request cost more than answering the question.
 */
export function groupedAnswerBytes(answer: WithNotEvaluated<GroupedEligibility>): Buffer {
  const keep = Object.isFrozen(answer.groups) && Object.isFrozen(answer.eligible);
  let kept = keep ? heads.get(answer.groups) : undefined;
  // The engine hands out the groups and eligible arrays of one grouping together; check all the
  // same, so that text is never reused for anything but the answer it was made from.
  if (kept === undefined || kept.eligible !== answer.eligible || kept.message !== answer.message || kept.omitted !== answer.omitted) {
    // eligibleJson puts notEvaluated last; serialized empty, it is a fixed tail to cut off.
    const text = JSON.stringify(eligibleJson({ ...answer, notEvaluated: [] }));
    kept = { eligible: answer.eligible, message: answer.message, omitted: answer.omitted, head: Buffer.from(text.slice(0, text.length - tail.length), 'utf8') };
    if (keep) heads.set(answer.groups, kept);
  }
  return Buffer.concat([kept.head, Buffer.from(`,"notEvaluated":${JSON.stringify(notEvaluatedJson(answer.notEvaluated))}}`, 'utf8')]);
}

/** Writes `JSON.stringify(eligibleJson(answer))` for an explained answer, a slice at a time. */
export async function writeExplainedAnswer(out: JsonInSlices, answer: WithNotEvaluated<EligibilityResult>): Promise<void> {
  const list = sharedListText();
  const entry = (n: IneligibleNode): string => `{"node":${JSON.stringify(n.node)},"reasons":${list(n.reasons)},"details":${list(n.details)}}`;
  out.raw('{"eligible":');
  await out.array(answer.eligible, (name) => JSON.stringify(name));
  out.raw(',"ineligible":');
  await out.array(answer.ineligible, entry);
  out.raw(`,"message":${JSON.stringify(answer.message)},"notEvaluated":${JSON.stringify(notEvaluatedJson(answer.notEvaluated))}}`);
}

/** Writes `JSON.stringify(result)` for the extender's filter result, a slice at a time. */
export async function writeFilterResult(out: JsonInSlices, result: ExtenderFilterResult): Promise<void> {
  const text = (s: string): string => JSON.stringify(s);
  out.raw('{"Nodes":');
  if (result.Nodes === null) out.raw('null');
  else {
    out.raw(`{"metadata":${JSON.stringify(result.Nodes.metadata)},"items":`);
    await out.array(result.Nodes.items, (item) => JSON.stringify(item));
    out.raw('}');
  }
  out.raw(',"NodeNames":');
  if (result.NodeNames === null) out.raw('null');
  else await out.array(result.NodeNames, text);
  out.raw(',"FailedNodes":');
  await out.object(result.FailedNodes, text);
  out.raw(',"FailedAndUnresolvableNodes":');
  await out.object(result.FailedAndUnresolvableNodes, text);
  out.raw(`,"Error":${JSON.stringify(result.Error)}}`);
}
