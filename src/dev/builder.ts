/**
 * The dev server's incremental builder. It keeps each article file's content
 * hash, normalised draft and last good draft: a saved file is re-read alone,
 * pages whose view model did not change are not re-rendered, and only files
 * whose bytes changed are written. A file that turns bad keeps its last good
 * record, so its pages keep being served while the diagnostic is shown.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collate } from '../collate/index.js';
import { loadSiteData, type SiteData } from '../config.js';
import { Diagnostics } from '../diagnostics.js';
import { listFiles } from '../files.js';
import { formatOf, ignoreMatcher, scanContent } from '../ingest/scan.js';
import type { Diagnostic, OutputFile } from '../model.js';
import type { Draft } from '../normalise/article.js';
import { finishDrafts } from '../normalise/index.js';
import { pageFingerprint, prepareRender, renderPage } from '../render/index.js';
import { fileForUrl } from '../render/urls.js';
import { writeChanged } from '../write/incremental.js';
import { extraFiles } from '../write/outputs.js';
import { readOne } from '../workers/read-one.js';

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
}

interface FileState {
  hash: string;
  draft: Draft | null;
  lastGood: Draft | null;
  diagnostics: Diagnostic[];
}

/** Where the dev builder reads and writes. */
export interface DevBuilderOptions {
  contentDir: string;
  outDir: string;
  templatesDir: string;
  baseUrl?: string;
}

/** Builds once in full, then incrementally on every batch of changes. */
export class DevBuilder {
  private data!: SiteData;
  private isIgnored: (path: string) => boolean = () => false;
  private dataDiagnostics: Diagnostic[] = [];
  private readonly files = new Map<string, FileState>();
  private readonly fingerprints = new Map<string, string>();
  private readonly written = new Map<string, string>();
  private templatesVersion = 0;

  constructor(private readonly options: DevBuilderOptions) {}

  /** The first build: every file read, every page rendered and written; whatever else the output folder held is removed. */
  async full(): Promise<RebuildReport> {
    this.loadData();
    // Files left by an earlier build count as written (with an unknown hash): rewritten if the site still has them, else removed.
    for (const path of await listFiles(this.options.outDir)) this.written.set(path, '');
    const scanned = await scanContent(this.options.contentDir, this.data.site.ignore, new Diagnostics());
    return this.update({ content: new Set(scanned.map((f) => f.path)), data: false, templates: true });
  }

  /** Applies a batch of changes and writes what they change. */
  async update(changes: Changes): Promise<RebuildReport> {
    const started = performance.now();
    let paths = changes.content;
    if (changes.data) {
      this.loadData();
      // Overrides, outlets and the locale shape every record: read them all again.
      paths = new Set([...this.files.keys(), ...(await scanContent(this.options.contentDir, this.data.site.ignore, new Diagnostics())).map((f) => f.path)]);
      this.files.forEach((state) => (state.hash = ''));
    }
    if (changes.templates) this.templatesVersion++;
    for (const path of paths) await this.readFile(path);

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
    const context = prepareRender(archive, this.data, this.options.templatesDir);

    const extras = extraFiles(archive, this.data, context.pages, diagnostics);
    const keep = new Set([...context.assets.files, ...extras].map((f) => f.path));
    const articlePages: OutputFile[] = [];
    const listPages: OutputFile[] = [];
    let pagesRendered = 0;
    for (const listed of context.pages) {
      // A page's view may be made on each read: make it once for the fingerprint and the render.
      const page = { url: listed.url, template: listed.template, view: listed.view };
      const path = fileForUrl(page.url);
      keep.add(path);
      const fingerprint = `${this.templatesVersion}:${pageFingerprint(page)}`;
      if (this.fingerprints.get(path) === fingerprint && this.written.has(path)) continue;
      const file = renderPage(context, page, diagnostics);
      pagesRendered++;
      if (!file) continue;
      (path.startsWith('artikel/') ? articlePages : listPages).push(file);
      this.fingerprints.set(path, fingerprint);
    }
    for (const path of this.fingerprints.keys()) if (!keep.has(path)) this.fingerprints.delete(path);
    // Written in dependency order: nothing links to a page before that page is on disk.
    const files = [...context.assets.files, ...articlePages, ...listPages, ...extras];
    const report = await writeChanged(this.options.outDir, files, keep, this.written, diagnostics);
    return { ms: performance.now() - started, articles: articles.length, pagesRendered, ...report, diagnostics: diagnostics.list(), data: this.data };
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
