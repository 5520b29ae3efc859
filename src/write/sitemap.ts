/**
 * `sitemap.xml` (every page but the 404, with its day as lastmod where known)
 * and `robots.txt` pointing at it.
 */
import type { SiteConfig } from '../config.js';
import type { Archive, OutputFile, Page } from '../model.js';

/** The sitemap and robots.txt for these pages. */
export function sitemapFiles(pages: Page[], archive: Archive, site: SiteConfig): OutputFile[] {
  const lastmod = new Map(archive.articles.filter((a) => a.date?.precision === 'day').map((a) => [`/artikel/${a.slug}/`, a.date!.value]));
  const entries = pages
    .filter((p) => p.url.endsWith('/') && p.noindex !== true)
    .map((p) => {
      const loc = escapeXml(new URL(p.url.replace(/^\//, ''), site.baseUrl).href);
      const day = lastmod.get(p.url);
      return `  <url><loc>${loc}</loc>${day ? `<lastmod>${day}</lastmod>` : ''}</url>`;
    });
  const sitemap = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
  const robots = `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', site.baseUrl).href}\n`;
  return [
    { path: 'sitemap.xml', bytes: Buffer.from(sitemap) },
    { path: 'robots.txt', bytes: Buffer.from(robots) },
  ];
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
