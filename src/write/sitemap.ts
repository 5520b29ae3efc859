/**
 * `sitemap.xml` (every page but the 404, with its day as lastmod where known;
 * past 50 000 pages an index of `sitemap-N.xml` files) and `robots.txt`
 * pointing at it.
 */
import type { SiteConfig } from '../config.js';
import type { Archive, OutputFile, Page } from '../model.js';

/** URLs one sitemap file may list (sitemaps.org). */
export const MAX_URLS = 50_000;

/** The sitemap (an index of several past MAX_URLS pages) and robots.txt for these pages. */
export function sitemapFiles(pages: Page[], archive: Archive, site: SiteConfig): OutputFile[] {
  const lastmod = new Map(archive.articles.filter((a) => a.date?.precision === 'day').map((a) => [`/artikel/${a.slug}/`, a.date!.value]));
  const entries = pages
    .filter((p) => p.url.endsWith('/') && p.noindex !== true)
    .map((p) => {
      const loc = escapeXml(new URL(p.url.replace(/^\//, ''), site.baseUrl).href);
      const day = lastmod.get(p.url);
      return `  <url><loc>${loc}</loc>${day ? `<lastmod>${day}</lastmod>` : ''}</url>`;
    });
  const robots = `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', site.baseUrl).href}\n`;
  const urlset = (list: string[]) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${list.join('\n')}\n</urlset>\n`);
  if (entries.length <= MAX_URLS) return [{ path: 'sitemap.xml', bytes: urlset(entries) }, { path: 'robots.txt', bytes: Buffer.from(robots) }];
  // More URLs than one sitemap may hold: sitemap.xml becomes an index of numbered sitemaps.
  const files: OutputFile[] = [];
  for (let i = 0; i < entries.length; i += MAX_URLS) files.push({ path: `sitemap-${files.length + 1}.xml`, bytes: urlset(entries.slice(i, i + MAX_URLS)) });
  const index = files.map((f) => `  <sitemap><loc>${escapeXml(new URL(f.path, site.baseUrl).href)}</loc></sitemap>`).join('\n');
  const sitemapIndex = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index}\n</sitemapindex>\n`;
  return [...files, { path: 'sitemap.xml', bytes: Buffer.from(sitemapIndex) }, { path: 'robots.txt', bytes: Buffer.from(robots) }];
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
