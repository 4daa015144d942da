/** Reads placement policies from a file or a folder of `.json`/`.yaml`/`.yml` files (`--rules <dir>`). */
import type { Policy } from '../policy/policy.js';
import { policiesFromSources } from '../policy/parse-policy.js';
import { readSources, type ReadStdin } from './read-sources.js';

/** Every policy in `path` (a file, a folder read in name order, or `-` for stdin); throws a `PlacementError` naming each problem's file and field. */
export function loadPolicies(path: string, readStdin: ReadStdin = () => ''): Policy[] {
  return policiesFromSources(readSources(path, readStdin));
}
