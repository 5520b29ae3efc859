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
export function* extraFiles(archive: Archive, data: SiteData, pages: Page[], diagnostics: Diagnostics, search: (archive: Archive) => Iterable<OutputFile> = searchIndexFiles): Generator<OutputFile> {
  yield* feedFiles(archive, data.site, diagnostics);
  yield* filesBeforeKinship(archive, data, pages);
  yield articlesJson(archive, data.site.basePath);
  yield* search(archive);
}

/**
 * The exports that read neither related articles or stories nor the articles' bodies: a build makes them while
 * kinship is still being settled, and on while the pages render. The feeds read the bodies, which a build lets go of
 * as their pages are written (it makes them first); articles.json lists related articles and stories.
 */
export function* filesBeforeKinship(archive: Archive, data: SiteData, pages: Page[]): Generator<OutputFile> {
  yield topicsJson(archive);
  yield* sitemapFiles(pages, archive, data.site);
}
