/**
 * The dev server's incremental builder. It keeps each article file's content
 * hash, normalised draft and last good draft: a saved file is re-read alone,
 * pages whose view model did not change are not re-rendered, and only files
 * whose bytes changed are written. A file that turns bad keeps its last good
 * record, so its pages keep being served while the diagnostic is shown.
 *
 * A save is handled in two passes. `quick` renders the edited articles' own
 * pages at once, from their new records and what the last full rebuild
 * settled about the rest of the archive (related articles, stories, tag
 * labels). `update` then rebuilds everything as a build would, writing as
 * it goes in dependency order, and may be stopped between steps when newer
 * edits arrive: a stopped pass has written some pages of the newer site
 * (never one that links to a page not yet on disk) and removed nothing, and
 * the next finished pass writes the rest and reports all of it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { archivedAlone, collate } from '../collate/index.js';
import { loadSiteData, type SiteData } from '../config.js';
import { Diagnostics } from '../diagnostics.js';
import { listFilesAsync } from '../files.js';
import { formatOf, ignoreMatcher, scanContent } from '../ingest/scan.js';
import type { Archive, ArchivedArticle, Diagnostic, OutputFile } from '../model.js';
import type { Draft } from '../normalise/article.js';
import { finishDrafts } from '../normalise/index.js';
import { madeFingerprint, pageFingerprint } from '../render/fingerprint.js';
import { renderOrder } from '../render/timeline.js';
import { prepareRender, renderPage, type RenderContext } from '../render/index.js';
import { articlePage } from '../render/routes.js';
import { keepViewsBetweenBuilds } from '../render/views.js';
import { fileForUrl } from '../render/urls.js';
import { BatchedWriter, writeChanged } from '../write/incremental.js';
import { extraFiles } from '../write/outputs.js';
import { searchFilesWithMemo, type TermMemo } from '../write/search-memo.js';
import { readOne } from '../workers/read-one.js';
import { exportKeptFromBuild, keptFromBuild, readEveryFile, stampOf, type BuiltPages } from './first-read.js';
import type { Changes, DevBuilderOptions, QuickReport, RebuildReport } from './builder-types.js';

interface FileState {
  hash: string;
  draft: Draft | null;
  lastGood: Draft | null;
  diagnostics: Diagnostic[];
}

/** What the last finished full rebuild settled, which the quick pass builds on. */
interface Settled {
  archive: Archive;
  context: RenderContext;
  byPath: Map<string, ArchivedArticle>;
}

/** At most this many edited files are rendered ahead of the full rebuild (a checkout of many files goes straight to it). */
const QUICK_LIMIT = 20;
/** Pages made between two looks at whether newer edits arrived. */
const PAGES_PER_STEP = 256;

/** Builds once in full, then incrementally on every batch of changes. */
export class DevBuilder {
  private data!: SiteData;
  private isIgnored: (path: string) => boolean = () => false;
  private dataDiagnostics: Diagnostic[] = [];
  private readonly files = new Map<string, FileState>();
  private readonly fingerprints = new Map<string, string>();
  private readonly written = new Map<string, string>();
  /** Paths written by passes that were stopped or are running, until a finished pass reports them. */
  private readonly unreported = new Set<string>();
  /** What page fingerprints are made under: the last build's salt at first (its fingerprints are then this builder's too), another after each template change. */
  private salt = 'dev';
  private templatesVersion = 0;
  private settled: Settled | null = null;
  /** What each export that says what it is made from (`OutputFile.inputs`) was last written from. */
  private readonly exportInputs = new Map<string, string>();
  /** Until the first pass: what `build` made the pages in the output folder from. */
  private built: BuiltPages | null = null;
  /** The search index's lists as the last pass made them. */
  private searchMemo: TermMemo | null = null;

  constructor(private readonly options: DevBuilderOptions) {
    // Every view is made again on each save: the bodies and cards made for pages are worth keeping.
    keepViewsBetweenBuilds(true);
  }

  /** The first build: every file read, every page rendered and written unless `build` left it right; whatever else the output folder held is removed. */
  async full(): Promise<RebuildReport> {
    this.loadData();
    // Files found count as written, bytes unknown: compared if the site still has them, else removed. Listed meanwhile.
    const onDisk = listFilesAsync(this.options.outDir);
    const scanned = (await scanContent(this.options.contentDir, this.data.site.ignore, new Diagnostics())).filter((f) => this.isArticlePath(f.path));
    const { results, readInThreads, fromCache, built } = await readEveryFile(scanned, this.data, this.options);
    for (const path of await onDisk) this.written.set(path, '');
    for (const [path, { hash, result }] of results) this.files.set(path, { hash, draft: result.draft, lastGood: result.draft, diagnostics: result.diagnostics });
    // A file edited while the others were read (its stamp changed since it was hashed), or not read, is read again now.
    const changed = scanned.filter(({ path }) => results.get(path)?.stamp !== stampOf(this.options.contentDir, path)).map((f) => f.path);
    this.built = built && { ...built, asLeft: built.asLeft && changed.length === 0 };
    this.salt = built?.salt ?? 'dev';
    return { ...(await this.update({ content: new Set(changed), data: false, templates: true }))!, readInThreads, fromCache };
  }

