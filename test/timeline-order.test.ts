/**
 * A timeline's order: by date value as strings compare, articles before
 * events on the same value, else in the order given. The fast ordering (one
 * packed number per entry, sorted natively) must give exactly the order of
 * comparing the entries, whatever the dates, odd ones included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArchivedArticle, TextEvent } from '../src/model.js';
import { inTimeOrder, mergedTimeOrder, plainDay } from '../src/render/timeline.js';
import type { Entry } from '../src/render/timeline-axis.js';
import { runs, seed } from './support/fuzz.js';

const two = (min: number, max: number) => fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));
const value = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.option(fc.tuple(two(1, 12), fc.option(two(1, 31))))).map(([y, md]) => [String(y), md?.[0], md?.[1]].filter(Boolean).join('-')) },
  // Values the packed key cannot stand for: the order is still the one comparing gives.
  { weight: 1, arbitrary: fc.constantFrom('0800', '2019-13', '2019-00', '2019-05-32', '12019', '2019-5') },
);
/** Entries with ids by position, so that an order that breaks a tie differently shows. */
const entries = fc.array(fc.tuple(fc.boolean(), value), { maxLength: 300 }).map((drawn) =>
  drawn.map(([event, date], i): Entry => (event ? ({ articleId: `a${i}`, date: { value: date, precision: 'day' } } as unknown as TextEvent) : ({ id: `a${i}`, date: { value: date, precision: 'day' } } as unknown as ArchivedArticle))),
);

/** The order by comparing entries, as timelines were ordered before. */
function compared(entries: Entry[]): Entry[] {
  const valueOf = (e: Entry) => e.date!.value;
  const eventRank = (e: Entry) => Number('articleId' in e);
  return [...entries].sort((a, b) => (valueOf(a) < valueOf(b) ? -1 : valueOf(a) > valueOf(b) ? 1 : eventRank(a) - eventRank(b)));
}

describe('inTimeOrder', () => {
  it('orders entries as comparing them does, ties kept in the order given', () => {
    fc.assert(
      fc.property(entries, (given) => {
        expect(inTimeOrder([...given])).toEqual(compared(given));
      }),
      { numRuns: runs, seed },
    );
  });

  it('puts a year before its months and a month before its days, and an article before an event of the same date', () => {
    const event = (value: string) => ({ articleId: 'x', date: { value, precision: 'day' } }) as unknown as TextEvent;
    const article = (value: string) => ({ id: value, date: { value, precision: 'day' } }) as unknown as ArchivedArticle;
    const order = inTimeOrder([event('2019-05-01'), event('2019-05'), article('2019-05'), event('2019'), article('2018-12-31')]);
    expect(order.map((e) => `${'articleId' in e ? 'event' : 'article'} ${e.date!.value}`)).toEqual(['article 2018-12-31', 'event 2019', 'article 2019-05', 'event 2019-05', 'event 2019-05-01']);
  });

  it('reads a plain date value as the pattern of plain dates does, whatever the characters', () => {
    // What plainDay replaced: a year, then a month 01-12, then a day 01-31, in ASCII digits.
    const pattern = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;
    const expected = (text: string) => {
      const m = pattern.exec(text);
      return m ? Number(m[1]) * 10_000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0) : -1;
    };
    // Near misses are drawn from the characters dates are made of, and a few that look like digits to other patterns.
    const near = fc.array(fc.constantFrom('0', '1', '2', '3', '9', '-', '/', ':', ' ', '٣', 'x'), { maxLength: 11 }).map((chars) => chars.join(''));
    const values = fc.oneof(value, near, fc.string({ maxLength: 11 }));
    fc.assert(
      fc.property(values, (text) => {
        expect(plainDay(text)).toBe(expected(text));
      }),
      { numRuns: runs * 4, seed },
    );
  });
});

describe('mergedTimeOrder', () => {
  const valueOf = (e: Entry) => e.date!.value;
  /** The entries' articles, then their events, each in time order (a stable sort by value), as a topic holds them. */
  const asTopicHolds = (given: Entry[]) => {
    const byValue = (a: Entry, b: Entry) => (valueOf(a) < valueOf(b) ? -1 : valueOf(a) > valueOf(b) ? 1 : 0);
    const articles = given.filter((e) => !('articleId' in e)).sort(byValue);
    return { entries: [...articles, ...given.filter((e) => 'articleId' in e).sort(byValue)], firstEvent: articles.length };
  };

  it("merges a topic's articles and events, each in time order, into the order comparing gives, each entry's date written at its place", () => {
    fc.assert(
      fc.property(entries, (given) => {
        const { entries: held, firstEvent } = asTopicHolds(given);
        const values: string[] = [];
        const order = mergedTimeOrder(held, firstEvent, values);
        expect(order).not.toBeNull();
        const merged = [...order!].map((k) => held[k]!);
        expect(merged).toEqual(inTimeOrder(held.slice()));
        expect(values).toEqual(merged.map(valueOf));
      }),
      { numRuns: runs, seed },
    );
  });

  it('gives nothing when the articles or the events are out of time order, so that the caller sorts them', () => {
    fc.assert(
      fc.property(entries, fc.boolean(), (given, swapEvents) => {
        const { entries: held, firstEvent } = asTopicHolds(given);
        // Two of one kind with different values, the later put first.
        const [from, to] = swapEvents ? [firstEvent, held.length] : [0, firstEvent];
        const k = held.slice(from, to).findIndex((e, i, all) => i > 0 && valueOf(all[i - 1]!) !== valueOf(e));
        fc.pre(k > 0);
        const swapped = held.slice();
        [swapped[from + k - 1], swapped[from + k]] = [swapped[from + k]!, swapped[from + k - 1]!];
        expect(mergedTimeOrder(swapped, firstEvent, [])).toBeNull();
      }),
      { numRuns: runs, seed },
    );
  });
});
