/**
 * The search index's lists kept between builds (src/write/search-memo.ts,
 * src/write/term-lists.ts): patched with the articles that changed, they
 * give the `terms/` files counting every article afresh gives, and name
 * every word whose postings changed; a build with a cache patches them after
 * an edit and writes the site a build without one writes, and counts afresh
 * when the articles moved, the memo is damaged or another salt made it.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, buildWithCache } from '../src/build.js';
import { cacheFileFor } from '../src/cache.js';
import type { SearchWords } from '../src/collate/analysis.js';
import type { OutputFile } from '../src/model.js';
import { countTerms, shardKeyOf, termFilesOf, type SearchSummary } from '../src/write/search-index.js';
import { patchTermLists, postedBy, TermLists, type Posted, type SearchEntry } from '../src/write/term-lists.js';
import { runs, seed } from './support/fuzz.js';
import { hashTree } from './support/tree.js';
import { generateCorpus } from './support/corpus.js';

/** An article as the property draws it: title words and text words with counts. */
type Drawn = { title: string[]; words: Array<[string, number]> };

const entryOf = ({ title, words }: Drawn): SearchEntry => {
  const distinct = new Map(words);
  const text: SearchWords = { words: [...distinct.keys()].join(' '), counts: Uint16Array.from(distinct.values()) };
  return { titled: title.join(' '), words: () => text };
};

/** The `terms/` files of a source, by path, and the summary. */
function filesOf(source: Parameters<typeof termFilesOf>[0], count: number): { files: Map<string, string>; summary: SearchSummary } {
  const summary: SearchSummary = { keys: [], common: [] };
  const files = new Map([...termFilesOf(source, count, summary)].map((file: OutputFile) => [file.path, Buffer.from(file.bytes).toString()]));
  return { files, summary };
}

describe('term lists patched with the articles that changed', () => {
  // Few words, so that articles share them, titles repeat text words, and counts pass the cap.
  const word = fc.constantFrom('huawei', 'chips', 'zte', 'export', 'vergunning', 'qq', 'ab', 'abc', 'abd', '2019', 'ééna', 'xyloo');
  const drawn = fc.record({ title: fc.array(word, { maxLength: 3 }), words: fc.array(fc.tuple(word, fc.integer({ min: 1, max: 12 })), { maxLength: 8 }) });

  it('give the files counting afresh gives, and touch every word whose postings changed', () => {
    fc.assert(
      fc.property(fc.array(drawn, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), drawn), { maxLength: 4 }), (before, edits) => {
        const after = [...before];
        for (const [at, article] of edits) after[at % after.length] = article;
        const changed = new Map<number, Posted>();
        for (const [at] of edits) changed.set(at % after.length, postedBy(entryOf(after[at % after.length]!)));
        const old = TermLists.of(countTerms(before.map(entryOf)));
        const { lists, touched } = patchTermLists(old, after.length, changed);
        const patched = filesOf(lists, after.length);
        const fresh = filesOf(countTerms(after.map(entryOf)), after.length);
        expect(patched).toEqual(fresh);
        // A file the patch did not touch is the one the old lists give.
        const touchedKeys = new Set([...touched].map(shardKeyOf));
        const unpatched = filesOf(old, before.length);
        for (const [path, bytes] of fresh.files) if (!touchedKeys.has(path.slice('search/terms/'.length, -'.json'.length))) expect(unpatched.files.get(path)).toBe(bytes);
      }),
      { numRuns: runs, seed },
    );
  });

  it('move words in and out of the common ones as counting afresh does, in an archive large enough to have them', () => {
    // Each article holds each of twelve words or not, word i in about 34 + i per cent of them: near the share past
    // which a word is left out as common (40 %), so that edits move words across it.
    const words = ['huawei', 'chips', 'zte', 'export', 'vergunning', 'qq', 'ab', 'abc', 'abd', '2019', 'ééna', 'xyloo'];
    const entryOfBits = (draws: number[]) => entryOf({ title: [], words: words.filter((_, i) => draws[i]! < 34 + i).map((w, i) => [w, 1 + (i % 3)]) });
    const bits = fc.array(fc.nat(99), { minLength: words.length, maxLength: words.length });
    let moved = 0;
    fc.assert(
      fc.property(fc.array(bits, { minLength: 1001, maxLength: 1040 }), fc.array(fc.tuple(fc.nat(), bits), { minLength: 1, maxLength: 60 }), (before, edits) => {
        const after = [...before];
        for (const [at, value] of edits) after[at % after.length] = value;
        const changed = new Map(edits.map(([at]) => [at % after.length, postedBy(entryOfBits(after[at % after.length]!))]));
        const { lists } = patchTermLists(TermLists.of(countTerms(before.map(entryOfBits))), after.length, changed);
        const fresh = filesOf(countTerms(after.map(entryOfBits)), after.length);
        expect(filesOf(lists, after.length)).toEqual(fresh);
        if (fresh.summary.common.join() !== filesOf(countTerms(before.map(entryOfBits)), before.length).summary.common.join()) moved++;
      }),
      { numRuns: Math.ceil(runs / 10), seed },
    );
    // Words did cross the share in some cases: the property was not only ever about words below it.
    expect(moved).toBeGreaterThan(0);
  });
});

