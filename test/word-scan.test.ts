/**
 * Topics and the search index read a text's words from one scan
 * (src/word-scan.ts): the words it finds are wordsIn's, each distinct word is
 * told apart by the word itself (never by its hash alone), and the counted
 * words are what a Map over the words gave. Words whose FNV-1a hashes
 * collide (`costarring` and `liquid`) must stay apart everywhere.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordsIn } from '../src/char-class.js';
import { compileTopics, matchTopics } from '../src/collate/topics.js';
import { fnv1a } from '../src/text.js';
import { Vocabulary } from '../src/write/vocabulary.js';
import { countedWords, scanWords } from '../src/word-scan.js';
import { runs, seed } from './support/fuzz.js';

const params = { numRuns: runs, seed };

/** Pairs of words with the same 32-bit FNV-1a hash. */
const COLLIDING = [
  ['costarring', 'liquid'],
  ['declinate', 'macallums'],
];

const piece = fc.constantFrom('é', 'ß', '𝐀', '𝟙', '\ud835', '\udc00', '-', ' ', '  ', '\n', '.', 'de', 'het', 'huawei', 'liquid', 'costarring', 'declinate', 'macallums', 'a', '1', '5g');
const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 80 }).map((parts) => parts.join(''));

/** The scan's words as strings, with its distinct numbering and first occurrences checked against the strings. */
function wordsOfScan(value: string): string[] {
  const scan = scanWords(value);
  const words = Array.from({ length: scan.count }, (_, k) => value.slice(scan.starts[k], scan.ends[k]));
  const numbered = new Map<string, number>();
  words.forEach((word, k) => {
    if (!numbered.has(word)) numbered.set(word, numbered.size);
    expect(scan.distinctOf[k]).toBe(numbered.get(word));
    expect(scan.hashes[k]).toBe(fnv1a(word) | 0);
  });
  expect(scan.distinct).toBe(numbered.size);
  [...numbered.keys()].forEach((word, d) => expect(words.indexOf(word)).toBe(scan.firsts[d]));
  return words;
}

describe('word scan', () => {
  it("finds wordsIn's words, with their hashes, numbering distinct words by the words themselves", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(wordsOfScan(value)).toEqual(wordsIn(value));
      }),
      params,
    );
  });

  it('counts the words of two characters or more as a Map over them does, in order of first occurrence', () => {
    const byMap = (value: string) => {
      const counts = new Map<string, number>();
      for (const word of wordsIn(value)) if (word.length > 1) counts.set(word, (counts.get(word) ?? 0) + 1);
      return { words: [...counts.keys()], counts: Uint16Array.from(counts.values(), (n) => Math.min(n, 65_535)) };
    };
    fc.assert(
      fc.property(text, (value) => {
        expect(countedWords(scanWords(value))).toEqual(byMap(value));
      }),
      params,
    );
    // A text longer than the scan keeps room for between texts, then short ones again (its room made small).
    for (const value of ['ab '.repeat(70_000) + 'cd', 'ab cd '.repeat(300_000) + 'ef', 'gh ij gh', 'ab '.repeat(70_000) + 'cd']) {
      expect(countedWords(scanWords(value))).toEqual(byMap(value));
    }
  });

  it('keeps words with the same hash apart', () => {
    for (const [one, other] of COLLIDING) {
      expect(fnv1a(one!)).toBe(fnv1a(other!));
      const value = `${one} ${other} ${one} x ${other} ${other}`;
      expect(wordsOfScan(value)).toEqual([one, other, one, 'x', other, other]);
      expect(countedWords(scanWords(value))).toEqual({ words: [one, other], counts: Uint16Array.from([2, 3]) });
    }
  });

  it("the search index's vocabulary numbers words with the same hash apart, given alone or in a list", () => {
    for (const [one, other] of COLLIDING) {
      const vocabulary = new Vocabulary();
      const numbers: number[] = [];
      vocabulary.eachIn(`${one} ${other} ${one}`, (number) => numbers.push(number));
      expect(numbers).toEqual([0, 1, 0]);
      expect([vocabulary.numberOf(other!), vocabulary.numberOf(one!)]).toEqual([1, 0]);
      expect(vocabulary.words).toEqual([one, other]);
    }
  });

  it('a topic term is never matched by another word with its hash', () => {
    const matchers = compileTopics([
      { id: 'water', label: 'Water', description: '', terms: ['liquid', 'declinate gas', 'gas declinate'] },
      { id: 'film', label: 'Film', description: '', terms: ['costarring'] },
    ]);
    const article = (title: string) => ({ title, titleSource: 'explicit' as const, lead: '', text: '', manualTopics: [] });
    expect(matchTopics(article('costarring costarring'), matchers)).toEqual([{ topic: 'film', score: 6, manual: false }]);
    expect(matchTopics(article('liquid'), matchers)).toEqual([{ topic: 'water', score: 3, manual: false }]);
    expect(matchTopics(article('macallums gas'), matchers)).toEqual([]);
    expect(matchTopics(article('gas macallums'), matchers)).toEqual([]);
    expect(matchTopics(article('declinate gas'), matchers)).toEqual([{ topic: 'water', score: 3, manual: false }]);
    expect(matchTopics(article('gas declinate'), matchers)).toEqual([{ topic: 'water', score: 3, manual: false }]);
  });
});
