/**
 * Kinship (related articles and stories) settled in a thread is kinship as
 * the main thread settles it, whether an article's term counts lie in the
 * term store's shared segments or in arrays of their own; and the thread is
 * handed the store's segments, not copies of them.
 */
import { describe, expect, it } from 'vitest';
import { fullTermsOf, leadTermsOf } from '../src/collate/analysis.js';
import { archiveInOrder, collate, kinshipOf } from '../src/collate/index.js';
import { collateBeside, kinInThread, kinJobOf } from '../src/collate/kin-thread.js';
import { TermStore } from '../src/collate/term-store.js';
import { defaultSiteData } from '../src/config.js';
import type { Article, ArticleDate } from '../src/model.js';
import { makeArticle } from './support/article.js';

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
      const { archive, made, inThread } = await collateBeside(reports(), data, (apart) => {
        storiesSeenBefore = apart.stories.length;
        return apart;
      }, thread);
      expect(inThread).toBe(thread);
      expect(storiesSeenBefore).toBe(0);
      expect(made).toBe(archive);
      expect(archive.stories).toEqual(expected.stories);
      expect([...archive.storyById.keys()]).toEqual([...expected.storyById.keys()]);
      expect(archive.articles.map((a) => [a.id, a.story, a.related])).toEqual(expected.articles.map((a) => [a.id, a.story, a.related]));
    }
  });
});
