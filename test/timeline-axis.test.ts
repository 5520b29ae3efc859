/**
 * The years a timeline links to from its later pages: every year it holds, in
 * time order, with the historical mentions before the axis as one range; and
 * the years found in one pass over its entries, as a look at each entry finds them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOf, isEvent, timelineYearsOf, yearLinksOf, yearStartsOf, type Entry } from '../src/render/timeline-axis.js';
import type { ArchivedArticle, TextEvent } from '../src/model.js';
import { inTimeOrder } from '../src/render/timeline.js';
import { runs, seed } from './support/fuzz.js';

const span = (first: number) => ({ articles: new Map<number, number>(), events: new Map<number, number>(), first, last: 2020 });
const event = (value: string) => ({ articleId: 'a', date: { value, precision: 'year' } }) as unknown as TextEvent;

describe('timeline year links', () => {
  it('gathers the years before the axis into one range that links to the first of them', () => {
    const firstPageOfYear = new Map([['1965', 1], ['1989', 1], ['2003', 2], ['2015', 2], ['2016', 3], ['2020', 4]]);
    expect(yearStartsOf(firstPageOfYear, span(2010))).toEqual([
      { year: '1965', label: '1965–2003', page: 1 },
      { year: '2015', label: '2015', page: 2 },
      { year: '2016', label: '2016', page: 3 },
      { year: '2020', label: '2020', page: 4 },
    ]);
    expect(yearStartsOf(new Map([['1989', 1], ['2015', 1]]), span(2010))[0]).toEqual({ year: '1989', label: '1989', page: 1 });
    expect(yearStartsOf(new Map([['2015', 1], ['2016', 2]]), span(2010)).map((s) => s.label)).toEqual(['2015', '2016']);
  });

  it("links the years a page shows to their place on it, the others to the page they begin on", () => {
    const starts = yearStartsOf(new Map([['2015', 1], ['2016', 2], ['2017', 3]]), span(2010));
    const urlFor = (page: number) => (page === 1 ? '/onderwerp/x/' : `/onderwerp/x/pagina/${page}/`);
    expect(yearLinksOf(starts, [event('2016'), event('2017')], urlFor)).toEqual([
      { year: '2015', label: '2015', url: '/onderwerp/x/#jaar-2015', here: false },
      { year: '2016', label: '2016', url: '/onderwerp/x/pagina/2/#jaar-2016', here: true },
      { year: '2017', label: '2017', url: '/onderwerp/x/pagina/3/#jaar-2017', here: true },
    ]);
  });

  // What the pass must find, entry by entry: each year's articles and events, the page of its first entry.
  const lookedAtOneByOne = (entries: Entry[], size: number) => {
    const articles = new Map<number, number>();
    const events = new Map<number, number>();
    const firstPageOfYear = new Map<string, number>();
    entries.forEach((entry, k) => {
      const year = ('articleId' in entry ? entry.date : entry.date!).value.slice(0, 4);
      const counts = 'articleId' in entry ? events : articles;
      counts.set(Number(year), (counts.get(Number(year)) ?? 0) + 1);
      if (!firstPageOfYear.has(year)) firstPageOfYear.set(year, Math.floor(k / size) + 1);
    });
    return { articles, events, firstPageOfYear };
  };
  const article = (value: string) => ({ id: 'b', date: { value, precision: 'year' } }) as unknown as ArchivedArticle;

  it('finds in one pass what each entry says: the articles and events of each year and the page it begins on, in or out of time order', () => {
    const value = fc.oneof(fc.integer({ min: 1900, max: 2030 }).map(String), fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`), fc.constantFrom('2019-05-20', '0950', '201'));
    const entries = fc.array(fc.tuple(value, fc.boolean()).map(([v, isEvent]): Entry => (isEvent ? event(v) : article(v))), { maxLength: 60 });
    fc.assert(
      fc.property(entries, fc.integer({ min: 1, max: 7 }), fc.boolean(), (given, size, ordered) => {
        const list = ordered ? inTimeOrder(given.slice()) : given;
        const { span, firstPageOfYear } = timelineYearsOf(list.map((entry) => dateOf(entry).value), (k) => isEvent(list[k]!), size);
        const expected = lookedAtOneByOne(list, size);
        expect([...firstPageOfYear]).toEqual([...expected.firstPageOfYear]);
        expect(span === null).toBe(list.length === 0);
        if (span) {
          expect(new Map([...span.articles].sort())).toEqual(new Map([...expected.articles].sort()));
          expect(new Map([...span.events].sort())).toEqual(new Map([...expected.events].sort()));
        }
      }),
      { numRuns: runs, seed },
    );
  });
});
