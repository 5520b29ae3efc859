/**
 * The pipeline: ingest → normalise → collate → render → write, as
 * `dossier build` runs it. The dev server runs the same stage functions
 * incrementally (src/dev/builder.ts).
 */
import { createHash } from 'node:crypto';
import { join, resolve, sep } from 'node:path';
import { cacheFileFor, compareWithLastBuild, DEFAULT_TEMPLATES, OWN_CODE, upToDateResult, writeManifest, type FileDigests, type InputState } from './cache.js';
import { recordOutput } from './output-state.js';
import { forgetCollateInputs, forgetSearchWords } from './collate/analysis.js';
import { collateAhead, startKinship, type StartedKinship } from './collate/kin-thread.js';
import type { AnalysedArticle } from './collate/analysis.js';
import { loadSiteData, type SiteData } from './config.js';
import { BOUND_MEMORY_FROM, boundHeapGrowth, collectGarbage, COLLECT_FROM, RENDER_BOUND_FROM, RENDER_GROWTH_PERCENT, ROUTES_BESIDE_KINSHIP_UNTIL, SEARCH_MEMO_UNTIL, tightenHeapGrowth } from './memory.js';
import { Diagnostics } from './diagnostics.js';
import { scanContent } from './ingest/scan.js';
import { SpillFile } from './spill-file.js';
import { TermStore } from './collate/term-store.js';
import type { ArrivalStores } from './workers/arrival.js';
import type { Archive, ArchivedArticle, Article, OutputFile } from './model.js';
import { finishDrafts, reportUnusedOverrides } from './normalise/index.js';
import { StageClock, type ProgressListener } from './progress.js';
import { RecordCache, type RecordStore } from './record-cache.js';
import { prepareRender, type RenderContext } from './render/index.js';
import { fingerprintsAhead } from './render/fingerprints-ahead.js';
import { articlesJson } from './write/articles-json.js';
import { feedFiles } from './write/feeds.js';
import { filesBeforeKinship } from './write/outputs.js';
import { searchIndexFiles } from './write/search-index.js';
import { searchFilesAfterThread, searchTermsInThread } from './write/search-thread.js';
import { openSpare, writeSite, type SiteWriter } from './write/index.js';
import { emitRemembered, PageMemory, PageTable } from './page-memory.js';
import { threadsFor } from './workers/pool.js';
import { readArticles } from './workers/read-articles.js';
import { PAGE_BATCH, renderPages, type RenderReport } from './workers/render-pages.js';

export { DEFAULT_TEMPLATES };

/** What a build reads and where it writes. */
export interface BuildOptions {
  contentDir: string;
  outDir: string;
  templatesDir?: string;
  baseUrl?: string;
  /** Threads that read articles (default: one per core for large archives; 1 reads in-process). */
  threads?: number;
  /** Told the stage and count as the build goes (the CLI's progress line). */
  onProgress?: ProgressListener;
  /** Records of unchanged files from earlier builds (see record-cache.ts); saved once reading is done. */
  records?: RecordStore & Pick<RecordCache, 'save' | 'file'>;
  /** What each page of the output's copies was made from (see page-memory.ts). */
  pages?: PageMemory;
  /** The spare copy, opened already (`openSpare`), or else opened as the build starts. */
  opened?: ReturnType<typeof openSpare>;
  /** Where the search index's lists are kept for the next build (write/search-memo.ts); used with `pages`. */
  searchMemo?: string;
}

/** What a build produced. */
export interface BuildResult {
  diagnostics: Diagnostics;
  data: SiteData;
  /** The archive's articles (newest first). */
  articles: ArchivedArticle[];
  archive: Archive;
  fileCount: number;
  /** Files whose bytes changed (the others were left as they were). */
  filesWritten: number;
  pageCount: number;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  /** Article files whose records came from the record cache. */
  reused: number;
  /** Files read and pages rendered in worker threads (the rest in the main thread). */
  threaded: Threaded;
  /** Pages not rendered: made from the same view as their file in the spare copy. */
  pagesSkipped: number;
  /** Exports not made: made from the same inputs as their file in the spare copy. */
  exportsKept: string[];
  /** Every file written into the output folder, as relative paths. */
  paths: string[];
  /** Size and modification time of the output files the build has already looked at (pages; exports with inputs). */
  seen: PageTable;
}

/** How much of the work worker threads did. */
export interface Threaded {
  read: number;
  render: number;
  /** The search index's terms were made in a thread of their own (write/search-thread.ts). */
  search: boolean;
  /** Articles whose postings the thread patched into the last build's lists (write/search-memo.ts); null when it counted them all. */
  searchPatched: number | null;
  /** Related articles and stories were settled in a thread of their own (collate/kin-thread.ts). */
  kinship: boolean;
}

