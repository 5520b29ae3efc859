/**
 * Exports of archive size: JSON written in pieces is exactly JSON.stringify's
 * output, and a site of more pages than one sitemap may list gets a sitemap
 * index of numbered sitemaps that together list every page once.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collate } from '../src/collate/index.js';
import { defaultSiteData } from '../src/config.js';
import type { OutputFile, Page } from '../src/model.js';
import { jsonChunks, madeArrayChunks } from '../src/write/json-bytes.js';
import { SpareFiles } from '../src/write/spare-files.js';
import { MAX_URLS, sitemapFiles } from '../src/write/sitemap.js';
import { runs, seed } from './support/fuzz.js';

/** The whole of what `jsonChunks` hands out. */
const jsonBytes = (value: unknown, depth?: number) => Buffer.concat([...jsonChunks(value, depth)]);

describe('JSON in pieces', () => {
  it('gives JSON.stringify\'s bytes for any value, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => {
        expect(jsonBytes(value, depth).toString('utf8')).toBe(JSON.stringify(value));
      }),
      { numRuns: runs, seed },
    );
    const odd = { a: undefined, b: [undefined, () => 1, new Date(0), null], c: new Map([[1, 2]]), d: Uint8Array.from([7]) };
    expect(jsonBytes(odd).toString('utf8')).toBe(JSON.stringify(odd));
    // Long innermost arrays, written a few hundred elements per native call: the joins between calls must not show.
    const element = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined), fc.constant(() => 1));
    fc.assert(
      fc.property(fc.array(fc.array(element, { minLength: 200, maxLength: 900 }), { maxLength: 3 }), (value) => {
        expect(jsonBytes({ topics: value }, 3).toString('utf8')).toBe(JSON.stringify({ topics: value }));
      }),
      { numRuns: Math.max(20, runs / 10), seed },
    );
  });

  it('writes a value whose JSON is longer than the longest string V8 can make', () => {
    // 600 MiB of JSON in all, no single piece near the limit.
    const chunk = 'x'.repeat(1 << 20);
    const value = Array.from({ length: 600 }, () => ({ text: chunk }));
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    const bytes = jsonBytes(value);
    expect(bytes.length).toBe(600 * (chunk.length + 11) + 599 + 2);
    expect(bytes.subarray(0, 12).toString()).toBe('[{"text":"xx');
  });
});

