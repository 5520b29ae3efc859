/**
 * The search index's words and their postings in one flat form: word by
 * number, each word's postings a run of one array. The `terms/` files are
 * made from any `TermSource` (search-index.ts): the postings a full count
 * makes, or these lists, saved after a build and patched with the articles
 * an edit changed (search-memo.ts). Patched or counted afresh, the same
 * words with the same postings give the same files: a file's words are
 * sorted and nothing in it depends on how the words are numbered.
 */
import type { SearchWords } from '../collate/analysis.js';
import { searchWordsOf } from '../text.js';
import { Vocabulary } from './vocabulary.js';

/** A posting is one number: the article's ordinal times this, plus the word's weight in it (at most TITLE_WEIGHT); it fits the 32 bits postings.ts keeps below 134 million articles. */
export const PACK = 16;
/** Weight of a word in the title, and the cap on a word's count in the text. */
const TITLE_WEIGHT = 10;
const MAX_TEXT_WEIGHT = 9;

/** What the search index reads of one article, in the archive's newest-first order. */
export interface SearchEntry {
  /** The title and the tags' labels: their words weigh most. */
  titled: string;
  /** The text's words, counted (read once). */
  words: () => SearchWords;
}

/**
 * Posts one article's words, each once, as `post(word, weight)`: at the
 * title's weight if the title or a tag has it too, else its count in the
 * text, capped. The text's words are distinct already: each is posted
 * straight away (no map of the article's words in between).
 */
export function postWords(vocabulary: Vocabulary, entry: SearchEntry, post: (word: number, weight: number) => void): void {
  const titled = new Set(searchWordsOf(entry.titled).map((word) => vocabulary.numberOf(word)));
  // Each read once: in a large build they are read from a file each time (workers/arrival.ts).
  const { words, counts } = entry.words();
  if (words) {
    vocabulary.eachIn(words, (word, i) => {
      if (titled.delete(word)) post(word, TITLE_WEIGHT);
      else post(word, Math.min(MAX_TEXT_WEIGHT, counts[i]!));
    });
  }
  for (const word of titled) post(word, TITLE_WEIGHT);
}

/** What one article posts (`postWords`), by word: what a patch replaces its postings with. */
export function postedBy(entry: SearchEntry): Posted {
  const vocabulary = new Vocabulary();
  const posted: Posted = [];
  postWords(vocabulary, entry, (word, weight) => posted.push([vocabulary.words[word]!, weight]));
  return posted;
}

/** Words by number and each word's postings (article ordinal × PACK + weight, ascending): what the `terms/` files are made from. */
export interface TermSource {
  readonly words: readonly string[];
  /** How many postings `word` has. */
  count(word: number): number;
  /** Calls `each` with every posting of `word`, in order. */
  forEach(word: number, each: (packed: number, index: number) => void): void;
}

/** One article's postings, as a patch gives them: word and weight. */
export type Posted = Array<[word: string, weight: number]>;

/** A TermSource in two arrays: word `w`'s postings are `values[starts[w]]` up to `values[starts[w + 1]]`. */
export class TermLists implements TermSource {
  constructor(
    readonly words: readonly string[],
    readonly starts: Int32Array,
    readonly values: Int32Array,
  ) {}

  /** The lists of any source, each word's run copied in order; words without postings are left out. */
  static of(source: TermSource): TermLists {
    const kept = source.words.map((_, word) => word).filter((word) => source.count(word) > 0);
    const starts = new Int32Array(kept.length + 1);
    kept.forEach((word, k) => (starts[k + 1] = starts[k]! + source.count(word)));
    const values = new Int32Array(starts[kept.length]!);
    kept.forEach((word, k) => source.forEach(word, (packed, i) => (values[starts[k]! + i] = packed)));
    return new TermLists(
      kept.map((word) => source.words[word]!),
      starts,
      values,
    );
  }

  /** How many postings `word` has. */
  count(word: number): number {
    return this.starts[word + 1]! - this.starts[word]!;
  }

