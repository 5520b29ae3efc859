/**
 * Collate stage: validated articles → the Archive every page is drawn from:
 * one order, topics with their articles and events, tags, years, months,
 * undated, related articles and same-story groups.
 */
import type { SiteData } from '../config.js';
import type { Archive, ArchivedArticle, Article, PeriodGroup, TagGroup, TextEvent, TopicGroup } from '../model.js';
import { eventsOf, fullTermsOf, leadTermsOf, topicsOf } from './analysis.js';
import { applyKinship, findKin, kinTableOf, type Kinship } from './kinship.js';
import { compareNewestFirst } from './order.js';
import { buildSimilarityIndex } from './similarity.js';
import { copyToComplete } from '../objects.js';

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** Builds the archive; topics keep the order of `_data/topics.yml`. */
export function collate(articles: Article[], data: SiteData): Archive {
  const archive = collateApart(archiveInOrder(articles, data), data);
  applyKinship(archive, kinshipOf(archive.articles));
  return archive;
}

/** Kinship of articles in the archive's order, settled here (kin-thread.ts settles it in a thread). */
export function kinshipOf(archived: readonly ArchivedArticle[]): Kinship {
  return findKin(kinTableOf(archived), buildSimilarityIndex(archived.map((a) => fullTermsOf(a)), archived.map((a) => leadTermsOf(a))));
}

/**
 * The articles as the archive holds them, in its order (newest first), with
 * what each says on its own: what a thread settling kinship (kin-thread.ts)
 * starts from, beside `collateApart`.
 */
export function archiveInOrder(articles: Article[], data: SiteData): ArchivedArticle[] {
  return articles.map((a) => archivedAlone(a, data)).sort(compareNewestFirst);
}

/**
 * The archive of articles in their order, but for kinship: no article has
 * related articles or a story yet, and there are no stories, until
 * `applyKinship` fills them in (kinship.ts). `archived` is in the archive's
 * order, as `archiveInOrder` leaves it.
 */
export function collateApart(archived: ArchivedArticle[], data: SiteData): Archive {
  const members = topicMembers(archived, data);
  const dated = (at: number) => Boolean(archived[at]!.date);
  // Each article's topics, with its place in each, by the article's place in the archive: pairs of numbers (topic,
  // place) one after another, where a pair of each in an array of its own took five times as long to make.
  const topicPlaces = new Array<number[] | undefined>(archived.length).fill(undefined);
  const topics: TopicGroup[] = data.topics.map((topic, t) => {
    // The topic's articles by their places in the archive, oldest first.
    const places = oldestFirst(members.get(topic.id)!, dated);
    let events = 0;
    places.forEach((at, place) => {
      (topicPlaces[at] ??= []).push(t, place);
      events += archived[at]!.events.length;
    });
    // Made at their full length and filled below: pushed one by one, a large topic's list was copied as it grew.
    // Two numbers per event of its articles, exactly: at 100 000 articles a topic holds hundreds of thousands.
    return { topic, articles: places.map((at) => archived[at]!), events: new Array<TextEvent>(events), eventPlaces: new Int32Array(2 * events) };
  });
  // Events are sorted once for the whole archive (themselves: sorting them wrapped with their places took four times
  // as long); a topic keeps those of its articles, in the same order, with where each stands (its article, its own
  // place in it). One pass hands each event to its article's topics: a filter per topic looked up millions of events
  // at 100 000, and finding each one's place again for topics.json took most of its time.
  const placeOfId = new Map(archived.map((article, i) => [article.id, i]));
  const events = archived.filter((_, i) => topicPlaces[i]).flatMap((a) => a.events).sort(compareEvents);
  const filled = new Int32Array(topics.length);
  for (const event of events) {
    const at = placeOfId.get(event.articleId)!;
    const index = archived[at]!.events.indexOf(event);
    const pairs = topicPlaces[at]!;
    for (let p = 0; p < pairs.length; p += 2) {
      const t = pairs[p]!;
      const group = topics[t]!;
      const k = filled[t]!++;
      group.events[k] = event;
      group.eventPlaces[2 * k] = pairs[p + 1]!;
      group.eventPlaces[2 * k + 1] = index;
    }
  }

  return {
    articles: archived,
    tags: groupByTag(archived),
    topics,
    years: periods(archived, 4, 'year'),
    months: periods(archived, 7, 'month'),
    undated: archived.filter((a) => !a.date),
    stories: [],
    storyById: new Map(),
    byId: new Map(archived.map((a) => [a.id, a])),
  };
}

