// Worker threads do not inherit tsx's loader here: register it, then run the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./paced-http-worker.ts');
