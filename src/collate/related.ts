/**
 * Related articles: up to five per article, ranked by text similarity, shared
 * topics and shared tags. Candidates come from the similarity index and from
 * small tags, never from comparing every pair.
 */
import { listOf, type KinTable, type Kinship } from './kinship.js';
import type { Neighbour } from './similarity.js';

/** Related articles shown per article. */
export const MAX_RELATED = 5;
/** A tag on more articles than this is too broad to propose candidates by itself. */
const MAX_TAG_CANDIDATES = 50;
/** Below this score a candidate is not related enough to show. */
const MIN_SCORE = 0.1;

/**
 * Scores the related articles of the table's articles as each one's
 * neighbours are handed in (`add`, every article once, in the table's
 * order); `result()` then holds them as positions in the table, with scores.
 */
export class RelatedScoring {
  private readonly byTag = new Map<number, number[]>();
  private readonly starts: Int32Array;
  private readonly values: number[] = [];
  private readonly scores: number[] = [];
  private next = 0;

  constructor(private readonly table: KinTable) {
    const n = table.ids.length;
    for (let i = 0; i < n; i++) {
      for (const tag of listOf(table.tags, i)) {
        const list = this.byTag.get(tag);
        if (list) list.push(i);
        else this.byTag.set(tag, [i]);
      }
    }
    this.starts = new Int32Array(n + 1);
  }

  /** Article `i`'s neighbours, best first (SimilarityIndex.neighbours); `i` is the article after the last one added. */
  add(i: number, neighbours: readonly Neighbour[]): void {
    if (i !== this.next++) throw new Error(`related articles are scored in the table's order: ${i} came where ${this.next - 1} was due`);
    const { table } = this;
    const similarity = new Map(neighbours.map((neighbour) => [neighbour.index, neighbour.similarity]));
    const candidates = new Set(similarity.keys());
    const tags = listOf(table.tags, i);
    const topics = listOf(table.topics, i);
    for (const tag of tags) {
      const list = this.byTag.get(tag)!;
      if (list.length <= MAX_TAG_CANDIDATES) for (const j of list) if (j !== i) candidates.add(j);
    }
    const scored = [...candidates]
      .map((j) => ({ j, score: round(2 * (similarity.get(j) ?? 0) + 0.5 * jaccard(topics, listOf(table.topics, j)) + 0.5 * jaccard(tags, listOf(table.tags, j))) }))
      .filter((r) => r.score >= MIN_SCORE)
      .sort((a, b) => b.score - a.score || (table.ids[a.j]! < table.ids[b.j]! ? -1 : 1));
    for (const { j, score } of scored.slice(0, MAX_RELATED)) {
      this.values.push(j);
      this.scores.push(score);
    }
    this.starts[i + 1] = this.values.length;
  }

  /** Every article's related ones, once all have been added. */
  result(): Pick<Kinship, 'related' | 'scores'> {
    return { related: { starts: this.starts, values: Int32Array.from(this.values) }, scores: Float64Array.from(this.scores) };
  }
}

/** Shared items over all items of two lists, each without repeats (kin tables' lists are). */
function jaccard(a: Int32Array, b: Int32Array): number {
  if (!a.length || !b.length) return 0;
  let shared = 0;
  for (const x of a) if (b.includes(x)) shared++;
  return shared / (a.length + b.length - shared);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