  /** Calls `each` with every posting of `word`, in order. */
  forEach(word: number, each: (packed: number, index: number) => void): void {
    const start = this.starts[word]!;
    for (let k = start; k < this.starts[word + 1]!; k++) each(this.values[k]!, k - start);
  }

  /** Word `word`'s postings (a view). */
  run(word: number): Int32Array {
    return this.values.subarray(this.starts[word]!, this.starts[word + 1]!);
  }
}

/** What a patch made: the new lists, and the words whose postings changed. */
export interface Patched {
  lists: TermLists;
  touched: Set<string>;
}

/**
 * The lists with the postings of some articles replaced: `changed` gives
 * each one's ordinal and what it posts now (`articles`: how many there are).
 * Only a word one of them posts with another weight, or no longer or newly
 * posts, is touched; its run is made again, the others are copied.
 */
export function patchTermLists(lists: TermLists, articles: number, changed: ReadonlyMap<number, Posted>): Patched {
  const isChanged = new Uint8Array(articles);
  for (const ordinal of changed.keys()) isChanged[ordinal] = 1;
  // What the changed articles posted before, found in one pass over every posting (a search per word and article
  // would cost as much for each edited article).
  const before = new Map<number, Map<number, number>>();
  const { words, starts, values } = lists;
  for (let word = 0; word < words.length; word++) {
    for (let k = starts[word]!; k < starts[word + 1]!; k++) {
      const ordinal = Math.floor(values[k]! / PACK);
      if (isChanged[ordinal]) mapOf(before, word).set(ordinal, values[k]!);
    }
  }
  const numbers = new Map(words.map((word, number) => [word, number]));
  const added: string[] = [];
  const after = new Map<number, Map<number, number>>();
  for (const [ordinal, posted] of changed) {
    for (const [word, weight] of posted) {
      let number = numbers.get(word);
      if (number === undefined) numbers.set(word, (number = words.length + added.push(word) - 1));
      mapOf(after, number).set(ordinal, ordinal * PACK + weight);
    }
  }
  const touched = new Set<number>();
  for (const [word, old] of before) if (!samePostings(old, after.get(word))) touched.add(word);
  for (const [word, now] of after) if (!samePostings(now, before.get(word))) touched.add(word);
  const allWords = [...words, ...added];
  const runs = allWords.map((_, word) => (touched.has(word) ? patchedRun(lists, word, isChanged, after.get(word)) : lists.run(word)));
  return { lists: listsOfRuns(allWords, runs), touched: new Set([...touched].map((word) => allWords[word]!)) };
}

/** Word `word`'s run without the changed articles' postings, with their new ones, in order. */
function patchedRun(lists: TermLists, word: number, isChanged: Uint8Array, now: Map<number, number> | undefined): Int32Array {
  const kept = word < lists.words.length ? Array.from(lists.run(word)).filter((packed) => !isChanged[Math.floor(packed / PACK)]) : [];
  // Ordinals are distinct within a run: ordering the packed numbers orders the articles.
  return Int32Array.from([...kept, ...(now?.values() ?? [])].sort((a, b) => a - b));
}

/** Lists of the given runs, words whose run is empty left out. */
function listsOfRuns(words: readonly string[], runs: Int32Array[]): TermLists {
  const kept = runs.map((_, word) => word).filter((word) => runs[word]!.length > 0);
  const starts = new Int32Array(kept.length + 1);
  kept.forEach((word, k) => (starts[k + 1] = starts[k]! + runs[word]!.length));
  const values = new Int32Array(starts[kept.length]!);
  kept.forEach((word, k) => values.set(runs[word]!, starts[k]!));
  return new TermLists(
    kept.map((word) => words[word]!),
    starts,
    values,
  );
}

function mapOf(maps: Map<number, Map<number, number>>, word: number): Map<number, number> {
  let map = maps.get(word);
  if (!map) maps.set(word, (map = new Map()));
  return map;
}

function samePostings(a: Map<number, number>, b: Map<number, number> | undefined): boolean {
  if (!b || a.size !== b.size) return false;
  for (const [ordinal, packed] of a) if (b.get(ordinal) !== packed) return false;
  return true;
}
