/**
 * Kinship (related articles and stories) settled in a thread is kinship as
 * the main thread settles it, whether an article's term counts lie in the
 * term store's shared segments or in arrays of their own; the thread is
 * handed the store's segments, not copies of them; and stories group
 * articles as chains of alike pairs connect them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullTermsOf, leadTermsOf } from '../src/collate/analysis.js';
import { archiveInOrder, collate, kinshipOf } from '../src/collate/index.js';
import { collateAhead, kinInThread, kinJobOf, startKinship } from '../src/collate/kin-thread.js';
import { StoryGrouping } from '../src/collate/stories.js';
import { TermStore } from '../src/collate/term-store.js';
import { DEFAULT_TEMPLATES } from '../src/build.js';
import { defaultSiteData } from '../src/config.js';
import { prepareRender } from '../src/render/index.js';
import { paths } from '../src/render/urls.js';
import type { Article, ArticleDate } from '../src/model.js';
import { makeArticle } from './support/article.js';
import { runs, seed } from './support/fuzz.js';

const data = defaultSiteData();
const day = (value: string): ArticleDate => ({ value, precision: 'day', source: 'front-matter' });

const subjects = ['de haven van Rotterdam', 'een nieuwe chipfabriek in Eindhoven', 'de verkiezingen in Friesland', 'een storing bij de spoorwegen', 'het weer op de Waddeneilanden', 'de begroting van Utrecht'];

/** Reports on a few subjects, each told twice a day apart (one story) and once more years later (related, no story). */
function reports(): Article[] {
  return subjects.flatMap((subject, s) => {
    const lead = (variant: string) => `Nieuws over ${subject}. ${variant}`;
    const text = (variant: string) => `${lead(variant)} Betrokkenen spreken over ${subject} en de gevolgen voor ${subject}. Het gesprek over ${subject} gaat door, zeggen zij.`;
    const tags = [{ key: `onderwerp-${s}`, label: `Onderwerp ${s}`, slug: `onderwerp-${s}` }];
    return [
      makeArticle({ id: `a${s}`.padEnd(12, '0'), text: text('Vanochtend meldde de gemeente het.'), lead: lead('Vanochtend meldde de gemeente het.'), date: day(`2020-03-1${s}`), tags }),
      makeArticle({ id: `b${s}`.padEnd(12, '0'), text: text('Gisteren meldde de gemeente het al.'), lead: lead('Gisteren meldde de gemeente het al.'), date: day(`2020-03-1${s + 1}`), tags }),
      makeArticle({ id: `c${s}`.padEnd(12, '0'), text: text('Jaren later komt het terug.'), lead: lead('Jaren later komt het terug.'), date: day(`2024-09-0${s + 1}`), tags }),
    ];
  });
}

/**
 * `n` reports on subjects made of words drawn from a small vocabulary (so that texts share terms unevenly), dated
 * over two years in an order unlike the archive's, each subject's counts in a term store or not by turns.
 */
function manyReports(n: number): Article[] {
  const words = Array.from({ length: 240 }, (_, i) => `woord${i.toString(36)}`);
  let state = 12345;
  const next = (below: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % below);
  const store = new TermStore(1 << 12);
  const articles = Array.from({ length: n }, (_, i) => {
    const subject = Array.from({ length: 4 }, () => words[next(words.length)]!).join(' ');
    const text = `${subject}. ${Array.from({ length: 60 }, () => words[next(words.length)]!).join(' ')}. Over ${subject} meer.`;
    const date = day(`202${next(2)}-0${1 + next(9)}-1${next(10)}`);
    return makeArticle({ id: `m${String(i).padStart(11, '0')}`, text, lead: `${subject}.`, date });
  });
  return withSomeCountsInStore(articles, store);
}

/** Every other article's term counts kept in a term store, as counts that arrived from a reading thread are. */
function withSomeCountsInStore(articles: Article[], store: TermStore): Article[] {
  articles.forEach((article, i) => {
    if (i % 2) return;
    const twin = { ...article, body: structuredClone(article.body) };
    fullTermsOf(article, store.keep(fullTermsOf(twin)));
    leadTermsOf(article, store.keep(leadTermsOf(twin)));
  });
  return articles;
}

