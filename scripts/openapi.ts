// `npm run openapi`: writes the HTTP API's contract, generated from the route contracts of a server
// with the default budgets: docs/openapi.json (what `GET /openapi.json` answers on such a server)
// and src/server/contract/http-types.ts (the TypeScript types the package exports). A test fails
// while either committed copy differs from the generated one.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultServerBudgets } from '../src/server/budgets.js';
import { routeContracts } from '../src/server/contract/contracts.js';
import { openApiText } from '../src/server/contract/openapi.js';
import { renderTypes } from '../src/server/contract/typescript.js';

const at = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));
mkdirSync(at('docs/'), { recursive: true });
const files: [string, string][] = [
  ['docs/openapi.json', openApiText()],
  ['src/server/contract/http-types.ts', renderTypes(routeContracts(defaultServerBudgets), defaultServerBudgets)],
];
for (const [path, text] of files) {
  writeFileSync(at(path), text);
  console.log(`wrote ${path}`);
}
