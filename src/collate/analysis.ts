/**
 * What collate learns from one article alone (its topics, the events its text
 * mentions, its term counts), kept per article body (memo.ts). The build
 * computes these in the worker threads that read the articles and hands them
 * to collate with `adoptAnalysis`, so collate's own work is only what needs
 * the whole archive. Every key is defined here once, for both paths.
 */
import type { SiteData } from '../config.js';
import type { Article, TextEvent, TopicMatch } from '../model.js';
import { foldText, termIdsOfJoined } from '../text.js';
import { countedWords, scanWords } from '../word-scan.js';
import { cardDigestOf } from './card-digest.js';
import { adoptEventsDigest, eventsDigest } from './events-digest.js';
import { extractEvents } from './events.js';
import { forgetPerArticle, perArticle } from './memo.js';
import { compileTopics, matchTopics, type TopicMatcher } from './topics.js';

/** The fields of an article its analysis reads (a draft has them before slugs and tag labels are settled). */
export type AnalysedArticle = Pick<Article, 'id' | 'body' | 'title' | 'titleSource' | 'lead' | 'text' | 'date' | 'language' | 'manualTopics'>;

/** Term ids (hashes) of a text with how often each occurs (two bytes a count: a quarter of a float, kept for every article). */
export interface TermCounts {
  ids: Int32Array;
  counts: Uint16Array;
}

/** Everything collate learns from one article alone. */
export interface ArticleAnalysis {
  topics: TopicMatch[];
  events: TextEvent[];
  /** `eventsDigest(events)`, made where the events were when a build keeps its pages' stamps (else made if ever asked for). */
  eventsDigest?: string;
  /** The digest of the article's own card fields (card-digest.ts), made where the rest was, the same way. */
  cardDigest?: string;
  fullTerms: TermCounts;
  leadTerms: TermCounts;
  /** Every word of the text as search folds it, with how often it occurs (for the search index). */
  searchWords: SearchWords;
}

/**
 * Distinct words of a text with their counts. The words are one string,
 * separated by spaces (a word never holds one): hundreds of small strings per
 * article, kept for every article until the search index is written, weighed
 * on the heap and on every garbage collection.
 */
export interface SearchWords {
  words: string;
  counts: Uint16Array;
}

/** Text looked at per article for similarity: enough to know what it is about, bounded for huge files. */
const MAX_TEXT = 20_000;

const compiled = new WeakMap<object, { key: string; matchers: TopicMatcher[] }>();

/** The article's topics under the site's topic definitions. */
export function topicsOf(article: AnalysedArticle, data: SiteData, given?: TopicMatch[]): TopicMatch[] {
  let topics = compiled.get(data.topics);
  if (!topics) compiled.set(data.topics, (topics = { key: JSON.stringify(data.topics), matchers: compileTopics(data.topics) }));
  const { key, matchers } = topics;
  return perArticle('topics', article, [key, article.title, article.titleSource, article.lead, article.manualTopics.length, ...article.manualTopics], () => given ?? matchTopics(article, matchers));
}

/** The dated events the article's text mentions. */
export function eventsOf(article: AnalysedArticle, given?: TextEvent[]): TextEvent[] {
  return perArticle('events', article, [article.id, JSON.stringify(article.date), article.language], () => given ?? extractEvents(article));
}

/** Term counts of the title and text. */
export function fullTermsOf(article: AnalysedArticle, given?: TermCounts): TermCounts {
  return perArticle('terms:full', article, [article.title], () => given ?? countsOf(termIdsOfJoined(article.title, article.text.slice(0, MAX_TEXT))));
}

/** Term counts of the title and lead. */
export function leadTermsOf(article: AnalysedArticle, given?: TermCounts): TermCounts {
  return perArticle('terms:lead', article, [article.title, article.lead], () => given ?? countsOf(termIdsOfJoined(article.title, article.lead)));
}

/** The words of the text as search sees them, counted. */
export function searchWordsOfText(article: AnalysedArticle, given?: SearchWords): SearchWords {
  return perArticle('search-words', article, [], () => {
    if (given) return given;
    // The words of `searchWordsOf(article.text)`, counted: scanned once with the topics (word-scan.ts).
    const { words, counts } = countedWords(scanWords(foldText(article.text)));
    return { words: words.join(' '), counts };
  });
}

