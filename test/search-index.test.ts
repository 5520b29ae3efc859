/**
 * The static search index: every word of every article can be found through
 * the shard its first letters name, folded as the browser folds a query;
 * words that would match most of a large archive are listed as common and
 * left out; the same archive always gives the same bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collate } from '../src/collate/index.js';
import { defaultSiteData } from '../src/config.js';
import type { OutputFile } from '../src/model.js';
import { searchWordsOf } from '../src/text.js';
import { Postings } from '../src/write/postings.js';
import { searchIndexFiles, shardKeyOf } from '../src/write/search-index.js';
import { makeArticle } from './support/article.js';
import { runs, seed } from './support/fuzz.js';

const decoder = new TextDecoder();
const read = (files: OutputFile[], path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} among ${files.length} files`);
  return JSON.parse(decoder.decode(file.bytes));
};

/** What the browser does for one word: the articles (newest-first numbers) whose words include it exactly. */
function lookUp(files: OutputFile[], word: string): number[] {
  const index = read(files, 'search/index.json');
  const key = shardKeyOf(word);
  if (!index.shards.includes(key)) return [];
  const pairs: number[] = read(files, `search/terms/${key}.json`)[word] ?? [];
  return pairs.filter((_, i) => i % 2 === 0);
}

describe('search index', () => {
  const archive = collate(
    [
      makeArticle({ id: 'a1', slug: 'een', title: 'Huawéi en de Spionage', text: 'Washington noemt Huawei een spionagevehikel.' }),
      makeArticle({ id: 'a2', slug: 'twee', title: 'Exportlicenties voor ASML', text: 'Het kabinet verleende exportlicenties aan ASML. Über straße ÆØÅ 東京.' }),
    ],
    defaultSiteData(),
  );
  const files = [...searchIndexFiles(archive)];

  it('finds each article by every word of its title and text, folded', () => {
    archive.articles.forEach((article, ordinal) => {
      for (const word of searchWordsOf(`${article.title} ${article.text}`)) expect(lookUp(files, word), word).toContain(ordinal);
    });
    expect(lookUp(files, 'huawei').sort()).toEqual([0, 1].filter((i) => archive.articles[i]!.id === 'a1'));
    expect(searchWordsOf('Huawéi ÜBER Straße')).toEqual(['huawei', 'uber', 'straße']);
  });

  it('names shards with letters, digits and _-escapes only', () => {
    expect(shardKeyOf('straße')).toBe('str');
    expect(shardKeyOf('東京')).toMatch(/^_[0-9a-f]+_[0-9a-f]+$/);
    for (const file of files) expect(file.path).toMatch(/^search\/(index\.json|docs\/\d+\.json|terms\/[a-z0-9_]+\.json)$/);
  });

  it('lists each article for the result list: address, title, date, outlet, lead', () => {
    const docs = read(files, 'search/docs/0.json');
    expect(docs.map((d: string[]) => d[0])).toEqual(archive.articles.map((a) => `/artikel/${a.slug}/`));
    expect(docs.map((d: string[]) => d[1])).toEqual(archive.articles.map((a) => a.title));
  });

  it('leaves out words most articles of a large archive share, and says which', () => {
    const many = Array.from({ length: 1500 }, (_, i) => makeArticle({ id: `m${i}`, slug: `m${i}`, title: `Bericht ${i}`, text: `Gewoon woord${i % 3 === 0 ? ' zeldzaam' : ''} nummer${i}.` }));
    const bigArchive = collate(many, defaultSiteData());
    const big = [...searchIndexFiles(bigArchive)];
    const index = read(big, 'search/index.json');
    expect(index.common).toContain('gewoon');
    expect(index.common).toContain('bericht');
    expect(index.common).not.toContain('zeldzaam');
    expect(lookUp(big, 'gewoon')).toEqual([]);
    // A word in a third of the articles stays, and leads to exactly those articles.
    const holding = bigArchive.articles.flatMap((a, ordinal) => (a.text.includes('zeldzaam') ? [ordinal] : []));
    expect(lookUp(big, 'zeldzaam')).toEqual(holding);
    expect(index.articles).toBe(1500);
    expect(big.filter((f) => f.path.startsWith('search/docs/')).length).toBe(Math.ceil(1500 / index.chunk));
  });

  it('gives the same bytes for the same archive', () => {
    const again = [...searchIndexFiles(archive)];
    expect(again.map((f) => [f.path, decoder.decode(f.bytes)])).toEqual(files.map((f) => [f.path, decoder.decode(f.bytes)]));
  });
});

describe('search postings', () => {
  /** What a Postings holds, word by word, as plain arrays. */
  const contents = (postings: Postings, words: number) => Array.from({ length: words }, (_, word) => {
    const values: number[] = [];
    let inOrder = true;
    postings.forEach(word, (value, i) => {
      inOrder &&= i === values.length;
      values.push(value);
    });
    expect(inOrder).toBe(true);
    expect(values.length).toBe(postings.count(word));
    return values;
  });

  it('give back every number posted for a word, in the order posted', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.nat(40), fc.nat(3000)), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), { maxLength: 2000 }), (adds) => {
        const postings = new Postings();
        const expected: number[][] = Array.from({ length: 3001 }, () => []);
        for (const [word, value] of adds) {
          postings.add(word, value);
          expected[word]!.push(value);
        }
        expect(contents(postings, 3001)).toEqual(expected);
      }),
      { numRuns: Math.max(50, runs / 10), seed },
    );
  });

  it('span many blocks and segments without mixing words up', () => {
    const postings = new Postings();
    // 1.2 million numbers over three words, interleaved: more blocks than one segment holds.
    for (let i = 0; i < 1_200_000; i++) postings.add(i % 3, i);
    const [a, b, c] = contents(postings, 3);
    expect([a!.length, b!.length, c!.length]).toEqual([400_000, 400_000, 400_000]);
    expect(a!.every((v, k) => v === 3 * k) && b!.every((v, k) => v === 3 * k + 1) && c!.every((v, k) => v === 3 * k + 2)).toBe(true);
  });
});
