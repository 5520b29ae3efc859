// Worker threads start here: TypeScript is loaded through tsx (as the main thread does), then the entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
