/**
 * The JSON of grouped answers, serialized once per grouping. The engine keeps a grouped
 * explanation while nothing it was computed from has changed and hands out the same frozen
 * `groups` array each time; serializing `{eligible, groups, omitted, message}` is then most of a
 * request's work (hundreds of microseconds for 1,000 groups at 10,000 nodes), so its text is kept
 * beside that array, for as long as the array lives. `notEvaluated` depends on the whole pod, not
 * only on what the grouping read, so it is serialized per request.
 */
import { eligibleJson, notEvaluatedJson } from '../api/contracts.js';
import type { WithNotEvaluated } from '../eval/result.js';
import type { GroupedEligibility } from '../explain/explainer.js';

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
