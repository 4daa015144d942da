/** Reading JSON Logic as json-logic-js does: an object with exactly one key is an operation, anything else is data. */

/** The one operation of a JSON Logic object, with its arguments as a list (unary sugar expanded); `undefined` for data. */
export function operationOf(logic: unknown): { op: string; args: unknown[] } | undefined {
  if (typeof logic !== 'object' || logic === null || Array.isArray(logic)) return undefined;
  const keys = Object.keys(logic);
  if (keys.length !== 1) return undefined;
  const op = keys[0]!;
  const raw = (logic as Record<string, unknown>)[op];
  return { op, args: Array.isArray(raw) ? raw : [raw] };
}
