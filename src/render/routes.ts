/**
 * Routes: one Page (URL, template, view model) for every page of the site:
 * index, articles, tags, topics with timelines, year/month archives, 404.
 */
import type { SiteData } from '../config.js';
import type { Archive, ArchivedArticle, Page, PeriodGroup, TopicGroup } from '../model.js';
import { countArticles, fill, formatPeriod, type Labels } from './locale.js';
import { barChart, monthRange, type Chart, type ChartColumn } from './chart.js';
import { paths, withBase } from './urls.js';
import { timelinePages } from './timeline.js';
import { TimelineHtml } from './timeline-html.js';
import type { RenderMacro } from './environment.js';
import { articleMeta, articleView, dateView } from './views.js';
import { withFragments, withLateTexts } from './page-view.js';
import { releaseBody, spilledReaderOf } from '../hast.js';
import { lazyPage } from './lazy-page.js';
import { sharedView } from './fingerprint.js';
import { articlePageStamp, listPageStamp, sharedStamp } from './stamps.js';
import { copyToComplete } from '../objects.js';
import { RENDER_BOUND_FROM } from '../memory.js';

/** Every page of the site, in a stable order (`timelineWindow`: see timeline-html.ts). */
export function routes(archive: Archive, data: SiteData, labels: Labels, renderMacro: RenderMacro, timelineWindow?: number): Page[] {
  const size = data.site.pageSize;
  // Cards and events, each rendered once for every list and timeline that shows it.
  // Events counted by their timelines below the size whose render is held to the memory bound (memory.ts, timeline-html.ts).
  const counted = archive.articles.length < RENDER_BOUND_FROM ? new Set(archive.topics.map((group) => group.topic.id)) : null;
  const html = new TimelineHtml(renderMacro, archive.byId, labels, counted, timelineWindow);
  const topicLinks = archive.topics.map((g) => ({ label: g.topic.label, url: paths.topic(g.topic.id), count: g.articles.length }));
  const pages: Page[] = [];

  const chart = monthChart(archive, labels, data.site.basePath);
  // Shown on every page of the index: each stands by its hash in a page's fingerprint (fingerprint.ts) and stamp (stamps.ts).
  pages.push(...paginate(archive, html, archive.articles, size, paths.home, 'index.njk', sharedStamp(topicLinks, chart), (n) => ({ title: data.site.title, heading: labels.latest, topics: sharedView(topicLinks), isHome: true, chart: n === 1 && chart ? sharedView(chart) : null })));
  for (const article of archive.articles) pages.push(articlePage(article, archive, data, labels));

  pages.push({ url: paths.tags(), template: 'tags.njk', view: { title: labels.tags, tags: archive.tags.map((g) => ({ label: g.tag.label, url: paths.tag(g.tag.slug), count: g.articles.length })) } });
  for (const group of archive.tags) {
    pages.push(...paginate(archive, html, group.articles, size, (p) => paths.tag(group.tag.slug, p), 'list.njk', sharedStamp(group.tag), () => ({ title: `${labels.tag}: ${group.tag.label}`, heading: group.tag.label, kicker: labels.tag, count: countArticles(group.articles.length, labels) })));
  }

  pages.push({ url: paths.topics(), template: 'topics.njk', view: { title: labels.topics, topics: archive.topics.map((g) => topicSummary(g, labels)) } });
  for (const group of archive.topics) pages.push(...timelinePages(group, size, labels, topicSummary(group, labels), data.site.basePath, html));

  pages.push(...archivePages(archive, html, size, labels));
  pages.push({ url: paths.search(), template: 'search.njk', view: { title: labels.search } });
  // Made when rendered: it counts the stories, which a build may settle after the routes are listed (kin-thread.ts).
  pages.push(lazyPage(paths.about(), 'about.njk', () => ({ title: labels.about, stats: aboutStats(archive, data, labels) })));
  pages.push(lazyPage(paths.notFound(), '404.njk', () => ({ title: labels.notFoundTitle, noindex: true }), true));
  return pages;
}

