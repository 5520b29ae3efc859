/**
 * The dev server's first build reads every article file as `build` does: on
 * the reader threads for a large archive, unchanged files from `build`'s
 * record cache when there is one. Each file's hash is taken before it is
 * read: if it changes meanwhile, the next look at it sees a different hash
 * and reads it again. It also finds what `build` made each page of the
 * output folder from (page-memory.ts), so that pages already right on disk
 * are not rendered again.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openPageMemory, openRecordCache } from '../build.js';
import { compareWithLastBuild } from '../cache.js';
import type { SiteData } from '../config.js';
import { Diagnostics } from '../diagnostics.js';
import type { ScannedFile } from '../ingest/scan.js';
import type { Page } from '../model.js';
import { inputsHash, keptAsMade, statIn, type PageTable } from '../page-memory.js';
import { pageFingerprint } from '../render/fingerprint.js';
import { inParallel } from '../parallel.js';
import type { RecordCache, RecordStore } from '../record-cache.js';
import { readArticles } from '../workers/read-articles.js';
import type { ReadResult } from '../workers/read-one.js';
import type { DevBuilderOptions } from './builder-types.js';

/** Every file's result with the hash of the bytes it was read from and its stamp then (`stampOf`), and where the results came from. */
export interface FirstRead {
  results: Map<string, { hash: string; stamp: string; result: ReadResult }>;
  readInThreads: number;
  fromCache: number;
  /** What the last `build` into the output folder made its pages from, with the salt the fingerprints are under (null: none known). */
  built: BuiltPages | null;
}

/** The page table `build` keeps for the copy of the site now in the output folder. */
export interface BuiltPages {
  salt: string;
  table: PageTable;
  /** Every input is as that build read it and the folder as it left it: each page is what the table says, unseen. */
  asLeft: boolean;
}

/** Reads `files`; the record cache, if any, is left holding what this read. */
export async function readEveryFile(files: ScannedFile[], data: SiteData, options: DevBuilderOptions): Promise<FirstRead> {
  const { contentDir, outDir, templatesDir, baseUrl, cacheDir } = options;
  const hashes = new Map<string, string>();
  // Each file's size and modification time when it was hashed: the builder reads again whatever changed since.
  const stamps = new Map<string, string>();
  let cache: RecordCache | null = null;
  let built: BuiltPages | null = null;
  if (cacheDir) {
    // The digests of the inputs are what the record cache is keyed by; they are the hashes the dev builder keeps too.
    const state = await compareWithLastBuild({ contentDir, outDir, templatesDir, baseUrl, cacheDir });
    const { records, salt } = await openRecordCache({ contentDir, outDir, baseUrl, cacheDir }, state);
    cache = records;
    const pages = openPageMemory({ outDir, templatesDir, cacheDir }, state.digests, salt);
    // The build follows each copy of the site by its folder's inode: the one in place is the one it wrote last.
    const site = statSync(outDir, { throwIfNoEntry: false });
    if (site) built = { salt: pages.salt, table: pages.tableOf(site.ino), asLeft: state.unchanged !== null };
    for (const file of files) {
      const digest = state.digests.get(join(resolve(contentDir), file.path));
      if (!digest) continue;
      hashes.set(file.path, digest[2]);
      stamps.set(file.path, `${digest[0]}:${digest[1]}`);
    }
  } else {
    await inParallel(files, 16, async (file) => {
      const stamp = stampOf(contentDir, file.path);
      const bytes = stamp === null ? null : await readFile(join(contentDir, file.path)).catch(() => null);
      if (!bytes) return;
      hashes.set(file.path, createHash('sha1').update(bytes).digest('hex'));
      stamps.set(file.path, stamp!);
    });
  }
  const results = new Map<string, { hash: string; stamp: string; result: ReadResult }>();
  const keep = (path: string, result: ReadResult) => results.set(path, { hash: hashes.get(path)!, stamp: stamps.get(path)!, result });
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
  return { results, readInThreads: stats.inThreads, fromCache: stats.fromCache, built };
}

/**
 * The fingerprint (under the build's salt, which a dev builder's first pass
 * shares) of a page whose file `build` left in `outDir` untouched since and
 * made from the view the page has now, so it is right as it is; else null.
 * When the build left everything as it is now, the page's view is not even
 * made: a dev server started on a site just built renders nothing again.
 */
export function keptFromBuild(outDir: string, built: BuiltPages, path: string, page: Page): string | null {
  const known = built.table.get(path);
  if (built.asLeft && known) return known[2];
  let fingerprint: string | null = null;
  return keptAsMade(statIn(outDir), built.table, null, path, () => (fingerprint = pageFingerprint(built.salt, page))) ? fingerprint : null;
}

/** True when `build` left the export at `path` in `outDir` untouched since, made from the same `inputs` (`OutputFile.inputs`): it need not be made. */
export function exportKeptFromBuild(outDir: string, built: BuiltPages, path: string, inputs: string): boolean {
  return keptAsMade(statIn(outDir), built.table, null, path, () => inputsHash(built.salt, path, inputs));
}

/** A content file's size and modification time as one string (null: it is gone); a file whose stamp is unchanged was not edited. */
export function stampOf(contentDir: string, path: string): string | null {
  const info = statSync(join(contentDir, path), { throwIfNoEntry: false });
  return info ? `${info.size}:${info.mtimeMs}` : null;
}
