/**
 * Worker thread entry for `dossier dev`: the builder and its rebuild loop run
 * here, so the main thread (the server, the watcher, the reload messages)
 * answers at once even while a large archive is rebuilt. Messages in are
 * batches of changes; messages out are the loop's events (see src/dev/index.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DevBuilder } from '../dev/builder.js';
import type { Changes, DevBuilderOptions, RebuildReport } from '../dev/builder-types.js';
import { RebuildQueue } from '../dev/rebuilds.js';

/** A message from this thread to the dev server. */
export type DevWorkerMessage =
  | { type: 'quick'; ms: number; written: string[] }
  | { type: 'rebuilt'; report: RebuildReport; changes: Changes }
  | { type: 'failed'; message: string }
  | { type: 'settled'; settled: boolean; received: number };

const port = parentPort!;
const post = (message: DevWorkerMessage) => port.postMessage(message);
const builder = new DevBuilder(workerData.options as DevBuilderOptions);
let received = 0;

try {
  post({ type: 'rebuilt', report: await builder.full(), changes: { content: new Set(), data: false, templates: true } });
} catch (error) {
  post({ type: 'failed', message: (error as Error).stack ?? String(error) });
}
const queue = new RebuildQueue(builder, {
  quick: (report) => post({ type: 'quick', ...report }),
  rebuilt: (report, changes) => post({ type: 'rebuilt', report, changes }),
  failed: (message) => post({ type: 'failed', message }),
  // `received` says which batches the settled state covers: the server may have sent more meanwhile.
  settled: (settled) => post({ type: 'settled', settled, received }),
});
port.on('message', (changes: Changes) => {
  received++;
  queue.add(changes);
});
