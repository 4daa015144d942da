/** The schemas the contract names (OpenAPI `components.schemas`, exported TypeScript types), by name. */
import { eligibleCountAnswer, eligibleGroupsAnswer, eligibleNamesAnswer, eligibleNodesAnswer, planAnswer, rankAnswer, rolloutAnswer, whyAnswer } from './answers.js';
import { filterAnswer, prioritizeAnswer } from './extender.js';
import { errorSchema, type JsonSchema } from './schema.js';
import { impactAnswer } from './workloads.js';

/** Schemas the document names (`components.schemas`), so generated clients get named types. */
export const named: ReadonlyMap<JsonSchema, string> = new Map([
  [errorSchema, 'Error'],
  [eligibleNodesAnswer, 'EligibleAnswer'],
  [eligibleGroupsAnswer, 'EligibleGroupsAnswer'],
  [eligibleNamesAnswer, 'EligibleNamesAnswer'],
  [eligibleCountAnswer, 'EligibleCountAnswer'],
  [rankAnswer, 'RankAnswer'],
  [whyAnswer, 'WhyAnswer'],
  [planAnswer, 'DaemonSetPlan'],
  [rolloutAnswer, 'RolloutForecast'],
  [impactAnswer, 'ImpactAnswer'],
  [filterAnswer, 'ExtenderFilterResult'],
  [prioritizeAnswer, 'HostPriorityList'],
]);