describe('kinship in a thread', () => {
  it('is kinship settled in the main thread, counts in shared segments or not', async () => {
    const store = new TermStore(64);
    const ordered = archiveInOrder(withSomeCountsInStore(reports(), store), data);
    const here = kinshipOf(ordered);
    // The corpus has what kinship finds: stories and related articles.
    expect(here.stories.length).toBe(subjects.length);
    expect(here.related.values.length).toBeGreaterThan(ordered.length);
    expect(await kinInThread(ordered)).toEqual(here);
  });

  it('hands the thread the term store\'s segments themselves, and only the counts outside them in a copy', () => {
    const store = new TermStore(1 << 16);
    const ordered = archiveInOrder(withSomeCountsInStore(reports(), store), data);
    const job = kinJobOf(ordered);
    const inStore = ordered.findIndex((article) => fullTermsOf(article).ids.buffer instanceof SharedArrayBuffer);
    const apart = ordered.findIndex((article) => !(fullTermsOf(article).ids.buffer instanceof SharedArrayBuffer));
    expect(inStore).toBeGreaterThanOrEqual(0);
    expect(apart).toBeGreaterThanOrEqual(0);
    // The article in the store is found where the store keeps it: the same memory, at the same offset.
    const kept = fullTermsOf(ordered[inStore]!);
    const [segment, offset, length] = job.full.subarray(inStore * 3, inStore * 3 + 3);
    expect(job.segments[segment!]!.ids.buffer).toBe(kept.ids.buffer);
    expect([offset, length]).toEqual([kept.ids.byteOffset / 4, kept.ids.length]);
    // One segment of the store, one for the copies of the rest.
    expect(job.segments).toHaveLength(2);
    const [copied] = job.full.subarray(apart * 3, apart * 3 + 1);
    expect(job.segments[copied!]!.ids.buffer).not.toBe(kept.ids.buffer);
  });

  it('gives the archive collate gives, with the routes made before kinship was settled seeing it after', async () => {
    const expected = collate(reports(), data);
    for (const thread of [true, false]) {
      let storiesSeenBefore = -1;
      const { archive, made, settled } = collateAhead(reports(), data, (apart) => {
        storiesSeenBefore = apart.stories.length;
        return apart;
      }, thread);
      expect(await settled).toBe(thread);
      expect(storiesSeenBefore).toBe(0);
      expect(made).toBe(archive);
      expect(archive.stories).toEqual(expected.stories);
      expect([...archive.storyById.keys()]).toEqual([...expected.storyById.keys()]);
      expect(archive.articles.map((a) => [a.id, a.story, a.related])).toEqual(expected.articles.map((a) => [a.id, a.story, a.related]));
    }
  });

  it('is the same when the thread starts on the articles as read, before the archive puts them in its order', async () => {
    // More articles than compare all pairs: candidates come from the postings, ordered by the archive's numbers.
    const read = manyReports(420);
    const ordered = archiveInOrder(read, data);
    expect(ordered.map((a) => a.id)).not.toEqual(read.map((a) => a.id));
    const here = kinshipOf(ordered);
    expect(here.related.values.length).toBeGreaterThan(ordered.length);
    expect(await startKinship(read).settle(ordered)).toEqual(here);
    // An article read but left out of the archive (a record that failed validation): idf counts only the archive's.
    const fewer = ordered.filter((_, i) => i !== 7);
    const without = kinshipOf(fewer);
    expect(without).not.toEqual(here);
    expect(await startKinship(read).settle(fewer)).toEqual(without);
  });

  it('stops its thread when the build stops before the archive is handed over', async () => {
    const started = startKinship(manyReports(40));
    started.cancel();
    expect(await started.settle(archiveInOrder(manyReports(40), data))).toBeNull();
  });

  it('leaves nothing the routes list beside the thread reading kinship before it is settled', async () => {
    const { made, settled } = collateAhead(reports(), data, (apart) => prepareRender(apart, data, DEFAULT_TEMPLATES), true);
    await settled;
    const about = made.pages.find((page) => page.url === paths.about())!;
    expect((about.view as { stats: { stories: number } }).stats.stories).toBe(subjects.length);
    const article = made.pages.find((page) => page.url === paths.article('artikel-a00000000000'))!;
    const view = (article.view as { article: { sameStory: Array<{ title: string }>; related: unknown[] } }).article;
    expect(view.sameStory).toHaveLength(1);
    expect(view.related.length).toBeGreaterThan(0);
  });
});

describe('story grouping', () => {
  it('puts articles linked by a chain of alike pairs into one story, whatever the order pairs come in', () => {
    const pairs = fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 30 });
    fc.assert(
      fc.property(pairs, fc.nat(), (links, rotate) => {
        const n = 12;
        // Every article on the same day and on no topic: a pair alike enough is one story.
        const table = { ids: Array.from({ length: n }, (_, i) => `id${String(i).padStart(2, '0')}`), spans: new Float64Array(n * 2), topics: noLists(n), tags: noLists(n) };
        const neighbours = Array.from({ length: n }, () => [] as Array<{ index: number; similarity: number }>);
        for (const [a, b] of links) if (a !== b) neighbours[Math.min(a, b)]!.push({ index: Math.max(a, b), similarity: 0.9 });
        const grouping = new StoryGrouping(table);
        for (let k = 0; k < n; k++) grouping.add((k + rotate) % n, neighbours[(k + rotate) % n]!);
        expect(grouping.stories()).toEqual(components(n, links, table.ids));
      }),
      { numRuns: runs, seed },
    );
  });
});

function noLists(n: number) {
  return { starts: new Int32Array(n + 1), values: new Int32Array(0) };
}

/** Groups of two or more connected by the links, as stories name them (found by search, not by union-find). */
function components(n: number, links: Array<[number, number]>, ids: string[]) {
  const seen = new Set<number>();
  const groups: Array<{ id: string; articleIds: string[] }> = [];
  for (let start = 0; start < n; start++) {
    if (seen.has(start)) continue;
    const found = [start];
    seen.add(start);
    for (let k = 0; k < found.length; k++) {
      for (const [a, b] of links) {
        const other = a === found[k] ? b : b === found[k] ? a : -1;
        if (other >= 0 && !seen.has(other)) {
          seen.add(other);
          found.push(other);
        }
      }
    }
    if (found.length > 1) groups.push({ id: ids[Math.min(...found)]!, articleIds: found.sort((a, b) => a - b).map((i) => ids[i]!) });
  }
  return groups.sort((a, b) => (a.id < b.id ? -1 : 1));
}
