/**
 * Text helpers more than one stage needs: folding for comparison, sentence
 * splitting, and the terms that describe what an article is about.
 */
import { ASCII_LETTER_OR_DIGIT, letterOrDigitWidth, wordsIn } from './char-class.js';

/** The last text folded: an article's text is folded for its topics and again for its search words. */
let lastText = '';
let lastFolded = '';

/** Lowercase, accents removed, so `Huawei`, `HUAWEI` and `Huawéi` compare equal. */
export function foldText(text: string): string {
  if (text !== lastText) {
    lastFolded = fold(text);
    lastText = text;
  }
  return lastFolded;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Every run of white space made one space: `text.replace(/\s+/g, ' ')`. */
export function oneSpaced(text: string): string {
  return text.replace(SPACE_TO_MAKE_ONE, ' ');
}

/**
 * The white space `/\s+/g` matches, less the single spaces it would put back as they were: each single space
 * between two words was a match and a replacement (a third of the time an article's text and lead took).
 */
const SPACE_TO_MAKE_ONE = /\s{2,}|[^\S ]/g;

/** Splits text into sentences on `.`, `!` and `?` followed by a space and a capital, and on line breaks. */
export function sentencesOf(text: string): string[] {
  const spans = sentenceSpans(text);
  const sentences: string[] = [];
  for (let i = 0; i < spans.length; i += 2) sentences.push(text.slice(spans[i], spans[i + 1]));
  return sentences;
}

/**
 * The sentences of `sentencesOf` as where they start and end in the text
 * (start, end, start, end…): a reader that skips most sentences (events)
 * looks at the text itself and slices only the sentences it reads. The
 * breaks are white space after `.`, `!` or `?` (and a closing quote) before a
 * capital or a digit (an opening quote between), and runs of line breaks.
 */
export function sentenceSpans(text: string): number[] {
  const spans: number[] = [];
  let from = 0;
  SENTENCE_BREAK.lastIndex = 0;
  for (let found = SENTENCE_BREAK.exec(text); found; found = SENTENCE_BREAK.exec(text)) {
    // The break itself is its white space: after the mark (and the closing quote) the first alternative holds.
    let at = found.index;
    if (text.charCodeAt(at) !== NEWLINE) at += isSpace(text.charCodeAt(at + 1)) ? 1 : 2;
    addTrimmed(spans, text, from, at);
    from = SENTENCE_BREAK.lastIndex;
  }
  addTrimmed(spans, text, from, text.length);
  return spans;
}

/**
 * `/(?<=[.!?]["'”’)]?)\s+(?=["'‘“(]?[A-Z0-9À-Ý])|\n+/`, the breaks between sentences, with the mark before the
 * white space taken into the match instead of looked behind for: the same breaks (a mark is never part of one), but
 * found by their first character instead of trying the lookbehind at every position (26 against 93 ms for 6 000
 * posts' sentences; a loop over the characters took 101 ms).
 */
const SENTENCE_BREAK = /[.!?]["'”’)]?\s+(?=["'‘“(]?[A-Z0-9À-Ý])|\n+/g;
const NEWLINE = 10;

/** Adds the span from `from` to `to` without the white space at its ends (as String.prototype.trim), if anything is left. */
function addTrimmed(spans: number[], text: string, from: number, to: number): void {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  if (to > from) spans.push(from, to);
}

/** True for the characters `\s` matches (and `trim` removes): few but the space and ASCII controls, rare in a text. */
function isSpace(code: number): boolean {
  if (code > 32 && code < 160) return false;
  return code === 32 || (code >= 9 && code <= 13) || SPACE.test(String.fromCharCode(code));
}

const SPACE = /\s/;

/** Words as search sees them: folded (case, accents), letters and digits only, two characters or more. */
export function searchWordsOf(text: string): string[] {
  return wordsIn(foldText(text)).filter((w) => w.length > 1);
}

/** Dutch and English words too common to say what an article is about. */
const STOPWORDS = new Set(
  (
    'aan al alle alles als alleen ander andere bij ben bent beide boven buiten dan dat de deze die dit doen doet deed door dus een eerder elk elke en enige er echter gaan gaat geen geweest ging had hadden haar heb hebben heeft heel hen hem het hier hij hoe hun iets ik in is je jaar kan kon konden komen komt kwam later maar maakt maken mag meer meeste met mij mijn moet moeten mogen na naar niet niets nog nu of om onder ons onze ook op over reeds sinds steeds te tegen toch tot tussen u uit van veel voor volgens waar waarin waarmee want waren was wat we weinig wel werd werden wie wij wil willen worden wordt zal ze zei zeer zegt zeggen zich zij zijn zo zonder zou zouden zullen ' +
    'a about after all also an and are as at be been but by can could for from had has have he her his if in into is it its more new not of on one or our out said says she so than that the their them there they this to up was we were what when which who will with would you'
  ).split(' '),
);

/** Content words of a text, folded and lightly stemmed (`vergunningen` → `vergunning`), plus adjacent pairs: what a term id stands for (collate uses `termIdsOf`). */
export function termsOf(text: string): string[] {
  const words = contentWordsOf(text);
  const pairs = words.slice(1).map((w, i) => `${words[i]}_${w}`);
  return [...words, ...pairs];
}

/**
 * The ids (`fnv1a` of the term, as a signed 32-bit number) of `termsOf(text)`,
 * in the same order, made in one pass over the folded text without making a
 * string per word: FNV-1a reads a string from left to right, so a word's hash
 * grows as it is read (with its hashes one and two characters short for the
 * stem), and a pair's hash continues from its first word's. Every article is
 * counted twice (text, lead); the word strings, the regular expression and
 * the set lookups were a tenth of reading an article.
 */
export function termIdsOf(text: string): Int32Array {
  return termIdsOfFolded(foldText(text));
}

/**
 * `termIdsOf(`${first} ${second}`)`, with `second` (an article's text) folded
 * once for all its uses (foldText): folding is the same piece by piece around
 * a space, which neither decomposes, reorders marks nor is cased.
 */
export function termIdsOfJoined(first: string, second: string): Int32Array {
  return termIdsOfFolded(fold(first), foldText(second));
}

/**
 * The term ids of folded texts read one after the other as if a space joined them: no word spans two of them, a
 * pair may. Joined into one string first, the text was read through a concatenation (336 against 310 ms for
 * 3 000 Markdown posts' titles with their texts and leads).
 */
function termIdsOfFolded(...parts: string[]): Int32Array {
  const words: number[] = [];
  const pairs: number[] = [];
  let previous = -1;
  for (const folded of parts) previous = addTermIds(folded, previous, words, pairs);
  const ids = new Int32Array(words.length + pairs.length);
  ids.set(words);
  ids.set(pairs, words.length);
  return ids;
}

/** Adds the term ids of one folded text to `words` and `pairs`; `previous` is the last word's hash before it (-1: none), the last one in it is returned. */
function addTermIds(folded: string, previous: number, words: number[], pairs: number[]): number {
  let i = 0;
  while (i < folded.length) {
    if (!letterOrDigitWidth(folded, i)) {
      i++;
      continue;
    }
    const start = i;
    let digits = true;
    // [full, one short, two short], for the word alone and for the pair it ends.
    let word0 = FNV_OFFSET, word1 = 0, word2 = 0;
    const pairStart = previous < 0 ? 0 : fnvContinue(previous, '_');
    let pair0 = pairStart, pair1 = 0, pair2 = 0;
    // One code unit a turn (a letter outside the Basic Multilingual Plane takes two, the second taken as it comes).
    // The end ends the word (checked before reading past it: charCodeAt's NaN there cost a deoptimization).
    for (let rest = 0; i < folded.length; i++) {
      const code = folded.charCodeAt(i);
      if (rest) rest = 0;
      else {
        const width = code < 128 ? ASCII_LETTER_OR_DIGIT[code]! : letterOrDigitWidth(folded, i);
        // A hyphen between letters or digits joins them into one word.
        if (!width && (code !== HYPHEN || !letterOrDigitWidth(folded, i + 1))) break;
        rest = width ? width - 1 : 0;
      }
      if (code < 48 || code > 57) digits = false;
      word2 = word1;
      word1 = word0;
      word0 = Math.imul(word0 ^ code, FNV_PRIME);
      pair2 = pair1;
      pair1 = pair0;
      pair0 = Math.imul(pair0 ^ code, FNV_PRIME);
    }
    const length = i - start;
    if (length < 3 || digits || (length <= LONGEST_STOPWORD && isStopword(word0, folded, start, i))) continue;
    // `stem`, by hashes: the plural endings it takes off are the last one or two characters.
    const last = folded.charCodeAt(i - 1);
    const cut = length > 6 && last === 110 && folded.charCodeAt(i - 2) === 101 ? 2 : length > 4 && last === 115 && !KEEP_BEFORE_S.has(folded[i - 2]!) ? 1 : 0;
    const wordHash = (cut === 2 ? word2 : cut === 1 ? word1 : word0) >>> 0;
    if (previous >= 0) pairs.push((cut === 2 ? pair2 : cut === 1 ? pair1 : pair0) | 0);
    words.push(wordHash | 0);
    previous = wordHash;
  }
  return previous;
}

const HYPHEN = 45;

function contentWordsOf(text: string): string[] {
  const words: string[] = [];
  for (const word of foldText(text).match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []) if (word.length >= 3 && !STOPWORDS.has(word) && !allDigits(word)) words.push(stem(word));
  return words;
}

function allDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Letters after which a final `s` is not a plural ending (`bus`, `gas`, `huis`). */
const KEEP_BEFORE_S = new Set(['a', 'e', 'i', 'o', 'u', 's', "'"]);

/** A crude Dutch/English plural stemmer: enough to match `vergunning` with `vergunningen`, `chip` with `chips`. */
function stem(word: string): string {
  if (word.length > 6 && word.endsWith('en')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('s') && !KEEP_BEFORE_S.has(word[word.length - 2]!)) return word.slice(0, -1);
  return word;
}

/** FNV-1a's starting value and multiplier (32 bits), for code that hashes text where it stands (write/vocabulary.ts). */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a hash of a string: small, fast and the same on every machine. */
export function fnv1a(text: string): number {
  return fnvContinue(FNV_OFFSET, text);
}

/**
 * True when `a.slice(aStart, aEnd)` and `b.slice(bStart, bEnd)` are the same text, compared where they stand (no
 * string cut out): what decides between words whose hashes are equal (topics, the word scan, the search vocabulary).
 */
export function sameSlice(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let k = 0; k < aEnd - aStart; k++) if (a.charCodeAt(aStart + k) !== b.charCodeAt(bStart + k)) return false;
  return true;
}

/** FNV-1a of `text` continued from the hash of what came before it. */
function fnvContinue(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

/**
 * The stopwords by their FNV-1a hash (as a signed 32-bit number) in an open-addressing table, each word beside its
 * hash: a word of the text is looked up where it stands. A Set of the hashes boxed every hash above 2^30 to look it
 * up, and a Set of the words needed each candidate cut out; with the one-unit-a-turn loop in addTermIds, term ids
 * took 310 instead of 387 ms for 6 000 Markdown posts.
 */
const STOPWORD_MASK = 2047;
const stopwordHashes = new Int32Array(STOPWORD_MASK + 1);
const stopwordTexts: string[] = new Array<string>(STOPWORD_MASK + 1).fill('');
for (const word of STOPWORDS) {
  const hash = fnv1a(word) | 0;
  let slot = hash & STOPWORD_MASK;
  while (stopwordTexts[slot]) slot = (slot + 1) & STOPWORD_MASK;
  stopwordHashes[slot] = hash;
  stopwordTexts[slot] = word;
}
const LONGEST_STOPWORD = Math.max(...[...STOPWORDS].map((word) => word.length));

/** True when `text.slice(start, end)`, whose FNV-1a hash is `hash`, is a stopword. */
function isStopword(hash: number, text: string, start: number, end: number): boolean {
  for (let slot = hash & STOPWORD_MASK; stopwordTexts[slot] !== ''; slot = (slot + 1) & STOPWORD_MASK) {
    if (stopwordHashes[slot] === hash && sameSlice(stopwordTexts[slot]!, 0, stopwordTexts[slot]!.length, text, start, end)) return true;
  }
  return false;
}