/** Builds the site into `outDir`. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const clock = new StageClock(options.onProgress);
  // Listing the old output takes seconds for a large site; it waits on the disk while the threads read.
  const opened = options.opened ?? openSpare(options.outDir);
  opened.catch(() => undefined);
  // Bodies and search words wait in a temporary file until the stage that reads them, term counts in a few large blocks (workers/arrival.ts).
  const spill = new SpillFile();
  try {
    return await buildWith(options, clock, opened, { spill, terms: new TermStore() });
  } finally {
    spill.close();
  }
}

/** The build itself, with the stores that records put what they hold in as they arrive. */
async function buildWith(options: BuildOptions, clock: StageClock, opened: ReturnType<typeof openSpare>, stores: ArrivalStores): Promise<BuildResult> {
  // Kinship starts in its thread as soon as the articles are read, on the core the rest of reading leaves idle
  // (collate/kin-thread.ts), unless the archive is so large that its vectors beside the record cache's saving might
  // raise a peak already near the bound (memory.ts; 100 000 articles; not measured there, 48 000 showed no rise).
  // Set by `startEarly` (as a cast, so that the compiler does not take it for null at the end, never seeing the callback run).
  let started = null as StartedKinship | null;
  const startEarly = (articles: AnalysedArticle[]) => {
    if (articles.length <= ROUTES_BESIDE_KINSHIP_UNTIL && threadsFor(articles.length, 1, options.threads) > 1) started = startKinship(articles);
  };
  try {
    return await buildRead(await check({ ...options, stores, onRead: startEarly }, clock), options, clock, opened, stores, started);
  } finally {
    // Settled by then, unless the build failed first: its thread waits for the archive no more.
    started?.cancel();
  }
}

