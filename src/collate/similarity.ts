/**
 * What articles say, as tf-idf vectors, and an inverted index over each
 * article's most telling terms. Candidates for "related" and "same story"
 * come from the index, so collate never compares all pairs in a large archive;
 * each article's scored neighbours are computed once and shared.
 */
import type { Article } from '../model.js';
import { fullTermsOf, leadTermsOf, type TermCounts } from './analysis.js';
import { IdTable } from './id-table.js';

/** A unit-length sparse vector: term ids ascending, with their weights. */
export interface TermVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Another article and how alike its text is (0 to 1). */
export interface Neighbour {
  index: number;
  similarity: number;
}

/** Terms kept per article vector. */
const VECTOR_TERMS = 60;
/** Terms per article entered in the index. */
const INDEXED_TERMS = 12;
/** A term shared by more articles than this says too little to propose candidates. */
const MAX_POSTING = 200;
/** Candidates kept per article, those sharing the most indexed terms first. */
const MAX_CANDIDATES = 40;
/** Up to this many articles, every other article is a candidate: all pairs are cheap and miss nothing. */
const ALL_PAIRS_LIMIT = 300;

/** Vectors and neighbour lookup for one archive. */
export interface SimilarityIndex {
  /** Articles whose texts are alike enough to compare further, best first (each computed once). */
  neighbours(i: number): Neighbour[];
  /** How many pairs have been scored so far (to show the work stays near linear). */
  proposals(): number;
}

/** Builds vectors for every article (by position in `articles`) and the inverted index. */
export function buildSimilarityIndex(articles: readonly Article[]): SimilarityIndex {
  const fullCounts = articles.map((a) => fullTermsOf(a));
  const leadCounts = articles.map((a) => leadTermsOf(a));
  const df = new IdTable(fullCounts.reduce((n, counts) => n + counts.ids.length, 0) / 8);
  for (const counts of fullCounts) for (const id of counts.ids) df.add(id, 1);
  // Each term's idf once (a lead term missing from every text counts as seen nowhere).
  const unseen = Math.log(articles.length + 1) + 1;
  df.mapValues((n) => Math.log((articles.length + 1) / (n + 1)) + 1);
  const idf = (id: number) => df.get(id, unseen);
  const fullWeights = fullCounts.map((counts) => weighted(counts, idf, VECTOR_TERMS));
  const full = fullWeights.map((w) => vectorOf(Float64Array.from(w, ([id]) => id), Float64Array.from(w, ([, weight]) => weight)));
  // A lead keeps all its terms: no need to rank them by weight first.
  const lead = leadCounts.map((counts) => vectorOf(counts.ids, Float64Array.from(counts.ids, (id, i) => logTf(counts.counts[i]!) * idf(id))));

  const postings = new Map<number, number[]>();
  const indexed = fullWeights.map((w, i) => {
    const top = w.slice(0, INDEXED_TERMS).map(([id]) => id);
    for (const id of top) {
      const list = postings.get(id);
      if (list) list.push(i);
      else postings.set(id, [i]);
    }
    return top;
  });

  const candidates = (i: number): number[] => {
    if (articles.length <= ALL_PAIRS_LIMIT) return articles.map((_, j) => j).filter((j) => j !== i);
    const shared = new Map<number, number>();
    for (const id of indexed[i]!) {
      const list = postings.get(id)!;
      if (list.length > MAX_POSTING) continue;
      for (const j of list) if (j !== i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    return [...shared].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_CANDIDATES).map(([j]) => j);
  };

  const memo = new Map<number, Neighbour[]>();
  let scored = 0;
  return {
    neighbours(i) {
      let result = memo.get(i);
      if (!result) {
        result = candidates(i)
          .map((j) => ({ index: j, similarity: (cosine(full[i]!, full[j]!) + cosine(lead[i]!, lead[j]!)) / 2 }))
          .sort((a, b) => b.similarity - a.similarity || a.index - b.index);
        scored += result.length;
        memo.set(i, result);
      }
      return result;
    },
    proposals: () => scored,
  };
}

/** Cosine of two unit vectors: a merge over their ascending term ids. */
export function cosine(a: TermVector, b: TermVector): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) sum += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

/**
 * The `keep` heaviest terms by tf-idf, heaviest first, ties by the term
 * itself. A native sort of the weights finds the cut-off; only the terms
 * above it are sorted with the full comparison.
 */
function weighted(counts: TermCounts, idf: (id: number) => number, keep: number): Array<[number, number]> {
  const weights = new Float64Array(counts.ids.length);
  for (let i = 0; i < weights.length; i++) weights[i] = logTf(counts.counts[i]!) * idf(counts.ids[i]!);
  let threshold = -Infinity;
  if (weights.length > keep) threshold = Float64Array.from(weights).sort()[weights.length - keep]!;
  const top: Array<[number, number]> = [];
  for (let i = 0; i < weights.length; i++) if (weights[i]! >= threshold) top.push([counts.ids[i]!, weights[i]!]);
  return top.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, keep);
}

/** A term's weight for how often it occurs: 1 + log of its count. */
function logTf(count: number): number {
  return 1 + Math.log(count);
}

/** Places per vector for the term's position when sorting by id (a vector never holds this many terms). */
const POSITIONS = 65_536;

/**
 * Unit vector of `ids` with their `weights`, ids ascending for the merge in
 * cosine(). Sorted as numbers `id * 65536 + position` by the native typed
 * array sort: no pair arrays, no comparator calls.
 */
function vectorOf(ids: ArrayLike<number>, weights: ArrayLike<number>): TermVector {
  const n = Math.min(ids.length, POSITIONS);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ids[i]! * POSITIONS + i;
  keys.sort();
  const sortedIds = new Int32Array(n);
  const sortedWeights = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const id = Math.floor(keys[k]! / POSITIONS);
    sortedIds[k] = id;
    sortedWeights[k] = weights[keys[k]! - id * POSITIONS]!;
  }
  // The norm over the weights in id order, as before: Math.hypot's rounding depends on the order.
  const norm = Math.hypot(...sortedWeights) || 1;
  for (let k = 0; k < n; k++) sortedWeights[k]! /= norm;
  return { ids: sortedIds, weights: sortedWeights };
}
