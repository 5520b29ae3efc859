/**
 * A topic's timeline pages: two layers told apart, when articles appeared and
 * what they report happened when, in time order, grouped by year and month.
 * A partial date heads its month or year; undated articles get their own shelf.
 */
import type { ArchivedArticle, Page, TextEvent, TopicGroup } from '../model.js';
import type { TimelineHtml } from './timeline-html.js';
import { countArticles, fill, formatPeriod, type Labels } from './locale.js';
import { paginationView } from './routes.js';
import { paths } from './urls.js';
import { axisOf, dateOf, isEvent, timelineYearsOf, yearLinksOf, yearStartsOf, type Entry } from './timeline-axis.js';
import { lazyPage } from './lazy-page.js';
import { cardView } from './views.js';
import { sharedView } from './fingerprint.js';
import { cardPart, cardStamp, eventPart, sharedStamp, stampOfParts } from './stamps.js';
import { copyToComplete } from '../objects.js';
import { failedView, withFragments, type Fragment, type FragmentItem } from './page-view.js';

interface Shelf {
  key: string;
  label: string;
  /** The shelf's articles as list items of `partials/card.njk`'s card, one after another: an index in the page's `fragments`, or -1 (none). */
  articles: number;
  /** The shelf's events as `partials/event.njk` renders each, one after another: an index in the page's `fragments`, or -1 (none). */
  events: number;
}

/** Heading levels of a year's and a month's label on a timeline page (`shelf(y, 3)`, `shelf(m, 4)` in topic.njk); a card's title is one below. */
const YEAR_LEVEL = 3;
const MONTH_LEVEL = 4;

/** A year as the page shows it: its own shelf (entries dated to the year only), then its months. */
interface YearShelf extends Shelf {
  months: Shelf[];
  countLabel: string;
}

/**
 * The timeline split over pages of about `size` entries. The first page shows the axis, the whole span per year;
 * the others link each year to where it begins instead (`yearLinks`): the axis is 9.5 KB of SVG, and repeated on
 * each of a large topic's pages it was an eighth of a 16 000-article site's bytes.
 */
