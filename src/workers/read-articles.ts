/**
 * Reads every article file of an archive, on all cores: files go out in
 * small batches to worker threads (whichever is free takes the next, so one
 * slow file never idles the others) and results come back in file order, so
 * the outcome is the same as reading them one by one. Small archives, and
 * machines with one core, read in-process: starting a thread costs more than
 * it saves there. A worker that cannot start or dies hands its work back to
 * the main thread.
 */
import { adoptAnalysis } from '../collate/analysis.js';
import type { SiteData } from '../config.js';
import type { Diagnostics } from '../diagnostics.js';
import type { ScannedFile } from '../ingest/scan.js';
import type { Draft } from '../normalise/article.js';
import { inParallel } from '../parallel.js';
import type { RecordStore } from '../record-cache.js';
import { settleArrival, type ArrivalStores } from './arrival.js';
import { readOne, type ReadResult } from './read-one.js';
import { PARALLEL_FROM, runPool, threadsFor } from './pool.js';

/** Files per message: large enough that messaging is cheap, small enough to balance the load. */
const BATCH = 64;

/** How reading may use threads: `threads` 0 or 1 reads in-process (tests compare both). */
export interface ReadOptions {
  threads?: number;
  /** Called as files are done. */
  onProgress?: (done: number, total: number) => void;
  /** Results of earlier builds for unchanged files; fresh results are given to it. */
  cache?: RecordStore;
  /** Filled in: how many files came from the cache, and how many worker threads read (the rest were read in-process). */
  stats?: ReadStats;
  /** Where what later stages read waits as each record arrives, out of the heap or in large blocks (a one-shot build; see arrival.ts). */
  stores?: ArrivalStores;
}

/** What reading took from where. */
export interface ReadStats {
  fromCache: number;
  inThreads: number;
}

/** Reads, normalises and analyses every file; drafts in file order, every diagnostic recorded. */
export async function readArticles(contentDir: string, files: ScannedFile[], data: SiteData, diagnostics: Diagnostics, options: ReadOptions = {}): Promise<Draft[]> {
  const stores = options.stores;
  const arrived = (result: ReadResult | undefined): ReadResult | undefined => {
    if (stores && result) settleArrival(result, stores);
    return result;
  };
  const results = files.map((file) => arrived(options.cache?.get(file.path)));
  const todo = files.map((_, i) => i).filter((i) => !results[i]);
  let done = files.length - todo.length;
  const progress = (n: number) => options.onProgress?.((done += n), files.length);
  progress(0);
  const threads = threadsFor(todo.length, BATCH, options.threads);
  // The digests page stamps read are made with each record that the record cache keeps (analysis.ts `analyseArticle`).
  const digests = options.cache !== undefined;
  const readHere = threads > 1 ? await readInWorkers(contentDir, files, todo, { data, digests }, threads, (i, result) => (results[i] = arrived(result)), progress) : 0;
  if (options.stats) {
    options.stats.fromCache = files.length - todo.length;
    options.stats.inThreads = todo.filter((i) => results[i]).length - readHere;
  }
  // Whatever no worker delivered (all of it, in-process) is read here.
  await inParallel(
    todo.filter((i) => !results[i]),
    8,
    async (i) => {
      results[i] = arrived(await readOne(contentDir, files[i]!, data, digests));
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

/**
 * Sends the files still to read to worker threads; what a thread could not finish is left for the main thread.
 * While the threads load Dossier, the main thread reads from the front of the queue: returns how many it read.
 */
async function readInWorkers(
  contentDir: string,
  files: ScannedFile[],
  todo: number[],
  { data, digests }: { data: SiteData; digests: boolean },
  threads: number,
  deliver: (index: number, result: ReadResult) => void,
  progress: (n: number) => void,
): Promise<number> {
  let next = 0;
  // A thread has delivered a batch: it is warm, and the threads read the rest.
  let warm = false;
  const pool = runPool<ScannedFile, ReadResult>({
    worker: 'article-worker',
    workerData: { contentDir, data, digests },
    threads,
    next: () => {
      if (next >= todo.length) return null;
      const id = next;
      next = Math.min(todo.length, next + BATCH);
      return { id, items: todo.slice(id, next).map((i) => files[i]!) };
    },
    done: (batch, batchResults) => {
      warm = true;
      batchResults.forEach((result, k) => deliver(todo[batch.id + k]!, result));
      progress(batchResults.length);
    },
  });
  // Starting a thread takes a few hundred milliseconds (loading Dossier); an archive that needs threads by
  // default has files enough to read meanwhile. Forced threads on a small set (the tests) leave it all to them.
  let readHere = 0;
  while (!warm && todo.length >= PARALLEL_FROM && next < todo.length) {
    const i = todo[next++]!;
    deliver(i, await readOne(contentDir, files[i]!, data, digests));
    readHere++;
    progress(1);
    // The threads' messages (asking for work, delivering it) get their turn between files.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await pool;
  return readHere;
}
