/**
 * What a one-shot build keeps out of the heap as records arrive: the spill
 * file gives back every text and byte array exactly as it went in, whether
 * still in its write buffer, already in the file, or larger than the buffer,
 * and leaves nothing in the temporary folder; the term store gives back each
 * article's counts; records read with both are the records read without
 * them, as the record cache's serialiser sees them. A spill file that cannot
 * be made keeps the texts in memory, and the build says so.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { fullTermsOf, leadTermsOf, searchWordsOfText } from '../src/collate/analysis.js';
import { TermStore } from '../src/collate/term-store.js';
import { loadSiteData } from '../src/config.js';
import { Diagnostics } from '../src/diagnostics.js';
import { hastToHtml, htmlFragmentToHast, settledBody, spillBody } from '../src/hast.js';
import { collectGarbage } from '../src/memory.js';
import { scanContent } from '../src/ingest/scan.js';
import { readSpilledText, SpillFile, textBytesOf } from '../src/spill-file.js';
import type { ArrivalStores } from '../src/workers/arrival.js';
import { readArticles } from '../src/workers/read-articles.js';
import { runs, seed } from './support/fuzz.js';
import { hashTree } from './support/tree.js';
import { generateCorpus } from './support/corpus.js';

/** The same text, or the same bytes (compared natively: a megabyte element by element is slow). */
function same(got: unknown, want: string | Uint8Array): boolean {
  if (typeof want === 'string') return got === want;
  return got instanceof Uint8Array && Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(want);
}

const parent = mkdtempSync(join(tmpdir(), 'dossier-spill-test-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('SpillFile', () => {
  it('gives back every text and byte array exactly, in any order, across buffer flushes and past the buffer size', () => {
    const item = fc.oneof(
      fc.string({ maxLength: 4000 }),
      fc.string({ unit: 'grapheme', maxLength: 2000 }),
      fc.uint8Array({ maxLength: 3000 }),
      // Past the 1 MiB buffer: written straight to the file.
      fc.integer({ min: 1_048_000, max: 1_300_000 }).map((n) => 'é€'.repeat(n / 4)),
      fc.integer({ min: 1_048_577, max: 1_200_000 }).map((n) => Buffer.alloc(n, 'chips\u00e9')),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), fc.integer({ min: 0, max: 1_000_000 }), (items, shuffle) => {
        const spill = new SpillFile(parent);
        try {
          const readers: Array<() => unknown> = items.map((t) => (typeof t === 'string' ? spill.put(t) : spill.putBytes(t)));
          // Read back in a scrambled order: an early item is in the file, a late one still in the buffer.
          const order = items.map((_, i) => (i * 7919 + shuffle) % items.length);
          for (const i of order) expect(same(readers[i]!(), items[i]!)).toBe(true);
          // Asked twice, the same again.
          if (items.length) expect(same(readers[0]!(), items[0]!)).toBe(true);
          // A text's bytes as they are kept (what the record cache copies), without a string made of them.
          items.forEach((t, i) => typeof t === 'string' && expect(Buffer.from(textBytesOf(readers[i]!)!).equals(Buffer.from(t))).toBe(true));
          // Another thread reads a text by its place, through the shared descriptor, once the buffer is written out.
          const fd = spill.shareFile()!;
          items.forEach((t, i) => typeof t === 'string' && expect(readSpilledText(fd, spill.placeOf(readers[i]!)!)).toBe(t));
        } finally {
          spill.close();
        }
      }),
      { numRuns: Math.max(20, Math.round(runs / 10)), seed },
    );
  });

  it('keeps no text in the heap once it is written out: only the readers stay', () => {
    const spill = new SpillFile(parent);
    try {
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      // 48 MiB of text, flushed in 1 MiB pieces; a reader that kept its text would keep all of it.
      const readers = Array.from({ length: 192 }, (_, i) => spill.put(`${i} ${'Huawei en ASML. '.repeat(16_384)}`.slice(0, 262_144)));
      collectGarbage();
      const grown = process.memoryUsage().heapUsed - before;
      expect(grown).toBeLessThan(8 * 1024 * 1024);
      expect(readers[7]!().startsWith('7 Huawei')).toBe(true);
    } finally {
      spill.close();
    }
  });

  it('leaves nothing in the temporary folder, and says so plainly when read after closing', () => {
    const spill = new SpillFile(parent);
    const read = spill.put('Huawei');
    expect(readdirSync(parent).filter((name) => name.startsWith('dossier-spill-'))).toEqual([]);
    expect(read()).toBe('Huawei');
    spill.close();
    expect(read).toThrow(/spill file that has been closed/);
    spill.close();
  });
});

