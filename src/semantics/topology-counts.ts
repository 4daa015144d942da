/**
 * Counts of pods per topology domain (a topology key and one of its values), as InterPodAffinity's
 * `topologyToMatchedTermCount` keeps them, with a few of the counted pods named for explanations.
 */

/** A counted pod: where it runs, and which term of the list counted it. */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly term: number;
}

/** The pods counted in one domain; `examples` holds the first {@link maxExamples} of them by namespace and name. */
export interface DomainCount {
  count: number;
  readonly examples: PodRef[];
}

/** topologyKey → topology value → count. Keys are user data, so these are Maps. */
export type TopologyCounts = Map<string, Map<string, DomainCount>>;

/** How many pods an explanation names at most. */
export const maxExamples = 3;

/** Counts one more pod in `key=value`. */
export function addToDomain(counts: TopologyCounts, key: string, value: string, pod: PodRef): void {
  let values = counts.get(key);
  if (!values) counts.set(key, (values = new Map()));
  let domain = values.get(value);
  if (!domain) values.set(value, (domain = { count: 0, examples: [] }));
  domain.count += 1;
  // The first pods by namespace and name, whatever order they are counted in: both evaluators, and
  // an index rebuilt or kept in place, name the same ones.
  const examples = domain.examples;
  let at = examples.length;
  while (at > 0 && comparePods(pod, examples[at - 1]!) < 0) at--;
  if (at >= maxExamples) return;
  examples.splice(at, 0, pod);
  if (examples.length > maxExamples) examples.pop();
}

function comparePods(a: PodRef, b: PodRef): number {
  const x = `${a.namespace}/${a.name}`;
  const y = `${b.namespace}/${b.name}`;
  return x < y ? -1 : x > y ? 1 : a.term - b.term;
}

/** The count of `key=value` (0 when nothing was counted there). */
export function countIn(counts: TopologyCounts, key: string, value: string): number {
  return counts.get(key)?.get(value)?.count ?? 0;
}

/** `len(topologyToMatchedTermCount) == 0`. */
export function isEmptyCounts(counts: TopologyCounts): boolean {
  return counts.size === 0;
}

/** `ns/name`, and how many more were counted, for explanations: `a/x, a/y (+3 more)`. */
export function describePods(domain: DomainCount): string {
  const named = domain.examples.map((p) => `${p.namespace}/${p.name}`).join(', ');
  const more = domain.count - domain.examples.length;
  return more > 0 ? `${named} (+${more} more)` : named;
}