export function timelinePages(group: TopicGroup, size: number, labels: Labels, summary: Record<string, unknown>, basePath: string, html: TimelineHtml): Page[] {
  // Entries as positions: the dated articles' places in `group.articles`, then the events (as `group.events`), in time order.
  const dated: number[] = [];
  group.articles.forEach((article, place) => article.date && dated.push(place));
  // Arrays of their final length, filled in loops: grown by pushes (or made by Array.from), a topic's hundreds of
  // thousands of entries were copied from store to store, each freshly mapped memory.
  const unordered = new Array<Entry>(dated.length + group.events.length);
  for (let k = 0; k < dated.length; k++) unordered[k] = group.articles[dated[k]!]!;
  for (let e = 0; e < group.events.length; e++) unordered[dated.length + e] = group.events[e]!;
  // The topic's dated articles and its events are each in time order already (collate sorts both by date value): the
  // timeline is the two merged, each entry's date read once. Sorting every entry by a key made from its date, then
  // reading each date again for the years, was 2 s of the main thread at 100 000 articles.
  const values = new Array<string>(unordered.length);
  const order = mergedTimeOrder(unordered, dated.length, values) ?? orderedWithValues(unordered, values);
  const entries = inOrder(unordered, order);
  const undated = group.articles.filter((a) => !a.date);
  // The undated articles follow the dated entries, `size` items a page like them: on one last page, a large topic's
  // were thousands of cards (9-18 MB of HTML at 100 000 articles), more than a reader's browser or a render thread
  // should take in at once.
  const chunks: Entry[][] = [];
  const undatedOn: ArchivedArticle[][] = [];
  for (let i = 0; i === 0 || i < entries.length + undated.length; i += size) {
    chunks.push(entries.slice(i, i + size));
    undatedOn.push(undated.slice(Math.max(0, i - entries.length), Math.max(0, i + size - entries.length)));
  }
  const urlFor = (page: number) => paths.topic(group.topic.id, page);
  const { span, firstPageOfYear } = timelineYearsOf(values, (k) => order[k]! >= dated.length, size);
  const axis = axisOf(span, (year) => `${urlFor(firstPageOfYear.get(year) ?? 1)}#jaar-${year}`, labels, basePath);
  const yearStarts = yearStartsOf(firstPageOfYear, span);
  // The summary and the years show on every page, the axis on the first; the undated articles on the last ones.
  const context = sharedStamp(summary, axis, yearStarts);
  // Each entry's part of its page's stamp by where it stands (`eventPlaces`), with its articles' card stamps made once
  // per topic when a page is first stamped: looking each event's article up by id and the event among its events,
  // page by page, was 0.77 s of the main thread after one edit at 16 000 articles.
  let cards: string[] | undefined;
  const partOf = (k: number): string => {
    cards ??= group.articles.map(cardStamp);
    if (k < dated.length) return cardPart(cards[dated[k]!]!);
    const e = 2 * (k - dated.length);
    return eventPart(group.eventPlaces[e + 1]!, cards[group.eventPlaces[e]!]!);
  };
  const stampOf = (i: number) => {
    let parts = '';
    for (let p = i * size; p < Math.min(order.length, (i + 1) * size); p++) parts += partOf(order[p]!);
    return stampOfParts(context, i + 1, chunks.length, parts, undatedOn[i]);
  };
  // A page with undated articles is rendered where it is listed, not interleaved (`renderOrder`): it has no date to
  // be interleaved by, and its cards show on no other timeline page.
  const startOf = (i: number) => (undatedOn[i]!.length ? undefined : chunks[i]!.length ? dateOf(chunks[i]![0]!).value : '');
  return chunks.map((chunk, i) => {
    const page = lazyPage(urlFor(i + 1), 'topic.njk', () => {
      let years: YearShelf[];
      // The axis first: a fragment, which a render thread is sent once.
      const withAxis = axis !== null && i === 0;
      const fragments: Fragment[] = withAxis ? [axis.svg] : [];
      try {
        years = shelvesOf(chunk, labels, html, fragments);
      } catch (error) {
        return failedView(error);
      }
      return withFragments({
        title: i === 0 ? group.topic.label : `${group.topic.label} (${fill(labels.page, { n: i + 1 })})`,
        topic: sharedView(summary),
        // The axis's SVG: a fragment, copied to the render thread, never escaped into JSON.
        axis: withAxis ? 0 : -1,
        yearLinks: i === 0 ? [] : yearLinksOf(yearStarts, chunk, urlFor),
        years,
        undated: undatedOn[i]!.map((a) => cardView(a, labels)),
        pagination: chunks.length === 1 ? null : paginationView(i + 1, chunks.length, urlFor),
      }, fragments, withAxis ? 1 : 0);
    }, false, () => stampOf(i), startOf(i));
    // Its stamp is cards, events and the timeline's context: no related articles or stories.
    page.stampBeforeKinship = true;
    return page;
  });
}

/**
 * The order pages are rendered in: the timeline pages of all topics
 * interleaved by their first date (each topic's own stay in order), and the
 * pages of all lists (index, tags, archives) by their newest date, newest
 * first (each list's own stay in order); every other page, and each topic's
 * pages of undated articles, where it was. An article, and each of its events,
 * shows on the timeline of each of the article's topics at the same date, and
 * its card on the index, its tags and its year and month near its date: so
 * interleaved, the pages that show it come close together, and its HTML is
 * made once and kept only a short while (timeline-html.ts), where list after
 * list it had to be kept for the whole render or made again on each.
 */
export function renderOrder(pages: Page[]): Page[] {
  const ordered = pages.slice();
  interleave(ordered, (page) => page.timelineStart, 1);
  interleave(ordered, (page) => page.listStart, -1);
  return ordered;
}

/** Sorts the pages that have a key among the places they hold, by key (`direction` -1: descending), in a stable sort. */
function interleave(pages: Page[], keyOf: (page: Page) => string | undefined, direction: 1 | -1): void {
  const slots: number[] = [];
  pages.forEach((page, i) => keyOf(page) !== undefined && slots.push(i));
  // A stable sort: pages with the same key keep their order, a topic's or a list's pages too.
  const sorted = slots.map((i) => pages[i]!).sort((a, b) => (keyOf(a)! < keyOf(b)! ? -direction : keyOf(a)! > keyOf(b)! ? direction : 0));
  slots.forEach((slot, k) => (pages[slot] = sorted[k]!));
}