/** One article's own page (its view made when read); the dev server also renders it alone, ahead of a full rebuild. */
export function articlePage(article: ArchivedArticle, archive: Archive, data: SiteData, labels: Labels): Page {
  const page = lazyPage(
    paths.article(article.slug),
    'article.njk',
    () => {
      // A body that waits in the spill file (a one-shot build's, HTML with no image to rewrite) is read when the page is rendered.
      const spilled = spilledReaderOf(article.body);
      const view = articleView(article, archive, data, labels, spilled !== null);
      const page = { title: article.title, article: view, meta: articleMeta(article, data.site, view.topics.map((t) => t.label)) };
      return spilled ? withLateTexts(page, [{ path: ['article', 'bodyHtml'], read: spilled }]) : page;
    },
    false,
    () => articlePageStamp(article, archive),
  );
  // The exports are made before the pages: once this page is written, nothing reads the body.
  page.release = () => releaseBody(article.body);
  return page;
}

/** The whole archive per month, gaps included, each bar linking to its month. */
function monthChart(archive: Archive, labels: Labels, basePath: string): Chart | null {
  const months = archive.months.map((m) => m.key).sort();
  if (!months.length) return null;
  const counts = new Map(archive.months.map((m) => [m.key, m.articles.length]));
  const columns: ChartColumn[] = monthRange(months[0]!, months[months.length - 1]!).map((key) => {
    const n = counts.get(key) ?? 0;
    return { key, label: `${formatPeriod(key, labels)}: ${countArticles(n, labels)}`, values: [n], url: n ? paths.period(key) : null };
  });
  const undated = archive.undated.length;
  const yearOnly = archive.articles.filter((a) => a.date?.precision === 'year').length;
  return barChart(columns, {
    id: 'archief-grafiek',
    title: fill(labels.chartTitle, { from: formatPeriod(columns[0]!.key, labels), to: formatPeriod(columns[columns.length - 1]!.key, labels) }),
    summary: fill(labels.chartSummary, { dated: archive.articles.length - undated - yearOnly, undated, yearOnly }),
    tickFor: (c, i) => (i === 0 || c.key.endsWith('-01') ? c.key.slice(0, 4) : null),
    hrefFor: (url) => withBase(basePath, url),
  });
}

/** What the about page tells of the archive: its size, span, outlets and topics. */
function aboutStats(archive: Archive, data: SiteData, labels: Labels) {
  const dated = archive.articles.filter((a) => a.date).map((a) => a.date!);
  const values = dated.map((d) => d.value).sort();
  const outlets = new Map<string, number>();
  for (const a of archive.articles) if (a.outlet) outlets.set(a.outlet, (outlets.get(a.outlet) ?? 0) + 1);
  return {
    articles: countArticles(archive.articles.length, labels),
    undated: archive.undated.length,
    from: values.length ? dateView(dated.find((d) => d.value === values[0])!, labels)!.label : null,
    to: values.length ? dateView(dated.find((d) => d.value === values[values.length - 1])!, labels)!.label : null,
    outlets: [...outlets].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, n]) => ({ name, count: n })),
    topics: archive.topics.map((g) => ({ label: g.topic.label, url: paths.topic(g.topic.id), count: g.articles.length, description: g.topic.description })),
    stories: archive.stories.length,
    about: data.site.about,
  };
}

/**
 * Links for page `n` of `total`: the first, the last and two either side of
 * the current one, with gaps (`null`) between, so a page's size does not grow
 * with the length of the list.
 */
export function paginationView(n: number, total: number, urlFor: (page: number) => string) {
  const shown = [...new Set([1, n - 2, n - 1, n, n + 1, n + 2, total])].filter((k) => k >= 1 && k <= total).sort((a, b) => a - b);
  const pages: Array<{ n: number; url: string; current: boolean } | null> = [];
  shown.forEach((k, i) => {
    if (i > 0 && k - shown[i - 1]! > 1) pages.push(null);
    pages.push({ n: k, url: urlFor(k), current: k === n });
  });
  return { current: n, total, prev: n > 1 ? urlFor(n - 1) : null, next: n < total ? urlFor(n + 1) : null, pages };
}

