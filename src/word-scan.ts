/**
 * A folded text's words (its runs of letters and digits, as `wordsIn` finds
 * them) read once for both topics and the search index, as numbers: where
 * each word stands, its hash, and which of the text's distinct words it is.
 * Topics look a word up by its hash and the search index counts distinct
 * words by their number, where a string per word, looked up in a Map per
 * topic pass and again per count, was most of their cost; a string is made
 * only for a distinct word the search index keeps. For 3 000 posts, topics
 * and search words took 300 where they took 574 ms (Markdown), 241 where
 * they took 458 ms (the seeds' mix).
 */
import { ASCII_LETTER_OR_DIGIT, letterOrDigitWidth } from './char-class.js';
import { FNV_OFFSET, FNV_PRIME, sameSlice } from './text.js';

/** The words of one text. Valid until the next scan of another text: its arrays are reused. */
export interface WordScan {
  text: string;
  /** How many words the text holds. */
  count: number;
  /** Where each word starts and ends in the text. */
  starts: Int32Array;
  ends: Int32Array;
  /** Each word's 32-bit FNV-1a hash (`fnv1a(word) | 0`). */
  hashes: Int32Array;
  /** Which distinct word each word is: 0 for the first, 1 for the next new one, and so on. */
  distinctOf: Int32Array;
  /** How many distinct words the text holds. */
  distinct: number;
  /** The first occurrence (its word index) of each distinct word. */
  firsts: Int32Array;
}

let scan: WordScan = { text: '', count: 0, starts: new Int32Array(64), ends: new Int32Array(64), hashes: new Int32Array(64), distinctOf: new Int32Array(64), distinct: 0, firsts: new Int32Array(64) };

/** Words the arrays keep room for between texts at most: a longer text gets its own, let go of after the next. */
const RETAINED_WORDS = 1 << 18;

/** The table that tells distinct words apart (slots of distinct words, stamped by scan), kept between texts. */
let tableStamps = new Int32Array(128);
let tableDistinct = new Int32Array(128);
let stamp = 0;

/** Scans a folded text (`foldText`); the last text scanned is remembered, since topics and the search index both ask. */
export function scanWords(text: string): WordScan {
  if (text === scan.text) return scan;
  // A word takes a character and a gap the next: at most half the text, rounded up.
  const most = (text.length >> 1) + 1;
  // Grown for the longest text so far; made small again after a huge one (tens of megabytes for a file of millions of words).
  const tooLarge = scan.starts.length > RETAINED_WORDS && most <= RETAINED_WORDS;
  if (scan.starts.length < most || tooLarge) {
    const size = tooLarge ? RETAINED_WORDS : Math.max(most, scan.starts.length * 2);
    scan = { ...scan, starts: new Int32Array(size), ends: new Int32Array(size), hashes: new Int32Array(size), distinctOf: new Int32Array(size), firsts: new Int32Array(size) };
  }
  let capacity = tooLarge ? 128 : tableStamps.length;
  while (capacity < most * 2) capacity *= 2;
  if (capacity !== tableStamps.length) {
    tableStamps = new Int32Array(capacity);
    tableDistinct = new Int32Array(capacity);
    stamp = 0;
  }
  // A new stamp empties the table without clearing it (a stamp of 0 is never used).
  if (++stamp > 0x7fff_fff0) {
    tableStamps.fill(0);
    stamp = 1;
  }
  const { starts, ends, hashes, distinctOf, firsts } = scan;
  const mask = capacity - 1;
  let count = 0;
  let distinct = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    let width = code < 128 ? ASCII_LETTER_OR_DIGIT[code]! : letterOrDigitWidth(text, i);
    if (!width) {
      i++;
      continue;
    }
    const start = i;
    let hash = FNV_OFFSET;
    do {
      hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
      if (width === 2) hash = Math.imul(hash ^ text.charCodeAt(i + 1), FNV_PRIME);
      i += width;
      // The end ends the word; read past it, charCodeAt's NaN cost a deoptimization and a new compile in every thread.
      if (i >= text.length) break;
      const next = text.charCodeAt(i);
      width = next < 128 ? ASCII_LETTER_OR_DIGIT[next]! : letterOrDigitWidth(text, i);
    } while (width);
    starts[count] = start;
    ends[count] = i;
    hashes[count] = hash;
    let slot = (Math.imul(hash, 0x9e3779b1) >>> 7) & mask;
    for (;;) {
      if (tableStamps[slot] !== stamp) {
        tableStamps[slot] = stamp;
        tableDistinct[slot] = distinct;
        firsts[distinct] = count;
        distinctOf[count] = distinct++;
        break;
      }
      const first = firsts[tableDistinct[slot]!]!;
      if (hashes[first] === hash && sameSlice(text, starts[first]!, ends[first]!, text, start, i)) {
        distinctOf[count] = tableDistinct[slot]!;
        break;
      }
      slot = (slot + 1) & mask;
    }
    count++;
  }
  scan.text = text;
  scan.count = count;
  scan.distinct = distinct;
  return scan;
}

/** The text's distinct words of two characters or more with how often each occurs, in order of first occurrence (counts capped at 65 535). */
export function countedWords(scan: WordScan): { words: string[]; counts: Uint16Array } {
  const { text, count, starts, ends, distinctOf, firsts, distinct } = scan;
  const occurrences = new Int32Array(distinct);
  for (let k = 0; k < count; k++) occurrences[distinctOf[k]!]!++;
  const words: string[] = [];
  const counts: number[] = [];
  for (let d = 0; d < distinct; d++) {
    const first = firsts[d]!;
    if (ends[first]! - starts[first]! < 2) continue;
    words.push(text.slice(starts[first], ends[first]));
    counts.push(Math.min(occurrences[d]!, 65_535));
  }
  return { words, counts: Uint16Array.from(counts) };
}
