/**
 * The archive's structure as a reader meets it: the topic timeline with both
 * layers, same-story and related links, tag/year/month/topic pages that link
 * up with no dead end, pagination at stable URLs, and the JSON exports.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { escapeHtml } from '../src/render/template-speed.js';
import { crawl } from './support/crawl.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-archive-'));
const content = join(temp, 'content');
const outDir = join(temp, 'dist');
let result: BuildResult;
const page = (path: string) => readFileSync(join(outDir, path), 'utf8');
/** The path of the Huawei timeline's page `n`. */
const timelinePath = (n: number) => ['onderwerp', 'huawei', ...(n === 1 ? [] : ['pagina', String(n)]), 'index.html'];
const seed = (n: string) => result.archive.articles.find((a) => a.source.path.startsWith(n))!;

beforeAll(async () => {
  cpSync(join(import.meta.dirname, '..', 'content'), content, { recursive: true });
  // Two per page, so every kind of list paginates on five articles.
  writeFileSync(join(content, '_data', 'site.yml'), `${readFileSync(join(content, '_data', 'site.yml'), 'utf8')}\npageSize: 2\n`.replace(/^pageSize: 50\n/m, ''));
  result = await build({ contentDir: content, outDir, baseUrl: 'https://example.org/' });
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('archive pages', () => {
  it('paginates the index, topics and archives at /pagina/N/ with no dead end', () => {
    expect(existsSync(join(outDir, 'pagina', '2', 'index.html'))).toBe(true);
    expect(existsSync(join(outDir, 'pagina', '3', 'index.html'))).toBe(true);
    expect(existsSync(join(outDir, 'onderwerp', 'huawei', 'pagina', '2', 'index.html'))).toBe(true);
    expect(existsSync(join(outDir, 'archief', 'ongedateerd', 'pagina', '2', 'index.html'))).toBe(true);
    const { broken, visited } = crawl(outDir, '/');
    expect(broken).toEqual([]);
    expect(visited).toContain('pagina/3/index.html');
    expect(visited).toContain('archief/2019/05/index.html');
    expect(visited).toContain('archief/2025/06/index.html');
  });

  it('links neighbouring periods', () => {
    const may2019 = page('archief/2019/05/index.html');
    expect(may2019).toContain('href="/archief/2025/06/"');
    expect(page('archief/2025/06/index.html')).toContain('href="/archief/2019/05/"');
  });

  it('shows events on the Huawei timeline, quoted and linked to their article, apart from the articles', () => {
    const pages = [1, 2, 3, 4, 5].map((n) => join('onderwerp', 'huawei', ...(n === 1 ? [] : ['pagina', String(n)]), 'index.html')).filter((p) => existsSync(join(outDir, p))).map(page).join('\n');
    expect(pages).toContain('De voormalige president Donald Trump voegde de techgigant in 2019 toe aan een zogeheten entity list.');
    expect(pages).toContain('<time datetime="2021-04">april 2021</time> tot <time datetime="2021-11">november 2021</time>');
    expect(pages).toContain(`href="/artikel/${seed('004').slug}/"`);
    expect(pages).toContain('Gebeurtenissen uit de tekst');
    expect(pages).toContain('Verschenen artikelen');
    expect(pages).toContain('id="kop-ongedateerd"');
  });

  it("draws the axis on a timeline's first page only, and links each year to where it begins from the others", () => {
    const files: string[] = [];
    for (let n = 1; existsSync(join(outDir, 'onderwerp', 'huawei', ...(n === 1 ? [] : ['pagina', String(n)]), 'index.html')); n++) {
      files.push(join('onderwerp', 'huawei', ...(n === 1 ? [] : ['pagina', String(n)]), 'index.html'));
    }
    expect(files.length).toBeGreaterThan(2);
    const html = files.map(page);
    expect(html[0]).toContain('class="chart-figure"');
    expect(html[0]).not.toContain('class="year-links"');
    // Where each year's section first shows, in page order.
    const firstFileOfYear = new Map<string, string>();
    files.forEach((file, i) => {
      for (const [, year] of html[i]!.matchAll(/<section class="year" id="jaar-(\d{4})"/g)) if (!firstFileOfYear.has(year!)) firstFileOfYear.set(year!, file);
    });
    for (const [i, text] of html.entries()) {
      if (i === 0) continue;
      expect(text).not.toContain('class="chart-figure"');
      const nav = /<nav class="year-links"[^>]*>([\s\S]*?)<\/nav>/.exec(text)?.[1] ?? '';
      const links = [...nav.matchAll(/<a href="([^"]+)"( aria-current="location")?>([^<]+)<\/a>/g)].map(([, href, current, label]) => ({ href: href!, current: Boolean(current), label: label! }));
      // Every year of the timeline is linked, a range (`2004–2009`) standing for the years before the axis.
      const linked = links.flatMap(({ label }) => {
        const [from, to = from] = label.split('–').map(Number);
        return [...firstFileOfYear.keys()].filter((year) => Number(year) >= from! && Number(year) <= to!);
      });
      expect(new Set(linked)).toEqual(new Set(firstFileOfYear.keys()));
      for (const link of links) {
        const year = /#jaar-(\d{4})$/.exec(link.href)![1]!;
        if (link.current) {
          // A year this page shows: its place on this page.
          expect(link.href).toBe(`#jaar-${year}`);
          expect(text).toContain(`id="jaar-${year}"`);
        } else {
          expect(`${link.href.replace(/#.*$/, '').replace(/^\//, '')}index.html`).toBe(firstFileOfYear.get(year));
          expect(text).not.toContain(`id="jaar-${year}"`);
        }
      }
    }
  });

  it("continues a timeline's undated articles over its last pages, a page's worth each, every one once", () => {
    const huawei = result.archive.topics.find((t) => t.topic.id === 'huawei')!;
    // Titles as the templates escape them.
    const undated = huawei.articles.filter((a) => !a.date).map((a) => escapeHtml(a.title));
    // On two articles a page (site.yml above) the seeds' undated Huawei articles take more than one page, or nothing is shown here.
    const size = result.data.site.pageSize;
    expect(undated.length).toBeGreaterThan(size);
    const pages: string[] = [];
    for (let n = 1; existsSync(join(outDir, ...timelinePath(n))); n++) pages.push(page(join(...timelinePath(n))));
    const shelves = pages.map((html) => html.match(/<section class="year undated-shelf"[\s\S]*?<\/section>/)?.[0] ?? '');
    const titlesOn = (shelf: string) => [...shelf.matchAll(/class="card-title"><a [^>]*>([^<]*)</g)].map((m) => m[1]!);
    const first = shelves.findIndex((shelf) => shelf !== '');
    // Undated articles come after every dated entry: from the first page that has them on, every page has them.
    expect(first).toBeGreaterThan(0);
    expect(shelves.slice(first).every((shelf) => titlesOn(shelf).length > 0)).toBe(true);
    for (const shelf of shelves) expect(titlesOn(shelf).length).toBeLessThanOrEqual(size);
    expect(shelves.flatMap(titlesOn)).toEqual(undated);
    // The last page links back, and no page links past the last.
    expect(pages.at(-1)).toContain(`href="/${timelinePath(pages.length - 1).slice(0, -1).join('/')}/"`);
    expect(pages.some((html) => html.includes(`/pagina/${pages.length + 1}/"`))).toBe(false);
  });

  it('links the same story ("Ook gemeld door") both ways, and only within the story', () => {
    expect(page(`artikel/${seed('002').slug}/index.html`)).toMatch(new RegExp(`Ook gemeld door[\\s\\S]*href="/artikel/${seed('004').slug}/"`));
    expect(page(`artikel/${seed('004').slug}/index.html`)).toMatch(new RegExp(`Ook gemeld door[\\s\\S]*href="/artikel/${seed('002').slug}/"`));
    expect(page(`artikel/${seed('000').slug}/index.html`)).not.toContain('Ook gemeld door');
  });

  it('exports topics with article ids and events, and related/story on each record', () => {
    const topics = JSON.parse(page('api/topics.json')) as Array<{ id: string; articleIds: string[]; events: Array<{ article: number; event: number }> }>;
    const records = JSON.parse(page('api/articles.json')) as Array<{ id: string; story: string | null; related: Array<{ id: string }>; events: Array<{ date: { value: string }; sentence: string }> }>;
    const recordById = new Map(records.map((r) => [r.id, r]));
    const huawei = topics.find((t) => t.id === 'huawei')!;
    expect(huawei.articleIds).toHaveLength(result.articles.length);
    for (const topic of topics) {
      // Each event named by its article's place in articleIds and its own in the record's events: every event of
      // every article on the topic, once, in date order.
      const named = topic.events.map(({ article, event }) => recordById.get(topic.articleIds[article]!)!.events[event]!);
      const all = topic.articleIds.flatMap((id) => recordById.get(id)!.events);
      expect(new Set(named)).toEqual(new Set(all));
      expect(named).toHaveLength(all.length);
      expect(named.map((e) => e.date.value)).toEqual(named.map((e) => e.date.value).sort());
    }
    const named = huawei.events.map(({ article, event }) => ({ id: huawei.articleIds[article], ...recordById.get(huawei.articleIds[article]!)!.events[event]! }));
    expect(named.some((e) => e.id === seed('004').id && e.sentence.includes('entity list'))).toBe(true);
    const r002 = records.find((r) => r.id === seed('002').id)!;
    expect(r002.story).toBe(records.find((r) => r.id === seed('004').id)!.story);
    expect(r002.related[0]!.id).toBe(seed('004').id);
  });
});
