/**
 * The 409 rule for `PUT /v1/nodes/{name}`. Kubernetes resourceVersions are etcd revisions, printed
 * as decimal integers, so two that both are integers are compared as integers (`"10"` is newer
 * than `"9"`). Otherwise they are compared as strings (UTF-16 code units), so that every pair has an
 * order and a replayed update (an equal version) is accepted. A missing or empty version on either
 * side is no precondition: the update is accepted.
 *
 * The comparison is linear in the length, without BigInt (parsing a 30-million-digit string into
 * one took seconds and blocked the server); the decoder refuses versions over the input limit
 * `resourceVersionBytes` before any comparison.
 */
const integer = /^\d+$/;

/** Compares two decimal integers written in digits, of any length: negative, 0 or positive. */
function compareDecimal(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Is `incoming` older than `stored` (the update must be refused with 409)? */
export function isStaleResourceVersion(incoming: string | undefined, stored: string | undefined): boolean {
  if (!incoming || !stored) return false;
  if (integer.test(incoming) && integer.test(stored)) return compareDecimal(incoming, stored) < 0;
  return incoming < stored;
}