describe('a build with a cache', () => {
  const temp = mkdtempSync(join(tmpdir(), 'dossier-search-memo-'));
  const contentDir = join(temp, 'content');
  const cacheDir = join(temp, 'cache');
  const outDir = join(temp, 'site');
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  beforeAll(() => {
    generateCorpus(60, contentDir);
  }, 60_000);

  const posts = () => readdirSync(join(contentDir, '_posts')).sort();
  const cached = () => buildWithCache({ contentDir, outDir, cacheDir, threads: 3 });
  /** The site a build without cache or threads writes for the content as it is now. */
  const fresh = async () => {
    const out = join(temp, `fresh-${Math.random().toString(36).slice(2)}`);
    await build({ contentDir, outDir: out, threads: 1 });
    return hashTree(out);
  };

  it('patches the last build\'s lists after an edit, counts afresh when they cannot serve, and writes the same site', async () => {
    const first = await cached();
    expect(first.threaded.search).toBe(true);
    expect(first.threaded.searchPatched).toBeNull();
    const [one, two, three] = posts();

    // A word no other article has, then a body and a title changed: each build patches the lists with its article.
    appendFileSync(join(contentDir, '_posts', one!), '\n<p>Een qqxylofoon klonk.</p>\n');
    expect((await cached()).threaded.searchPatched).toBe(1);
    expect(hashTree(outDir)).toEqual(await fresh());
    expect(JSON.parse(readFileSync(join(outDir, 'search', 'terms', 'qqx.json'), 'utf8'))).toHaveProperty('qqxylofoon');
    appendFileSync(join(contentDir, '_posts', two!), '\n<p>Nog een zin over qqzwerkt en chips.</p>\n');
    const text = readFileSync(join(contentDir, '_posts', three!), 'utf8');
    writeFileSync(join(contentDir, '_posts', three!), text.replace(/^title: .*$/m, 'title: "Een titel met qqtitelwoord"'));
    expect((await cached()).threaded.searchPatched).toBe(2);
    expect(hashTree(outDir)).toEqual(await fresh());

    // One article fewer: every later one has another number, the lists are counted afresh.
    rmSync(join(contentDir, '_posts', one!));
    expect((await cached()).threaded.searchPatched).toBeNull();
    const tree = hashTree(outDir);
    expect(tree).toEqual(await fresh());
    expect(Object.keys(tree)).not.toContain('search/terms/qqx.json');

    // A damaged memo counts as none.
    const memo = cacheFileFor(cacheDir, 'search', outDir, '.bin');
    const bytes = readFileSync(memo);
    bytes[bytes.length - 1]! ^= 0xff;
    writeFileSync(memo, bytes);
    appendFileSync(join(contentDir, '_posts', two!), '\n<p>Nog een qqslotzin.</p>\n');
    expect((await cached()).threaded.searchPatched).toBeNull();
    expect(hashTree(outDir)).toEqual(await fresh());
    expect((await cached()).upToDate).toBe(true);
  }, 240_000);
});
