/**
 * The pipeline: ingest → normalise → collate → render → write. Both
 * `dossier build` and the dev server call this.
 */
import { fileURLToPath } from 'node:url';
import { collate } from './collate/index.js';
import { loadSiteData, type SiteData } from './config.js';
import { Diagnostics } from './diagnostics.js';
import { ingest } from './ingest/index.js';
import type { Archive, Article } from './model.js';
import { normalise } from './normalise/index.js';
import { render } from './render/index.js';
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
}

/** Builds the site into `outDir`. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { diagnostics, data, articles } = await check(options);
  const archive = collate(articles, data);
  const rendered = render(archive, data, options.templatesDir ?? DEFAULT_TEMPLATES, diagnostics);
  const files = [...rendered.files, ...extraFiles(archive, data, rendered.pages)];
  await writeSite(options.outDir, files, diagnostics, (staging) => buildSearchIndex(staging, data.site.locale, diagnostics));
  return { diagnostics, data, articles, archive, fileCount: files.length };
}

/** Ingest and normalise only: what `dossier check` runs. */
export async function check(options: Pick<BuildOptions, 'contentDir' | 'baseUrl'>): Promise<{ diagnostics: Diagnostics; data: SiteData; articles: Article[] }> {
  const diagnostics = new Diagnostics();
  const data = loadSiteData(options.contentDir, diagnostics, { baseUrl: options.baseUrl });
  const raws = await ingest(options.contentDir, data.site.ignore, diagnostics);
  const articles = normalise(raws, data, diagnostics);
  return { diagnostics, data, articles };
}
