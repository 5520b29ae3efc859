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
import type { SiteData } from '../src/config.js';

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

/** The site's pages listed with a macro renderer that counts what it renders. */
function countedPages(): { pages: Page[]; rendered: unknown[]; renderTemplate: (template: string, view: Record<string, unknown>) => string } {
  const labels = loadLabels(DEFAULT_TEMPLATES, data.site.locale);
  const { renderTemplate, renderMacro } = createRenderers(DEFAULT_TEMPLATES, { site: data.site, labels, assets: {} });
  const rendered: unknown[] = [];
  const counting: RenderMacro = (template, name, value) => {
    rendered.push(value);
    return renderMacro(template, name, value);
  };
  return { pages: routes(archive, data, labels, counting), rendered, renderTemplate };
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