/** The build once every article is read (`read`), kinship perhaps started already (`started`). */
async function buildRead(read: Awaited<ReturnType<typeof check>>, options: BuildOptions, clock: StageClock, opened: ReturnType<typeof openSpare>, stores: ArrivalStores, started: StartedKinship | null): Promise<BuildResult> {
  const { diagnostics, data, reused, readInThreads } = read;
  const count = read.articles.length;
  stores.terms.finish();
  const { problem } = stores.spill;
  if (problem) {
    diagnostics.add('build/spill-unavailable', 'info', { path: stores.spill.parent }, `the temporary file that keeps article bodies and search words out of memory could not be used (${problem}); they were kept in memory, the site is the same`, 'for a large archive, point TMPDIR at a writable folder with room (a few kilobytes per article)');
  }
  // Every record the build uses is known: the cache is written now and lets go of them, so that what the
  // stages below let go of is freed (at 100 000 articles, hundreds of megabytes).
  try {
    await options.records?.save();
  } catch (error) {
    diagnostics.add('build/cache-not-saved', 'warning', { path: options.records!.file }, `the record cache could not be written (${(error as Error).message}); the site is built all the same`, 'check that the cache folder (--cache-dir) is writable and its disk has room; the next build reads every article afresh');
  }
  // Between stages, what the last one made and let go of is collected at once, when reading made most of the records
  // (from the record cache, little is let go of) or the archive is large (see memory.ts).
  const collecting = count >= BOUND_MEMORY_FROM || (count >= COLLECT_FROM && reused < count / 2);
  const betweenStages = collecting ? collectGarbage : () => undefined;
  clock.start('collate');
  betweenStages();
  // Related articles and stories in a thread of their own when the archive is large enough for threads, while this
  // one collates the rest and lists the routes (whose views read them only when made, page by page), unless the
  // archive is so large that the two side by side would raise the build's peak memory (memory.ts).
  const render = (collated: Archive) => prepareRender(collated, data, options.templatesDir ?? DEFAULT_TEMPLATES);
  const routesBeside = count <= ROUTES_BESIDE_KINSHIP_UNTIL;
  const collated = collateAhead(read.articles, data, (apart) => (routesBeside ? render(apart) : null), started ?? threadsFor(count, 1, options.threads) > 1);
  const { archive } = collated;
  const routesAhead = collated.made !== null;
  // The archive holds a copy of each article, completed (topics, events, related articles): the records as read are
  // let go of, and the build reports the archive's. Kept to the end, they were 9 MiB of the live heap through the
  // render at 48 000 articles.
  read.articles = archive.articles;
  // Kinship may still be settling in its thread: the exports that do not read it are made meanwhile (below).
  const kinship = collated.settled.then((inThread) => {
    forgetCollateInputs(archive.articles);
    // With the routes listed beside the thread, the collection after them (below) came before this one: what the
    // inputs held (term counts in shared memory among them) is collected now, or it stayed resident through the
    // render, a collection too late: 380 against 290 MB resident before rendering 16 000 articles.
    if (routesAhead) betweenStages();
    return inThread;
  });
  // Awaited below; a build that fails before then has its own error to report.
  kinship.catch(() => undefined);
  if (!routesAhead) await kinship;
  // Let go of once the pages are rendered (below): the pages' view makers hold what the render keeps for them (the
  // timelines' and lists' HTML kept a while, render/timeline-html.ts, tens of megabytes), which the write stage and
  // the caches' saving after it (their largest memory at 100 000 articles) have no use for. Not listed beside
  // kinship, the routes are listed once the search thread has started (below), beside it.
  let context: RenderContext | null = collated.made;
  collated.made = null;
  let pageCount = context?.pages.length ?? 0;
  if (context) betweenStages();
  let kinInThread = false;
  // Every article has a page: as many threads for the pages as for the articles, past the size at which routes wait.
  let threads = threadsFor(context ? pageCount : count, PAGE_BATCH, options.threads);
  let rendered: RenderReport = { inThreads: 0, skipped: 0, table: new PageTable() };
  let copies = null as SiteWriter['copies'] | null;
  const exportsKept: string[] = [];
  let searchInThread = false;
  let searchPatched: number | null = null;
  // Each page is written as soon as it is rendered: the site is never held in memory whole.
  const report = await writeSite(
    options.outDir,
    async (writer) => {
      clock.start('exports');
      // The search index comes first: it alone reads the search words, which are let go of before the pages are
      // rendered (the bodies go page by page). Its terms are made meanwhile in a thread of their own, when the site is
      // large enough for threads; when kinship kept this thread from listing the routes beside it, they are listed
      // now, while the search thread has begun: at 100 000 articles, 3-4 s that left the second core idle.
      const memory = options.pages && { salt: options.pages.salt, spare: options.pages.tableOf(writer.copies.spare) };
      const table = new PageTable();
      // The last build's lists, patched with what changed, unless the archive is so large that the thread's copy of
      // them would raise a peak near the bound (memory.ts).
      const memo = memory && options.searchMemo && count <= SEARCH_MEMO_UNTIL ? { file: options.searchMemo, ...memory } : undefined;
      const searching = threads > 1 ? searchTermsInThread(archive, stores.spill, writer, memo) : null;
      if (!context) {
        try {
          context = render(archive);
        } catch (error) {
          // The thread writes into the spare copy: a failing build ends once it has stopped.
          await searching?.catch(() => undefined);
          throw error;
        }
        pageCount = context.pages.length;
        threads = threadsFor(pageCount, PAGE_BATCH, options.threads);
        betweenStages();
      }
      const { pages, assets } = context;
      for (const file of assets.files) await writer.emit(file);
      copies = writer.copies;
      const emitExport = async (file: OutputFile, inTurns = false) => {
        if (await emitRemembered(writer, file, memory, table, inTurns)) exportsKept.push(file.path);
      };
      // The other exports are made in turns from here on, a file or a piece at a time between whatever else this
      // thread has to do: while it waits for kinship and the search thread, then between the render threads'
      // answers (it waits on them a third of the time). Made first, one after another, they kept a core idle for
      // one to two seconds at 16 000 articles. The feeds come first: they read the articles' bodies, which the
      // render lets go of page by page. articles.json lists each article's related articles: it waits for kinship.
      const feedsMade = (async () => {
        for (const file of feedFiles(archive, data.site, diagnostics)) await emitExport(file, true);
      })();
      const exporting = (async () => {
        await feedsMade;
        for (const file of filesBeforeKinship(archive, data, pages)) await emitExport(file, true);
        await kinship;
        await emitExport(articlesJson(archive, data.site.basePath), true);
      })();
      exporting.catch(() => undefined);
      // While kinship and the search index settle in their threads, this one has little else to do than the exports
      // in turns: it stamps the pages meanwhile, until the render starts (after an edit, 0.7 s of waiting at 16 000).
      let startRender = () => undefined as void;
      const stop = new Promise<void>((resolve) => (startRender = resolve));
      const fingerprints = memory ? fingerprintsAhead(pages, memory.salt, memory.spare, { kinship, stop }) : null;
      try {
        kinInThread = await kinship;
        if (!searching) for (const file of searchIndexFiles(archive)) await emitExport(file);
        if (searching) {
          const outcome = await searching;
          searchInThread = outcome !== null;
          if (outcome && 'summary' in outcome) {
            searchPatched = outcome.patched;
            for (const [path, entry] of outcome.entries) table.set(path, entry);
          }
          for (const file of searchFilesAfterThread(archive, outcome, writer)) await emitRemembered(writer, file, memory, table);
        }
        forgetSearchWords(archive.articles);
        await feedsMade;
        betweenStages();
        clock.start('render', pageCount);
        // The render threads read the articles' bodies from the spill file themselves (workers/render-pages.ts).
        const fd = threads > 1 ? stores.spill.shareFile() : null;
        const spill = fd === null ? undefined : { fd, placeOf: (read: () => unknown) => stores.spill.placeOf(read) };
        startRender();
        // The largest heap of a very large build is the render's, and with the tables of a page memory that knows the
        // site's copies beside it, at the bound (memory.ts); a first build with the cache has room without it.
        const loosen = count >= RENDER_BOUND_FROM && options.pages && options.pages.largestCopy() > 0 ? tightenHeapGrowth(RENDER_GROWTH_PERCENT) : null;
        try {
          rendered = await renderPages(context!, pages, writer, diagnostics, { threads, memory, table, release: true, spill, fingerprints: (await fingerprints) ?? undefined, onProgress: (done) => clock.tick(done) });
        } finally {
          loosen?.();
        }
        context = null;
      } finally {
        // A build that fails ends only once the exports have stopped writing into the spare copy, which the next
        // build (a dev server's, a test's) starts from.
        await exporting.catch(() => undefined);
      }
      await exporting;
      clock.start('write');
    },
    diagnostics,
    opened,
  );
  // The copy just written is the site now; the page memory follows it by its folder's inode.
  if (options.pages && copies) await options.pages.save(copies.spare, rendered.table, copies.site);
  clock.end();
  return { diagnostics, data, articles: archive.articles, archive, fileCount: report.files, filesWritten: report.written, pageCount, timings: clock.timings, reused, threaded: { read: readInThreads, render: rendered.inThreads, search: searchInThread, searchPatched, kinship: kinInThread }, pagesSkipped: rendered.skipped, exportsKept, paths: report.paths, seen: rendered.table };
}

