/**
 * Related articles: up to five per article, ranked by text similarity, shared
 * topics and shared tags. Candidates come from the similarity index and from
 * small tags, never from comparing every pair.
 */
import { listOf, type KinTable, type Kinship } from './kinship.js';
import type { SimilarityIndex } from './similarity.js';

/** Related articles shown per article. */
export const MAX_RELATED = 5;
/** A tag on more articles than this is too broad to propose candidates by itself. */
const MAX_TAG_CANDIDATES = 50;
/** Below this score a candidate is not related enough to show. */
const MIN_SCORE = 0.1;

/** Related articles of every article of the table, as positions in it with their scores. */
export function findRelated(table: KinTable, index: SimilarityIndex): Pick<Kinship, 'related' | 'scores'> {
  const n = table.ids.length;
  const byTag = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    for (const tag of listOf(table.tags, i)) {
      const list = byTag.get(tag);
      if (list) list.push(i);
      else byTag.set(tag, [i]);
    }
  }
  // Each article's topics and tags as sets, once: a pair's score compares them.
  const topicSets = Array.from({ length: n }, (_, i) => new Set(listOf(table.topics, i)));
  const tagSets = Array.from({ length: n }, (_, i) => new Set(listOf(table.tags, i)));
  const starts = new Int32Array(n + 1);
  const values: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const similarity = new Map(index.neighbours(i).map((neighbour) => [neighbour.index, neighbour.similarity]));
    const candidates = new Set(similarity.keys());
    for (const tag of tagSets[i]!) {
      const list = byTag.get(tag)!;
      if (list.length <= MAX_TAG_CANDIDATES) for (const j of list) if (j !== i) candidates.add(j);
    }
    const scored = [...candidates]
      .map((j) => ({ j, score: round(2 * (similarity.get(j) ?? 0) + 0.5 * jaccard(topicSets[i]!, topicSets[j]!) + 0.5 * jaccard(tagSets[i]!, tagSets[j]!)) }))
      .filter((r) => r.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || (table.ids[a.j]! < table.ids[b.j]! ? -1 : 1));
    for (const { j, score } of scored.slice(0, MAX_RELATED)) {
      values.push(j);
      scores.push(score);
    }
    starts[i + 1] = values.length;
  }
  return { related: { starts, values: Int32Array.from(values) }, scores: Float64Array.from(scores) };
}

function jaccard(a: Set<number>, b: Set<number>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
