/**
 * Timeline events and article cards are rendered before their pages, each
 * once per build however many topics (or lists) show it, and reach the page as HTML
 * fragments beside its view: the pages show what the event and card
 * partials make of them, and a fingerprint of a page's view changes when
 * only its fragments do. Timelines are rendered interleaved in time, so
 * that holds while only a small part of that HTML is kept.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, DEFAULT_TEMPLATES } from '../src/build.js';
import { collate } from '../src/collate/index.js';
import type { Archive, Page, TextEvent } from '../src/model.js';
import { createRenderers, type RenderMacro } from '../src/render/environment.js';
import { viewFingerprint } from '../src/render/fingerprint.js';
import { renderHtml } from '../src/render/index.js';
import { loadLabels, type Labels } from '../src/render/locale.js';
import { fragmentHtml, fragmentItem, fragmentsOf } from '../src/render/page-view.js';
import { routes } from '../src/render/routes.js';
import { renderOrder } from '../src/render/timeline.js';
import type { SiteData } from '../src/config.js';
import { cardView, type CardView } from '../src/render/views.js';
import { runs, seed } from './support/fuzz.js';
import { generateCorpus } from './support/corpus.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-events-'));
let archive: Archive;
let data: SiteData;
let labels: Labels;

beforeAll(async () => {
  const contentDir = join(temp, 'content');
  generateCorpus(150, contentDir);
  const checked = await check({ contentDir, threads: 1 });
  data = checked.data;
  archive = collate(checked.articles, data);
  labels = loadLabels(DEFAULT_TEMPLATES, data.site.locale);
}, 120_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The site's pages listed with a macro renderer that counts what it renders (`timelineWindow`: characters of HTML kept per generation). */
function countedPages(timelineWindow?: number): { pages: Page[]; rendered: unknown[]; cards: string[]; characters: Record<string, number>; renderTemplate: (template: string, view: Record<string, unknown>) => string; renderMacro: RenderMacro } {
  const { renderTemplate, renderMacro } = createRenderers(DEFAULT_TEMPLATES, { site: data.site, labels, assets: {} });
  const rendered: unknown[] = [];
  const cards: string[] = [];
  const characters: Record<string, number> = {};
  const counting: RenderMacro = (template, name, ...args) => {
    if (template === 'partials/event.njk') rendered.push(args[0]);
    // A card by its article and heading level.
    else cards.push(`${(args[0] as CardView).id} h${String(args[1])}`);
    const html = renderMacro(template, name, ...args);
    characters[template] = (characters[template] ?? 0) + html.length;
    return html;
  };
  return { pages: routes(archive, data, labels, counting, timelineWindow), rendered, cards, characters, renderTemplate, renderMacro };
}