/** What a build that may be skipped reports. */
export interface CachedBuildResult {
  /** True when nothing had changed and the output folder was left as it was. */
  upToDate: boolean;
  diagnostics: Diagnostics;
  articles: number;
  pages: number;
  files: number;
  /** Files whose bytes changed. */
  filesWritten: number;
  /** Milliseconds per stage (only `check` when nothing was built). */
  timings: Record<string, number>;
  /** Article files whose records came from the record cache. */
  reused: number;
  /** Files read and pages rendered in worker threads. */
  threaded: Threaded;
  /** Pages not rendered: made from the same view as their file in the spare copy. */
  pagesSkipped: number;
  /** Exports not made: made from the same inputs as their file in the spare copy. */
  exportsKept: string[];
}

/**
 * Builds unless every input is byte-identical to the last successful build into
 * the same folder and that folder is untouched since; then the stored
 * diagnostics are reported again and nothing is written. `cacheDir: null` always builds.
 */
export async function buildWithCache(options: BuildOptions & { cacheDir: string | null; state?: InputState }): Promise<CachedBuildResult> {
  const started = performance.now();
  if (!options.cacheDir) return summarise(await build(options));
  // The CLI may have compared already (before loading the pipeline); then that answer is used.
  const { unchanged: previous, inputs, digests, lock } = options.state ?? (await compareWithLastBuild({ ...options, cacheDir: options.cacheDir }));
  if (previous) return upToDateResult(previous, performance.now() - started);
  const recordSalt = recordSaltOf(options, { digests, lock });
  const pages = openPageMemory({ ...options, cacheDir: options.cacheDir }, digests, recordSalt);
  // A build from the caches keeps this thread busy from the start, and an old output listed here without blocking
  // was listed only once collate was done, with the build waiting on it: a large one is listed in a thread of its
  // own now, on the core that is idle while this one reads the record cache.
  const opened = openSpare(options.outDir, threadsFor(pages.largestCopy(), 1, options.threads) > 1);
  opened.catch(() => undefined);
  // Cached records' bodies and search words stay in the cache's file until a page or the search index reads them.
  const records = await RecordCache.open(options.cacheDir, options.outDir, recordSalt, hashOfArticle(options.contentDir, digests), { textsInPlace: true });
  let built: BuildResult;
  try {
    built = await build({ ...options, records, pages, opened, searchMemo: cacheFileFor(options.cacheDir, 'search', options.outDir, '.bin') });
  } finally {
    records.close();
  }
  const result = summarise(built);
  const outputs = await recordOutput(options.outDir, built.paths, built.seen);
  await writeManifest(options.cacheDir, options.outDir, { inputs, digests, outputs, articles: result.articles, pages: result.pages, files: result.files, diagnostics: result.diagnostics.list() });
  return result;
}

