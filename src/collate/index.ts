/**
 * Collate stage: validated articles → the Archive every page is drawn from:
 * one order, topics with their articles, tags, years, months, undated.
 */
import type { SiteData } from '../config.js';
import type { Archive, ArchivedArticle, Article, PeriodGroup, TagGroup, TopicGroup } from '../model.js';
import { compareNewestFirst, compareOldestFirst } from './order.js';
import { compileTopics, matchTopics } from './topics.js';

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

/** Builds the archive; topics keep the order of `_data/topics.yml`. */
export function collate(articles: Article[], data: SiteData): Archive {
  const matchers = compileTopics(data.topics);
  const archived: ArchivedArticle[] = articles.map((a) => ({ ...a, topics: matchTopics(a, matchers) })).sort(compareNewestFirst);

  const topics: TopicGroup[] = data.topics.map((topic) => ({
    topic,
    articles: archived.filter((a) => a.topics.some((m) => m.topic === topic.id)).sort(compareOldestFirst),
  }));

  const byTag = new Map<string, TagGroup>();
  for (const article of archived) {
    for (const tag of article.tags) {
      const group = byTag.get(tag.key) ?? { tag, articles: [] };
      group.articles.push(article);
      byTag.set(tag.key, group);
    }
  }
  const tags = [...byTag.values()].sort((a, b) => collator.compare(a.tag.label, b.tag.label) || (a.tag.key < b.tag.key ? -1 : 1));

  return {
    articles: archived,
    tags,
    topics,
    years: periods(archived, 4, 'year'),
    months: periods(archived, 7, 'month'),
    undated: archived.filter((a) => !a.date),
  };
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
