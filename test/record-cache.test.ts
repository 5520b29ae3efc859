/**
 * The record cache keeps what each build used and nothing else. After a few
 * changes its file is written again mostly by copying the old file's chunks:
 * whatever is copied or serialised afresh, reading it back gives exactly the
 * records the last build used, also when another build replaced the file
 * in between.
 */
import { fstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TermStore } from '../src/collate/term-store.js';
import { hastToHtml, spilledReaderOf } from '../src/hast.js';
import { RecordCache } from '../src/record-cache.js';
import { readSpilledText, SpillFile } from '../src/spill-file.js';
import { settleArrival } from '../src/workers/arrival.js';
import type { ReadResult } from '../src/workers/read-one.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-records-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Enough files for several chunks of the cache file. */
const PATHS = Array.from({ length: 1234 }, (_, i) => `_posts/artikel-${i}.md`);
const recordOf = (path: string, version: number) => ({ draft: null, analysis: null, diagnostics: [{ path, version }] }) as unknown as ReadResult;

/** Opens the cache with the given content hash per path (none: the file is gone). */
const open = (cacheDir: string, hashes: Map<string, string>) => RecordCache.open(cacheDir, join(temp, 'dist'), 'salt', (path) => hashes.get(path));

/** What a build would find for every path: the stored record, or nothing. */
async function stored(cacheDir: string, hashes: Map<string, string>) {
  const cache = await open(cacheDir, hashes);
  return new Map(PATHS.map((path) => [path, cache.get(path)] as const).filter(([, record]) => record !== undefined));
}