/** Entries per timeline past which the order is found by comparing entries (the packed key below has room for 2^21). */
const PACKED_ENTRIES = 2 ** 21;

/**
 * Timeline entries (dated articles and events) by date value (as strings
 * compare), articles before events on the same value, else in the order
 * given. Each entry's place is packed into one number (date · 2²² + event ·
 * 2²¹ + index) and the numbers sorted natively: with half a million entries
 * a topic at 100 000 articles, a comparison function called ten million
 * times took seconds of a stage no thread shares.
 */
export function inTimeOrder<T extends Entry>(entries: T[]): T[] {
  return inOrder(entries, timeOrderOf(entries));
}

/** `entries` at the positions `order` gives, one after another. */
function inOrder<T>(entries: readonly T[], order: Int32Array): T[] {
  // A loop, not `Array.from(order, …)`, which walks a typed array through its iterator and grows its result.
  const ordered = new Array<T>(order.length);
  for (let i = 0; i < order.length; i++) ordered[i] = entries[order[i]!]!;
  return ordered;
}

/**
 * Positions of `entries` in time order, as `inTimeOrder` orders them, when its articles (before `firstEvent`) and
 * its events (from there) are each in time order already: the two merged, each entry's date value read once and
 * written to `values` at the entry's place in time. Null when either is out of order.
 */
export function mergedTimeOrder(entries: readonly Entry[], firstEvent: number, values: string[]): Int32Array | null {
  const order = new Int32Array(entries.length);
  // The two heads: positions, and their date values ('' past the end).
  let a = 0;
  let e = firstEvent;
  let articleValue = firstEvent > 0 ? (entries[0] as ArchivedArticle).date!.value : '';
  let eventValue = e < entries.length ? (entries[e] as TextEvent).date.value : '';
  for (let k = 0; k < order.length; k++) {
    // Articles before events on the same value.
    if (e === entries.length || (a < firstEvent && articleValue <= eventValue)) {
      order[k] = a;
      values[k] = articleValue;
      a += 1;
      if (a < firstEvent) {
        const next = (entries[a] as ArchivedArticle).date!.value;
        if (next < articleValue) return null;
        articleValue = next;
      }
    } else {
      order[k] = e;
      values[k] = eventValue;
      e += 1;
      if (e < entries.length) {
        const next = (entries[e] as TextEvent).date.value;
        if (next < eventValue) return null;
        eventValue = next;
      }
    }
  }
  return order;
}

/** `timeOrderOf(entries)`, each entry's date value written to `values` at its place in time. */
function orderedWithValues(entries: readonly Entry[], values: string[]): Int32Array {
  const order = timeOrderOf(entries);
  for (let k = 0; k < order.length; k++) values[k] = dateOf(entries[order[k]!]!).value;
  return order;
}

/** Positions of `entries` in time order, as `inTimeOrder` orders them. */
export function timeOrderOf(entries: readonly Entry[]): Int32Array {
  const order = new Int32Array(entries.length);
  if (entries.length >= PACKED_ENTRIES) return compared(order, entries);
  const packed = new Float64Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const day = plainDay(dateOf(entries[i]!).value);
    if (day < 0) return compared(order, entries);
    packed[i] = day * 2 ** 22 + (isEvent(entries[i]!) ? 2 ** 21 : 0) + i;
  }
  packed.sort();
  for (let i = 0; i < order.length; i++) order[i] = packed[i]! % 2 ** 21;
  return order;
}

/** `order` filled with the positions of `entries` sorted by comparing entries, ties in the order given. */
function compared(order: Int32Array, entries: readonly Entry[]): Int32Array {
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => compareEntries(entries[a]!, entries[b]!) || a - b);
}

