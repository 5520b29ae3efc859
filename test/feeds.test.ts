/**
 * Feeds, sitemap and robots.txt: well-formed and of their formats, for the
 * whole archive and per topic, with absolute URLs under the base path.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-feeds-'));
const outDir = join(temp, 'dist');
const base = 'https://example.org/archief/';
let result: BuildResult;
const read = (path: string) => readFileSync(join(outDir, path), 'utf8');
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'entry', 'url'].includes(name) });

beforeAll(async () => {
  result = await build({ contentDir: join(import.meta.dirname, '..', 'content'), outDir, baseUrl: base });
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.each(['', 'onderwerp/huawei/', 'onderwerp/chips/'])('feeds at /%s', (prefix) => {
  it('RSS 2.0 is well-formed, with a dated, linked item per dated article', () => {
    const xml = read(`${prefix}feed.xml`);
    expect(XMLValidator.validate(xml)).toBe(true);
    const rss = parser.parse(xml).rss;
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel.link).toBe(new URL(prefix, base).href);
    const items = rss.channel.item ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.link).toMatch(/^https:\/\/example\.org\/archief\/artikel\/[a-z0-9-]+\/$/);
      expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
      expect(String(item.title).length).toBeGreaterThan(0);
    }
  });

  it('Atom is well-formed, with id, updated and an alternate link per entry', () => {
    const xml = read(`${prefix}atom.xml`);
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parser.parse(xml).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
    for (const entry of feed.entry ?? []) {
      expect(entry.id).toMatch(/^https:\/\/example\.org\/archief\/artikel\//);
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
    }
  });

  it('JSON Feed 1.1 has its version, language and items with id, url and date', () => {
    const feed = JSON.parse(read(`${prefix}feed.json`)) as { version: string; language: string; feed_url: string; items: Array<Record<string, unknown>> };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe('nl');
    expect(feed.feed_url).toBe(new URL(`${prefix}feed.json`, base).href);
    for (const item of feed.items) {
      expect(item.url).toMatch(/^https:\/\/example\.org\/archief\/artikel\//);
      expect(Number.isNaN(Date.parse(String(item.date_published)))).toBe(false);
      expect(item).not.toHaveProperty('author');
    }
  });
});

describe('feed contents', () => {
  it('leave out undated articles and put the newest first, with the date as written', () => {
    const items = parser.parse(read('feed.xml')).rss.channel.item as Array<{ title: string; pubDate: string }>;
    expect(items).toHaveLength(result.articles.filter((a) => a.date).length);
    expect(new Date(items[1]!.pubDate).toISOString()).toBe('2019-05-31T10:59:27.000Z');
    expect(Date.parse(items[0]!.pubDate)).toBeGreaterThan(Date.parse(items[1]!.pubDate));
  });
});

describe('sitemap and robots', () => {
  it('sitemap.xml lists every page but the 404 with absolute URLs under the base path', () => {
    const xml = read('sitemap.xml');
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = (parser.parse(xml).urlset.url as Array<{ loc: string; lastmod?: string }>).map((u) => u.loc);
    expect(urls).toContain(base);
    for (const article of result.articles) expect(urls).toContain(`${base}artikel/${article.slug}/`);
    expect(urls.every((u) => u.startsWith(base))).toBe(true);
    expect(urls.some((u) => u.includes('404'))).toBe(false);
  });

  it('robots.txt points at the sitemap', () => {
    expect(read('robots.txt')).toContain(`Sitemap: ${base}sitemap.xml`);
  });
});
