/**
 * The one module that imports `feed`: RSS 2.0, Atom and JSON Feed 1.1 for the
 * whole archive and per topic. Only dated articles go in (a feed item needs a
 * date); `updated` is the newest article's date, never the build time, so the
 * same content gives the same bytes. Each feed says what it is made from
 * (`OutputFile.inputs`: its items' card and body stamps), so a build after an
 * edit that none of its items show keeps it without making it: the feed
 * library took half a second of a one-edit build at 16 000 articles.
 */
import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import type { SiteConfig } from '../config.js';
import type { Diagnostics } from '../diagnostics.js';
import { hastToHtml } from '../hast.js';
import type { Archive, ArchivedArticle, OutputFile } from '../model.js';
import { bodyStamp, cardStamp } from '../render/stamps.js';
import { lazyFile, once } from './lazy-file.js';

/** Items per feed. */
export const FEED_ITEMS = 50;

/** One place's feeds: where, under what title, and the articles they may list, newest first. */
interface FeedSource {
  prefix: string;
  title: string;
  description: string;
  articles: ArchivedArticle[];
}

/**
 * The three feeds for the whole archive and for every topic, each made when its bytes are first read. A feed the
 * library cannot write is a diagnostic, and its file a feed of the same place without items (a later build that
 * keeps that file, made from the same inputs, does not say so again: the library failing is a bug in Dossier, which
 * the first report names).
 */
export function feedFiles(archive: Archive, site: SiteConfig, diagnostics: Diagnostics): OutputFile[] {
  const sources: FeedSource[] = [
    { prefix: '', title: site.title, description: site.description, articles: archive.articles },
    ...archive.topics.map((g) => ({ prefix: `onderwerp/${g.topic.id}/`, title: `${g.topic.label} · ${site.title}`, description: g.topic.description, articles: [...g.articles].reverse() })),
  ];
  return sources.flatMap((source) => {
    const items = source.articles.filter((a) => a.date).slice(0, FEED_ITEMS);
    // The three files of a place are made together, from one Feed, and from the same inputs.
    const made = once(() => feedsOrEmpty(source, items, site, diagnostics));
    const inputs = once(() => feedInputs(source, items, site));
    return (['rss', 'atom', 'json'] as const).map((kind) => lazyFile(`${source.prefix}${FEED_NAMES[kind]}`, () => made()[kind], inputs));
  });
}

const FEED_NAMES = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' } as const;

/** The bytes of one place's three feeds. */
type FeedBytes = Record<keyof typeof FEED_NAMES, Uint8Array>;

/** The feeds with their items; if the library cannot write them, a diagnostic and the feeds without items. */
function feedsOrEmpty(source: FeedSource, items: ArchivedArticle[], site: SiteConfig, diagnostics: Diagnostics): FeedBytes {
  try {
    return feedsFor(source, items, site);
  } catch (error) {
    const failed = (what: string) => diagnostics.add('write/feed-failed', 'error', { path: `${source.prefix}feed.xml` }, `the feeds at /${source.prefix} could not be written with their articles (${(error as Error).message}); ${what}`, 'this is a bug in Dossier; please report it with the article that caused it');
    try {
      const itemless = feedsFor(source, [], site);
      failed('they were written without items');
      return itemless;
    } catch {
      failed('they were written empty');
      return { rss: new Uint8Array(), atom: new Uint8Array(), json: new Uint8Array() };
    }
  }
}

/**
 * What one place's feeds are made from: the place, the site's fields the feeds show, and each item's card stamp
 * (every field of the article but its body, related articles and story) and body stamp (render/stamps.ts).
 */
function feedInputs(source: FeedSource, items: ArchivedArticle[], site: SiteConfig): string {
  let parts = JSON.stringify([source.prefix, source.title, source.description, site.baseUrl, site.locale]);
  for (const article of items) parts += `\0${cardStamp(article)}${bodyStamp(article.body)}`;
  return createHash('sha1').update(parts).digest('hex');
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

function feedsFor({ prefix, title, description }: FeedSource, items: ArchivedArticle[], site: SiteConfig): FeedBytes {
  const absolute = (path: string) => new URL(path, site.baseUrl).href;
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
  return { rss: Buffer.from(feed.rss2()), atom: Buffer.from(feed.atom1()), json: Buffer.from(toJsonFeed11(feed.json1(), site.locale)) };
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
