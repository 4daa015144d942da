// `npm run openapi`: writes docs/openapi.json, the HTTP API's contract for a server with the default
// budgets (what `GET /openapi.json` answers on such a server). A test fails while the committed copy
// differs from the generated one.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiText } from '../src/server/contract/openapi.js';

const target = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../docs/', import.meta.url)), { recursive: true });
writeFileSync(target, openApiText());
console.log(`wrote ${target}`);
