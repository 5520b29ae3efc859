/**
 * The search index's `terms/` files, made in a thread of their own while the
 * main thread makes the other exports: at 16 000 articles they were a third
 * of the exports' time, with the second core idle. The thread reads each
 * article's search words where they wait in the spill file (same process,
 * same descriptor); words read in the main thread, which never went there,
 * go with the job. The main thread makes the `docs/` files and `index.json`;
 * the thread's side is workers/search-worker.ts.
 */
import { bodySourceOf } from '../body-source.js';
import { searchWordsOfText } from '../collate/analysis.js';
import type { Archive, OutputFile } from '../model.js';
import type { SpillFile, SpillPlace } from '../spill-file.js';
import { runOnce } from '../workers/pool.js';
import { spilledPlaceOf } from '../workers/arrival.js';
import type { PageTable } from '../page-memory.js';
import type { SiteWriter } from './index.js';
import { postingStamp, type MemoJob, type MemoOutcome, type PostingStamp } from './search-memo.js';
import { searchDocFiles, searchIndexFiles, searchIndexJson, titledText } from './search-index.js';

/** Where the thread finds one article's words: in the spill file, or sent along; with the memo, what it posts them from. */
export type SearchSource = ({ titled: string; stamp?: PostingStamp } & SpillPlace & { countBytes: number }) | { titled: string; stamp?: PostingStamp; words: string; counts: Uint16Array };

/** Everything the thread needs. */
export interface SearchJob {
  /** The spill file's descriptor. */
  fd: number;
  /** Each article's words, newest first. */
  sources: SearchSource[];
  /** The `terms/` files the spare copy holds: compared, not created. */
  existing: string[];
  /** Where the last build's lists are kept (search-memo.ts), when the build keeps a cache. */
  memo?: MemoJob;
}

/** What the thread did: the files it wrote or found right (as search-memo.ts says; without the memo, no page table entries and nothing patched), or why it stopped. */
export type SearchOutcome = MemoOutcome | { writeError: string };

/** The folder the thread writes. */
const TERMS = 'search/terms/';

/**
 * Makes the `terms/` files in a thread, writing them into the spare copy;
 * resolves to what it did, or null when it could not (no spill file, no
 * thread): the caller then makes them itself.
 */
export function searchTermsInThread(archive: Archive, spill: SpillFile, writer: SiteWriter, memo?: Omit<MemoJob, 'spare'> & { spare: PageTable }): Promise<SearchOutcome | null> {
  const fd = spill.shareFile();
  if (fd === null) return Promise.resolve(null);
  const sources = archive.articles.map((article): SearchSource => {
    const titled = titledText(article);
    const words = searchWordsOfText(article);
    const place = spilledPlaceOf(words, spill);
    const source: SearchSource = place ? { titled, ...place } : { titled, words: words.words, counts: words.counts };
    if (memo) source.stamp = postingStamp(bodySourceOf(article.body), titled);
    return source;
  });
  const job: SearchJob = { fd, sources, existing: writer.existing(TERMS) };
  if (memo) job.memo = { file: memo.file, salt: memo.salt, spare: memo.spare.entriesUnder(TERMS) };
  return runOnce<SearchJob, SearchOutcome>('search-worker', { root: writer.root }, job);
}

/**
 * The rest of the search index once the thread is done: its files claimed for
 * the site, then `docs/` and `index.json` to be written here. When no thread
 * made the `terms/` files, all of the index is made here after all.
 */
export function* searchFilesAfterThread(archive: Archive, outcome: SearchOutcome | null, writer: SiteWriter): Generator<OutputFile> {
  if (!outcome) {
    yield* searchIndexFiles(archive);
    return;
  }
  if ('writeError' in outcome) {
    writer.report(0, new Error(outcome.writeError));
    return;
  }
  for (const path of outcome.paths) writer.claim(path);
  writer.report(outcome.written);
  yield* searchDocFiles(archive);
  yield searchIndexJson(archive.articles.length, outcome.summary);
}