describe('timeline events', () => {
  it('are each rendered once, though most show on several timelines', () => {
    const { pages, rendered } = countedPages();
    const topicPages = pages.filter((p) => p.template === 'topic.njk');
    for (const page of topicPages) void page.view;
    const shown = archive.topics.flatMap((t) => t.events);
    const distinct = new Set<TextEvent>(shown);
    // The corpus puts events on more than one topic, or rendering each once would be no different.
    expect(shown.length).toBeGreaterThan(distinct.size);
    expect(rendered).toHaveLength(distinct.size);
    // Made again (a page's view is made once more after a thread died, say): nothing is rendered twice.
    for (const page of topicPages) void page.view;
    expect(rendered).toHaveLength(distinct.size);
  });

  it('are each rendered once in render order, the timelines interleaved, though only a small part of their HTML is kept', () => {
    // The interleaved pages: a topic's pages of undated articles are rendered where they are listed (see timelinePages).
    const interleavedOf = (pages: Page[]) => pages.filter((p) => p.timelineStart !== undefined);
    const all = countedPages();
    for (const page of interleavedOf(all.pages)) void page.view;
    const distinct = { 'partials/event.njk': all.rendered.length, 'partials/card.njk': all.cards.length };
    const made = (counted: ReturnType<typeof countedPages>, template: keyof typeof distinct) => (template === 'partials/event.njk' ? counted.rendered : counted.cards).length;
    for (const template of Object.keys(distinct) as (keyof typeof distinct)[]) {
      // A window of a fifth of all their HTML: topic after topic, one is forgotten before the next timeline shows it.
      const window = Math.ceil(all.characters[template]! / 5);
      const interleaved = countedPages(window);
      for (const page of interleavedOf(renderOrder(interleaved.pages))) void page.view;
      expect(made(interleaved, template)).toBe(distinct[template]);
      const topicByTopic = countedPages(window);
      for (const page of interleavedOf(topicByTopic.pages)) void page.view;
      expect(made(topicByTopic, template)).toBeGreaterThan(distinct[template]);
    }
  });

  it('leave the pages of a topic with its undated articles where they are listed, each apart from the others', () => {
    const { pages } = countedPages();
    const undatedPages = pages.filter((p) => p.template === 'topic.njk' && p.timelineStart === undefined);
    // The corpus has undated articles on most topics; they are on their topic's last pages.
    expect(undatedPages.length).toBeGreaterThan(1);
    for (const page of undatedPages) expect((page.view.undated as unknown[]).length).toBeGreaterThan(0);
    const ordered = renderOrder(pages);
    for (const page of undatedPages) expect(ordered.indexOf(page)).toBe(pages.indexOf(page));
  });

  it('render each article card once per heading level it shows at, though most articles are on several timelines', () => {
    const { pages, cards } = countedPages();
    for (const page of pages.filter((p) => p.template === 'topic.njk')) void page.view;
    const dated = archive.topics.flatMap((t) => t.articles.filter((a) => a.date));
    // A card's title is a heading one below its shelf's: a year's (h3) for a date of a year only, else a month's (h4).
    const expected = new Set(dated.map((a) => `${a.id} h${a.date!.precision === 'year' ? 4 : 5}`));
    expect(dated.length).toBeGreaterThan(expected.size);
    expect(cards).toHaveLength(expected.size);
    expect(new Set(cards)).toEqual(expected);
  });

  it('show on their pages as the event and card partials render them, each on every timeline of its article', () => {
    const { pages, renderTemplate } = countedPages();
    const html = new Map<string, string>();
    for (const page of pages.filter((p) => p.template === 'topic.njk')) {
      const result = renderHtml(renderTemplate, page);
      if (!('html' in result)) throw new Error(result.error);
      const topic = page.url.split('/')[2]!;
      html.set(topic, (html.get(topic) ?? '') + result.html);
    }
    for (const group of archive.topics) {
      const text = html.get(group.topic.id)!;
      for (const event of group.events) {
        const article = archive.byId.get(event.articleId)!;
        const escaped = event.sentence.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
        expect(text).toContain(`<blockquote><p>${escaped}</p></blockquote>`);
        expect(text).toContain(`<time datetime="${event.date.value}">`);
        expect(text).toContain(`href="/artikel/${article.slug}/"`);
      }
      expect(text.split('<li class="event">').length - 1).toBe(group.events.length);
      // Every article of the topic shows once as the card partial renders it, dated ones on the shelf of their date.
      expect(text.split('<article class="card"').length - 1).toBe(group.articles.length);
      for (const article of group.articles.filter((a) => a.date)) {
        const level = article.date!.precision === 'year' ? 4 : 5;
        expect(text).toContain(`<h${level} class="card-title"><a href="/artikel/${article.slug}/">`);
      }
    }
  });

  it('change the fingerprint of a page whose view changes only in its events', () => {
    const { pages } = countedPages();
    const page = pages.find((p) => p.template === 'topic.njk' && (fragmentsOf(p.view)?.length ?? 0) > 1)!;
    const view = page.view;
    const fragments = fragmentsOf(view)!;
    const before = viewFingerprint('salt', page.template, page.url, view);
    // One event's HTML one character longer: the fragment is the shelf's items.
    const last = fragments[fragments.length - 1]!;
    if (typeof last === 'string') throw new Error('a shelf of events is a fragment of items');
    fragments[fragments.length - 1] = [...last.slice(0, -1), fragmentItem(`${last.at(-1)!.html} `)];
    expect(viewFingerprint('salt', page.template, page.url, view)).not.toBe(before);
    // Hashed item by item, a fragment of items stands for the HTML they make joined.
    fragments[fragments.length - 1] = fragmentHtml(fragments[fragments.length - 1]!);
    expect(viewFingerprint('salt', page.template, page.url, view)).not.toBe(before);
    fragments[fragments.length - 1] = last;
    expect(viewFingerprint('salt', page.template, page.url, view)).toBe(before);
    fragments[fragments.length - 1] = fragmentHtml(last);
    expect(viewFingerprint('salt', page.template, page.url, view)).toBe(before);
  });
});

