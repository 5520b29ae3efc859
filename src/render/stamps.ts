/**
 * Page stamps: what a page is made from, named without making its view. A
 * page of a list stands for the cards it lists, each by the hash of its
 * article's fields (all but its body, related articles and story); an
 * article's page for the article itself (its body by the hash of its HTML)
 * and the cards it links to. The page memory keeps a stamped page's hash of
 * its stamp instead of its view's fingerprint (fingerprint.ts
 * `pageFingerprint`): after one edit, a build checks 26 000 pages by hashing
 * a few strings each, where making every view with its shared views standing
 * in took a third of the build's time.
 * A stamp must change whenever the page's view may: anything a view reads
 * that a stamp leaves out is a page left stale, which test/page-stamps.test.ts
 * looks for over many kinds of edit.
 */
import { createHash } from 'node:crypto';
import { bodySourceOf } from '../body-source.js';
import { cardDigestOf } from '../collate/card-digest.js';
import { eventsDigest } from '../collate/events-digest.js';
import { hastToHtml } from '../hast.js';
import type { Archive, ArchivedArticle } from '../model.js';

/** Card stamps by article object: collate makes new article objects, never changes them, and a card shows on a dozen pages. */
const cards = new WeakMap<ArchivedArticle, string>();

/**
 * Everything a list can show of an article (its card) or of its events on a
 * timeline: every field of the article but its body, related articles (whose
 * scores move with every article's words) and story, which no list shows.
 * Every other field, so that one a card shows one day is in already; those
 * it does not show change only when the article's own file does.
 */
export function cardStamp(article: ArchivedArticle): string {
  let stamp = cards.get(article);
  if (stamp === undefined) {
    // The rest of the card stands by its digest, made with the article's analysis (collate/card-digest.ts).
    const own = cardDigestOf(article, () => article.topics, () => eventsDigest(article.events));
    stamp = digest(`${own}\0slug\0${article.slug}\0tags\0${JSON.stringify(article.tags)}`);
    cards.set(article, stamp);
  }
  return stamp;
}

/**
 * An article's own page: its card stamp (every field but a few), its body by
 * the file it was read from (body-source.ts) or else by its HTML, and the
 * cards it shows of its related articles and story.
 */
export function articlePageStamp(article: ArchivedArticle, archive: Pick<Archive, 'byId' | 'storyById'>): string {
  const { related, story } = article;
  const mates = story ? (archive.storyById.get(story)?.articleIds ?? []) : [];
  const hash = createHash('sha1').update(cardStamp(article)).update(bodyStamp(article.body));
  let parts = '\0related';
  for (const r of related) parts += `\0${cardOf(archive.byId.get(r.id))}`;
  parts += `\0story\0${story ?? ''}`;
  for (const id of mates) parts += `\0${cardOf(archive.byId.get(id))}`;
  return hash.update(parts).digest('base64');
}

/** What a body is made from: the file it was read from (body-source.ts) or, not known, its HTML. */
export function bodyStamp(body: ArchivedArticle['body']): string {
  const source = bodySourceOf(body);
  return source === undefined ? `\0body\0${hastToHtml(body)}` : `\0body from\0${source}`;
}

/** A page of a list of articles: what it shows besides its items (`context`), its place among the list's pages, and its items' cards. */
export function listPageStamp(context: string, page: number, pages: number, items: readonly ArchivedArticle[], after: readonly ArchivedArticle[] = []): string {
  // One string hashed at once: a page has dozens of items, and each update of a hash has its own cost.
  let parts = '';
  for (const item of items) parts += cardPart(cardStamp(item));
  return stampOfParts(context, page, pages, parts, after);
}

/**
 * A list page's stamp from its items' parts (`cardPart`, `eventPart`, one after another): a timeline's pages make
 * theirs by where each entry stands (timeline.ts), `listPageStamp` from the articles it lists.
 */
export function stampOfParts(context: string, page: number, pages: number, parts: string, after: ReadonlyArray<ArchivedArticle> = []): string {
  let text = `${context}\0${page}/${pages}${parts}\0after`;
  for (const item of after) text += cardPart(cardStamp(item));
  return digest(text);
}

/** An article's card among a list page's items, by its card stamp. */
export function cardPart(stamp: string): string {
  return `\0c ${stamp}`;
}

/** An event among a list page's items: its article's card stamp (which holds the article's events) and its place among them. */
export function eventPart(place: number, articleStamp: string): string {
  return `\0e${place} ${articleStamp}`;
}

/** The hash of a view many pages share (a chart, a topic's summary): a list page's context. */
export function sharedStamp(...views: unknown[]): string {
  return digest(JSON.stringify(views));
}

function cardOf(article: ArchivedArticle | undefined): string {
  return article ? cardStamp(article) : 'none';
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
