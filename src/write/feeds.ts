/**
 * The one module that imports `feed`: RSS 2.0, Atom and JSON Feed 1.1 for the
 * whole archive and per topic. Only dated articles go in (a feed item needs a
 * date); `updated` is the newest article's date, never the build time, so the
 * same content gives the same bytes.
 */
import { Feed } from 'feed';
import type { SiteConfig } from '../config.js';
import type { Diagnostics } from '../diagnostics.js';
import { hastToHtml } from '../hast.js';
import type { Archive, ArchivedArticle, OutputFile } from '../model.js';

/** Items per feed. */
export const FEED_ITEMS = 50;


/** The three feeds for the whole archive and for every topic; a feed the library cannot write is a diagnostic. */
export function feedFiles(archive: Archive, site: SiteConfig, diagnostics: Diagnostics): OutputFile[] {
  const feeds: Array<[string, string, string, ArchivedArticle[]]> = [
    ['', site.title, site.description, archive.articles],
    ...archive.topics.map((g): [string, string, string, ArchivedArticle[]] => [`onderwerp/${g.topic.id}/`, `${g.topic.label} · ${site.title}`, g.topic.description, [...g.articles].reverse()]),
  ];
  return feeds.flatMap(([prefix, title, description, articles]) => {
    try {
      return feedsFor(prefix, title, description, articles, site);
    } catch (error) {
      diagnostics.add('write/feed-failed', 'error', { path: `${prefix}feed.xml` }, `the feeds at /${prefix} could not be written: ${(error as Error).message}`, 'this is a bug in Dossier; please report it with the article that caused it');
      return [];
    }
  });
}

/** A dated article's moment for a feed: the written time when known, else the start of its day, month or year (UTC). */
export function feedDate(article: ArchivedArticle): Date | null {
  const date = article.date;
  if (!date) return null;
  const [y, m, d] = date.value.split('-').map(Number);
  if (date.time && date.precision === 'day') {
    const parsed = Date.parse(`${date.value}T${date.time}`);
    if (!Number.isNaN(parsed)) return new Date(parsed);
  }
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

function feedsFor(prefix: string, title: string, description: string, articles: ArchivedArticle[], site: SiteConfig): OutputFile[] {
  const absolute = (path: string) => new URL(path, site.baseUrl).href;
  const items = articles.filter((a) => a.date).slice(0, FEED_ITEMS);
  const updated = items.length ? feedDate(items[0]!)! : new Date(Date.UTC(2000, 0, 1));
  const feed = new Feed({
    id: absolute(prefix),
    link: absolute(prefix),
    title,
    description: description || title,
    language: site.locale,
    updated,
    generator: 'Dossier',
    copyright: '',
    feedLinks: { rss: absolute(`${prefix}feed.xml`), atom: absolute(`${prefix}atom.xml`), json: absolute(`${prefix}feed.json`) },
  });
  for (const article of items) {
    const link = absolute(`artikel/${article.slug}/`);
    feed.addItem({
      id: link,
      link,
      title: article.title,
      description: article.lead,
      content: hastToHtml(article.body),
      date: feedDate(article)!,
      published: feedDate(article)!,
      // Feed readers need an absolute address; a path from another site's content has none.
      ...(article.image && /^https?:\/\//i.test(article.image) ? { image: article.image } : {}),
      ...(article.outlet ? { author: [{ name: article.outlet }] } : {}),
      category: article.tags.map((t) => ({ name: t.label })),
    });
  }
  return [
    { path: `${prefix}feed.xml`, bytes: Buffer.from(feed.rss2()) },
    { path: `${prefix}atom.xml`, bytes: Buffer.from(feed.atom1()) },
    { path: `${prefix}feed.json`, bytes: Buffer.from(toJsonFeed11(feed.json1(), site.locale)) },
  ];
}

/** `feed` writes JSON Feed 1.0; 1.1 renames `author` to `authors` and adds `language`. */
function toJsonFeed11(json: string, language: string): string {
  const document = JSON.parse(json) as Record<string, unknown> & { items?: Array<Record<string, unknown>> };
  document.version = 'https://jsonfeed.org/version/1.1';
  document.language = language;
  for (const item of document.items ?? []) {
    if (item.author) {
      item.authors = Array.isArray(item.author) ? item.author : [item.author];
      delete item.author;
    }
  }
  if (document.author) {
    document.authors = [document.author];
    delete document.author;
  }
  return `${JSON.stringify(document, null, 2)}\n`;
}