describe('a spill file that cannot be made', () => {
  it('keeps every text and byte array in memory instead, and says why', () => {
    const spill = new SpillFile(join(parent, 'no-such-folder'));
    try {
      expect(spill.problem).toMatch(/ENOENT/);
      const text = spill.put('Huawei’s chips');
      const bytes = spill.putBytes(Uint8Array.of(1, 2, 3));
      expect(text()).toBe('Huawei’s chips');
      expect([...bytes()]).toEqual([1, 2, 3]);
    } finally {
      spill.close();
    }
  });

  it('leaves a build with the same site, and an info diagnostic naming the folder', async () => {
    const seeds = join(import.meta.dirname, '..', 'content');
    const plain = await build({ contentDir: seeds, outDir: join(parent, 'spill-ok') });
    const missing = join(parent, 'no-tmp');
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = missing;
    let without;
    try {
      without = await build({ contentDir: seeds, outDir: join(parent, 'spill-missing') });
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    const said = without.diagnostics.list().filter((d) => d.code === 'build/spill-unavailable');
    expect(said.map((d) => [d.severity, d.source.path])).toEqual([['info', missing]]);
    expect(plain.diagnostics.list().some((d) => d.code === 'build/spill-unavailable')).toBe(false);
    expect(hashTree(join(parent, 'spill-missing'))).toEqual(hashTree(join(parent, 'spill-ok')));
  });
});

describe('spillBody', () => {
  it('keeps the body rendering the same HTML, read from the file, and leaves a body with an image as it was', () => {
    const spill = new SpillFile(parent);
    try {
      const body = settledBody(htmlFragmentToHast('<p>Huawei’s <em>chips</em> &amp; ASML</p>'));
      const html = hastToHtml(body);
      spillBody(body, (text) => spill.put(text));
      expect(Object.getOwnPropertyDescriptor(body.data!, 'settledHtml')?.get).toBeTypeOf('function');
      expect(hastToHtml(body)).toBe(html);
      const withImage = settledBody(htmlFragmentToHast('<p><img src="a.jpg" alt="x"></p>'));
      spillBody(withImage, (text) => spill.put(text));
      expect(withImage.children.length).toBe(1);
      expect(hastToHtml(withImage)).toContain('<img src="a.jpg"');
    } finally {
      spill.close();
    }
  });
});

describe('TermStore', () => {
  it('gives back every article\'s counts as they were, across segments and for lists longer than one', () => {
    const counts = fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 40 }).map((ids) => ({ ids: Int32Array.from(ids), counts: Uint16Array.from(ids, (id) => id & 0xffff) }));
    fc.assert(
      fc.property(fc.array(counts, { maxLength: 30 }), fc.integer({ min: 1, max: 25 }), (all, segment) => {
        const store = new TermStore(segment);
        // Every other list given as the record cache's file holds it (record-texts.ts): ids' bytes then counts', after others.
        const bytes = (array: Int32Array | Uint16Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
        const kept = all.map((terms, i) => {
          if (i % 2 === 0) return store.keep(terms);
          const before = Buffer.alloc(i);
          return store.keepBytes(Buffer.concat([before, bytes(terms.ids), bytes(terms.counts), before]), i, terms.ids.length);
        });
        kept.forEach((terms, i) => {
          expect([...terms.ids]).toEqual([...all[i]!.ids]);
          expect([...terms.counts]).toEqual([...all[i]!.counts]);
          // Side by side in shared memory, as the kinship thread reads them; kept again, left where they are.
          if (!terms.ids.length) return;
          expect(terms.ids.buffer).toBeInstanceOf(SharedArrayBuffer);
          expect(terms.counts.byteOffset / 2).toBe(terms.ids.byteOffset / 4);
          expect(store.keep(terms)).toBe(terms);
        });
      }),
      { numRuns: runs, seed },
    );
  });
});

/** A term store that counts the lists it copied (those not in shared memory already). */
class CountingStore extends TermStore {
  copied = 0;

  override keep(terms: Parameters<TermStore['keep']>[0]) {
    if (!(terms.ids.buffer instanceof SharedArrayBuffer)) this.copied++;
    return super.keep(terms);
  }
}

describe('records read with a spill file and a term store', () => {
  it('are the records read without them, bodies, search words and term counts included, in threads and in-process', async () => {
    const content = join(parent, 'content');
    generateCorpus(200, content);
    const read = async (threads: number, stores?: ArrivalStores) => {
      const diagnostics = new Diagnostics();
      const data = loadSiteData(content, diagnostics);
      const files = await scanContent(content, data.site.ignore, diagnostics);
      const stats = { fromCache: 0, inThreads: 0 };
      const drafts = await readArticles(content, files, data, diagnostics, { threads, stores, stats });
      if (stores && threads > 1) {
        // Counts read in a thread arrive in shared memory and are kept as they are: the store copied only those read here.
        expect(stats.inThreads).toBeGreaterThan(0);
        expect((stores.terms as CountingStore).copied).toBe(2 * (drafts.length - stats.inThreads));
      }
      const analysis = drafts.map((d) => ({ words: searchWordsOfText(d.article), full: fullTermsOf(d.article), lead: leadTermsOf(d.article) }));
      // What the record cache would store: its serialiser reads every getter.
      return deserialize(serialize({ drafts, analysis, diagnostics: diagnostics.list() }));
    };
    const plain = await read(1);
    expect(plain.drafts.length).toBeGreaterThan(100);
    for (const threads of [1, 2]) {
      const spill = new SpillFile(parent);
      try {
        expect(await read(threads, { spill, terms: new CountingStore() })).toEqual(plain);
      } finally {
        spill.close();
      }
    }
  }, 60_000);
});
