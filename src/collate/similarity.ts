/**
 * What articles say, as tf-idf vectors, and an inverted index over each
 * article's most telling terms. Candidates for "related" and "same story"
 * come from the index, so collate never compares all pairs in a large archive;
 * kinship.ts asks for each article's scored neighbours once, for stories and
 * related articles together.
 */
import type { TermCounts } from './analysis.js';
import { IdTable } from './id-table.js';
import { cosineOf, POSITIONS, VectorShelf } from './vectors.js';

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
  /** Articles whose texts are alike enough to compare further, best first (computed on each call: ask once per article). */
  neighbours(i: number): Neighbour[];
  /** How many pairs have been scored so far (to show the work stays near linear). */
  proposals(): number;
}

/**
 * Builds the inverted index over every article, by position, from the term
 * counts of each one's text and of its lead (analysis.ts). It reads nothing
 * else of an article, so a thread can build it.
 */
export function buildSimilarityIndex(fullCounts: readonly TermCounts[], leadCounts: readonly TermCounts[]): SimilarityIndex {
  return similarityIndex(similarityVectors(fullCounts, leadCounts));
}

/**
 * Every article's vectors and the postings of its most telling terms, by the
 * place of its counts among those given. Nothing in them depends on the order
 * of the articles (idf counts them all, ties go by term), so a thread can make
 * them from the counts as they were read, before the archive is in order.
 */
export interface SimilarityVectors {
  count: number;
  full: VectorShelf;
  lead: VectorShelf;
  /** Article v's indexed terms are `indexed[v * INDEXED_TERMS]` on, `indexedCount[v]` of them. */
  indexed: Int32Array;
  indexedCount: Uint8Array;
  postings: Postings;
}

/** The vectors and postings of the articles whose counts are given, in that order. */
export function similarityVectors(fullCounts: readonly TermCounts[], leadCounts: readonly TermCounts[]): SimilarityVectors {
  const idf = inverseFrequencies(fullCounts);
  const n = fullCounts.length;
  const heaviest = new HeaviestTerms(fullCounts.reduce((longest, counts) => Math.max(longest, counts.ids.length), 0));
  // Each article's vector and its heaviest terms for the index, made at once: its terms by weight are let go of
  // there and then, not held beside the vectors.
  const full = new VectorShelf(fullCounts.map((counts) => Math.min(VECTOR_TERMS, counts.ids.length)));
  const indexed = new Int32Array(n * INDEXED_TERMS);
  const indexedCount = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const top = heaviest.of(fullCounts[i]!, idf, VECTOR_TERMS);
    full.put(i, top.ids, top.weights);
    const heads = top.ids.subarray(0, INDEXED_TERMS);
    indexed.set(heads, i * INDEXED_TERMS);
    indexedCount[i] = heads.length;
  }
  // A lead keeps all its terms: no need to rank them by weight first.
  const lead = new VectorShelf(leadCounts.map((counts) => Math.min(POSITIONS, counts.ids.length)));
  leadCounts.forEach((counts, i) => lead.put(i, counts.ids, heaviest.weigh(counts, idf)));
  return { count: n, full, lead, indexed, indexedCount, postings: postingsOf(indexed, indexedCount) };
}

/**
 * Neighbour lookup over `vectors` for articles numbered as the archive has
 * them: article `i`'s vectors are at `places[i]` (the same place without
 * `places`). Candidates and neighbours are ordered by the archive's numbers,
 * so the answers are those of an index made in the archive's order.
 */
export function similarityIndex(vectors: SimilarityVectors, places?: Int32Array): SimilarityIndex {
  const { count: n, full, lead, indexed, indexedCount, postings } = vectors;
  const placeOf = places ? (i: number) => places[i]! : (i: number) => i;
  let articleAt = (v: number) => v;
  if (places) {
    const articles = new Int32Array(n);
    places.forEach((v, i) => (articles[v] = i));
    articleAt = (v) => articles[v]!;
  }
  // Shared indexed terms per other article (by place), counted in place: a Map per article cost seconds at 100 000.
  const shared = new Uint8Array(n);
  const candidates = (i: number): number[] => {
    if (n <= ALL_PAIRS_LIMIT) return Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
    const own = placeOf(i);
    const met: number[] = [];
    const { runOf, starts, members } = postings;
    for (let k = own * INDEXED_TERMS; k < own * INDEXED_TERMS + indexedCount[own]!; k++) {
      const run = runOf[k]!;
      if (starts[run + 1]! - starts[run]! > MAX_POSTING) continue;
      for (let p = starts[run]!; p < starts[run + 1]!; p++) {
        const v = members[p]!;
        if (v !== own && shared[v]!++ === 0) met.push(v);
      }
    }
    const found = met
      .filter((v) => shared[v]! >= 2)
      .sort((a, b) => shared[b]! - shared[a]! || articleAt(a) - articleAt(b))
      .slice(0, MAX_CANDIDATES)
      .map(articleAt);
    for (const v of met) shared[v] = 0;
    return found;
  };

  let scored = 0;
  return {
    neighbours(i) {
      const own = placeOf(i);
      const result = candidates(i)
        .map((j) => ({ index: j, similarity: (cosineOf(full, own, full, placeOf(j)) + cosineOf(lead, own, lead, placeOf(j))) / 2 }))
        .sort((a, b) => b.similarity - a.similarity || a.index - b.index);
      scored += result.length;
      return result;
    },
    proposals: () => scored,
  };
}

