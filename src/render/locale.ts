/**
 * Labels and dates in the site's language. Every label lives in
 * `templates/locales/<locale>.json`, so another language is a file, not a rewrite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleDate, DateEstimate } from '../model.js';
import { KeptValues } from '../kept-values.js';

const LABEL_KEYS = [
  'lang',
  'intlLocale',
  'skipToContent',
  'mainNavigation',
  'home',
  'latest',
  'articles',
  'articleCount',
  'articleCountOne',
  'tags',
  'tag',
  'topics',
  'topic',
  'timeline',
  'archive',
  'undated',
  'undatedIntro',
  'dateUnknown',
  'notBefore',
  'estimateBecause',
  'readOriginal',
  'readOriginalNoOutlet',
  'outlet',
  'published',
  'alsoRead',
  'provenance',
  'sourceFile',
  'sourceFormat',
  'dateSource',
  'titleSource',
  'titleDerived',
  'titleExplicit',
  'words',
  'page',
  'pagination',
  'previous',
  'next',
  'previousPeriod',
  'nextPeriod',
  'notFoundTitle',
  'notFoundText',
  'allTags',
  'allTopics',
  'onTopicSince',
  'noArticles',
  'footer',
  'externalImage',
  'externalImageLink',
  'search',
  'searchIntro',
  'searchNoScript',
  'searchLabel',
  'searchButton',
  'searchResults',
  'searchResultsOne',
  'searchNone',
  'searchMore',
  'searchFailed',
  'searchCommon',
  'about',
  'aboutArchive',
  'aboutOutlets',
  'aboutTopics',
  'aboutStories',
  'aboutHow',
  'chartTitle',
  'chartSummary',
  'eventsLayer',
  'articlesLayer',
  'eventFrom',
  'eventRelative',
  'timelineLegend',
  'timelineYears',
  'relatedArticles',
  'alsoReportedBy',
  'sameStoryUnknownOutlet',
  'until',
] as const;

/** One locale's labels: every key in every locale file. */
export type Labels = Record<(typeof LABEL_KEYS)[number], string> & {
  dateSources: Record<string, string>;
  formats: Record<string, string>;
};

/** Reads `templates/locales/<locale>.json` and checks it has every label, so a missing one fails loudly at start-up. */
export function loadLabels(templatesDir: string, locale: string): Labels {
  const path = join(templatesDir, 'locales', `${locale}.json`);
  const labels = JSON.parse(readFileSync(path, 'utf8')) as Partial<Labels>;
  const missing = LABEL_KEYS.filter((key) => typeof labels[key] !== 'string');
  if (missing.length || !labels.dateSources || !labels.formats) {
    throw new Error(`${path} lacks labels: ${[...missing, ...(labels.dateSources ? [] : ['dateSources']), ...(labels.formats ? [] : ['formats'])].join(', ')}`);
  }
  return labels as Labels;
}

/** Fills `{name}` placeholders. */
export function fill(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Intl formatters are costly to create and are reused: one per locale and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, style: 'day' | 'short' | 'month'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'month'
        ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
        : style === 'short'
          ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
          : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** Formatted dates by locale, precision and value: a timeline formats the same few thousand dates over and over. */
const formattedDates = new KeptValues<string>();

/** "vrijdag 31 mei 2019", "juni 2025", "2019" or "datum onbekend": only as precise as known. */
export function formatDate(date: Pick<ArticleDate, 'value' | 'precision'> | null, labels: Labels): string {
  if (!date) return labels.dateUnknown;
  return formattedDates.get(`${labels.intlLocale}|${date.precision}|${date.value}`, () => {
    const [y, m, d] = date.value.split('-').map(Number);
    // Formatting in UTC, so no time zone shifts the day.
    return date.precision === 'year' || m === undefined ? String(y) : formatter(labels.intlLocale, date.precision === 'month' ? 'month' : 'day').format(new Date(Date.UTC(y!, m - 1, d ?? 1)));
  });
}

/** A short date for lists: "31 mei 2019", "juni 2025", "2019". */
export function formatShortDate(date: Pick<ArticleDate, 'value' | 'precision'> | null, labels: Labels): string {
  if (!date || date.precision !== 'day') return formatDate(date, labels);
  const [y, m, d] = date.value.split('-').map(Number);
  return formatter(labels.intlLocale, 'short').format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** "niet vóór 2020" for an estimate. */
export function formatEstimate(estimate: DateEstimate | null, labels: Labels): string | null {
  return estimate ? fill(labels.notBefore, { date: formatDate({ value: estimate.notBefore, precision: estimate.precision }, labels) }) : null;
}

/** "2019", "juni 2025" for a period key `YYYY` or `YYYY-MM`. */
export function formatPeriod(key: string, labels: Labels): string {
  return formatDate({ value: key, precision: key.length === 4 ? 'year' : 'month' }, labels);
}

/** "5 artikelen" / "1 artikel". */
export function countArticles(n: number, labels: Labels): string {
  return n === 1 ? labels.articleCountOne : fill(labels.articleCount, { n });
}
