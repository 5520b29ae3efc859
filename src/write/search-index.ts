/**
 * Dossier's own full-text search index, written as static JSON beside the
 * pages: built from the records already in memory (no second pass over the
 * HTML), in time linear in the text, and fetched by the reader's browser in
 * small pieces. templates/assets/search.js reads it; the two must agree on
 * `searchWordsOf` (src/text.ts) and `shardKeyOf`.
 *
 * Layout under `search/`:
 * - `index.json`: `{ version, articles, chunk, shards, common }`;
 * - `terms/<key>.json`: `{ word: [article, weight, article, weight, …] }` for
 *   every word whose first three letters give `key` (so a prefix of three or
 *   more letters is answered from one file);
 * - `docs/<n>.json`: `[url, title, date, outlet, lead]` for articles
 *   `n·chunk … n·chunk + chunk − 1` in newest-first order.
 */
import { searchWordsOfText } from '../collate/analysis.js';
import type { ArchivedArticle, Archive, OutputFile } from '../model.js';
import { paths } from '../render/urls.js';
import { Postings } from './postings.js';
import { PACK, postWords, type SearchEntry, type TermSource } from './term-lists.js';
import { Vocabulary } from './vocabulary.js';

/** Bumped when the layout changes, so an old search.js never misreads a new index. */
export const SEARCH_INDEX_VERSION = 1;
/** Articles per `docs/` file. */
const DOC_CHUNK = 500;
/** In an archive of more than this many articles, a word in more than COMMON_SHARE of them is left out: it would match nearly everything. */
const COMMON_FROM = 1000;
const COMMON_SHARE = 0.4;
/** Leads are cut for the result list. */
const LEAD_CHARS = 220;

/** The shard a word lives in: its first three characters, spelt safely for a file name. */
export function shardKeyOf(word: string): string {
  return Array.from(word.slice(0, 3), (c) => (/[a-z0-9]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}`)).join('');
}

/** The shards (`terms/<key>.json`) the index has, and the words left out as too common: what `index.json` lists. */
export interface SearchSummary {
  keys: string[];
  common: string[];
}

/**
 * Every file of the search index for this archive, one at a time: no file
 * waits in memory for the others (at 100 000 articles the index holds some
 * 20 million postings, kept compact in postings.ts).
 */
export function* searchIndexFiles(archive: Archive): Generator<OutputFile> {
  const summary: SearchSummary = { keys: [], common: [] };
  yield* searchTermFiles(searchEntriesOf(archive), summary);
  yield* searchDocFiles(archive);
  yield searchIndexJson(archive.articles.length, summary);
}

/** The archive's articles as the search index reads them. */
export function searchEntriesOf(archive: Archive): SearchEntry[] {
  return archive.articles.map((article) => ({ titled: titledText(article), words: () => searchWordsOfText(article) }));
}

/** What of an article weighs as its title: the title and its tags' labels. */
export function titledText(article: Pick<ArchivedArticle, 'title' | 'tags'>): string {
  return `${article.title} ${article.tags.map((t) => t.label).join(' ')}`;
}

/** The `terms/` files of the index, shard by shard; fills `summary` once the last is made. */
export function* searchTermFiles(entries: readonly SearchEntry[], summary: SearchSummary): Generator<OutputFile> {
  yield* termFilesOf(countTerms(entries), entries.length, summary);
}

/** Every article's words posted, counted afresh: the postings of the whole index. */
export function countTerms(entries: readonly SearchEntry[]): TermSource {
  const vocabulary = new Vocabulary();
  const postings = new Postings();
  entries.forEach((entry, ordinal) => postWords(vocabulary, entry, (word, weight) => postings.add(word, ordinal * PACK + weight)));
  return { words: vocabulary.words, count: (word) => postings.count(word), forEach: (word, each) => postings.forEach(word, each) };
}

/** The `terms/` files of a source (`count` articles), shard by shard; fills `summary` once the last is made. */
export function* termFilesOf(source: TermSource, count: number, summary: SearchSummary): Generator<OutputFile> {
  const shards = shardsOf(source, count);
  for (const key of shards.keys) {
    yield termFile(source, key, shards.members.get(key)!);
    shards.members.delete(key);
  }
  summary.keys = shards.keys;
  summary.common = shards.common;
}

/** A source's words by shard (keys in order, each one's words as numbers, unordered) and the words too common to index. */
export interface TermShards {
  keys: string[];
  members: Map<string, number[]>;
  common: string[];
}

/** The shards of a source's words in an archive of `count` articles. */
export function shardsOf(source: TermSource, count: number): TermShards {
  const common: string[] = [];
  const members = new Map<string, number[]>();
  source.words.forEach((word, number) => {
    const posted = source.count(number);
    if (posted === 0) return;
    if (count > COMMON_FROM && posted > count * COMMON_SHARE) {
      common.push(word);
      return;
    }
    const key = shardKeyOf(word);
    const shard = members.get(key);
    if (shard) shard.push(number);
    else members.set(key, [number]);
  });
  return { keys: [...members.keys()].sort(), members, common: common.sort() };
}

/** The `terms/` file of one shard: its words (`numbers`, in any order) with their postings. */
export function termFile(source: TermSource, key: string, numbers: readonly number[]): OutputFile {
  // Sorted words: the same archive always gives the same bytes, however its words are numbered.
  const entries = numbers.map((number): [string, number] => [source.words[number]!, number]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return json(termPath(key), Object.fromEntries(entries.map(([word, number]) => [word, unpacked(source, number)])));
}

/** Where the `terms/` file of a shard is. */
export function termPath(key: string): string {
  return `search/terms/${key}.json`;
}

/** The `docs/` files: what a result shows of each article, DOC_CHUNK articles a file. */
export function* searchDocFiles(archive: Archive): Generator<OutputFile> {
  for (let start = 0; start < archive.articles.length; start += DOC_CHUNK) {
    const docs = archive.articles.slice(start, start + DOC_CHUNK).map((a) => [paths.article(a.slug), a.title, a.date?.value ?? '', a.outlet ?? '', shorten(a.lead)]);
    yield json(`search/docs/${start / DOC_CHUNK}.json`, docs);
  }
}

/** `index.json`, once the shards are known. */
export function searchIndexJson(count: number, summary: SearchSummary): OutputFile {
  return json('search/index.json', { version: SEARCH_INDEX_VERSION, articles: count, chunk: DOC_CHUNK, shards: summary.keys, common: summary.common });
}

/** A word's postings as the file lists them: article, weight, article, weight, … */
function unpacked(postings: TermSource, word: number): number[] {
  const pairs = new Array<number>(postings.count(word) * 2);
  postings.forEach(word, (packed, i) => {
    pairs[2 * i] = Math.floor(packed / PACK);
    pairs[2 * i + 1] = packed % PACK;
  });
  return pairs;
}

function shorten(lead: string): string {
  if (lead.length <= LEAD_CHARS) return lead;
  const cut = lead.lastIndexOf(' ', LEAD_CHARS);
  return `${lead.slice(0, cut > 0 ? cut : LEAD_CHARS)}…`;
}

function json(path: string, value: unknown): OutputFile {
  return { path, bytes: Buffer.from(JSON.stringify(value)) };
}
