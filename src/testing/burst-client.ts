/**
 * A client process for {@link burstFromAnotherProcess}: reads `{port, requests}` as JSON on stdin,
 * sends the requests all at once with `burst`, and prints the answers as JSON. Not a test file.
 */
import { burst } from './test-server.js';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => (input += chunk));
process.stdin.on('end', async () => {
  const { port, requests } = JSON.parse(input) as { port: number; requests: Parameters<typeof burst>[1] };
  const answers = await burst(port, requests);
  process.stdout.write(JSON.stringify(answers.map((a) => ({ ...a, headers: [...a.headers] }))));
});