describe('the cards of lists', () => {
  it('are each rendered once, though an article is on several lists, and show as `list` renders the cards', () => {
    const { pages, cards, renderMacro } = countedPages();
    const lists = pages.filter((p) => p.listStart !== undefined);
    const views = lists.map((p) => p.view);
    const listed = cards.filter((c) => c.endsWith(' h2'));
    // Every article is on the index and on a list of its month or year, or of undated articles: more than once.
    expect(new Set(listed)).toEqual(new Set(archive.articles.map((a) => `${a.id} h2`)));
    expect(listed).toHaveLength(archive.articles.length);
    // The index lists every article newest first: each of its pages as the `list` macro renders its cards.
    const size = data.site.pageSize;
    lists.forEach((page, i) => {
      if (page.template !== 'index.njk') return;
      const n = page.url === '/' ? 1 : Number(page.url.split('/').at(-2));
      const shown = archive.articles.slice((n - 1) * size, n * size).map((a) => cardView(a, labels));
      expect(renderMacro('partials/card.njk', 'listHtml', fragmentHtml(fragmentsOf(views[i]!)![views[i]!.cards as number]!))).toBe(renderMacro('partials/card.njk', 'list', shown));
    });
    expect(lists.filter((p) => p.template === 'index.njk').length).toBeGreaterThan(1);
    // An empty list (no fragment) says so, as `list` did.
    expect(renderMacro('partials/card.njk', 'listHtml', undefined)).toBe(renderMacro('partials/card.njk', 'list', []));
  });

  it('are rendered once each in render order, the lists interleaved by date, though only a part of their HTML is kept', () => {
    const listsOf = (pages: Page[]) => pages.filter((p) => p.listStart !== undefined);
    const made = (counted: ReturnType<typeof countedPages>) => counted.cards.filter((c) => c.endsWith(' h2')).length;
    const all = countedPages();
    for (const page of listsOf(all.pages)) void page.view;
    // A window of half of all their HTML (a page's fifty cards are a third of it in this small archive): list after
    // list, a card is forgotten before the next list shows it.
    const window = Math.ceil(all.characters['partials/card.njk']! / 2);
    const interleaved = countedPages(window);
    for (const page of listsOf(renderOrder(interleaved.pages))) void page.view;
    const listByList = countedPages(window);
    for (const page of listsOf(listByList.pages)) void page.view;
    expect(made(listByList)).toBeGreaterThan(archive.articles.length);
    expect(made(interleaved)).toBe(archive.articles.length);
  });
});

describe('render order', () => {
  it('interleaves the timelines of all topics by their first date and all lists by their newest, each in its own order, every other page where it was', () => {
    const date = fc.oneof(fc.constant(''), fc.integer({ min: 1990, max: 1995 }).chain((y) => fc.oneof(fc.constant(`${y}`), fc.integer({ min: 1, max: 12 }).map((m) => `${y}-${String(m).padStart(2, '0')}`))));
    // A topic's pages start on dates that never go back, a list's on dates that never go forward; other pages have neither.
    const topic = fc.array(date, { minLength: 1, maxLength: 6 }).map((dates) => ({ kind: 'topic' as const, starts: dates.sort() }));
    const list = fc.array(date, { minLength: 1, maxLength: 6 }).map((dates) => ({ kind: 'list' as const, starts: dates.sort().reverse() }));
    const keyOf = { topic: 'timelineStart', list: 'listStart' } as const;
    fc.assert(
      fc.property(fc.array(fc.oneof(topic, list, fc.constant(null)), { maxLength: 12 }), (parts) => {
        const pages: Page[] = parts.flatMap((part, t) =>
          part === null ? [{ url: `/other-${t}/`, template: 'about.njk', view: {} }] : part.starts.map((start, n) => ({ url: `/${part.kind}-${t}/${n}/`, template: part.kind === 'topic' ? 'topic.njk' : 'list.njk', view: {}, [keyOf[part.kind]]: start })),
        );
        const ordered = renderOrder(pages);
        expect([...ordered].sort((a, b) => (a.url < b.url ? -1 : 1))).toEqual([...pages].sort((a, b) => (a.url < b.url ? -1 : 1)));
        // Every other page keeps its place; timeline pages take the places timeline pages had, list pages those lists had.
        pages.forEach((page, i) => {
          if (page.timelineStart === undefined && page.listStart === undefined) expect(ordered[i]).toBe(page);
          else if (page.timelineStart !== undefined) expect(ordered[i]!.timelineStart).toBeDefined();
          else expect(ordered[i]!.listStart).toBeDefined();
        });
        const starts = ordered.flatMap((p) => (p.timelineStart === undefined ? [] : [p.timelineStart]));
        expect(starts).toEqual([...starts].sort());
        const newest = ordered.flatMap((p) => (p.listStart === undefined ? [] : [p.listStart]));
        expect(newest).toEqual([...newest].sort().reverse());
        for (const [t, part] of parts.entries()) {
          if (!part) continue;
          const own = ordered.filter((p) => p.url.startsWith(`/${part.kind}-${t}/`)).map((p) => p.url);
          expect(own).toEqual(pages.filter((p) => p.url.startsWith(`/${part.kind}-${t}/`)).map((p) => p.url));
        }
      }),
      { numRuns: runs, seed },
    );
  });
});
