/**
 * Worker threads fed in batches, for any stage whose work splits into
 * independent items (reading files, rendering pages). Whichever thread is
 * free takes the next batch, so one slow item never idles the others; each
 * thread holds at most two batches, so the main thread makes work (views,
 * say) only as fast as the threads use it. A thread that cannot start or
 * dies hands its unfinished batches back to the caller, which does them in
 * the main thread: a broken worker never loses work.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { workerEntry } from './entry.js';

/** Below this many items one thread is faster: a thread takes a few hundred ms to load Dossier (a second through tsx). */
export const PARALLEL_FROM = 2000;
/** At most this many threads: beyond it the disk and the main thread's share of the work limit the gain. */
const MAX_THREADS = 8;

/** Threads for `items` items in batches of `batch`: `given` (1: the main thread only), else one per core for large jobs. */
export function threadsFor(items: number, batch: number, given?: number): number {
  return Math.max(1, Math.min(given ?? (items >= PARALLEL_FROM ? availableParallelism() : 1), MAX_THREADS, Math.ceil(items / batch)));
}

/**
 * Batches each thread holds at once: one being worked on, two waiting, so a thread seldom waits for the main one,
 * which makes each batch when one comes back and now and then is busy for longer (a collection, a large page, an
 * export in turns). With one waiting, 48 000 articles' render took 14.1-17.8 s (four runs), with two 13.7-14.4 s.
 */
export const IN_FLIGHT = 3;

/** One batch of items and where it started in the caller's numbering. */
export interface Batch<T> {
  id: number;
  items: T[];
}

/** How a pool runs. */
export interface PoolOptions<T, R> {
  /** The worker module in src/workers/ (without extension); it calls `serveBatches`. */
  worker: string;
  /** What every thread of the pool needs (structured-cloneable). */
  workerData: Record<string, unknown>;
  threads: number;
  /** The next batch for the given thread (numbered from 0), or null when there is no more work. */
  next: (thread: number) => Batch<T> | null;
  /** Told when a batch has been sent (the thread has its own copy of it now). */
  sent?: (batch: Batch<T>) => void;
  /** A batch's results, in item order. */
  done: (batch: Batch<T>, results: R[]) => void;
}

/** Runs batches in worker threads until `next` has no more; returns the batches no thread finished. */
export async function runPool<T, R>(options: PoolOptions<T, R>): Promise<Batch<T>[]> {
  const entry = workerEntry(options.worker);
  const unfinished: Batch<T>[] = [];
  const runThread = (_: unknown, thread: number) =>
    new Promise<void>((finish) => {
      const held = new Map<number, Batch<T>>();
      let worker: Worker;
      try {
        worker = new Worker(entry.file, { workerData: { ...entry.data, ...options.workerData } });
      } catch {
        finish();
        return;
      }
      const fill = () => {
        while (held.size < IN_FLIGHT) {
          const batch = options.next(thread);
          if (!batch) break;
          held.set(batch.id, batch);
          worker.postMessage(batch);
          options.sent?.(batch);
        }
        if (held.size === 0) void worker.terminate();
      };
      worker.on('message', (message: { id: number; results: R[] }) => {
        const batch = held.get(message.id);
        if (!batch) return;
        held.delete(message.id);
        options.done(batch, message.results);
        fill();
      });
      worker.on('error', () => void worker.terminate());
      worker.on('exit', () => {
        unfinished.push(...held.values());
        finish();
      });
      worker.once('online', fill);
    });
  await Promise.all(Array.from({ length: options.threads }, runThread));
  return unfinished.sort((a, b) => a.id - b.id);
}

/**
 * Runs one item in a thread of its own, sent at once (before the thread is
 * up, while the caller goes on with its own work); resolves to the result,
 * or null when the thread could not start, died or was stopped (`signal`).
 */
export function runOnce<T, R>(worker: string, workerData: Record<string, unknown>, item: T, signal?: AbortSignal): Promise<R | null> {
  return runInParts<R>(worker, workerData, [item], signal);
}

/**
 * Runs one job sent in parts, one message each, in a thread started at once:
 * a part that is ready is sent at once, one that is a promise when it resolves
 * (to null: the thread is stopped), so the thread works on the first while the
 * caller makes the next. Resolves to the thread's answer to the last part, or
 * null (no thread, died, stopped by a part or by `signal`).
 */
export function runInParts<R>(worker: string, workerData: Record<string, unknown>, parts: ReadonlyArray<unknown>, signal?: AbortSignal): Promise<R | null> {
  const entry = workerEntry(worker);
  return new Promise((finish) => {
    let thread: Worker;
    try {
      thread = new Worker(entry.file, { workerData: { ...entry.data, ...workerData } });
    } catch {
      finish(null);
      return;
    }
    signal?.addEventListener('abort', () => void thread.terminate(), { once: true });
    let result: R | null = null;
    const last = parts.length - 1;
    thread.on('message', (message: { id: number; results: R[] }) => {
      if (message.id !== last) return;
      result = message.results[0] ?? null;
      void thread.terminate();
    });
    thread.on('error', () => void thread.terminate());
    thread.on('exit', () => finish(result));
    const send = (id: number): void => {
      if (id > last) return;
      const post = (item: unknown) => {
        if (item === null) return void thread.terminate();
        try {
          thread.postMessage({ id, items: [item] } satisfies Batch<unknown>);
        } catch {
          // A part that cannot be sent (not cloneable): the thread would wait for it for ever.
          return void thread.terminate();
        }
        send(id + 1);
      };
      const part = parts[id];
      if (part instanceof Promise) part.then(post, () => post(null));
      else post(part);
    };
    send(0);
  });
}

/** The worker's side: answers every batch it is sent with `handle`'s results. */
export function serveBatches<T, R>(handle: (items: T[]) => Promise<R[]> | R[]): void {
  parentPort!.on('message', async (batch: Batch<T>) => {
    parentPort!.postMessage({ id: batch.id, results: await handle(batch.items) });
  });
}