  /**
   * Renders and writes the own pages of edited articles at once. Only for
   * articles that were on the site and keep their URL and tags, when neither
   * `_data/` nor templates changed; anything else waits for `update`.
   */
  async quick(changes: Changes): Promise<QuickReport> {
    const started = performance.now();
    const settled = this.settled;
    if (!settled || changes.data || changes.templates || changes.content.size > QUICK_LIMIT) return { ms: 0, written: [] };
    const edited: ArchivedArticle[] = [];
    for (const path of changes.content) {
      const before = settled.byPath.get(path);
      if (!before) continue;
      await this.readFile(path);
      const draft = this.files.get(path)?.draft;
      const article = draft && finishDrafts([draft], new Diagnostics())[0];
      const tags = article?.tags.map((t) => settled.archive.tags.find((g) => g.tag.key === t.key)?.tag);
      if (!article || article.slug !== before.slug || !tags || tags.some((t) => !t)) continue;
      // Its related articles and story stay as the last full rebuild found them until the next one settles them.
      edited.push({ ...archivedAlone({ ...article, tags: tags as ArchivedArticle['tags'] }, this.data), related: before.related, story: before.story });
    }
    if (!edited.length) return { ms: 0, written: [] };
    const byId = new Map(settled.archive.byId);
    for (const article of edited) byId.set(article.id, article);
    const archive = { ...settled.archive, byId };
    const diagnostics = new Diagnostics();
    const files: OutputFile[] = [];
    const fingerprints = new Map<string, string>();
    for (const article of edited) {
      const listed = articlePage(article, archive, this.data, settled.context.labels);
      const page = { url: listed.url, template: listed.template, view: listed.view };
      const file = renderPage(settled.context, page, diagnostics);
      if (!file) continue;
      files.push(file);
      fingerprints.set(file.path, madeFingerprint(this.salt, listed, page.view));
    }
    const { written } = await writeChanged(this.options.outDir, [files], null, this.written, diagnostics);
    // Known only once on disk: the full pass then skips these pages if it makes the same views.
    for (const [path, fingerprint] of fingerprints) this.fingerprints.set(path, fingerprint);
    return { ms: performance.now() - started, written };
  }

  /**
   * Applies a batch of changes and writes what they change, as a build would.
   * Between steps it asks `stop()`; when that says yes it returns null, having
   * removed nothing, and the caller starts over with the newer edits included.
   */
  async update(changes: Changes, stop: () => boolean = () => false): Promise<RebuildReport | null> {
    const started = performance.now();
    // A step boundary: the server answers requests and the watcher reports newer edits.
    const stopHere = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return stop();
    };
    let paths = changes.content;
    if (changes.data) {
      this.loadData();
      // Overrides, outlets and the locale shape every record: read them all again.
      paths = new Set([...this.files.keys(), ...(await scanContent(this.options.contentDir, this.data.site.ignore, new Diagnostics())).map((f) => f.path)]);
      this.files.forEach((state) => (state.hash = ''));
    }
    if (changes.templates && this.settled) this.salt = `dev:${++this.templatesVersion}`;
    const salt = this.salt;
    const built = this.built;
    this.built = null;
    for (const path of paths) await this.readFile(path);
    if (await stopHere()) return null;

