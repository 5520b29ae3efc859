/**
 * End to end: `content/` (the seeds) built into a temp folder, at the domain
 * root and under a sub-path; every page exists and every internal link resolves.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, check } from '../src/build.js';
import { eventsOf, fullTermsOf, leadTermsOf, searchWordsOfText, topicsOf } from '../src/collate/analysis.js';
import { hastToHtml } from '../src/hast.js';
import { crawl } from './support/crawl.js';

const contentDir = join(import.meta.dirname, '..', 'content');
const temp = mkdtempSync(join(tmpdir(), 'dossier-e2e-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.each([
  { name: 'domain root', baseUrl: 'https://example.org/', basePath: '/' },
  { name: 'sub-path', baseUrl: 'https://example.org/archief/', basePath: '/archief/' },
])('build of the seeds at the $name', ({ name, baseUrl, basePath }) => {
  const outDir = join(temp, name.replace(/\W/g, '-'));
  const built = build({ contentDir, outDir, baseUrl });

  it('writes an index linking to every article, tag and topic page', async () => {
    const result = await built;
    expect(result.diagnostics.count('error')).toBe(0);
    const index = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(index).toContain('<html lang="nl">');
    for (const article of result.articles) {
      expect(index).toContain(`href="${basePath}artikel/${article.slug}/"`);
      expect(existsSync(join(outDir, 'artikel', article.slug, 'index.html'))).toBe(true);
    }
    const { visited } = crawl(outDir, basePath);
    for (const group of result.archive.tags) expect(visited).toContain(`trefwoord/${group.tag.slug}/index.html`);
    for (const group of result.archive.topics) expect(visited).toContain(`onderwerp/${group.topic.id}/index.html`);
  });

  it('has no broken internal link and no link outside the base path', async () => {
    await built;
    const { broken, outsideBase, visited } = crawl(outDir, basePath);
    expect(broken).toEqual([]);
    expect(outsideBase).toEqual([]);
    const htmlFiles = listHtml(outDir).filter((f) => f !== '404.html');
    expect(htmlFiles.filter((f) => !visited.has(f))).toEqual([]);
  });

  it('lists the index newest first with undated articles last', async () => {
    const result = await built;
    const index = readFileSync(join(outDir, 'index.html'), 'utf8');
    const position = (slug: string) => index.indexOf(`${basePath}artikel/${slug}/`);
    const slugOf = (seed: string) => result.articles.find((a) => a.source.path.startsWith(seed))!.slug;
    expect(position(slugOf('004'))).toBeLessThan(position(slugOf('000')));
    for (const undated of ['001', '002', '003']) expect(position(slugOf('000'))).toBeLessThan(position(slugOf(undated)));
  });

  it('shows dates in Dutch as precise as known, and the outlet link', async () => {
    const result = await built;
    const page = (seed: string) => readFileSync(join(outDir, 'artikel', result.articles.find((a) => a.source.path.startsWith(seed))!.slug, 'index.html'), 'utf8');
    expect(page('000')).toContain('<time datetime="2019-05-31">vrijdag 31 mei 2019</time>');
    expect(page('000')).toContain('href="https://www.telegraaf.nl/financieel/3673398/vs-zetten-duitsland-onder-druk-over-huawei"');
    expect(page('000')).toContain('De Telegraaf');
    expect(page('004')).toContain('<time datetime="2025-06">juni 2025</time>');
    expect(page('002')).toContain('datum onbekend');
    expect(page('002')).toContain('niet vóór 2020');
  });

  it('exports every record to api/articles.json', async () => {
    const result = await built;
    const records = JSON.parse(readFileSync(join(outDir, 'api', 'articles.json'), 'utf8')) as Array<Record<string, unknown>>;
    expect(records.map((r) => r.id).sort()).toEqual(result.articles.map((a) => a.id).sort());
    const seed4 = records.find((r) => (r.source as { path: string }).path.startsWith('004'))!;
    expect(seed4).toMatchObject({ date: { value: '2025-06', precision: 'month', source: 'inline-marker' }, titleSource: 'derived', url: `${basePath}artikel/${seed4.slug}/` });
  });

  it('lets go of bodies, term counts, search words, topics and events once used, and says so when asked for them after', async () => {
    const result = await built;
    const article = result.articles[0]!;
    // Each was written out before being let go of: the body on its page, every article in the search index.
    const fresh = (await check({ contentDir, baseUrl })).articles.find((a) => a.id === article.id)!;
    const firstParagraph = hastToHtml(fresh.body).match(/<p>.*?<\/p>/)![0];
    expect(readFileSync(join(outDir, 'artikel', article.slug, 'index.html'), 'utf8')).toContain(firstParagraph);
    expect(JSON.parse(readFileSync(join(outDir, 'search', 'index.json'), 'utf8')).articles).toBe(result.articles.length);
    expect(() => hastToHtml(article.body)).toThrow(/let go of/);
    expect(() => searchWordsOfText(article)).toThrow(/let go of/);
    expect(() => fullTermsOf(article)).toThrow(/let go of/);
    expect(() => leadTermsOf(article)).toThrow(/let go of/);
    // Topics and events are let go of by the memo too: the archived record holds them (the dev server collates on its own).
    expect(() => eventsOf(article)).toThrow(/let go of/);
    expect(() => topicsOf(article, result.data)).toThrow(/let go of/);
    const archived = result.archive.articles.find((a) => a.id === article.id)!;
    expect(archived.events).toEqual(eventsOf(fresh));
    expect(archived.topics).toEqual(topicsOf(fresh, result.data));
    expect(archived.topics.length).toBeGreaterThan(0);
  });
});

function listHtml(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listHtml(dir, path);
    return path.endsWith('.html') ? [path] : [];
  });
}
