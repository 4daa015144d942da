/**
 * The 409 rule for `PUT /v1/nodes/{name}`. Kubernetes resourceVersions are etcd revisions, printed
 * as decimal integers, so two that both parse are compared as integers (BigInt: `"10"` is newer
 * than `"9"`). Otherwise they are compared as strings (UTF-16 code units), so that every pair has an
 * order and a replayed update (an equal version) is accepted. A missing or empty version on either
 * side is no precondition: the update is accepted.
 */

const integer = /^\d+$/;

/** Is `incoming` older than `stored` (the update must be refused with 409)? */
export function isStaleResourceVersion(incoming: string | undefined, stored: string | undefined): boolean {
  if (!incoming || !stored) return false;
  if (integer.test(incoming) && integer.test(stored)) return BigInt(incoming) < BigInt(stored);
  return incoming < stored;
}
