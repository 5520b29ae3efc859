/**
 * Puts articles on curated topics: terms match whole words, ignoring case and
 * accents. A term in the title or lead counts; in the body only when it recurs,
 * so a passing mention does not put an article on a topic.
 */
import type { Article, TopicDefinition, TopicMatch } from '../model.js';
import { fnv1a, foldText, sameSlice } from '../text.js';
import { scanWords, type WordScan } from '../word-scan.js';

/** A body needs this many mentions (title and lead aside) to put an article on a topic. */
export const MIN_BODY_MENTIONS = 2;

/** A topic's terms compiled once. */
export interface TopicMatcher {
  id: string;
  /** All terms as one whole-word pattern: what a mention is. */
  pattern: RegExp;
  /** The first word of each term: a text holding none of them cannot match, and `includes` is far cheaper than the pattern. */
  probes: string[];
  /** The same terms as runs of words, by first word, longest first; null when a term starts or ends with a sign (then the pattern is used). */
  words: Map<string, WordTerm[]> | null;
}

/** A term as the words it is made of (with their hashes, as a scan has them) and what stands between them (whitespace: any run of it). */
interface WordTerm {
  words: string[];
  hashes: number[];
  between: RegExp[];
}

/** Letters and digits: the words that terms and texts are compared by. */
const WORD = /[\p{L}\p{N}]+/gu;

/** Compiles every topic's terms into one whole-word pattern, and into runs of words. */
export function compileTopics(topics: TopicDefinition[]): TopicMatcher[] {
  return topics.map((topic) => {
    const terms = [...new Set(topic.terms.map((t) => foldText(t.trim())).filter(Boolean))].sort((a, b) => b.length - a.length);
    const alternatives = terms.map(patternSource);
    const probes = [...new Set(terms.map((t) => t.split(/\s+/)[0]!))];
    return { id: topic.id, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu'), probes, words: wordTerms(terms) };
  });
}

function patternSource(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/**
 * Terms (longest first, as the pattern tries them) by their first word. A
 * mention found word by word is the one the pattern finds: the pattern can
 * only match from the start of a word to the end of one.
 */
function wordTerms(terms: string[]): Map<string, WordTerm[]> | null {
  const byFirst = new Map<string, WordTerm[]>();
  for (const term of terms) {
    const words = term.match(WORD) ?? [];
    const pieces = term.split(WORD);
    // A sign before the first word or after the last (`c++`, `#5g`): only the pattern knows what to do.
    if (!words.length || pieces[0] !== '' || pieces[pieces.length - 1] !== '') return null;
    const between = pieces.slice(1, -1).map((piece) => new RegExp(`^${patternSource(piece)}$`, 'u'));
    const list = byFirst.get(words[0]!) ?? [];
    list.push({ words, hashes: words.map((word) => fnv1a(word) | 0), between });
    byFirst.set(words[0]!, list);
  }
  return byFirst;
}

/** Scores an article on every topic: 3 per mention in the title, 2 in the lead, 1 in the text. */
export function matchTopics(article: Pick<Article, 'title' | 'titleSource' | 'lead' | 'text' | 'manualTopics'>, matchers: TopicMatcher[]): TopicMatch[] {
  const inTitle = mentions(matchers, article.titleSource === 'explicit' ? foldText(article.title) : '');
  const inLead = mentions(matchers, foldText(article.lead));
  const inText = mentions(matchers, foldText(article.text));
  const manual = new Set(article.manualTopics);
  const matches: TopicMatch[] = [];
  matchers.forEach(({ id }, t) => {
    const score = 3 * inTitle[t]! + 2 * inLead[t]! + inText[t]!;
    const onTopic = inTitle[t]! > 0 || inLead[t]! > 0 || inText[t]! - inLead[t]! >= MIN_BODY_MENTIONS;
    if (onTopic || manual.has(id)) matches.push({ topic: id, score, manual: manual.has(id) });
  });
  return matches.sort((a, b) => b.score - a.score || (a.topic < b.topic ? -1 : 1));
}

/** Every topic's terms that are runs of words, by the hash of their first word: one pass over a text's words counts all topics at once. */
interface WordIndex {
  byFirst: Map<number, Array<{ topic: number; first: string; terms: WordTerm[] }>>;
  /** 1 at the low bits of each first word's hash: most words are no term's first word, told here for less than a lookup. */
  firstBits: Uint8Array;
  /** Topics counted by their pattern instead. */
  byPattern: number[];
}

const FIRST_BITS = 1 << 16;

const wordIndexes = new WeakMap<TopicMatcher[], WordIndex>();

function wordIndexOf(matchers: TopicMatcher[]): WordIndex {
  let index = wordIndexes.get(matchers);
  if (index) return index;
  index = { byFirst: new Map(), firstBits: new Uint8Array(FIRST_BITS), byPattern: [] };
  for (const [topic, matcher] of matchers.entries()) {
    if (!matcher.words) index.byPattern.push(topic);
    for (const [first, terms] of matcher.words ?? []) {
      const hash = terms[0]!.hashes[0]!;
      const list = index.byFirst.get(hash) ?? [];
      list.push({ topic, first, terms });
      index.byFirst.set(hash, list);
      index.firstBits[hash & (FIRST_BITS - 1)] = 1;
    }
  }
  wordIndexes.set(matchers, index);
  return index;
}

/** Mentions of each topic in a folded text: at each word the longest term starting there, then on after it (what the patterns find). */
function mentions(matchers: TopicMatcher[], text: string): number[] {
  const counts = new Array<number>(matchers.length).fill(0);
  if (!text) return counts;
  const { byFirst, firstBits, byPattern } = wordIndexOf(matchers);
  for (const t of byPattern) if (matchers[t]!.probes.some((probe) => text.includes(probe))) counts[t] = countPattern(matchers[t]!.pattern, text);
  if (!byFirst.size) return counts;
  const scan = scanWords(text);
  const { hashes, starts, ends } = scan;
  // Where each topic may match again: a mention is never counted inside another of the same topic.
  const free = new Array<number>(matchers.length).fill(0);
  for (let i = 0; i < scan.count; i++) {
    const hash = hashes[i]!;
    if (!firstBits[hash & (FIRST_BITS - 1)]) continue;
    const entries = byFirst.get(hash);
    if (!entries) continue;
    for (const { topic, first, terms } of entries) {
      // Two words may share a hash: the word itself decides.
      if (i < free[topic]! || !sameSlice(first, 0, first.length, text, starts[i]!, ends[i]!)) continue;
      const term = terms.find((candidate) => matchesAt(candidate, scan, i));
      if (!term) continue;
      counts[topic]!++;
      free[topic] = i + term.words.length;
    }
  }
  return counts;
}

/** True when the term's later words follow word `i` of the scan, with what the term has between them. */
function matchesAt(term: WordTerm, scan: WordScan, i: number): boolean {
  const { text, hashes, starts, ends } = scan;
  for (let k = 1; k < term.words.length; k++) {
    const at = i + k;
    if (at >= scan.count || hashes[at] !== term.hashes[k] || !sameSlice(term.words[k]!, 0, term.words[k]!.length, text, starts[at]!, ends[at]!)) return false;
    if (!term.between[k - 1]!.test(text.slice(ends[at - 1], starts[at]))) return false;
  }
  return true;
}

/** Mentions as the pattern finds them (the reference the word-by-word count agrees with). */
function countPattern(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text)) n++;
  return n;
}