    const diagnostics = new Diagnostics();
    diagnostics.addAll(this.dataDiagnostics);
    const drafts: Draft[] = [];
    for (const path of [...this.files.keys()].sort()) {
      const state = this.files.get(path)!;
      diagnostics.addAll(state.diagnostics);
      const draft = state.draft ?? state.lastGood;
      if (draft) drafts.push(draft);
    }
    const articles = finishDrafts(drafts, diagnostics);
    const archive = collate(articles, this.data);
    if (await stopHere()) return null;
    const context = prepareRender(archive, this.data, this.options.templatesDir);
    if (await stopHere()) return null;
    // Files go to disk as they are made, so a pass never holds the whole site; a fingerprint is kept once its page is on disk.
    const writer = new BatchedWriter(this.options.outDir, this.written, diagnostics, this.unreported);
    const keep = new Set<string>();
    for (const file of context.assets.files) {
      keep.add(file.path);
      await writer.add(file);
    }
    let pagesRendered = 0;
    let looked = 0;
    // Article pages before the lists, and pages before the feeds and exports: nothing links to a page before that page is on disk.
    // The timelines interleaved in time, as a build renders them: what they show is rendered once (render/timeline-html.ts).
    const pages = renderOrder(context.pages);
    for (const articlesFirst of [true, false]) {
      for (const listed of pages) {
        const path = fileForUrl(listed.url);
        if (path.startsWith('artikel/') !== articlesFirst) continue;
        if (++looked % PAGES_PER_STEP === 0) {
          await writer.flush();
          if (await stopHere()) return null;
        }
        keep.add(path);
        const kept = built && keptFromBuild(this.options.outDir, built, path, listed);
        if (kept) {
          this.fingerprints.set(path, kept);
          continue;
        }
        // A page written before is most likely unchanged: its stamp, or its view with shared views standing in, gives the
        // fingerprint (a fraction of the cost), and the whole view is made only if it did change. Any other page's view is made once, for both.
        const known = this.written.has(path) ? this.fingerprints.get(path) : undefined;
        const standIn = known === undefined ? null : pageFingerprint(salt, listed);
        if (standIn !== null && standIn === known) continue;
        const page = { url: listed.url, template: listed.template, view: listed.view };
        const fingerprint = standIn ?? madeFingerprint(salt, listed, page.view);
        const file = renderPage(context, page, diagnostics);
        pagesRendered++;
        if (file) await writer.add(file, () => this.fingerprints.set(path, fingerprint));
      }
    }
    await writer.flush();
    if (await stopHere()) return null;
    if (changes.data) {
      this.exportInputs.clear();
      // `_data/` may change what a file's words are: the next index is counted afresh.
      this.searchMemo = null;
    }
    // Made as they are written, as a build does: a large export (streamed in pieces) is written before the next is made.
    for (const file of extraFiles(archive, this.data, context.pages, diagnostics, (archive) => searchFilesWithMemo(archive, (path) => this.files.get(path)?.hash, this.searchMemo, (memo) => (this.searchMemo = memo)))) {
      keep.add(file.path);
      // One made from the same inputs as the file this builder (or the build before it) last wrote there is not made again.
      const inputs = file.inputs?.();
      const madeAlready = inputs !== undefined && this.written.has(file.path) && (this.exportInputs.get(file.path) === inputs || (built && exportKeptFromBuild(this.options.outDir, built, file.path, inputs)));
      if (madeAlready) {
        this.exportInputs.set(file.path, inputs);
        continue;
      }
      await writer.add(file, inputs === undefined ? undefined : () => this.exportInputs.set(file.path, inputs));
      if (file.chunks) await writer.flush();
    }
    await writer.flush();
    // Only a finished pass removes what the site no longer has, and reports what it and any stopped passes before it wrote.
    const { removed } = await writeChanged(this.options.outDir, [], keep, this.written, diagnostics);
    for (const path of this.fingerprints.keys()) if (!keep.has(path)) this.fingerprints.delete(path);
    const written = [...this.unreported].filter((path) => keep.has(path));
    this.unreported.clear();
    this.settled = { archive, context, byPath: new Map(archive.articles.map((a) => [a.source.path, a])) };
    return { ms: performance.now() - started, articles: articles.length, pagesRendered, written, removed, diagnostics: diagnostics.list(), data: this.data };
  }

  /** True for a content-relative path the site reads as an article (not _data/, dot-files, ignored globs or other types). */
  isArticlePath(path: string): boolean {
    if (path.startsWith('_data/') || path.split('/').some((s) => s.startsWith('.'))) return false;
    if (this.isIgnored(path)) return false;
    return formatOf(path) !== null;
  }

  private loadData(): void {
    const diagnostics = new Diagnostics();
    this.data = loadSiteData(this.options.contentDir, diagnostics, { baseUrl: this.options.baseUrl });
    this.isIgnored = ignoreMatcher(this.data.site.ignore);
    this.dataDiagnostics = diagnostics.list();
  }

  /** Re-reads one file if its bytes changed; a removed file is forgotten, a broken one keeps its last good draft. */
  private async readFile(path: string): Promise<void> {
    if (!this.isArticlePath(path)) return;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(this.options.contentDir, path));
    } catch {
      this.files.delete(path);
      return;
    }
    const hash = createHash('sha1').update(bytes).digest('hex');
    const previous = this.files.get(path);
    if (previous?.hash === hash) return;
    // The same per-file work as a build: ingest, normalise, analyse.
    const { draft, diagnostics } = await readOne(this.options.contentDir, { path, format: formatOf(path)! }, this.data);
    const broken = diagnostics.some((d) => d.severity === 'error') && !draft;
    this.files.set(path, { hash, draft, lastGood: draft ?? (broken ? previous?.lastGood ?? null : null), diagnostics });
  }
}
