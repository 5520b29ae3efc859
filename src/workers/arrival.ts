/**
 * What a one-shot build's main thread does with each record as it arrives
 * (from a reading thread or the record cache), before the whole archive is
 * in: what only a later stage reads waits in the spill file (the body for
 * its page, the search words for the search index), term counts go into
 * the term store (collate/term-store.ts), and the short strings every
 * record repeats are shared. A record crosses from a thread as a copy with
 * its own copy of every string: at 100 000 articles, millions of `day`,
 * `nl` and topic ids, each some 30 bytes. A record read in the main thread
 * itself keeps the analysis it was first given (collate's memo holds it).
 */
import type { SearchWords } from '../collate/analysis.js';
import type { TermStore } from '../collate/term-store.js';
import { spillBody } from '../hast.js';
import { KeptValues } from '../kept-values.js';
import type { EventDate, TopicMatch } from '../model.js';
import type { SpillFile, SpillPlace } from '../spill-file.js';
import { countsInPiece, pieceOfSearchWords, wordsInPiece } from './search-words-piece.js';
import type { ReadResult } from './read-one.js';

/** Where arriving records put what they hold until a later stage. */
export interface ArrivalStores {
  spill: SpillFile;
  terms: TermStore;
}

/** Spills, stores and shares what it can of one record, in place. */
export function settleArrival(result: ReadResult, { spill, terms }: ArrivalStores): void {
  const article = result.draft?.article;
  if (!article) return;
  spillBody(article.body, (html) => spill.put(html));
  article.titleSource = shared(article.titleSource);
  article.language = shared(article.language);
  article.format = shared(article.format);
  if (article.date) shareDate(article.date);
  if (article.estimate) article.estimate.precision = shared(article.estimate.precision);
  const analysis = result.analysis;
  if (!analysis) return;
  analysis.searchWords = spilledSearchWords(analysis.searchWords, spill);
  analysis.fullTerms = terms.keep(analysis.fullTerms);
  analysis.leadTerms = terms.keep(analysis.leadTerms);
  const topics = analysis.topics;
  for (let i = 0; i < topics.length; i++) topics[i] = sharedMatch(topics[i]!);
  for (const event of analysis.events) {
    if (event.articleId === article.id) event.articleId = article.id;
    event.date = sharedEventDate(event.date);
    if (event.end) event.end = sharedEventDate(event.end);
  }
}

/** One copy of each short, often repeated string (field values from small sets: precisions, topic ids, languages). */
const known = new Map<string, string>();

function shared<T extends string>(value: T): T {
  const held = known.get(value);
  if (held !== undefined) return held as T;
  known.set(value, value);
  return value;
}

function shareDate(date: EventDate & { source?: string }): void {
  date.precision = shared(date.precision);
  if (date.source) date.source = shared(date.source);
}

/**
 * One object per topic match and per event date of the same value. An
 * article is on several topics and mentions several dates; at 16 000
 * generated articles, 94 000 matches and 61 000 event dates (5 and 3 MB)
 * held a few thousand values. Nothing changes either once it has arrived.
 */
const matches = new KeptValues<TopicMatch>();
const eventDates = new KeptValues<EventDate>();

function sharedMatch(match: TopicMatch): TopicMatch {
  return matches.get(`${match.topic}\0${match.score}\0${match.manual}`, () => {
    match.topic = shared(match.topic);
    return match;
  });
}

function sharedEventDate(date: EventDate): EventDate {
  return eventDates.get(`${date.precision}\0${date.value}`, () => {
    shareDate(date);
    return date;
  });
}

/** How each spilled list of search words is read back, by the object that stands for it: counts and words as one piece. */
const spilledWords = new WeakMap<object, { read: () => Uint8Array; countBytes: number }>();

/**
 * Search words that live in the spill file, counts and words in one piece
 * (one read each, as the search index reads `words` and then `counts`). Own,
 * enumerable getters (one pair for all), so the record cache's serialiser
 * still sees the values.
 */
function spilledSearchWords(words: SearchWords, spill: SpillFile): SearchWords {
  // Out of the heap already: read from the record cache's file (record-texts.ts).
  if (spilledWords.has(words)) return words;
  const { piece, countBytes } = pieceOfSearchWords(words);
  return searchWordsReadBy(spill.putBytes(piece), countBytes);
}

/** Search words whose piece (search-words-piece.ts) `read` reads from where it lies: the spill file, or the record cache's file. */
export function searchWordsReadBy(read: () => Uint8Array, countBytes: number): SearchWords {
  const standIn = {};
  spilledWords.set(standIn, { read, countBytes });
  Object.defineProperty(standIn, 'words', { get: readWords, enumerable: true });
  Object.defineProperty(standIn, 'counts', { get: readCounts, enumerable: true });
  return standIn as SearchWords;
}

/** The piece of `words` (search-words-piece.ts): read as it lies when they wait out of the heap, else made. */
export function searchWordsPiece(words: SearchWords): { piece: Uint8Array; countBytes: number } {
  const spilled = spilledWords.get(words);
  return spilled ? { piece: spilled.read(), countBytes: spilled.countBytes } : pieceOfSearchWords(words);
}

/**
 * Where a list of search words stands in the spill file or another (`length`
 * bytes laid out as search-words-piece.ts says), for another thread to read
 * it there; null when it is in memory.
 */
export function spilledPlaceOf(words: SearchWords, spill: SpillFile): SpillPlace & { countBytes: number } | null {
  const spilled = spilledWords.get(words);
  const place = spilled && spill.placeOf(spilled.read);
  return place ? { ...place, countBytes: spilled.countBytes } : null;
}

/** The last piece read, and for which stand-in: `counts` right after `words` reads nothing again. */
let lastRead: { standIn: object; piece: Uint8Array } | null = null;

function pieceOf(standIn: object): { piece: Uint8Array; countBytes: number } {
  const spilled = spilledWords.get(standIn)!;
  if (lastRead?.standIn !== standIn) lastRead = { standIn, piece: spilled.read() };
  return { piece: lastRead.piece, countBytes: spilled.countBytes };
}

function readWords(this: object): string {
  const { piece, countBytes } = pieceOf(this);
  return wordsInPiece(piece, countBytes);
}

function readCounts(this: object): Uint16Array {
  const { piece, countBytes } = pieceOf(this);
  return countsInPiece(piece, countBytes);
}
