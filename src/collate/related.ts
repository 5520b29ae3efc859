/**
 * Related articles: up to five per article, ranked by text similarity, shared
 * topics and shared tags. Candidates come from the similarity index and from
 * small tags, never from comparing every pair.
 */
import type { ArchivedArticle, RelatedArticle } from '../model.js';
import type { SimilarityIndex } from './similarity.js';

/** Related articles shown per article. */
export const MAX_RELATED = 5;
/** A tag on more articles than this is too broad to propose candidates by itself. */
const MAX_TAG_CANDIDATES = 50;
/** Below this score a candidate is not related enough to show. */
const MIN_SCORE = 0.1;

/** Related articles of every article, by id. */
export function findRelated(articles: readonly ArchivedArticle[], index: SimilarityIndex): Map<string, RelatedArticle[]> {
  const byTag = new Map<string, number[]>();
  articles.forEach((a, i) =>
    a.tags.forEach((t) => {
      const list = byTag.get(t.key);
      if (list) list.push(i);
      else byTag.set(t.key, [i]);
    }),
  );
  const result = new Map<string, RelatedArticle[]>();
  articles.forEach((article, i) => {
    const similarity = new Map(index.neighbours(i).map((n) => [n.index, n.similarity]));
    const candidates = new Set(similarity.keys());
    for (const tag of article.tags) {
      const list = byTag.get(tag.key)!;
      if (list.length <= MAX_TAG_CANDIDATES) for (const j of list) if (j !== i) candidates.add(j);
    }
    const scored = [...candidates]
      .map((j) => ({ id: articles[j]!.id, score: round(score(article, articles[j]!, similarity.get(j) ?? 0)) }))
      .filter((r) => r.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    result.set(article.id, scored.slice(0, MAX_RELATED));
  });
  return result;
}

function score(a: ArchivedArticle, b: ArchivedArticle, similarity: number): number {
  const topicsA = new Set(a.topics.map((m) => m.topic));
  const topicsB = new Set(b.topics.map((m) => m.topic));
  const tagsB = new Set(b.tags.map((t) => t.key));
  return 2 * similarity + 0.5 * jaccard(topicsA, topicsB) + 0.5 * jaccard(new Set(a.tags.map((t) => t.key)), tagsB);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
