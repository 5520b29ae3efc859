/**
 * Worker thread entry: makes and writes the search index's `terms/` files
 * (see write/search-thread.ts), reading each article's words where they
 * wait in the spill file. It loads only what that needs: not the parsers
 * the main thread's arrival.ts brings in.
 */
import { workerData } from 'node:worker_threads';
import type { SearchWords } from '../collate/analysis.js';
import { readSpilled } from '../spill-file.js';
import { SpareFiles } from '../write/spare-files.js';
import { searchTermFiles, type SearchSummary } from '../write/search-index.js';
import { termFilesWithMemo } from '../write/search-memo.js';
import type { SearchJob, SearchOutcome, SearchSource } from '../write/search-thread.js';
import { serveBatches } from './pool.js';
import { countsInPiece, wordsInPiece } from './search-words-piece.js';

const { root } = workerData as { root: string };
const files = new SpareFiles(root);

serveBatches((jobs: SearchJob[]) => jobs.map(runSearchJob));

/** Makes and writes the files of one job: what it wrote or found right, or why it stopped. */
function runSearchJob(job: SearchJob): SearchOutcome {
  const existing = new Set(job.existing);
  const entries = job.sources.map((source) => ({ titled: source.titled, words: () => wordsOf(job.fd, source) }));
  const summary: SearchSummary = { keys: [], common: [] };
  const paths: string[] = [];
  let written = 0;
  try {
    if (job.memo) {
      const stamps = job.sources.map((source) => source.stamp ?? null);
      return termFilesWithMemo(job.memo, entries, stamps, root, (file) => files.update(file, existing.has(file.path)));
    }
    for (const file of searchTermFiles(entries, summary)) {
      written += Number(files.update(file, existing.has(file.path)));
      paths.push(file.path);
    }
  } catch (error) {
    return { writeError: (error as Error).message };
  }
  return { summary, paths, written, entries: [], patched: null };
}

/** One article's words, from where they are. */
function wordsOf(fd: number, source: SearchSource): SearchWords {
  if ('words' in source) return { words: source.words, counts: source.counts };
  // In the spill file, or in another (the record cache's) when the source names it.
  const piece = readSpilled(source.fd ?? fd, source.offset, new Uint8Array(source.length));
  return { words: wordsInPiece(piece, source.countBytes), counts: countsInPiece(piece, source.countBytes) };
}
