/**
 * Reads every article file of an archive, on all cores: files go out in
 * small batches to worker threads (whichever is free takes the next, so one
 * slow file never idles the others) and results come back in file order, so
 * the outcome is the same as reading them one by one. Small archives, and
 * machines with one core, read in-process: starting a thread costs more than
 * it saves there. A worker that cannot start or dies hands its work back to
 * the main thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { adoptAnalysis } from '../collate/analysis.js';
import type { SiteData } from '../config.js';
import type { Diagnostics } from '../diagnostics.js';
import type { ScannedFile } from '../ingest/scan.js';
import type { Draft } from '../normalise/article.js';
import { inParallel } from '../parallel.js';
import type { RecordStore } from '../record-cache.js';
import { readOne, type ReadResult } from './read-one.js';

/** Below this many files one thread is faster: a worker takes about a second to load Dossier (measured: 1 000 files, 3.0 s in-process, 3.7 s with two workers). */
const PARALLEL_FROM = 2000;
/** Files per message: large enough that messaging is cheap, small enough to balance the load. */
const BATCH = 64;
/** At most this many threads: beyond it the disk and the main thread's merging limit the gain. */
const MAX_THREADS = 8;

/** How reading may use threads: `threads` 0 or 1 reads in-process (tests compare both). */
export interface ReadOptions {
  threads?: number;
  /** Called as files are done. */
  onProgress?: (done: number, total: number) => void;
  /** Results of earlier builds for unchanged files; fresh results are given to it. */
  cache?: RecordStore;
  /** Filled in: how many files came from the cache, and how many worker threads read (the rest were read in-process). */
  stats?: ReadStats;
}

/** What reading took from where. */
export interface ReadStats {
  fromCache: number;
  inThreads: number;
}

/** Reads, normalises and analyses every file; drafts in file order, every diagnostic recorded. */
export async function readArticles(contentDir: string, files: ScannedFile[], data: SiteData, diagnostics: Diagnostics, options: ReadOptions = {}): Promise<Draft[]> {
  const results = files.map((file) => options.cache?.get(file.path));
  const todo = files.map((_, i) => i).filter((i) => !results[i]);
  let done = files.length - todo.length;
  const progress = (n: number) => options.onProgress?.((done += n), files.length);
  progress(0);
  const threads = Math.min(options.threads ?? (todo.length >= PARALLEL_FROM ? availableParallelism() : 1), MAX_THREADS, Math.ceil(todo.length / BATCH));
  if (threads > 1) await readInWorkers(contentDir, files, todo, data, threads, results, progress);
  if (options.stats) {
    options.stats.fromCache = files.length - todo.length;
    options.stats.inThreads = todo.filter((i) => results[i]).length;
  }
  // Whatever no worker delivered (all of it, in-process) is read here.
  await inParallel(
    todo.filter((i) => !results[i]),
    8,
    async (i) => {
      results[i] = await readOne(contentDir, files[i]!, data);
      progress(1);
    },
  );
  for (const i of todo) options.cache?.set(files[i]!.path, results[i]!);

  const drafts: Draft[] = [];
  for (const result of results as ReadResult[]) {
    diagnostics.addAll(result.diagnostics);
    if (!result.draft) continue;
    // The analysis came with the draft: collate adopts it instead of computing it again.
    if (result.analysis) adoptAnalysis(result.draft.article, data, result.analysis);
    drafts.push(result.draft);
  }
  return drafts;
}

/** Worker threads load TypeScript through tsx, registered by a small JavaScript entry. */
const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./article-worker.ts', import.meta.url).href;

async function readInWorkers(
  contentDir: string,
  files: ScannedFile[],
  todo: number[],
  data: SiteData,
  threads: number,
  results: Array<ReadResult | undefined>,
  progress: (n: number) => void,
): Promise<void> {
  let next = 0;
  const runWorker = () =>
    new Promise<void>((finish) => {
      let worker: Worker;
      try {
        worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY, contentDir, data } });
      } catch {
        finish();
        return;
      }
      const send = () => {
        if (next >= todo.length) {
          void worker.terminate();
          return;
        }
        const start = next;
        next = Math.min(todo.length, next + BATCH);
        worker.postMessage({ id: start, files: todo.slice(start, next).map((i) => files[i]) });
      };
      worker.on('message', (message: { id: number; results: ReadResult[] }) => {
        message.results.forEach((result, k) => (results[todo[message.id + k]!] = result));
        progress(message.results.length);
        send();
      });
      // The batch in hand is left unread: the main thread reads it afterwards.
      worker.on('error', () => void worker.terminate());
      worker.on('exit', () => finish());
      worker.once('online', send);
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
}
