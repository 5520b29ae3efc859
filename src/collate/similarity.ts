/**
 * What articles say, as tf-idf vectors, and an inverted index over each
 * article's most telling terms. Candidates for "related" and "same story"
 * come from the index, so collate never compares all pairs in a large archive;
 * each article's scored neighbours are computed once and shared.
 */
import type { TermCounts } from './analysis.js';
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

/**
 * Builds the inverted index over every article, by position, from the term
 * counts of each one's text and of its lead (analysis.ts); vectors are made
 * when first compared. It reads nothing else of an article, so a thread can build it.
 */
export function buildSimilarityIndex(fullCounts: readonly TermCounts[], leadCounts: readonly TermCounts[]): SimilarityIndex {
  const idf = inverseFrequencies(fullCounts);
  const heaviest = new HeaviestTerms(fullCounts.reduce((n, counts) => Math.max(n, counts.ids.length), 0));
  const top = fullCounts.map((counts) => heaviest.of(counts, idf, VECTOR_TERMS));
  // Vectors only for articles that are compared: in a large archive of common words, few are.
  const full: Array<TermVector | undefined> = [];
  const lead: Array<TermVector | undefined> = [];
  const fullOf = (i: number) => (full[i] ??= vectorOf(top[i]!.ids, top[i]!.weights));
  const leadOf = (i: number) => (lead[i] ??= leadVector(leadCounts[i]!, idf));

  const postings = new Map<number, number[]>();
  top.forEach(({ ids }, i) => {
    for (let k = 0; k < Math.min(INDEXED_TERMS, ids.length); k++) {
      const list = postings.get(ids[k]!);
      if (list) list.push(i);
      else postings.set(ids[k]!, [i]);
    }
  });

  // Shared indexed terms per other article, counted in place: a Map per article cost seconds at 100 000.
  const shared = new Uint8Array(fullCounts.length);
  const candidates = (i: number): number[] => {
    if (fullCounts.length <= ALL_PAIRS_LIMIT) return fullCounts.map((_, j) => j).filter((j) => j !== i);
    const met: number[] = [];
    const { ids } = top[i]!;
    for (let k = 0; k < Math.min(INDEXED_TERMS, ids.length); k++) {
      const list = postings.get(ids[k]!)!;
      if (list.length > MAX_POSTING) continue;
      for (const j of list) if (j !== i && shared[j]!++ === 0) met.push(j);
    }
    const found = met.filter((j) => shared[j]! >= 2).sort((a, b) => shared[b]! - shared[a]! || a - b).slice(0, MAX_CANDIDATES);
    for (const j of met) shared[j] = 0;
    return found;
  };

  const memo = new Map<number, Neighbour[]>();
  let scored = 0;
  return {
    neighbours(i) {
      let result = memo.get(i);
      if (!result) {
        result = candidates(i)
          .map((j) => ({ index: j, similarity: (cosine(fullOf(i), fullOf(j)) + cosine(leadOf(i), leadOf(j))) / 2 }))
          .sort((a, b) => b.similarity - a.similarity || a.index - b.index);
        scored += result.length;
        memo.set(i, result);
      }
      return result;
    },
    proposals: () => scored,
  };
}

/** A term's inverse document frequency. */
type Idf = (id: number) => number;

/** Each term's idf over the archive (a lead term missing from every text counts as seen nowhere). */
function inverseFrequencies(fullCounts: readonly TermCounts[]): Idf {
  // Grown as terms come, never sized ahead from the pairs: at 100 000 generated articles 35 million pairs hold only
  // 400 000 distinct terms, and a table sized for the pairs (67 MB) missed the processor's cache on every lookup.
  const df = new IdTable();
  // The ids of one article's counts are distinct: each adds one article to the term's count.
  for (const counts of fullCounts) for (let k = 0; k < counts.ids.length; k++) df.add(counts.ids[k]!);
  const n = fullCounts.length;
  // One idf per count, not per term: the table then holds small integers and stays half the size.
  const byCount = Float64Array.from({ length: n + 1 }, (_, seen) => Math.log((n + 1) / (seen + 1)) + 1);
  return (id) => byCount[df.count(id)]!;
}

/** A lead keeps all its terms: no need to rank them by weight first. */
function leadVector(counts: TermCounts, idf: Idf): TermVector {
  const weights = new Float64Array(counts.ids.length);
  for (let k = 0; k < weights.length; k++) weights[k] = logTf(counts.counts[k]!) * idf(counts.ids[k]!);
  return vectorOf(counts.ids, weights);
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

/** An article's heaviest terms by tf-idf, heaviest first (ties by the term itself), with their weights. */
interface TopTerms {
  ids: Int32Array;
  weights: Float64Array;
}

/**
 * Finds the `keep` heaviest terms of one article after another in scratch
 * arrays sized for the longest: per article only the result is allocated,
 * where pairs of boxed numbers once filled the heap of a large archive.
 */
class HeaviestTerms {
  private readonly weights: Float64Array;
  private readonly sorted: Float64Array;

  constructor(longest: number) {
    this.weights = new Float64Array(longest);
    this.sorted = new Float64Array(longest);
  }

  /** The cut-off weight is found by selection; only the terms from it up are sorted with the full comparison. */
  of(counts: TermCounts, idf: Idf, keep: number): TopTerms {
    const n = counts.ids.length;
    const weights = this.weights;
    for (let k = 0; k < n; k++) weights[k] = logTf(counts.counts[k]!) * idf(counts.ids[k]!);
    let threshold = -Infinity;
    if (n > keep) {
      this.sorted.set(weights.subarray(0, n));
      threshold = selectNth(this.sorted, n, n - keep);
    }
    const above: number[] = [];
    for (let k = 0; k < n; k++) if (weights[k]! >= threshold) above.push(k);
    above.sort((a, b) => weights[b]! - weights[a]! || counts.ids[a]! - counts.ids[b]!);
    const kept = Math.min(keep, above.length);
    const top = { ids: new Int32Array(kept), weights: new Float64Array(kept) };
    for (let k = 0; k < kept; k++) {
      top.ids[k] = counts.ids[above[k]!]!;
      top.weights[k] = weights[above[k]!]!;
    }
    return top;
  }
}

/** 1 + log(count) for the counts most terms have. */
const LOG_TF = Float64Array.from({ length: 256 }, (_, count) => 1 + Math.log(count));

/** A term's weight for how often it occurs: 1 + log of its count. */
function logTf(count: number): number {
  return count < 256 ? LOG_TF[count]! : 1 + Math.log(count);
}

/**
 * The value at place `nth` of the first `n` numbers of `values` were they
 * sorted ascending (they are reordered): a quickselect, linear where a sort
 * of every article's few hundred weights was most of the index's time.
 */
export function selectNth(values: Float64Array, n: number, nth: number): number {
  let low = 0;
  let high = n - 1;
  while (low < high) {
    // Median of three as the pivot: sorted or equal runs stay linear.
    const middle = (low + high) >>> 1;
    if (values[middle]! < values[low]!) swap(values, middle, low);
    if (values[high]! < values[low]!) swap(values, high, low);
    if (values[high]! < values[middle]!) swap(values, high, middle);
    const pivot = values[middle]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) swap(values, i++, j--);
    }
    if (nth <= j) high = j;
    else if (nth >= i) low = i;
    else return values[nth]!;
  }
  return values[low]!;
}

function swap(values: Float64Array, a: number, b: number): void {
  const kept = values[a]!;
  values[a] = values[b]!;
  values[b] = kept;
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
