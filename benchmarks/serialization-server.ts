/**
 * A server for the serialization benchmark: `node serialization-server.mjs <nodes.json> <fjs|json>`
 * serves the node set on 127.0.0.1, answers serialized with fast-json-stringify (`fjs`) or
 * JSON.stringify (`json`), and prints `listening on URL` to stderr.
 */
import { nodesFromSources } from '../src/api/inputs.js';
import { readSources } from '../src/api/read-sources.js';
import { defaultFeatureGates } from '../src/model/feature-gates.js';
import { createPlacementServer } from '../src/server/server.js';

const [snapshot = '', mode = 'json'] = process.argv.slice(2);
const nodes = nodesFromSources(readSources(snapshot, () => ''), { validate: true, featureGates: defaultFeatureGates });
const server = await createPlacementServer({ nodes, serializeAnswers: mode === 'fjs' });
const { url } = await server.listen(0, '127.0.0.1');
process.stderr.write(`listening on ${url}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
