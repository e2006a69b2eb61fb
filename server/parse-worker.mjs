// Bootstrap for the parse worker: worker threads do not inherit tsx's loader, so register it
// here before loading the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
