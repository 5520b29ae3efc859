/**
 * `sitemap.xml` (every page but the 404, with its day as lastmod where known;
 * past 50 000 pages an index of `sitemap-N.xml` files) and `robots.txt`
 * pointing at it. A sitemap says what it is made from (`OutputFile.inputs`:
 * the site's address and each page's address and day), so a build after an
 * edit that moves no page keeps it without making it: making it cost 0.3 s
 * of the main thread in a one-edit build at 16 000 articles.
 */
import { createHash } from 'node:crypto';
import type { SiteConfig } from '../config.js';
import type { Archive, OutputFile, Page } from '../model.js';
import { lazyFile, once } from './lazy-file.js';

/** URLs one sitemap file may list (sitemaps.org). */
export const MAX_URLS = 50_000;

/** The sitemap (an index of several past MAX_URLS pages) and robots.txt for these pages, each sitemap made when its bytes are first read. */
export function sitemapFiles(pages: Page[], archive: Archive, site: SiteConfig): OutputFile[] {
  const listed = pages.filter((p) => p.url.endsWith('/') && p.noindex !== true);
  const lastmodOf = once(() => new Map(archive.articles.filter((a) => a.date?.precision === 'day').map((a) => [`/artikel/${a.slug}/`, a.date!.value])));
  const entriesOf = once(() =>
    listed.map((p) => {
      const loc = escapeXml(new URL(p.url.replace(/^\//, ''), site.baseUrl).href);
      const day = lastmodOf().get(p.url);
      return `  <url><loc>${loc}</loc>${day ? `<lastmod>${day}</lastmod>` : ''}</url>`;
    }),
  );
  const inputsOf = once(() => sitemapInputs(listed, lastmodOf(), site));
  const urlset = (from: number, to: number) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entriesOf().slice(from, to).join('\n')}\n</urlset>\n`);
  const robots: OutputFile = { path: 'robots.txt', bytes: Buffer.from(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', site.baseUrl).href}\n`) };
  if (listed.length <= MAX_URLS) return [lazyFile('sitemap.xml', () => urlset(0, listed.length), inputsOf), robots];
  // More URLs than one sitemap may hold: sitemap.xml becomes an index of numbered sitemaps.
  const files: OutputFile[] = [];
  for (let i = 0; i < listed.length; i += MAX_URLS) files.push(lazyFile(`sitemap-${files.length + 1}.xml`, () => urlset(i, i + MAX_URLS), inputsOf));
  const index = files.map((f) => `  <sitemap><loc>${escapeXml(new URL(f.path, site.baseUrl).href)}</loc></sitemap>`).join('\n');
  const sitemapIndex = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index}\n</sitemapindex>\n`;
  return [...files, { path: 'sitemap.xml', bytes: Buffer.from(sitemapIndex) }, robots];
}

/** What the sitemaps are made from: the site's address, and each listed page's address with its day where known. */
function sitemapInputs(listed: Page[], lastmod: Map<string, string>, site: SiteConfig): string {
  let parts = site.baseUrl;
  for (const page of listed) parts += `\n${page.url} ${lastmod.get(page.url) ?? ''}`;
  return createHash('sha1').update(parts).digest('hex');
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