describe('record cache', () => {
  it('stores exactly the records a build used, after an edit, a deletion and an addition', async () => {
    const cacheDir = join(temp, 'edits');
    const hashes = new Map(PATHS.slice(0, -1).map((path) => [path, 'v1']));
    const first = await open(cacheDir, hashes);
    for (const path of hashes.keys()) first.set(path, recordOf(path, 1));
    await first.save();
    const expected = new Map([...hashes.keys()].map((path) => [path, recordOf(path, 1)]));
    expect(await stored(cacheDir, hashes)).toEqual(expected);

    // One file edited, one deleted, one added: the next build reads those and takes the rest from the cache.
    const [edited, deleted, added] = [PATHS[3]!, PATHS[700]!, PATHS.at(-1)!];
    hashes.set(edited, 'v2').set(added, 'v1').delete(deleted);
    // And one unchanged file read again all the same (its record replaced under the same key).
    const reread = PATHS[1100]!;
    const second = await open(cacheDir, hashes);
    second.set(reread, recordOf(reread, 3));
    for (const path of hashes.keys()) if (path !== reread && !second.get(path)) second.set(path, recordOf(path, path === edited ? 2 : 1));
    await second.save();
    expected.set(edited, recordOf(edited, 2)).set(added, recordOf(added, 1)).set(reread, recordOf(reread, 3)).delete(deleted);
    expect(await stored(cacheDir, hashes)).toEqual(expected);

    // Nothing changed: the file is left as it is.
    const file = join(cacheDir, 'records', readdirSync(join(cacheDir, 'records'))[0]!);
    const before = statSync(file).mtimeMs;
    const third = await open(cacheDir, hashes);
    for (const path of hashes.keys()) expect(third.get(path)).toBeDefined();
    await third.save();
    expect(statSync(file).mtimeMs).toBe(before);
    // Saved, the cache lets go of the records (a build saves once reading is done and goes on without it).
    expect(third.get(PATHS[0]!)).toBeUndefined();
  });

  it('serialises afresh when another build replaced the file since it was read', async () => {
    const cacheDir = join(temp, 'replaced');
    const hashes = new Map(PATHS.map((path) => [path, 'v1']));
    const first = await open(cacheDir, hashes);
    for (const path of PATHS) first.set(path, recordOf(path, 1));
    await first.save();

    // Two builds read the same file; the second writes first, with other records for the first half of the files.
    const slow = await open(cacheDir, hashes);
    const fast = await open(cacheDir, hashes);
    PATHS.forEach((path, i) => (i < PATHS.length / 2 ? fast.set(path, recordOf(path, 9)) : fast.get(path)));
    await fast.save();
    hashes.set(PATHS[10]!, 'v2');
    for (const path of PATHS) if (!slow.get(path)) slow.set(path, recordOf(path, 2));
    await slow.save();
    expect(await stored(cacheDir, hashes)).toEqual(new Map(PATHS.map((path) => [path, recordOf(path, path === PATHS[10] ? 2 : 1)])));
  });

  it('appends a few new records to the file, and writes it anew once too much of it is of no use', async () => {
    const cacheDir = join(temp, 'appended');
    const hashes = new Map(PATHS.map((path) => [path, 'v1']));
    const expected = new Map(PATHS.map((path) => [path, recordOf(path, 1)]));
    /** A build that reads `reread` again (its record replaced under the same key) and takes the rest from the cache where it can. */
    const build = async (reread?: string) => {
      const cache = await open(cacheDir, hashes);
      if (reread) cache.set(reread, expected.get(reread)!);
      for (const path of hashes.keys()) if (path !== reread && !cache.get(path)) cache.set(path, expected.get(path)!);
      await cache.save();
      const file = join(cacheDir, 'records', readdirSync(join(cacheDir, 'records'))[0]!);
      return { inode: statSync(file).ino, size: statSync(file).size, file };
    };
    const first = await build();
    const before = readFileSync(first.file);

    // One file read again under the same key, one edited: appended, the file as it was left in front.
    const [reread, edited] = [PATHS[5]!, PATHS[600]!];
    expected.set(reread, recordOf(reread, 3)).set(edited, recordOf(edited, 2));
    hashes.set(edited, 'v2');
    const second = await build(reread);
    expect(second.inode).toBe(first.inode);
    expect(readFileSync(second.file).subarray(0, before.length).equals(before)).toBe(true);
    expect(second.size).toBeLessThan(first.size / 10 + before.length);
    expect(await stored(cacheDir, hashes)).toEqual(expected);

    // A third of the files edited: written anew (another file), holding only what this build used; the record
    // read again (appended last time, its older record still in the first chunk) keeps its newer value.
    PATHS.filter((_, i) => i % 3 === 1).forEach((path) => {
      hashes.set(path, 'v4');
      expected.set(path, recordOf(path, 4));
    });
    const third = await build();
    expect(third.inode).not.toBe(first.inode);
    // About the size of a cache holding just these records: the 400 records no longer of use are gone.
    const fresh = await RecordCache.open(join(temp, 'appended-fresh'), join(temp, 'dist'), 'salt', (path) => hashes.get(path));
    for (const [path, record] of expected) fresh.set(path, record);
    await fresh.save();
    const freshSize = statSync(join(temp, 'appended-fresh', 'records', readdirSync(join(temp, 'appended-fresh', 'records'))[0]!)).size;
    expect(third.size).toBeLessThan(freshSize * 1.1);
    expect(await stored(cacheDir, hashes)).toEqual(expected);
    expect((await stored(cacheDir, hashes)).get(reread)).toEqual(recordOf(reread, 3));
  });

  it('reads typed arrays back as arrays of their own, not views that keep the whole chunk they were read from', async () => {
    const cacheDir = join(temp, 'typed');
    const hashes = new Map(PATHS.map((path) => [path, 'v1']));
    const withCounts = (path: string, i: number) => ({ draft: null, analysis: { ids: Int32Array.of(i, -i, 7), counts: Uint16Array.of(1, 2, i % 65_536), bytes: Buffer.from(path) }, diagnostics: [] }) as unknown as ReadResult;
    const first = await open(cacheDir, hashes);
    PATHS.forEach((path, i) => first.set(path, withCounts(path, i)));
    await first.save();
    const back = await stored(cacheDir, hashes);
    expect(back).toEqual(new Map(PATHS.map((path, i) => [path, withCounts(path, i)])));
    for (const record of back.values()) {
      for (const view of Object.values(record!.analysis as unknown as Record<string, ArrayBufferView>)) {
        // Only as large as itself (a Buffer's own memory may be a slice of Node's small pool, never the chunk's).
        expect(view.buffer.byteLength === view.byteLength || (Buffer.isBuffer(view) && view.buffer.byteLength <= Buffer.poolSize)).toBe(true);
      }
    }
  });
});