/**
 * Year·10⁴ + month·10² + day of a date value with real month and day numbers (`2019`, `2019-05`, `2019-05-20`;
 * months 01-12, days 01-31), whose order as a string is the order of that number; else -1. Read by character
 * codes: a regular expression and three `Number`s per entry were most of the time of ordering a timeline.
 */
export function plainDay(value: string): number {
  const n = value.length;
  if (n !== 4 && n !== 7 && n !== 10) return -1;
  const year = digitsAt(value, 0, 4);
  if (year < 0) return -1;
  if (n === 4) return year * 10_000;
  const month = value.charCodeAt(4) === DASH ? digitsAt(value, 5, 2) : -1;
  if (month < 1 || month > 12) return -1;
  if (n === 7) return year * 10_000 + month * 100;
  const day = value.charCodeAt(7) === DASH ? digitsAt(value, 8, 2) : -1;
  return day < 1 || day > 31 ? -1 : year * 10_000 + month * 100 + day;
}

const DASH = 45;

/** The number written by the `count` ASCII digits at `at`, or -1 when one of them is no digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function compareEntries(a: Entry, b: Entry): number {
  const [x, y] = [dateOf(a).value, dateOf(b).value];
  return x < y ? -1 : x > y ? 1 : Number(isEvent(a)) - Number(isEvent(b));
}

/** The shelves of a page's entries; the HTML of their articles' cards and their events goes into `fragments`. */
function shelvesOf(entries: Entry[], labels: Labels, html: TimelineHtml, fragments: Fragment[]): YearShelf[] {
  const years = new Map<string, Shelf & { months: Map<string, Shelf> }>();
  // Each shelf's items as a fragment of items (page-view.ts): a render thread is sent each item once while it keeps it, and joins them.
  const cardsOf = new Map<Shelf, FragmentItem[]>();
  const eventsOf = new Map<Shelf, FragmentItem[]>();
  // Entries come in time order, many of a date: the shelf, its level and its lists are looked up once per run of a
  // date (at 100 000 articles, per entry they were 1.7 s of the render's busiest thread). Lists are still made when
  // first used, so the fragments come in the same order.
  let last: { value: string; precision: string } | null = null;
  let shelf: Shelf | null = null;
  let level = 0;
  let cards: FragmentItem[] | null = null;
  let events: FragmentItem[] | null = null;
  for (const entry of entries) {
    const date = dateOf(entry);
    if (last === null || date.value !== last.value || date.precision !== last.precision) {
      last = date;
      const { value: key, precision } = date;
      const yearKey = key.slice(0, 4);
      const year = years.get(yearKey) ?? { key: yearKey, label: yearKey, articles: -1, events: -1, months: new Map<string, Shelf>() };
      years.set(yearKey, year);
      shelf = year;
      if (precision !== 'year') {
        const monthKey = key.slice(0, 7);
        shelf = year.months.get(monthKey) ?? { key: monthKey, label: formatPeriod(monthKey, labels), articles: -1, events: -1 };
        year.months.set(monthKey, shelf);
      }
      level = (shelf === year ? YEAR_LEVEL : MONTH_LEVEL) + 1;
      cards = null;
      events = null;
    }
    if (isEvent(entry)) (events ??= listOf(eventsOf, shelf!)).push(html.event(entry));
    else (cards ??= listOf(cardsOf, shelf!)).push(html.cardItem(entry, level));
  }
  for (const [shelf, items] of cardsOf) shelf.articles = fragments.push(items) - 1;
  for (const [shelf, items] of eventsOf) shelf.events = fragments.push(items) - 1;
  return [...years.values()].map((y) => {
    const months = [...y.months.values()];
    const articleCount = [y, ...months].reduce((n, shelf) => n + (cardsOf.get(shelf)?.length ?? 0), 0);
    const year = copyToComplete<YearShelf>(y);
    year.months = months;
    year.countLabel = articleCount ? countArticles(articleCount, labels) : '';
    return year;
  });
}

/** The list kept for `shelf`, made when first asked for. */
function listOf(lists: Map<Shelf, FragmentItem[]>, shelf: Shelf): FragmentItem[] {
  let list = lists.get(shelf);
  if (!list) lists.set(shelf, (list = []));
  return list;
}
