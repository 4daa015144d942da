/**
 * A cluster whose names, labels and taints carry markup (only possible with validation off, as
 * `--no-validate` allows), for the report's escaping tests in Node and in the browser. The
 * payloads would run script if any reached the page as markup: each one sets `window.__pwned`.
 */
import { createEngine } from '../api/engine.js';
import type { ImpactTarget } from '../api/impact.js';
import { nodesFromSources } from '../api/inputs.js';
import { targetsFromSources } from '../api/targets-from-sources.js';
import { defaultFeatureGates } from '../model/feature-gates.js';
import { buildReport } from '../report/build-report.js';
import type { ReportData } from '../report/report-data.js';

/** Strings that break out of a script element, an attribute or a text node if embedded unescaped. */
export const hostileStrings: readonly string[] = [
  `</script><script>window.__pwned = 1</script>`,
  `"><img src=x onerror="window.__pwned = 2">`,
  `'><svg onload='window.__pwned = 3'>`,
  `<!--<script>window.__pwned = 4</script>-->`,
  `\u2028</ScRiPt ><img src=y onerror=window.__pwned=5>`,
];

const options = { validate: false, featureGates: defaultFeatureGates };

/** The hostile cluster's report, its details embedded. */
export function hostileReport(): { data: ReportData; targets: ImpactTarget[] } {
  const nodes = nodesFromSources(
    hostileStrings.map((text, i) => ({
      file: 'hostile',
      object: {
        metadata: { name: `${text}-${i}`, labels: { 'karpenter.sh/nodepool': text, [`x${i}/${text}`]: text } },
        spec: { taints: [{ key: `${text}-key`, value: text, effect: 'NoSchedule' }], unschedulable: i === 0 },
      },
    })),
    options,
  );
  const targets = targetsFromSources(
    hostileStrings.map((text, i) => ({
      file: 'hostile',
      object: { kind: 'Deployment', metadata: { name: `${text}-w${i}`, namespace: text }, spec: { template: { spec: { nodeSelector: { 'karpenter.sh/nodepool': text } } } } },
    })),
    options,
  );
  const engine = createEngine({ nodes, validate: false });
  return { data: buildReport(engine, targets, { now: 0, details: true }), targets };
}
