/**
 * What the dev builder (builder.ts) is given and reports: shared by the
 * rebuild loop, the thread it may run in and the server.
 */
import type { SiteData } from '../config.js';
import type { Diagnostic } from '../model.js';

/** What changed since the last build. */
export interface Changes {
  /** Content-relative paths of article files added, changed or removed. */
  content: Set<string>;
  data: boolean;
  templates: boolean;
}

/** What one rebuild did. */
export interface RebuildReport {
  ms: number;
  articles: number;
  pagesRendered: number;
  written: string[];
  removed: string[];
  /** Every current diagnostic (all files, the data and the render). */
  diagnostics: Diagnostic[];
  data: SiteData;
  /** First build only: files read on reader threads (the rest in this thread or from the record cache). */
  readInThreads?: number;
  /** First build only: files whose records came from `build`'s record cache. */
  fromCache?: number;
}

/** What the quick pass wrote ahead of the full rebuild. */
export interface QuickReport {
  ms: number;
  written: string[];
}

/** Where the dev builder reads and writes. */
export interface DevBuilderOptions {
  contentDir: string;
  outDir: string;
  templatesDir: string;
  baseUrl?: string;
  /** Threads that read the files for the first build (default: one per core for a large archive, as `build` does). */
  threads?: number;
  /** The cache folder `build` keeps its records in: the first build takes unchanged articles from there, and leaves what it read. */
  cacheDir?: string | null;
}
