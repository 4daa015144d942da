/**
 * kube-scheduler feature gates that change placement answers, parsed from the
 * `--feature-gates Name=true,Other=false` syntax of k8s.io/component-base/featuregate.
 */
import { PlacementError } from '../errors.js';

/** Gates and their values. */
export interface FeatureGates {
  /** Alpha in v1.35 (default off): toleration operators `Gt` and `Lt` compare integer taint values. */
  readonly TaintTolerationComparisonOperators: boolean;
}

/** kube-scheduler's defaults. */
export const defaultFeatureGates: FeatureGates = Object.freeze({ TaintTolerationComparisonOperators: false });

const known = Object.keys(defaultFeatureGates) as (keyof FeatureGates)[];

/** Go `strconv.ParseBool`, which component-base uses for gate values. */
const goBools: ReadonlyMap<string, boolean> = new Map([
  ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((v) => [v, true] as const),
  ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((v) => [v, false] as const),
]);

/**
 * Parses `Name=true,...` onto the defaults as component-base `featureGate.Set` does (values as
 * `strconv.ParseBool` reads them); a missing value, a non-boolean or an unknown name is a usage error.
 */
export function parseFeatureGates(text: string | undefined): FeatureGates {
  const gates: Record<string, boolean> = { ...defaultFeatureGates };
  for (const item of (text ?? '').split(',')) {
    if (item.trim() === '') continue;
    const eq = item.indexOf('=');
    const name = (eq < 0 ? item : item.slice(0, eq)).trim();
    if (eq < 0) throw new PlacementError('usage', `--feature-gates: missing bool value for ${name}`);
    const value = item.slice(eq + 1).trim();
    const parsed = goBools.get(value);
    if (parsed === undefined) {
      throw new PlacementError('usage', `--feature-gates: invalid value of ${name}=${value}, err: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
    }
    if (!(known as string[]).includes(name)) {
      throw new PlacementError('usage', `--feature-gates: unrecognized feature gate: ${name} (known: ${known.join(', ')})`);
    }
    gates[name] = parsed;
  }
  return Object.freeze(gates as unknown as FeatureGates);
}