/** Each topic's articles by their places in the archive, in its order, in one pass over it (a filter per topic called a function per article and topic: 100 ms at 16 000 articles). */
function topicMembers(archived: readonly ArchivedArticle[], data: SiteData): Map<string, number[]> {
  const members = new Map<string, number[]>(data.topics.map((topic) => [topic.id, []]));
  archived.forEach((article, at) => {
    for (const match of article.topics) {
      const list = members.get(match.topic);
      // Once per topic, however many of its matches name it.
      if (list && list.at(-1) !== at) list.push(at);
    }
  });
  return members;
}

/**
 * Articles (or their places) in the archive's order (`compareNewestFirst`, as `archiveInOrder` leaves them) oldest
 * first, without sorting: dated articles by date ascending, a partial date at the head of its month or year, ties on a
 * date in the archive's order reversed; undated ones last, in the archive's order. That is exactly the dated ones
 * reversed, then the undated ones as they stand. Sorting each topic by a comparator for that order compared dates, and
 * their times through Date.parse, a million times at 100 000 articles (test/collate.test.ts holds the two alike).
 */
export function oldestFirst<T>(newestFirst: readonly T[], isDated: (item: T) => boolean): T[] {
  let dated = 0;
  while (dated < newestFirst.length && isDated(newestFirst[dated]!)) dated++;
  const ordered = newestFirst.slice(0, dated).reverse();
  for (let i = dated; i < newestFirst.length; i++) ordered.push(newestFirst[i]!);
  return ordered;
}

/** An article with what it says on its own (topics, events); related articles and story are left for the whole archive to settle. */
export function archivedAlone(article: Article, data: SiteData): ArchivedArticle {
  const archived = copyToComplete<ArchivedArticle>(article);
  archived.topics = topicsOf(article, data);
  archived.related = [];
  archived.story = null;
  archived.events = eventsOf(article);
  return archived;
}

/** Events oldest first; a partial date heads its month or year; then by article and text. */
function compareEvents(a: TextEvent, b: TextEvent): number {
  if (a.date.value !== b.date.value) return a.date.value < b.date.value ? -1 : 1;
  if (a.articleId !== b.articleId) return a.articleId < b.articleId ? -1 : 1;
  return a.sentence < b.sentence ? -1 : a.sentence > b.sentence ? 1 : 0;
}

function groupByTag(articles: ArchivedArticle[]): TagGroup[] {
  const byTag = new Map<string, TagGroup>();
  for (const article of articles) {
    for (const tag of article.tags) {
      const group = byTag.get(tag.key) ?? { tag, articles: [] };
      group.articles.push(article);
      byTag.set(tag.key, group);
    }
  }
  return [...byTag.values()].sort((a, b) => collator.compare(a.tag.label, b.tag.label) || (a.tag.key < b.tag.key ? -1 : 1));
}

/** Groups dated articles by the first `length` characters of their date (newest period first). */
function periods(articles: ArchivedArticle[], length: number, precision: 'year' | 'month'): PeriodGroup[] {
  const groups = new Map<string, PeriodGroup>();
  for (const article of articles) {
    if (!article.date || article.date.value.length < length) continue;
    const key = article.date.value.slice(0, length);
    const group = groups.get(key) ?? { key, precision, articles: [] };
    group.articles.push(article);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? 1 : -1));
}
