/**
 * The files a site has besides its pages and assets: the JSON exports, the
 * feeds, the sitemap and robots.txt. Shared by the build and the dev server.
 */
import type { SiteData } from '../config.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Archive, OutputFile, Page } from '../model.js';
import { articlesJson, topicsJson } from './articles-json.js';
import { feedFiles } from './feeds.js';
import { searchIndexFiles } from './search-index.js';
import { sitemapFiles } from './sitemap.js';

/**
 * Every non-page output for this archive, made one kind at a time as it is
 * asked for: a build writes each before the next is made, so the exports
 * (hundreds of megabytes in a large archive) are never in memory together.
 */
export function* extraFiles(archive: Archive, data: SiteData, pages: Page[], diagnostics: Diagnostics, { search = true } = {}): Generator<OutputFile> {
  yield* filesBeforeKinship(archive, data, pages, diagnostics);
  yield* filesAfterKinship(archive, data, { search });
}

/** The exports that read no related articles or stories: a build makes them while kinship is still being settled. */
export function* filesBeforeKinship(archive: Archive, data: SiteData, pages: Page[], diagnostics: Diagnostics): Generator<OutputFile> {
  yield topicsJson(archive);
  yield* feedFiles(archive, data.site, diagnostics);
  yield* sitemapFiles(pages, archive, data.site);
}

/** The exports that do (articles.json lists each article's related articles and story), and the search index (`search`). */
export function* filesAfterKinship(archive: Archive, data: SiteData, { search = true } = {}): Generator<OutputFile> {
  yield articlesJson(archive, data.site.basePath);
  // A large build makes the search index in a thread meanwhile (search-thread.ts).
  if (search) yield* searchIndexFiles(archive);
}