describe("records' texts beside their frames", () => {
  const html = (i: number) => `<p>Huawei en “5G”, artikel ${i}.</p>`;
  const wordsOf = (i: number) => ({ words: `huawei\n5g\nartikel${i}`, counts: Uint16Array.of(1, 2, i % 65_536) });
  /** A record with a settled body and search words, as reading an article makes one. */
  const withTexts = (i: number) =>
    ({
      draft: { article: { id: `a${i}`, title: `Artikel ${i}`, body: { type: 'root', children: [], data: { settledHtml: html(i) } } } },
      analysis: { fullTerms: { ids: Int32Array.of(i), counts: Uint16Array.of(1) }, leadTerms: { ids: Int32Array.of(-i - 1), counts: Uint16Array.of(2) }, topics: [], events: [], searchWords: wordsOf(i) },
      diagnostics: [],
    }) as unknown as ReadResult;
  const textsOf = (result: ReadResult) => ({ html: hastToHtml(result.draft!.article.body), words: result.analysis!.searchWords.words, counts: [...result.analysis!.searchWords.counts] });
  const expected = (i: number) => ({ html: html(i), words: wordsOf(i).words, counts: [...wordsOf(i).counts] });

  /** A cache of a record with texts for every path, saved; and the content hashes it was saved for. */
  async function savedWithTexts(cacheDir: string): Promise<Map<string, string>> {
    const hashes = new Map(PATHS.map((path) => [path, 'v1']));
    const first = await open(cacheDir, hashes);
    PATHS.forEach((path, i) => first.set(path, withTexts(i)));
    await first.save();
    return hashes;
  }

  it('come back as they were, read when asked for from the open file, or with the records', async () => {
    const cacheDir = join(temp, 'texts');
    const hashes = await savedWithTexts(cacheDir);

    const inPlace = await RecordCache.open(cacheDir, join(temp, 'dist'), 'salt', (path) => hashes.get(path), { textsInPlace: true });
    const spill = new SpillFile();
    try {
      PATHS.forEach((path, i) => {
        const record = inPlace.get(path)!;
        // Nothing else of the record changes: only where its texts are read from, and its counts are in shared memory.
        expect(record.draft!.article.title).toBe(`Artikel ${i}`);
        expect([...record.analysis!.fullTerms.ids, ...record.analysis!.fullTerms.counts]).toEqual([i, 1]);
        expect([...record.analysis!.leadTerms.ids, ...record.analysis!.leadTerms.counts]).toEqual([-i - 1, 2]);
        const fullTerms = record.analysis!.fullTerms;
        expect(fullTerms.ids.buffer).toBeInstanceOf(SharedArrayBuffer);
        const reader = spilledReaderOf(record.draft!.article.body)!;
        // Another thread reads the body where it lies in the cache's file.
        const place = spill.placeOf(reader)!;
        expect(place.fd).toEqual(expect.any(Number));
        expect(readSpilledText(place.fd!, place)).toBe(html(i));
        expect(textsOf(record)).toEqual(expected(i));
        // Arrival leaves texts that are out of the heap already where they are: nothing is written to the spill file.
        settleArrival(record, { spill, terms: new TermStore() });
        expect(spill.placeOf(spilledReaderOf(record.draft!.article.body)!)).toEqual(place);
        expect(record.analysis!.fullTerms).toBe(fullTerms);
      });
      const spilled = spill.shareFile();
      expect(spilled).not.toBeNull();
      expect(fstatSync(spilled!).size).toBe(0);
    } finally {
      inPlace.close();
      spill.close();
    }
    // Closed: a text is not read from a descriptor that may be another file's by now, and has no place to read it at.
    const body = inPlace.get(PATHS[0]!)!.draft!.article.body;
    expect(() => hastToHtml(body)).toThrow(/record cache, which has been closed/);
    expect(spill.placeOf(spilledReaderOf(body)!)).toBeNull();

    // Read with the records (the dev server's way): strings and arrays of their own.
    const eager = await open(cacheDir, hashes);
    PATHS.forEach((path, i) => {
      const record = eager.get(path)!;
      expect(spilledReaderOf(record.draft!.article.body)).toBeNull();
      expect([...record.analysis!.leadTerms.ids, ...record.analysis!.leadTerms.counts]).toEqual([-i - 1, 2]);
      expect(record.analysis!.fullTerms.ids.buffer.byteLength).toBe(4);
      expect(Object.getOwnPropertyDescriptor(record.draft!.article.body.data, 'settledHtml')!.value).toBe(html(i));
      expect(textsOf(record)).toEqual(expected(i));
    });
  });

  it('stay right when a build that read them in place appends records, and when it writes the file anew', async () => {
    const cacheDir = join(temp, 'texts-saved');
    const hashes = await savedWithTexts(cacheDir);
    // A few edits are appended; then most files change, and the file is written anew, copying the frames that
    // are still all used and serialising the others, whose texts are read from the old file as it goes.
    for (const edited of [PATHS.slice(0, 3), PATHS.slice(0, 800)]) {
      const cache = await RecordCache.open(cacheDir, join(temp, 'dist'), 'salt', (path) => hashes.get(path), { textsInPlace: true });
      for (const path of edited) hashes.set(path, `${hashes.get(path)}+`);
      try {
        PATHS.forEach((path, i) => {
          if (!cache.get(path)) cache.set(path, withTexts(i + 100_000));
        });
        await cache.save();
      } finally {
        cache.close();
      }
    }
    const back = await open(cacheDir, hashes);
    PATHS.forEach((path, i) => expect(textsOf(back.get(path)!)).toEqual(expected(i < 800 ? i + 100_000 : i)));
  });
});
