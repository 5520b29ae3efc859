/**
 * The pipeline: ingest → normalise → collate → render → write, as
 * `dossier build` runs it. The dev server runs the same stage functions
 * incrementally (src/dev/builder.ts).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { fingerprintInputs, fingerprintOutput, readManifest, writeManifest } from './cache.js';
import { collate } from './collate/index.js';
import { loadSiteData, type SiteData } from './config.js';
import { Diagnostics } from './diagnostics.js';
import { ingest } from './ingest/index.js';
import type { Archive, Article } from './model.js';
import { normalise } from './normalise/index.js';
import { prepareRender, renderPage } from './render/index.js';
import { extraFiles } from './write/outputs.js';
import { buildSearchIndex } from './write/search-index.js';
import { writeSite } from './write/index.js';

/** The templates that ship with Dossier. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../templates', import.meta.url));

/** What a build reads and where it writes. */
export interface BuildOptions {
  contentDir: string;
  outDir: string;
  templatesDir?: string;
  baseUrl?: string;
}

/** What a build produced. */
export interface BuildResult {
  diagnostics: Diagnostics;
  data: SiteData;
  articles: Article[];
  archive: Archive;
  fileCount: number;
  pageCount: number;
}

/** Builds the site into `outDir`. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { diagnostics, data, articles } = await check(options);
  const archive = collate(articles, data);
  const context = prepareRender(archive, data, options.templatesDir ?? DEFAULT_TEMPLATES);
  // Each page is written as soon as it is rendered: the site is never held in memory whole.
  const fileCount = await writeSite(
    options.outDir,
    async (emit) => {
      for (const file of context.assets.files) await emit(file);
      for (const page of context.pages) {
        const file = renderPage(context, page, diagnostics);
        if (file) await emit(file);
      }
      for (const file of extraFiles(archive, data, context.pages, diagnostics)) await emit(file);
    },
    diagnostics,
    (staging) => buildSearchIndex(staging, data.site.locale, diagnostics),
  );
  return { diagnostics, data, articles, archive, fileCount, pageCount: context.pages.length };
}

/** What a build that may be skipped reports. */
export interface CachedBuildResult {
  /** True when nothing had changed and the output folder was left as it was. */
  upToDate: boolean;
  diagnostics: Diagnostics;
  articles: number;
  pages: number;
  files: number;
}

/** Dossier's own code and locked dependencies are inputs too: a new version never reuses an old build. */
const OWN_CODE = fileURLToPath(new URL('.', import.meta.url));
const LOCK_FILE = fileURLToPath(new URL('../package-lock.json', import.meta.url));

/**
 * Builds unless every input is byte-identical to the last successful build into
 * the same folder and that folder is untouched since; then the stored
 * diagnostics are reported again and nothing is written. `cacheDir: null` always builds.
 */
export async function buildWithCache(options: BuildOptions & { cacheDir: string | null }): Promise<CachedBuildResult> {
  const templatesDir = options.templatesDir ?? DEFAULT_TEMPLATES;
  if (!options.cacheDir) return summarise(await build(options));
  const lock = await readFile(LOCK_FILE, 'utf8').catch(() => '');
  const previous = await readManifest(options.cacheDir, options.outDir);
  const { hash: inputs, digests } = await fingerprintInputs([options.contentDir, templatesDir, OWN_CODE], { baseUrl: options.baseUrl ?? null, lock }, previous?.digests);
  if (previous && previous.inputs === inputs && previous.outputs === (await fingerprintOutput(options.outDir))) {
    const diagnostics = new Diagnostics();
    diagnostics.addAll(previous.diagnostics);
    return { upToDate: true, diagnostics, articles: previous.articles, pages: previous.pages, files: previous.files };
  }
  const result = summarise(await build(options));
  const outputs = await fingerprintOutput(options.outDir);
  await writeManifest(options.cacheDir, options.outDir, { inputs, digests, outputs, articles: result.articles, pages: result.pages, files: result.files, diagnostics: result.diagnostics.list() });
  return result;
}

function summarise(result: BuildResult): CachedBuildResult {
  return { upToDate: false, diagnostics: result.diagnostics, articles: result.articles.length, pages: result.pageCount, files: result.fileCount };
}

/** Ingest and normalise only: what `dossier check` runs. */
export async function check(options: Pick<BuildOptions, 'contentDir' | 'baseUrl'>): Promise<{ diagnostics: Diagnostics; data: SiteData; articles: Article[] }> {
  const diagnostics = new Diagnostics();
  const data = loadSiteData(options.contentDir, diagnostics, { baseUrl: options.baseUrl });
  const raws = await ingest(options.contentDir, data.site.ignore, diagnostics);
  const articles = normalise(raws, data, diagnostics);
  return { diagnostics, data, articles };
}