/**
 * The records cached for builds into `outDir`: unchanged articles come from
 * there, valid while Dossier's code, `_data/` and the options are. Builds and
 * the dev server's first build share it.
 */
export async function openRecordCache(
  options: Pick<BuildOptions, 'contentDir' | 'outDir' | 'baseUrl'> & { cacheDir: string },
  state: Pick<InputState, 'digests' | 'lock'>,
): Promise<{ records: RecordCache; salt: string }> {
  const salt = recordSaltOf(options, state);
  return { records: await RecordCache.open(options.cacheDir, options.outDir, salt, hashOfArticle(options.contentDir, state.digests)), salt };
}

/** What the record cache is valid for: Dossier's code, `_data/` and the options. */
function recordSaltOf(options: Pick<BuildOptions, 'contentDir' | 'baseUrl'>, state: Pick<InputState, 'digests' | 'lock'>): string {
  const dataDir = join(resolve(options.contentDir), '_data') + sep;
  return saltOf(`${state.lock}\0${options.baseUrl ?? ''}`, state.digests, [OWN_CODE, dataDir]);
}

/** The content hash of an article file, by its path in the content folder. */
function hashOfArticle(contentDir: string, digests: FileDigests): (path: string) => string | undefined {
  const folder = resolve(contentDir);
  return (path) => digests.sha1Of(join(folder, path));
}

/** What the builds into `outDir` made each page from, valid while the record cache's salt and the templates are. Builds and the dev server's first build share it. */
export function openPageMemory(options: Pick<BuildOptions, 'outDir' | 'templatesDir'> & { cacheDir: string }, digests: FileDigests, recordSalt: string): PageMemory {
  // A page's bytes also depend on the templates.
  return PageMemory.open(options.cacheDir, options.outDir, saltOf(recordSalt, digests, [resolve(options.templatesDir ?? DEFAULT_TEMPLATES) + sep]));
}

/** `base` with the content hash of every input file below the given folders: what a cache is valid for. */
function saltOf(base: string, digests: FileDigests, folders: string[]): string {
  const hash = createHash('sha256').update(base);
  for (const [path, sha1] of digests.hashed()) if (folders.some((folder) => path.startsWith(folder))) hash.update(`${path}\0${sha1}\0`);
  return hash.digest('hex');
}

function summarise(result: BuildResult): CachedBuildResult {
  return { upToDate: false, diagnostics: result.diagnostics, articles: result.articles.length, pages: result.pageCount, files: result.fileCount, filesWritten: result.filesWritten, timings: result.timings, reused: result.reused, threaded: result.threaded, pagesSkipped: result.pagesSkipped, exportsKept: result.exportsKept };
}

/** Ingest and normalise only: what `dossier check` runs. */
export async function check(
  options: Pick<BuildOptions, 'contentDir' | 'baseUrl' | 'threads' | 'onProgress' | 'records'> & { stores?: ArrivalStores; onRead?: (articles: AnalysedArticle[]) => void },
  clock = new StageClock(options.onProgress),
): Promise<{ diagnostics: Diagnostics; data: SiteData; articles: Article[]; reused: number; readInThreads: number }> {
  const diagnostics = new Diagnostics();
  const data = loadSiteData(options.contentDir, diagnostics, { baseUrl: options.baseUrl });
  clock.start('read');
  const files = await scanContent(options.contentDir, data.site.ignore, diagnostics);
  // A large archive's heaps grow by a bounded share between V8's own full collections from here on (memory.ts).
  if (files.length >= BOUND_MEMORY_FROM) boundHeapGrowth();
  // ingest → normalise (and each article's own analysis for collate), file by file, on every core.
  const stats = { fromCache: 0, inThreads: 0 };
  const drafts = await readArticles(options.contentDir, files, data, diagnostics, { threads: options.threads, cache: options.records, stores: options.stores, stats, onProgress: (done, total) => clock.tick(done, total) });
  // Every article is read, its analysis (term counts among it) made: what needs no settled slugs or tags may start.
  options.onRead?.(drafts.map((draft) => draft.article));
  reportUnusedOverrides(new Set(files.map((f) => f.path)), data, diagnostics);
  const articles = finishDrafts(drafts, diagnostics);
  clock.end();
  return { diagnostics, data, articles, reused: stats.fromCache, readInThreads: stats.inThreads };
}
