/**
 * Kinship between articles: related articles and same-story groups, the part
 * of collate that needs every article's words. It reads an archive through a
 * kin table, a few flat arrays of what the rules look at (ids, the days an
 * article may have appeared on, its topics and tags as numbers), so that a
 * thread can be handed the table in one message and settle kinship beside
 * the rest of collate (collate/kin-thread.ts); the main thread runs the same
 * functions on the same table when there is no thread.
 */
import type { Archive, ArchivedArticle, RelatedArticle, Story } from '../model.js';
import { RelatedScoring } from './related.js';
import type { SimilarityIndex } from './similarity.js';
import { daySpan, StoryGrouping } from './stories.js';

/** Numbers in lists, one list per article: article `i`'s are `values[starts[i]]` up to `values[starts[i + 1]]`. */
export interface NumberLists {
  starts: Int32Array;
  values: Int32Array;
}

/** What kinship reads of an archive, article by article in the archive's order. */
export interface KinTable {
  ids: string[];
  /** Per article, the first and last day number it may have appeared on (`daySpan`): two numbers each. */
  spans: Float64Array;
  /** Each article's topics, as numbers: the same topic, the same number. */
  topics: NumberLists;
  /** Each article's tags by key, as numbers. */
  tags: NumberLists;
}

/** Related articles and stories, as a thread hands them back: related ones as positions in the table, with scores. */
export interface Kinship {
  /** Groups of two or more, by id. */
  stories: Story[];
  /** Related articles of article `i`: `related.values[related.starts[i]]` up to the next start, best first. */
  related: NumberLists;
  /** Their scores, at the same places. */
  scores: Float64Array;
}

/** The kin table of articles in the archive's order. */
export function kinTableOf(articles: readonly ArchivedArticle[]): KinTable {
  const spans = new Float64Array(articles.length * 2);
  articles.forEach((article, i) => spans.set(daySpan(article), i * 2));
  return {
    ids: articles.map((a) => a.id),
    spans,
    topics: numbered(articles, (a) => a.topics.map((m) => m.topic)),
    tags: numbered(articles, (a) => a.tags.map((t) => t.key)),
  };
}

/** Each article's keys as numbers, in lists without repeats (the numbering holds within one table). */
function numbered(articles: readonly ArchivedArticle[], keysOf: (article: ArchivedArticle) => string[]): NumberLists {
  const numbers = new Map<string, number>();
  const values: number[] = [];
  const starts = new Int32Array(articles.length + 1);
  articles.forEach((article, i) => {
    for (const key of keysOf(article)) {
      let n = numbers.get(key);
      if (n === undefined) numbers.set(key, (n = numbers.size));
      if (!values.includes(n, starts[i])) values.push(n);
    }
    starts[i + 1] = values.length;
  });
  return { starts, values: Int32Array.from(values) };
}

/** Article `i`'s list. */
export function listOf(lists: NumberLists, i: number): Int32Array {
  return lists.values.subarray(lists.starts[i]!, lists.starts[i + 1]!);
}

/** Stories and related articles of every article of the table: one pass over the articles' neighbours, which are not kept. */
export function findKin(table: KinTable, index: SimilarityIndex): Kinship {
  const stories = new StoryGrouping(table);
  const related = new RelatedScoring(table);
  for (let i = 0; i < table.ids.length; i++) {
    const neighbours = index.neighbours(i);
    stories.add(i, neighbours);
    related.add(i, neighbours);
  }
  return { stories: stories.stories(), ...related.result() };
}

/**
 * Fills in the archive's stories and each article's related articles and
 * story, in place: whatever was made from the archive before (routes, say)
 * sees them. Kinship is of `archive.articles`, in that order.
 */
export function applyKinship(archive: Pick<Archive, 'articles' | 'stories' | 'storyById'>, kinship: Kinship): void {
  const { articles } = archive;
  const storyOf = new Map<string, string>();
  for (const story of kinship.stories) {
    archive.stories.push(story);
    archive.storyById.set(story.id, story);
    for (const id of story.articleIds) storyOf.set(id, story.id);
  }
  articles.forEach((article, i) => {
    const related: RelatedArticle[] = [];
    for (let k = kinship.related.starts[i]!; k < kinship.related.starts[i + 1]!; k++) related.push({ id: articles[kinship.related.values[k]!]!.id, score: kinship.scores[k]! });
    article.related = related;
    article.story = storyOf.get(article.id) ?? null;
  });
}
