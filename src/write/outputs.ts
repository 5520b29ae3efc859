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

/** Every non-page output for this archive. */
export function extraFiles(archive: Archive, data: SiteData, pages: Page[], diagnostics: Diagnostics): OutputFile[] {
  return [articlesJson(archive, data.site.basePath), topicsJson(archive), ...feedFiles(archive, data.site, diagnostics), ...sitemapFiles(pages, archive, data.site), ...searchIndexFiles(archive)];
}