describe('a large export written in pieces', () => {
  it('is made one piece at a time, and each piece is handed out before the next is made', () => {
    const value = Array.from({ length: 3000 }, (_, i) => ({ id: i, text: 'x'.repeat(1000) }));
    const pieces = [...jsonChunks(value, 1)];
    expect(pieces.length).toBeGreaterThan(2);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(2 << 20);
    expect(Buffer.concat(pieces).toString()).toBe(JSON.stringify(value));
  });

  it('makes an array\'s elements a few hundred at a time as they are written, the same bytes as the array made whole', () => {
    const element = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.constant(() => 1));
    fc.assert(
      fc.property(fc.array(element, { maxLength: 1200 }), (value) => {
        const asked: Array<[number, number]> = [];
        const bytes = Buffer.concat([...madeArrayChunks(value.length, (start, end) => (asked.push([start, end]), value.slice(start, end)))]);
        expect(bytes.toString('utf8')).toBe(JSON.stringify(value));
        expect(bytes.equals(Buffer.concat([...jsonChunks(value, 1)]))).toBe(true);
        // Every element asked for once, in order, in groups of at most a few hundred.
        expect(asked.flatMap(([start, end]) => Array.from({ length: end - start }, (_, k) => start + k))).toEqual(value.map((_, i) => i));
        expect(Math.max(0, ...asked.map(([start, end]) => end - start))).toBeLessThanOrEqual(256);
      }),
      { numRuns: Math.max(20, runs / 10), seed },
    );
  });

  it('stringifies a made array in groups whose JSON stays small, large elements one by one, small ones many at once', () => {
    const sizes = (text: number) => {
      const groups: number[] = [];
      const bytes = Buffer.concat([...madeArrayChunks(2000, (start, end) => (groups.push(end - start), Array.from({ length: end - start }, (_, i) => ({ id: start + i, text: 'x'.repeat(text) }))))]);
      expect(JSON.parse(bytes.toString()).map((e: { id: number }) => e.id)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
      return groups;
    };
    // 100 KB elements: one per call after the first group; 10-byte ones: as many as a call takes.
    expect(sizes(100_000).slice(1).every((n) => n === 1)).toBe(true);
    expect(Math.max(...sizes(10))).toBe(256);
    // Characters per call below what V8 keeps among young objects (128 KiB).
    const medium = sizes(2_000);
    expect(Math.max(...medium.slice(1)) * 2_000 * 2).toBeLessThan(128 * 1024);
  });

  it('makes no element of a made array before the pieces written before it are taken', () => {
    const made: number[] = [];
    const chunks = madeArrayChunks(3000, (start, end) => (made.push(end), Array.from({ length: end - start }, (_, i) => ({ id: start + i, text: 'x'.repeat(2000) }))));
    const first = chunks.next();
    expect(first.done).toBe(false);
    // The first megabyte needs some 500 of the 6 MB's 3 000 elements, not all of them.
    expect(made.at(-1)).toBeGreaterThan(0);
    expect(made.at(-1)).toBeLessThan(1000);
    [...chunks];
    expect(made.at(-1)).toBe(3000);
  });

  const update = (files: SpareFiles, inTurns: boolean, file: OutputFile, exists: boolean) => (inTurns ? files.updateInTurns(file, exists) : Promise.resolve(files.update(file, exists)));

  for (const inTurns of [false, true]) {
    it(`is compared with the file there and written from the first piece that differs, cut to its new length${inTurns ? ', in turns' : ''}`, async () => {
      const root = mkdtempSync(join(tmpdir(), 'dossier-pieces-'));
      try {
        const files = new SpareFiles(root);
        const path = join(root, 'api', 'topics.json');
        const put = (file: OutputFile, exists: boolean) => update(files, inTurns, file, exists);
        const file = (text: string, size = 5) => ({ path: 'api/topics.json', bytes: Buffer.from(text), chunks: () => (text.match(new RegExp(`[^]{1,${size}}`, 'g')) ?? []).map((p) => Buffer.from(p)) });
        expect(await put(file('{"a":[1,2,3],"b":"hallo"}'), false)).toBe(true);
        expect(readFileSync(path, 'utf8')).toBe('{"a":[1,2,3],"b":"hallo"}');
        const before = statSync(path).mtimeMs;
        // The same bytes, cut into other pieces: nothing is written.
        expect(await put(file('{"a":[1,2,3],"b":"hallo"}', 3), true)).toBe(false);
        expect(statSync(path).mtimeMs).toBe(before);
        for (const text of ['{"a":[1,9,3],"b":"hallo"}', '{"a":[1,9,3]}', '{"a":[1,9,3],"b":"hallo","c":"langer dan eerst"}', '']) {
          expect(await put(file(text), true)).toBe(true);
          expect(readFileSync(path, 'utf8')).toBe(text);
        }
        // A folder where the file goes (an old site's page): cleared once.
        rmSync(path);
        mkdirSync(join(path, 'oud'), { recursive: true });
        expect(await put(file('[]'), true)).toBe(true);
        expect(readFileSync(path, 'utf8')).toBe('[]');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  }

  it('in turns, lets the work waiting run between two pieces, each piece made only when the one before is written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dossier-turns-'));
    try {
      const seen: string[] = [];
      const path = join(root, 'api', 'articles.json');
      const chunks = function* () {
        for (const piece of ['[1,', '2,', '3]']) {
          // Each piece is made after the ones before are on disk, and after what waited was seen to.
          seen.push(`made ${piece} over ${existsSync(path) ? readFileSync(path, 'utf8') : '(none)'}`);
          setImmediate(() => seen.push('other work'));
          yield Buffer.from(piece);
        }
      };
      expect(await new SpareFiles(root).updateInTurns({ path: 'api/articles.json', bytes: Buffer.from('[1,2,3]'), chunks }, false)).toBe(true);
      expect(seen).toEqual(['made [1, over ', 'other work', 'made 2, over [1,', 'other work', 'made 3] over [1,2,', 'other work']);
      expect(readFileSync(path, 'utf8')).toBe('[1,2,3]');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('sitemap past the protocol limit', () => {
  it('splits into numbered sitemaps listed by a sitemap index', () => {
    const site = { ...defaultSiteData().site, baseUrl: 'https://example.org/archief/' };
    const count = MAX_URLS + 1234;
    const pages: Page[] = Array.from({ length: count }, (_, i) => ({ url: `/pagina/${i}/`, template: 'list.njk', view: {} }));
    const files = sitemapFiles(pages, collate([], defaultSiteData()), site);
    const text = (path: string) => files.find((f) => f.path === path)!.bytes.toString();
    expect(files.map((f) => f.path)).toEqual(['sitemap-1.xml', 'sitemap-2.xml', 'sitemap.xml', 'robots.txt']);
    expect(text('sitemap.xml')).toContain('<sitemapindex');
    expect([...text('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual(['https://example.org/archief/sitemap-1.xml', 'https://example.org/archief/sitemap-2.xml']);
    const listed = ['sitemap-1.xml', 'sitemap-2.xml'].flatMap((p) => [...text(p).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
    expect(listed.length).toBe(count);
    expect(new Set(listed).size).toBe(count);
    expect([...text('sitemap-1.xml').matchAll(/<url>/g)].length).toBe(MAX_URLS);
    expect(text('robots.txt')).toContain('Sitemap: https://example.org/archief/sitemap.xml');
  });
});