/**
 * The articles each indexed term stands in, ascending, in one array: the list of the term in slot `k` of `indexed`
 * is `members[starts[runOf[k]]]` up to `members[starts[runOf[k] + 1]]`. A map from each term to an array of its own
 * held some 150 000 small arrays at 16 000 articles, and was looked up again for every article's candidates.
 */
interface Postings {
  runOf: Int32Array;
  starts: Int32Array;
  members: Int32Array;
}

/** The postings of every article's indexed terms (`indexed`, INDEXED_TERMS slots an article, `indexedCount` of them used). */
function postingsOf(indexed: Int32Array, indexedCount: Uint8Array): Postings {
  const runs = new Map<number, number>();
  const runOf = new Int32Array(indexed.length);
  const sizes = new Int32Array(indexed.length + 1);
  for (let i = 0; i < indexedCount.length; i++) {
    for (let k = i * INDEXED_TERMS; k < i * INDEXED_TERMS + indexedCount[i]!; k++) {
      let run = runs.get(indexed[k]!);
      if (run === undefined) runs.set(indexed[k]!, (run = runs.size));
      runOf[k] = run;
      sizes[run + 1]!++;
    }
  }
  // Sizes into starts, then each article entered at its run's next place: ascending, as articles come in order.
  const starts = new Int32Array(runs.size + 1);
  for (let run = 0; run < runs.size; run++) starts[run + 1] = starts[run]! + sizes[run + 1]!;
  const next = starts.slice(0, runs.size);
  const members = new Int32Array(starts[runs.size]!);
  for (let i = 0; i < indexedCount.length; i++) {
    for (let k = i * INDEXED_TERMS; k < i * INDEXED_TERMS + indexedCount[i]!; k++) members[next[runOf[k]!]!++] = i;
  }
  return { runOf, starts, members };
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

/** An article's heaviest terms by tf-idf, heaviest first (ties by the term itself), with their weights (views of scratch space: read them before the next call). */
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
  private weights: Float64Array;
  private readonly sorted: Float64Array;

  private readonly above: Int32Array;
  private readonly topIds: Int32Array;
  private readonly topWeights: Float64Array;

  constructor(longest: number) {
    this.weights = new Float64Array(longest);
    this.sorted = new Float64Array(longest);
    this.above = new Int32Array(longest);
    this.topIds = new Int32Array(longest);
    this.topWeights = new Float64Array(longest);
  }

  /** Every term's tf-idf weight, in the order of `counts` (in scratch space the next call reuses). */
  weigh(counts: TermCounts, idf: Idf): Float64Array {
    const n = counts.ids.length;
    if (this.weights.length < n) this.weights = new Float64Array(n);
    for (let k = 0; k < n; k++) this.weights[k] = logTf(counts.counts[k]!) * idf(counts.ids[k]!);
    return this.weights.subarray(0, n);
  }

  /**
   * The cut-off weight is found by selection; only the terms from it up are sorted, by an insertion sort over their
   * places (a few dozen, usually): an array of places sorted with a comparator, and two typed arrays for the result,
   * per article were a third of the vectors' time. The result is scratch space the next call reuses.
   */
  of(counts: TermCounts, idf: Idf, keep: number): TopTerms {
    const n = counts.ids.length;
    const weights = this.weigh(counts, idf);
    const ids = counts.ids;
    let threshold = -Infinity;
    if (n > keep) {
      this.sorted.set(weights.subarray(0, n));
      threshold = selectNth(this.sorted, n, n - keep);
    }
    // Places of the terms from the cut-off up, heaviest first, ties by the term itself (ids within a text are distinct).
    const above = this.above;
    let count = 0;
    for (let k = 0; k < n; k++) if (weights[k]! >= threshold) above[count++] = k;
    // Many terms tied at the cut-off (a text of words each found once in the archive) would make the insertion sort
    // quadratic: past a few times `keep`, the places are sorted with a comparator instead (the same order).
    if (count <= 4 * keep) heaviestFirst(above, count, weights, ids);
    else above.subarray(0, count).sort((a, b) => weights[b]! - weights[a]! || ids[a]! - ids[b]!);
    const kept = Math.min(keep, count);
    for (let k = 0; k < kept; k++) {
      this.topIds[k] = ids[above[k]!]!;
      this.topWeights[k] = weights[above[k]!]!;
    }
    return { ids: this.topIds.subarray(0, kept), weights: this.topWeights.subarray(0, kept) };
  }
}

/** The first `count` places of `places` sorted by their terms' weights, heaviest first, ties by id: an insertion sort, for a few dozen. */
function heaviestFirst(places: Int32Array, count: number, weights: Float64Array, ids: Int32Array): void {
  for (let k = 1; k < count; k++) {
    const place = places[k]!;
    const weight = weights[place]!;
    let at = k;
    for (; at > 0; at--) {
      const before = places[at - 1]!;
      if (weights[before]! > weight || (weights[before] === weight && ids[before]! < ids[place]!)) break;
      places[at] = before;
    }
    places[at] = place;
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
