/**
 * Records of one kind share one hidden class in V8, with fast properties,
 * however they were read (in threads, in-process, with the one-shot build's
 * stores) and after collate: a class of its own per record held some 600
 * bytes for every article for the whole build (src/objects.ts says why it
 * happened). Records that arrive in a one-shot build share one object per
 * topic match and per event date of the same value.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/build.js';
import { collate } from '../src/collate/index.js';
import { TermStore } from '../src/collate/term-store.js';
import { hastToHtml, isSettled, releaseBody } from '../src/hast.js';
import { copyToComplete } from '../src/objects.js';
import { SpillFile } from '../src/spill-file.js';
import type { Article } from '../src/model.js';
import { generateCorpus } from './support/corpus.js';

// Functions compiled from here on may ask V8 about hidden classes.
setFlagsFromString('--allow-natives-syntax');
const sameClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const fastProperties = new Function('a', 'return %HasFastProperties(a)') as (a: object) => boolean;

/** The distinct hidden classes among `objects` (one representative each), stopping past `limit`. */
function classesOf(objects: object[], limit = 10): object[] {
  const classes: object[] = [];
  for (const object of objects) {
    if (!classes.some((known) => sameClass(known, object))) classes.push(object);
    if (classes.length > limit) break;
  }
  return classes;
}

const parent = mkdtempSync(join(tmpdir(), 'dossier-shapes-test-'));
const contentDir = join(parent, 'content');
afterAll(() => rmSync(parent, { recursive: true, force: true }));

beforeAll(() => {
  generateCorpus(120, contentDir);
}, 120_000);

describe('record shapes', () => {
  const ways: Array<[string, { threads: number; stores: boolean }]> = [
    ['read in threads with the build stores', { threads: 2, stores: true }],
    ['read in-process without stores', { threads: 1, stores: false }],
  ];
  for (const [name, way] of ways) {
    it(`articles and archived articles share one hidden class with fast properties, ${name}`, async () => {
      const spill = new SpillFile(parent);
      try {
        const stores = way.stores ? { spill, terms: new TermStore() } : undefined;
        const { articles, data } = await check({ contentDir, threads: way.threads, stores });
        // The generated mix has dated and undated articles, with and without outlets, images and estimates.
        expect(new Set(articles.map((a) => `${a.date === null}${a.outlet === null}${a.estimate === null}`)).size).toBeGreaterThan(2);
        expect(classesOf(articles)).toHaveLength(1);
        expect(articles.every(fastProperties)).toBe(true);
        const archived = collate(articles, data).articles;
        expect(classesOf(archived)).toHaveLength(1);
        expect(archived.every(fastProperties)).toBe(true);
        if (way.stores) {
          // Arriving records share one object per topic match and per event date of the same value.
          const matches = archived.flatMap((a) => a.topics);
          const dates = archived.flatMap((a) => a.events.flatMap((e) => (e.end ? [e.date, e.end] : [e.date])));
          expect(new Set(matches).size).toBe(new Set(matches.map((m) => JSON.stringify(m))).size);
          expect(new Set(dates).size).toBe(new Set(dates.map((d) => JSON.stringify(d))).size);
          expect(new Set(dates).size).toBeLessThan(dates.length);
        }
      } finally {
        spill.close();
      }
    }, 120_000);
  }

  it('bodies let go of after their page keep fast properties and one class, and reading one throws', async () => {
    const spill = new SpillFile(parent);
    try {
      const { articles } = await check({ contentDir, threads: 1, stores: { spill, terms: new TermStore() } });
      const bodies = articles.map((a) => a.body).filter((body) => isSettled(body));
      expect(bodies.length).toBeGreaterThan(articles.length / 2);
      const before = classesOf(bodies).length;
      for (const body of bodies) releaseBody(body);
      expect(bodies.every(fastProperties)).toBe(true);
      expect(classesOf(bodies).length).toBeLessThanOrEqual(before);
      const [body] = bodies;
      expect(isSettled(body)).toBe(true);
      expect(() => hastToHtml(body!)).toThrow(/let go of/);
      expect(() => body!.children.length).toThrow(/let go of/);
      expect(() => [...body!.children]).toThrow(/let go of/);
    } finally {
      spill.close();
    }
  }, 120_000);

  it('a copy completed by name shares its class with other copies; a spread that adds a field would not', () => {
    const bases = Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, title: `t${i}`, date: i % 2 ? null : { value: '2020' }, lead: '', body: {}, text: '', wordCount: i, format: 'md', language: 'nl', image: null, outlet: null, estimate: null, diagnostics: [], alsoRead: [] }));
    const completed = bases.map((base) => {
      const copy = copyToComplete<Pick<Article, 'id' | 'slug' | 'tags'>>(base);
      copy.slug = base.id;
      copy.tags = [];
      return copy;
    });
    expect(classesOf(completed)).toHaveLength(1);
    expect(completed.every(fastProperties)).toBe(true);
    expect(completed.map((c) => Object.keys(c).join())).toEqual(bases.map((b) => `${Object.keys(b).join()},slug,tags`));
    // What the helper is for: the spread gives each copy a class of its own (if V8 ever stops doing so, the helper can go).
    const spread = bases.map((base) => ({ ...base, slug: base.id, tags: [] }));
    expect(classesOf(spread).length).toBeGreaterThan(1);
  });
});
