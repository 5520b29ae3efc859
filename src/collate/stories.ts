/**
 * Same story: articles that report one event (several outlets, or one outlet
 * twice) are grouped. Two articles are one story when their texts are alike,
 * their dates fit together and, where both have topics, they share one.
 */
import type { ArchivedArticle, Story } from '../model.js';
import type { SimilarityIndex } from './similarity.js';

/** Text similarity (mean of whole-text and lead cosine) from which two articles are one story. */
export const SAME_STORY_THRESHOLD = 0.15;
/** Two day-precise articles further apart than this are not one story. */
const MAX_DAYS_APART = 3;

/** Groups articles into stories of two or more; returns the stories and each article's story id. */
export function findStories(articles: readonly ArchivedArticle[], index: SimilarityIndex): { stories: Story[]; storyOf: Map<string, string> } {
  const parent = articles.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < articles.length; i++) {
    for (const { index: j, similarity } of index.neighbours(i)) {
      if (similarity < SAME_STORY_THRESHOLD) break;
      if (j < i || root(i) === root(j)) continue;
      if (!sameStory(articles[i]!, articles[j]!, similarity)) continue;
      parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, ArchivedArticle[]>();
  articles.forEach((article, i) => {
    const list = groups.get(root(i)) ?? [];
    list.push(article);
    groups.set(root(i), list);
  });
  const stories: Story[] = [];
  const storyOf = new Map<string, string>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const ids = members.map((a) => a.id).sort();
    const story = { id: ids[0]!, articleIds: members.map((a) => a.id) };
    stories.push(story);
    for (const id of ids) storyOf.set(id, story.id);
  }
  stories.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { stories, storyOf };
}

/** The rule for one pair, given their text similarity. */
export function sameStory(a: ArchivedArticle, b: ArchivedArticle, similarity: number): boolean {
  if (similarity < SAME_STORY_THRESHOLD || !datesFit(a, b)) return false;
  if (a.topics.length && b.topics.length && !a.topics.some((m) => b.topics.some((n) => n.topic === m.topic))) return false;
  return true;
}

/** Day numbers an article may have appeared on: its date's span, or from its estimate on, or any time. */
function span(article: ArchivedArticle): [number, number] {
  const date = article.date;
  if (!date) return article.estimate ? [dayNumber(`${article.estimate.notBefore}-01-01`), Infinity] : [-Infinity, Infinity];
  if (date.precision === 'day') return [dayNumber(date.value), dayNumber(date.value)];
  const [y, m] = date.value.split('-').map(Number);
  if (date.precision === 'month') return [dayNumber(date.value + '-01'), Date.UTC(y!, m!, 0) / 86_400_000];
  return [dayNumber(`${y}-01-01`), dayNumber(`${y}-12-31`)];
}

function datesFit(a: ArchivedArticle, b: ArchivedArticle): boolean {
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  return a0 - MAX_DAYS_APART <= b1 && b0 - MAX_DAYS_APART <= a1;
}

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}