/**
 * Lets go of what only collate reads: the articles' term counts (the
 * similarity index's input) and the kept topics and events, which the
 * archived records hold from then on. For a one-shot build, after collate:
 * counted again from the text (which reading empties) they would come out
 * empty, so nothing may ask after this.
 */
export function forgetCollateInputs(articles: AnalysedArticle[]): void {
  for (const kind of ['terms:full', 'terms:lead', 'topics', 'events']) forgetPerArticle(kind, articles);
}

/** Lets go of the articles' search words: only the search index reads them (a one-shot build, once it is made). */
export function forgetSearchWords(articles: AnalysedArticle[]): void {
  forgetPerArticle('search-words', articles);
}

/**
 * Computes the whole analysis of one article (in a worker thread, say), with
 * the digests page stamps read when `digests` (a build that keeps them, with
 * the record cache): 55 µs an article, a twentieth of reading it, which a
 * build without the cache has no use for.
 */
export function analyseArticle(article: AnalysedArticle, data: SiteData, digests = false): ArticleAnalysis {
  // Topics and search words both fold and scan the whole text: one after the other, the second finds it done (foldText, scanWords).
  const topics = topicsOf(article, data);
  const searchWords = searchWordsOfText(article);
  const events = eventsOf(article);
  const analysis: ArticleAnalysis = { topics, events, fullTerms: fullTermsOf(article), leadTerms: leadTermsOf(article), searchWords };
  if (digests) {
    const digest = eventsDigest(events);
    analysis.eventsDigest = digest;
    analysis.cardDigest = cardDigestOf(article, () => topics, () => digest);
  }
  return analysis;
}

/** Hands an analysis computed elsewhere to collate, as if collate had computed it for this article. */
export function adoptAnalysis(article: AnalysedArticle, data: SiteData, analysis: ArticleAnalysis): void {
  topicsOf(article, data, analysis.topics);
  eventsOf(article, analysis.events);
  if (analysis.eventsDigest !== undefined) adoptEventsDigest(analysis.events, analysis.eventsDigest);
  if (analysis.cardDigest !== undefined) cardDigestOf(article, () => analysis.topics, () => eventsDigest(analysis.events), analysis.cardDigest);
  fullTermsOf(article, analysis.fullTerms);
  leadTermsOf(article, analysis.leadTerms);
  searchWordsOfText(article, analysis.searchWords);
}

/**
 * A term's id is a 32-bit FNV-1a hash of its text: no dictionary of millions
 * of word pairs is kept alive, ids (which break ties) depend on the term
 * alone, never on which article was read first, and a worker thread computes
 * the same ids as the main one. A rare collision merges two terms' counts,
 * which changes a similarity score negligibly.
 */
export function countsOf(ids: Int32Array): TermCounts {
  // Counted in a reused open-addressing table (key, count; a count of 0 is empty) instead of a Map per text.
  let capacity = 64;
  while (capacity < ids.length * 2) capacity *= 2;
  if (scratch.length < capacity * 2) scratch = new Int32Array(capacity * 2);
  else scratch.fill(0, 0, capacity * 2);
  const mask = capacity - 1;
  // Slots of the distinct ids in the order they first occur: the order a Map would keep.
  const firstSeen = new Int32Array(ids.length);
  let distinct = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    let slot = (Math.imul(id, 0x9e3779b1) >>> 0) & mask;
    while (scratch[slot * 2 + 1]! > 0 && scratch[slot * 2] !== id) slot = (slot + 1) & mask;
    if (scratch[slot * 2 + 1]!++ === 0) {
      scratch[slot * 2] = id;
      firstSeen[distinct++] = slot;
    }
  }
  const counts: TermCounts = { ids: new Int32Array(distinct), counts: new Uint16Array(distinct) };
  for (let k = 0; k < distinct; k++) {
    counts.ids[k] = scratch[firstSeen[k]! * 2]!;
    counts.counts[k] = Math.min(scratch[firstSeen[k]! * 2 + 1]!, 65_535);
  }
  return counts;
}

/** countsOf's table, kept between texts (grown for the longest). */
let scratch = new Int32Array(128);
