/**
 * Collate stage: validated articles → the Archive every page is drawn from:
 * one order, topics with their articles and events, tags, years, months,
 * undated, related articles and same-story groups.
 */
import type { SiteData } from '../config.js';
import type { Archive, ArchivedArticle, Article, PeriodGroup, TagGroup, TextEvent, TopicGroup } from '../model.js';
import { eventsOf, fullTermsOf, leadTermsOf, topicsOf } from './analysis.js';
import { applyKinship, findKin, kinTableOf, type Kinship } from './kinship.js';
import { compareNewestFirst, compareOldestFirst } from './order.js';
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
 * `applyKinship` fills them in (kinship.ts).
 */
export function collateApart(archived: ArchivedArticle[], data: SiteData): Archive {
  const topics: TopicGroup[] = data.topics.map((topic) => {
    const articles = archived.filter((a) => a.topics.some((m) => m.topic === topic.id)).sort(compareOldestFirst);
    // Two numbers per event of its articles, exactly: at 100 000 articles a topic holds hundreds of thousands.
    return { topic, articles, events: [], eventPlaces: new Int32Array(2 * articles.reduce((n, a) => n + a.events.length, 0)) };
  });
  // Each article's topics, with its place in each, by the article's place in the archive.
  const placeOfId = new Map(archived.map((article, i) => [article.id, i]));
  const topicPlaces = new Array<Array<[TopicGroup, number]> | undefined>(archived.length).fill(undefined);
  for (const group of topics) group.articles.forEach((article, place) => (topicPlaces[placeOfId.get(article.id)!] ??= []).push([group, place]));
  // Events are sorted once for the whole archive (themselves: sorting them wrapped with their places took four times
  // as long); a topic keeps those of its articles, in the same order, with where each stands (its article, its own
  // place in it). One pass hands each event to its article's topics: a filter per topic looked up millions of events
  // at 100 000, and finding each one's place again for topics.json took most of its time.
  const events = archived.filter((_, i) => topicPlaces[i]).flatMap((a) => a.events).sort(compareEvents);
  for (const event of events) {
    const at = placeOfId.get(event.articleId)!;
    const index = archived[at]!.events.indexOf(event);
    for (const [group, place] of topicPlaces[at]!) {
      const k = 2 * group.events.push(event);
      group.eventPlaces[k - 2] = place;
      group.eventPlaces[k - 1] = index;
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
