/**
 * A placement policy: a cluster owner's extra condition on the nodes some workloads may use,
 * declared in a file (`apiVersion: placement/v1`, `kind: PlacementPolicy`; see rules/README.md).
 * This is the validated, plain-data form; src/policy/parse-policy.ts builds it.
 */
import type { Rule } from '../compile/rule.js';
import type { WorkloadKind } from '../model/types.js';

/** The policy file format's `apiVersion` and `kind`. */
export const policyApiVersion = 'placement/v1';
export const policyKind = 'PlacementPolicy';

/** One `appliesTo` selector; every given criterion must hold (an empty selector selects everything). */
export interface WorkloadSelector {
  /** Namespace names; `*` matches any run of characters (`ml-*`). Any one must match. */
  readonly namespaces?: readonly string[];
  /** Workload kinds (`Job`, `CronJob`, ...). Any one must match. */
  readonly kinds?: readonly WorkloadKind[];
  /** matchLabels on the workload's own `metadata.labels`. */
  readonly labels?: ReadonlyMap<string, string>;
  /** matchLabels on the pod template's `metadata.labels` (for a Pod, its own labels). */
  readonly podLabels?: ReadonlyMap<string, string>;
}

/** A validated policy. */
export interface Policy {
  readonly name: string;
  /** Where it was read, e.g. `rules/policies/gpu.yaml (document 2)`; used in error messages. */
  readonly source: string;
  /** The policy applies to a workload that any selector selects; `[{}]` (every workload) when absent. */
  readonly appliesTo: readonly WorkloadSelector[];
  /** JSON Logic over the node's facts plus `fields`; a node passes when it is truthy. */
  readonly condition: unknown;
  /** Shown for each node the policy excludes. */
  readonly reason: string;
  /** `fields` alias → JSONPath into the node object; values appear in the facts as `fields.<alias>`. */
  readonly fields: ReadonlyMap<string, string>;
  /** The condition as an engine rule when it only reads labels (see `labelOnlyRule`), for the node index. */
  readonly labelRule: Rule | undefined;
}
