/**
 * The dev server's first build reads every article file as `build` does: on
 * the reader threads for a large archive, unchanged files from `build`'s
 * record cache when there is one. Each file's hash is taken before it is
 * read: if it changes meanwhile, the next look at it sees a different hash
 * and reads it again.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openRecordCache } from '../build.js';
import { compareWithLastBuild } from '../cache.js';
import type { SiteData } from '../config.js';
import { Diagnostics } from '../diagnostics.js';
import type { ScannedFile } from '../ingest/scan.js';
import { inParallel } from '../parallel.js';
import type { RecordCache, RecordStore } from '../record-cache.js';
import { readArticles } from '../workers/read-articles.js';
import type { ReadResult } from '../workers/read-one.js';
import type { DevBuilderOptions } from './builder.js';

/** Every file's result with the hash of the bytes it was read from, and where the results came from. */
export interface FirstRead {
  results: Map<string, { hash: string; result: ReadResult }>;
  readInThreads: number;
  fromCache: number;
}

/** Reads `files`; the record cache, if any, is left holding what this read. */
export async function readEveryFile(files: ScannedFile[], data: SiteData, options: DevBuilderOptions): Promise<FirstRead> {
  const { contentDir, outDir, templatesDir, baseUrl, cacheDir } = options;
  const hashes = new Map<string, string>();
  let cache: RecordCache | null = null;
  if (cacheDir) {
    // The digests of the inputs are what the record cache is keyed by; they are the hashes the dev builder keeps too.
    const state = await compareWithLastBuild({ contentDir, outDir, templatesDir, baseUrl, cacheDir });
    cache = (await openRecordCache({ contentDir, outDir, baseUrl, cacheDir }, state)).records;
    for (const file of files) {
      const digest = state.digests[join(resolve(contentDir), file.path)];
      if (digest) hashes.set(file.path, digest[2]);
    }
  } else {
    await inParallel(files, 16, async (file) => {
      const bytes = await readFile(join(contentDir, file.path)).catch(() => null);
      if (bytes) hashes.set(file.path, createHash('sha1').update(bytes).digest('hex'));
    });
  }
  const results = new Map<string, { hash: string; result: ReadResult }>();
  const keep = (path: string, result: ReadResult) => results.set(path, { hash: hashes.get(path)!, result });
  const collect: RecordStore = {
    get: (path) => {
      const hit = cache?.get(path);
      if (hit) keep(path, hit);
      return hit;
    },
    set: (path, result) => {
      cache?.set(path, result);
      keep(path, result);
    },
  };
  const stats = { fromCache: 0, inThreads: 0 };
  await readArticles(contentDir, files.filter((f) => hashes.has(f.path)), data, new Diagnostics(), { threads: options.threads, cache: collect, stats });
  await cache?.save();
  return { results, readInThreads: stats.inThreads, fromCache: stats.fromCache };
}
