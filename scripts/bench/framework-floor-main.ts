// The frameworks floor as a process: `framework-floor-main.ts <answers.json>`,
// the answers superjson-encoded. Prints `listening <url>`; stops on SIGTERM.
import { readFileSync } from 'node:fs';
import superjson from 'superjson';
import { startFrameworkFloor, type FloorAnswers } from './framework-floor';

const answers = superjson.parse<FloorAnswers>(readFileSync(process.argv[2]!, 'utf8'));
const { url, server } = await startFrameworkFloor(answers);
console.log(`listening ${url}`);

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
