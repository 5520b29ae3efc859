/**
 * The years a timeline links to from its later pages: every year it holds, in
 * time order, with the historical mentions before the axis as one range.
 */
import { describe, expect, it } from 'vitest';
import { yearLinksOf, yearStartsOf } from '../src/render/timeline-axis.js';
import type { TextEvent } from '../src/model.js';

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
});
