/**
 * A timeline's years: the axis its first page shows (articles and events per
 * year, as a bar chart) and the links to where each year begins that its
 * other pages show instead.
 */
import type { ArchivedArticle, EventDate, TextEvent } from '../model.js';
import { barChart, type Chart, type ChartColumn } from './chart.js';
import type { Labels } from './locale.js';
import { withBase } from './urls.js';

/**
 * An article or an event at its place in time; views are made only for the
 * page that shows it. The record itself stands in the list, no entry object
 * around it: a large archive has millions of entries (an event is on every
 * topic of its article), and they live until the last timeline page is made.
 */
export type Entry = ArchivedArticle | TextEvent;

/** Only events name the article they are from. */
export function isEvent(entry: Entry): entry is TextEvent {
  return 'articleId' in entry;
}

/** When an entry happened: its date's value (`2019`, `2019-05`, `2019-05-20`) and precision. */
export function dateOf(entry: Entry): Pick<EventDate, 'value' | 'precision'> {
  return isEvent(entry) ? entry.date : entry.date!;
}

/** Years before the first article that the axis still shows, for the events that led up to it. */
const AXIS_YEARS_BEFORE = 5;

/** Articles and events per year, and the years the axis shows. */
export interface AxisSpan {
  articles: Map<number, number>;
  events: Map<number, number>;
  first: number;
  last: number;
}

/** A timeline's years: the axis's span (null when it has no entries), and the page (from 1) each year begins on. */
export interface TimelineYears {
  span: AxisSpan | null;
  firstPageOfYear: Map<string, number>;
}

/**
 * The years of a timeline's entries (`pageSize` to a page), given by their date values (`values`, read once where
 * the entries were ordered) and which of them are events: what each year holds and the page it begins on. A year
 * is looked up once per run of entries in it, not once per entry: at 16 000 articles, the maps taken for each of
 * half a million entries were a third of a second of a stage no thread shares. Entries out of time order give the
 * same, only with more runs.
 */
export function timelineYearsOf(values: readonly string[], isEventAt: (k: number) => boolean, pageSize: number): TimelineYears {
  const articles = new Map<number, number>();
  const events = new Map<number, number>();
  const firstPageOfYear = new Map<string, number>();
  let year: string | null = null;
  let counts = { articles: 0, events: 0 };
  const close = () => {
    if (year === null) return;
    const key = Number(year);
    if (counts.articles) articles.set(key, (articles.get(key) ?? 0) + counts.articles);
    if (counts.events) events.set(key, (events.get(key) ?? 0) + counts.events);
  };
  for (let k = 0; k < values.length; k++) {
    const value = values[k]!;
    // The year of a value is its first four characters (`2019-05` → `2019`).
    if (year === null || (year.length === 4 ? !value.startsWith(year) : value.slice(0, 4) !== year)) {
      close();
      year = value.slice(0, 4);
      counts = { articles: 0, events: 0 };
      if (!firstPageOfYear.has(year)) firstPageOfYear.set(year, Math.floor(k / pageSize) + 1);
    }
    if (isEventAt(k)) counts.events++;
    else counts.articles++;
  }
  close();
  return { span: spanOf(articles, events), firstPageOfYear };
}

/** The years the axis shows, from the counts per year; null when there are none. */
function spanOf(articles: Map<number, number>, events: Map<number, number>): AxisSpan | null {
  const all = [...articles.keys(), ...events.keys()];
  if (!all.length) return null;
  const last = Math.max(...all);
  // The axis shows when coverage happened: from a few years before the first article, so one historical
  // mention (`in 1965`) does not squeeze the coverage into a corner. Older events stay in the timeline below.
  const firstArticle = articles.size ? Math.min(...articles.keys()) : Math.min(...all);
  const first = Math.max(Math.min(...all), firstArticle - AXIS_YEARS_BEFORE, last - 199);
  return { articles, events, first, last };
}

/** A bar per year from the first to the last (at most 200), empty years included so gaps in coverage show: articles and events side by side. */
export function axisOf(span: AxisSpan | null, linkFor: (year: string) => string, labels: Labels, basePath: string): Chart | null {
  if (!span) return null;
  const { articles, events, first, last } = span;
  const columns: ChartColumn[] = Array.from({ length: last - first + 1 }, (_, i) => {
    const year = String(first + i);
    const values = [articles.get(first + i) ?? 0, events.get(first + i) ?? 0];
    return { key: year, label: `${year}: ${values[0]} ${labels.articlesLayer.toLowerCase()}, ${values[1]} ${labels.eventsLayer.toLowerCase()}`, values, url: values[0] || values[1] ? linkFor(year) : null };
  });
  const every = columns.length > 40 ? 10 : columns.length > 15 ? 5 : 1;
  return barChart(columns, {
    id: 'tijdlijn-grafiek',
    title: labels.timelineLegend,
    summary: labels.timelineLegend,
    tickFor: (c, i) => (i === 0 || Number(c.key) % every === 0 ? c.key : null),
    hrefFor: (url) => withBase(basePath, url),
  });
}

/** A year of a timeline, or the years before the axis as one (`label` 1965–1998), and the page it begins on. */
interface YearStart {
  year: string;
  label: string;
  page: number;
}

/**
 * The years a timeline's pages link to, in time order: each the axis shows, and those before it (historical
 * mentions, which can be dozens of years) as one range, so the links stay a short line on every page.
 */
export function yearStartsOf(firstPageOfYear: Map<string, number>, span: AxisSpan | null): YearStart[] {
  const starts: YearStart[] = [];
  const before: [string, number][] = [];
  for (const [year, page] of firstPageOfYear) {
    if (span && Number(year) < span.first) before.push([year, page]);
    else starts.push({ year, label: year, page });
  }
  if (before.length) {
    const [year, page] = before[0]!;
    const label = before.length === 1 ? year : `${year}–${before[before.length - 1]![0]}`;
    starts.unshift({ year, label, page });
  }
  return starts;
}

/** Each year of a timeline and where it begins; the years this page shows link to their place on it. */
export function yearLinksOf(yearStarts: YearStart[], chunk: Entry[], urlFor: (page: number) => string): { year: string; label: string; url: string; here: boolean }[] {
  const here = new Set(chunk.map((entry) => dateOf(entry).value.slice(0, 4)));
  return yearStarts.map(({ year, label, page }) => ({ year, label, url: `${urlFor(page)}#jaar-${year}`, here: here.has(year) }));
}
