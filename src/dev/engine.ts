/**
 * Where the dev server's builder runs: in a worker thread, so the server and
 * the watcher on the main thread never wait for a rebuild (at 16 000 articles
 * one step of a full rebuild holds its thread for seconds). If no thread can
 * start, or the thread dies, the builder runs in the main thread instead, with
 * a short pause after each quick pass for open pages to fetch it.
 */
import { Worker } from 'node:worker_threads';
import type { DevWorkerMessage } from '../workers/dev-worker.js';
import { workerEntry } from '../workers/entry.js';
import { DevBuilder } from './builder.js';
import type { Changes, DevBuilderOptions, RebuildReport } from './builder-types.js';
import { RebuildQueue, type RebuildEvents } from './rebuilds.js';

/** What the engine tells the server: the rebuild loop's events (whether it has settled, the server asks). */
export type EngineEvents = Omit<RebuildEvents, 'settled'>;

/** A running builder. */
export interface DevEngine {
  /** Hands over a batch of edits. */
  add(changes: Changes): void;
  /** True when every batch handed over is in the site on disk. */
  settled(): boolean;
  close(): Promise<void>;
}

/** Time given to open pages to fetch what a quick pass wrote before a full rebuild holds the main thread. */
const RELOAD_GRACE_MS = 150;

/** Builds the site once and returns the engine that rebuilds it, in a worker thread unless `inProcess`. */
export async function startEngine(options: DevBuilderOptions, events: EngineEvents, inProcess = false): Promise<{ engine: DevEngine; first: RebuildReport; where: string }> {
  if (!inProcess) {
    const started = await startInWorker(options, events);
    if (started) return { ...started, where: 'a worker thread' };
  }
  return { ...(await startInProcess(options, events)), where: 'the main thread' };
}

async function startInProcess(options: DevBuilderOptions, events: EngineEvents): Promise<{ engine: DevEngine; first: RebuildReport }> {
  const builder = new DevBuilder(options);
  const first = await builder.full();
  let settled = true;
  const queue = new RebuildQueue(builder, { ...events, settled: (s) => (settled = s) }, RELOAD_GRACE_MS);
  return { first, engine: { add: (changes) => queue.add(changes), settled: () => settled, close: async () => undefined } };
}

/** The engine in a worker thread, or null when the thread could not start or failed before its first build. */
function startInWorker(options: DevBuilderOptions, events: EngineEvents): Promise<{ engine: DevEngine; first: RebuildReport } | null> {
  const entry = workerEntry('dev-worker');
  let worker: Worker;
  try {
    worker = new Worker(entry.file, { workerData: { ...entry.data, options } });
  } catch {
    return Promise.resolve(null);
  }
  // Batches sent and batches the thread's settled state covers: settled only when it has seen them all.
  let sent = 0;
  let covered = 0;
  let idle = true;
  let closing = false;
  let fallback: DevEngine | null = null;
  const engine: DevEngine = {
    add(changes) {
      if (fallback) return fallback.add(changes);
      sent++;
      worker.postMessage(changes);
    },
    settled: () => (fallback ? fallback.settled() : idle && covered === sent),
    async close() {
      closing = true;
      await worker.terminate();
      await fallback?.close();
    },
  };
  return new Promise((resolve, reject) => {
    let started = false;
    worker.on('message', (message: DevWorkerMessage) => {
      if (!started) {
        started = true;
        if (message.type === 'rebuilt') return resolve({ engine, first: message.report });
        // The first build failed (as it would have in this thread): the dev server does not start.
        closing = true;
        void worker.terminate();
        return reject(new Error(message.type === 'failed' ? message.message : 'the dev builder did not start'));
      }
      if (message.type === 'quick') events.quick(message);
      else if (message.type === 'rebuilt') events.rebuilt(message.report, message.changes);
      else if (message.type === 'failed') events.failed(message.message);
      else [idle, covered] = [message.settled, message.received];
    });
    worker.on('error', (error) => {
      if (started) events.failed(`the dev builder's thread failed: ${error.stack ?? error.message}`);
    });
    worker.on('exit', () => {
      if (!started) return resolve(null);
      if (closing) return;
      idle = false;
      // The thread died: build again in this thread and carry on with every edit from there.
      void startInProcess(options, events).then(
        ({ engine: inProcess, first }) => {
          fallback = inProcess;
          events.rebuilt(first, { content: new Set(), data: true, templates: true });
        },
        (error: Error) => events.failed(error.stack ?? error.message),
      );
    });
  });
}