/**
 * Splits a list of articles over pages of `size`; page 1 always exists, even
 * when empty. `view` makes what a page shows besides its cards and
 * pagination, and `context` stamps it with the list's length (render/stamps.ts).
 * The cards are HTML (a fragment): the view's `cards` is its index, -1 for none.
 */
function paginate(archive: Archive, html: TimelineHtml, items: ArchivedArticle[], size: number, urlFor: (page: number) => string, template: string, context: string, view: (page: number) => Record<string, unknown>): Page[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  const stampContext = `${context}\0${items.length}`;
  return Array.from({ length: total }, (_, i) => {
    const n = i + 1;
    const shown = () => items.slice(i * size, n * size);
    const make = () => {
      const listView = copyToComplete<Record<string, unknown>>(view(n));
      const cards = shown();
      listView.cards = cards.length ? 0 : -1;
      listView.pagination = total === 1 ? null : paginationView(n, total, urlFor);
      return withFragments(listView, cards.length ? [html.listItems(cards)] : []);
    };
    // Its newest article's date (lists are newest first, undated last): the render interleaves all lists by it.
    const page = lazyPage(urlFor(n), template, make, false, () => listPageStamp(stampContext, n, total, shown()), undefined, items[i * size]?.date?.value ?? '');
    // Its stamp is cards and context: no related articles or stories.
    page.stampBeforeKinship = true;
    return page;
  });
}

function topicSummary(group: TopicGroup, labels: Labels) {
  const dated = group.articles.filter((a) => a.date);
  const first = dated[0]?.date ?? null;
  const last = dated[dated.length - 1]?.date ?? null;
  return {
    id: group.topic.id,
    label: group.topic.label,
    description: group.topic.description,
    url: paths.topic(group.topic.id),
    count: countArticles(group.articles.length, labels),
    range: first && last ? fill(labels.onTopicSince, { n: group.articles.length, from: dateView(first, labels)!.short, to: dateView(last, labels)!.short }) : null,
  };
}

function archivePages(archive: Archive, html: TimelineHtml, size: number, labels: Labels): Page[] {
  const pages: Page[] = [];
  const monthsOf = (year: string) => archive.months.filter((m) => m.key.startsWith(`${year}-`));
  pages.push({
    url: paths.archive(),
    template: 'archive.njk',
    view: {
      title: labels.archive,
      years: archive.years.map((y) => ({ label: y.key, url: paths.period(y.key), count: countArticles(y.articles.length, labels), months: monthsOf(y.key).map((m) => ({ label: formatPeriod(m.key, labels), url: paths.period(m.key), count: m.articles.length })) })),
      undated: archive.undated.length ? { url: paths.undated(), count: countArticles(archive.undated.length, labels) } : null,
    },
  });
  for (const list of [archive.years, archive.months]) {
    list.forEach((period, i) => pages.push(...periodPages(archive, html, period, list[i + 1] ?? null, list[i - 1] ?? null, size, labels)));
  }
  if (archive.undated.length) {
    pages.push(...paginate(archive, html, archive.undated, size, paths.undated, 'list.njk', '', () => ({ title: labels.undated, heading: labels.undated, intro: labels.undatedIntro, count: countArticles(archive.undated.length, labels) })));
  }
  return pages;
}

function periodPages(archive: Archive, html: TimelineHtml, period: PeriodGroup, older: PeriodGroup | null, newer: PeriodGroup | null, size: number, labels: Labels): Page[] {
  const label = formatPeriod(period.key, labels);
  const neighbours = {
    previous: older ? { label: formatPeriod(older.key, labels), url: paths.period(older.key) } : null,
    next: newer ? { label: formatPeriod(newer.key, labels), url: paths.period(newer.key) } : null,
  };
  return paginate(archive, html, period.articles, size, (p) => paths.period(period.key, p), 'list.njk', sharedStamp(period.key, older?.key, newer?.key), () => ({
    title: `${labels.archive}: ${label}`,
    heading: label,
    kicker: labels.archive,
    count: countArticles(period.articles.length, labels),
    neighbours,
  }));
}
