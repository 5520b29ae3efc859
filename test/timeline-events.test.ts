/**
 * Timeline events are rendered before their pages, each once per build
 * however many topics show it, and reach the page as HTML fragments beside
 * its view: the pages show what the event partial makes of each event, and
 * a fingerprint of a page's view changes when only its events do.
 */
import { execFileSync } from 'node:child_process';
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
import { renderBytes } from '../src/render/index.js';
import { loadLabels } from '../src/render/locale.js';
import { fragmentsOf } from '../src/render/page-view.js';
import { routes } from '../src/render/routes.js';
import { renderOrder } from '../src/render/timeline.js';
import type { SiteData } from '../src/config.js';
import { runs, seed } from './support/fuzz.js';

const root = join(import.meta.dirname, '..');
const temp = mkdtempSync(join(tmpdir(), 'dossier-events-'));
let archive: Archive;
let data: SiteData;

beforeAll(async () => {
  const contentDir = join(temp, 'content');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'gen-corpus.ts'), '--count', '150', '--out', contentDir], { cwd: root, stdio: 'ignore' });
  const checked = await check({ contentDir, threads: 1 });
  data = checked.data;
  archive = collate(checked.articles, data);
}, 120_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The site's pages listed with a macro renderer that counts what it renders (`eventWindow`: characters of event HTML kept per generation). */
function countedPages(eventWindow?: number): { pages: Page[]; rendered: unknown[]; characters: () => number; renderTemplate: (template: string, view: Record<string, unknown>) => string } {
  const labels = loadLabels(DEFAULT_TEMPLATES, data.site.locale);
  const { renderTemplate, renderMacro } = createRenderers(DEFAULT_TEMPLATES, { site: data.site, labels, assets: {} });
  const rendered: unknown[] = [];
  let characters = 0;
  const counting: RenderMacro = (template, name, value) => {
    rendered.push(value);
    const html = renderMacro(template, name, value);
    characters += html.length;
    return html;
  };
  return { pages: routes(archive, data, labels, counting, eventWindow), rendered, characters: () => characters, renderTemplate };
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
    const all = countedPages();
    for (const page of all.pages) void page.view;
    const distinct = all.rendered.length;
    // A window of a fifth of all the events' HTML: topic after topic, an event is forgotten before the next timeline shows it.
    const window = Math.ceil(all.characters() / 5);
    const interleaved = countedPages(window);
    for (const page of renderOrder(interleaved.pages)) void page.view;
    expect(interleaved.rendered).toHaveLength(distinct);
    const topicByTopic = countedPages(window);
    for (const page of topicByTopic.pages) void page.view;
    expect(topicByTopic.rendered.length).toBeGreaterThan(distinct);
  });

  it('show on their pages as the event partial renders them, each on every timeline of its article', () => {
    const { pages, renderTemplate } = countedPages();
    const html = new Map<string, string>();
    for (const page of pages.filter((p) => p.template === 'topic.njk')) {
      const result = renderBytes(renderTemplate, page);
      if (!('bytes' in result)) throw new Error(result.error);
      const topic = page.url.split('/')[2]!;
      html.set(topic, (html.get(topic) ?? '') + result.bytes.toString('utf8'));
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
    }
  });

  it('change the fingerprint of a page whose view changes only in its events', () => {
    const { pages } = countedPages();
    const page = pages.find((p) => p.template === 'topic.njk' && (fragmentsOf(p.view)?.length ?? 0) > 1)!;
    const view = page.view;
    const fragments = fragmentsOf(view)!;
    const before = viewFingerprint('salt', page.template, page.url, view);
    fragments[fragments.length - 1] += ' ';
    expect(viewFingerprint('salt', page.template, page.url, view)).not.toBe(before);
  });
});

describe('render order', () => {
  it('interleaves the timelines of all topics by their first date, each topic in its own order, every other page where it was', () => {
    const date = fc.oneof(fc.constant(''), fc.integer({ min: 1990, max: 1995 }).chain((y) => fc.oneof(fc.constant(`${y}`), fc.integer({ min: 1, max: 12 }).map((m) => `${y}-${String(m).padStart(2, '0')}`))));
    // A topic's pages start on dates that never go back; other pages have no start.
    const topic = fc.array(date, { minLength: 1, maxLength: 6 }).map((dates) => dates.sort());
    fc.assert(
      fc.property(fc.array(fc.oneof(topic, fc.constant(null)), { maxLength: 12 }), (parts) => {
        const pages: Page[] = parts.flatMap((starts, t) =>
          starts === null ? [{ url: `/other-${t}/`, template: 'list.njk', view: {} }] : starts.map((start, n) => ({ url: `/topic-${t}/${n}/`, template: 'topic.njk', view: {}, timelineStart: start })),
        );
        const ordered = renderOrder(pages);
        expect([...ordered].sort((a, b) => (a.url < b.url ? -1 : 1))).toEqual([...pages].sort((a, b) => (a.url < b.url ? -1 : 1)));
        // Every other page keeps its place; timeline pages take the places timeline pages had.
        pages.forEach((page, i) => (page.timelineStart === undefined ? expect(ordered[i]).toBe(page) : expect(ordered[i]!.timelineStart).toBeDefined()));
        const starts = ordered.flatMap((p) => (p.timelineStart === undefined ? [] : [p.timelineStart]));
        expect(starts).toEqual([...starts].sort());
        for (const [t] of parts.entries()) {
          const own = ordered.filter((p) => p.url.startsWith(`/topic-${t}/`)).map((p) => p.url);
          expect(own).toEqual(pages.filter((p) => p.url.startsWith(`/topic-${t}/`)).map((p) => p.url));
        }
      }),
      { numRuns: runs, seed },
    );
  });
});
