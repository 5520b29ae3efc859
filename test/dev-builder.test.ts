/**
 * The dev builder's two passes on a copy of the seeds: the quick pass writes
 * an edited article's own page at once, the full pass then leaves exactly
 * the site `build` makes, and a full pass stopped for newer edits leaves no
 * broken link and forgets nothing it would have had to write or report.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { build, buildWithCache, DEFAULT_TEMPLATES } from '../src/build.js';
import { loadSiteData } from '../src/config.js';
import { DevBuilder } from '../src/dev/builder.js';
import type { Changes } from '../src/dev/builder-types.js';
import { Diagnostics } from '../src/diagnostics.js';
import { scanContent } from '../src/ingest/scan.js';
import { crawl } from './support/crawl.js';
import { hashTree } from './support/tree.js';
import { generateCorpus } from './support/corpus.js';

const SEED = '000_9046f584f555e882.txt';
const PAGE = 'artikel/vs-zetten-duitsland-onder-druk-over-huawei/index.html';
let temp: string;
let content: string;
let outDir: string;
let builder: DevBuilder;

const MOVED = 'artikel/vs-zetten-berlijn-onder-druk-over-huawei/index.html';
const nothingChanged = (): Changes => ({ content: new Set(), data: false, templates: false });
const edited = (): Changes => ({ content: new Set([SEED]), data: false, templates: false });
const edit = (from: string, to: string) => {
  const file = join(content, SEED);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};
/** The site `build` makes from the same content (the seeds' copy unless told), file by file. */
async function builtSite(from = content): Promise<Record<string, string>> {
  const fresh = join(temp, 'built');
  rmSync(fresh, { recursive: true, force: true });
  await build({ contentDir: from, outDir: fresh, templatesDir: DEFAULT_TEMPLATES, threads: 1 });
  return hashTree(fresh);
}

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'dossier-dev-builder-'));
  content = join(temp, 'content');
  outDir = join(temp, 'dist');
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

describe('dev builder', () => {
  beforeEach(async () => {
    cpSync(join(import.meta.dirname, '..', 'content'), content, { recursive: true });
    builder = new DevBuilder({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES });
    await builder.full();
  });

  it('starts out with the site a build makes', async () => {
    expect(hashTree(outDir)).toEqual(await builtSite());
  });

  it('writes an edited article’s page in the quick pass, and the full pass then leaves the site a build makes', async () => {
    const index = readFileSync(join(outDir, 'index.html'), 'utf8');
    edit('Pompeo komt overigens volgende week', 'Pompeo komt overigens pas volgende maand');
    const quick = await builder.quick(edited());
    expect(quick.written).toEqual([PAGE]);
    expect(readFileSync(join(outDir, PAGE), 'utf8')).toContain('pas volgende maand');
    // Only the article's own page: lists wait for the full pass.
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe(index);

    const report = await builder.update(edited());
    expect(report).not.toBeNull();
    // The page the quick pass wrote already has the full pass's bytes: it is not written twice.
    expect(report!.written).not.toContain(PAGE);
    expect(hashTree(outDir)).toEqual(await builtSite());
  });

  it('leaves an edit that moves the page (a new title) to the full pass', async () => {
    edit('title: "VS zetten Duitsland onder druk over Huawei"', 'title: "VS zetten Berlijn onder druk over Huawei"');
    expect((await builder.quick(edited())).written).toEqual([]);
    const report = await builder.update(edited());
    expect(report!.written).toContain(MOVED);
    expect(report!.removed).toContain(PAGE);
    expect(hashTree(outDir)).toEqual(await builtSite());
  });

  it('stopped for newer edits, a pass leaves no link to a missing page and removes nothing; the next pass writes and reports the rest', async () => {
    // How often a pass asks whether to stop; the last time is after every page is written, before the feeds and exports.
    let asks = 0;
    await builder.update(nothingChanged(), () => (asks++, false));
    expect(asks).toBeGreaterThan(1);
    edit('title: "VS zetten Duitsland onder druk over Huawei"', 'title: "VS zetten Berlijn onder druk over Huawei"');
    for (let stopAt = 1; stopAt <= asks; stopAt++) {
      let asked = 0;
      expect(await builder.update(edited(), () => ++asked >= stopAt)).toBeNull();
      expect(asked).toBe(stopAt);
      expect(crawl(outDir, '/').broken).toEqual([]);
      // The page the edit moves away from stays until a pass finishes: an open list may still link to it.
      expect(existsSync(join(outDir, PAGE))).toBe(true);
    }
    const report = await builder.update(edited());
    // Written by the stopped passes, reported by the one that finished.
    expect(report!.written).toContain(MOVED);
    expect(report!.removed).toContain(PAGE);
    expect(hashTree(outDir)).toEqual(await builtSite());
  });
});

describe('dev builder on a larger archive', () => {
  // Enough files for several reader batches, every shape the generator makes, broken files included; made once, copied per test.
  let generated: string;
  beforeAll(() => {
    generated = mkdtempSync(join(tmpdir(), 'dossier-dev-builder-corpus-'));
    generateCorpus(200, generated);
  });
  afterAll(() => rmSync(generated, { recursive: true, force: true }));
  beforeEach(() => cpSync(generated, content, { recursive: true }));
  /** Adds a sentence to the first plain-text article; its path in the content folder. */
  const editOneText = (sentence: string): string => {
    const path = readdirSync(content, { recursive: true, encoding: 'utf8' }).find((p) => p.endsWith('.txt'))!;
    writeFileSync(join(content, path), `${readFileSync(join(content, path), 'utf8').trimEnd()} ${sentence}\n`);
    return path.split(sep).join('/');
  };

  it('reads the first build on reader threads and still leaves the site a build makes, before and after an edit', async () => {
    const threaded = new DevBuilder({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES, threads: 2 });
    const first = await threaded.full();
    expect(first.readInThreads).toBeGreaterThan(0);
    expect(hashTree(outDir)).toEqual(await builtSite());

    // The hashes taken for the first build let the next pass tell the edited file from the rest.
    const changes: Changes = { content: new Set([editOneText('Een zin erbij over chips.')]), data: false, templates: false };
    const quick = await threaded.quick(changes);
    expect(quick.written).toHaveLength(1);
    expect(readFileSync(join(outDir, quick.written[0]!), 'utf8')).toContain('Een zin erbij over chips.');
    await threaded.update(changes);
    expect(hashTree(outDir)).toEqual(await builtSite());
  });

  it('stopped between batches of pages, a pass has written whole pages without a broken link; the next pass finishes the site', async () => {
    const dev = new DevBuilder({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES, threads: 1 });
    await dev.full();
    let asks = 0;
    await dev.update(nothingChanged(), () => (asks++, false));
    // A new title moves the article's page: lists written before it would link to a page not yet there.
    const path = readdirSync(content, { recursive: true, encoding: 'utf8' }).find((p) => p.endsWith('.md') && /^title: "/m.test(readFileSync(join(content, p), 'utf8')))!;
    writeFileSync(join(content, path), readFileSync(join(content, path), 'utf8').replace(/^title: "/m, 'title: "Verhuisd: '));
    const changes: Changes = { content: new Set([path.split(sep).join('/')]), data: false, templates: false };
    // Every stop point, those between batches of pages included (this archive has more pages than one step).
    expect(asks).toBeGreaterThan(4);
    for (let stopAt = 1; stopAt <= asks; stopAt++) {
      let asked = 0;
      expect(await dev.update(changes, () => ++asked >= stopAt)).toBeNull();
      expect(crawl(outDir, '/').broken).toEqual([]);
    }
    const report = await dev.update(changes);
    expect(report!.written.some((p) => p.startsWith('artikel/verhuisd-'))).toBe(true);
    expect(report!.removed).toHaveLength(1);
    expect(hashTree(outDir)).toEqual(await builtSite());
  });

  it('starts on the site `build` just made, nothing changed since, without making a page, and then renders only what an edit changes', async () => {
    const cacheDir = join(temp, 'cache');
    await buildWithCache({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES, cacheDir, threads: 1 });
    const dev = new DevBuilder({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES, threads: 1, cacheDir });
    const first = await dev.full();
    expect(first.pagesRendered).toBe(0);
    expect(first.written).toEqual([]);
    // The fingerprints it took from the build are the ones it makes: an edit renders only the pages it changes.
    const report = await dev.update({ content: new Set([editOneText('Een zin erbij over chips.')]), data: false, templates: false });
    expect(report!.pagesRendered).toBeGreaterThan(0);
    expect(report!.pagesRendered).toBeLessThan(first.articles);
    expect(hashTree(outDir)).toEqual(await builtSite());
    // A template change renders every page again.
    const all = await dev.update({ content: new Set(), data: false, templates: true });
    expect(all!.pagesRendered).toBeGreaterThan(first.articles);
  });

  it('starts on the site `build` just made without rendering or writing it again, save a page changed since, and rebuilds from there', async () => {
    const cacheDir = join(temp, 'cache');
    await buildWithCache({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES, cacheDir, threads: 1 });
    // Someone changed one page by hand after the build: that one is made again.
    const home = join(outDir, 'index.html');
    writeFileSync(home, `${readFileSync(home, 'utf8')}<!-- met de hand -->`);
    const dev = new DevBuilder({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES, threads: 1, cacheDir });
    const first = await dev.full();
    expect(first.pagesRendered).toBe(1);
    expect(first.written).toEqual(['index.html']);
    expect(hashTree(outDir)).toEqual(await builtSite());

    // The pages it kept have the fingerprints it would have made: an edit renders only what it changes.
    const changes: Changes = { content: new Set([editOneText('Een zin erbij over chips.')]), data: false, templates: false };
    const report = await dev.update(changes);
    expect(report!.pagesRendered).toBeGreaterThan(0);
    expect(report!.pagesRendered).toBeLessThan(first.articles);
    expect(hashTree(outDir)).toEqual(await builtSite());
  });

  it('renders every page when the site was built with other templates', async () => {
    const cacheDir = join(temp, 'cache');
    const templates = join(temp, 'templates');
    cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
    writeFileSync(join(templates, 'partials', 'event.njk'), `{# anders #}\n${readFileSync(join(templates, 'partials', 'event.njk'), 'utf8')}`);
    await buildWithCache({ contentDir: content, outDir, templatesDir: templates, cacheDir, threads: 1 });
    const dev = new DevBuilder({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES, threads: 1, cacheDir });
    const first = await dev.full();
    expect(first.fromCache).toBeGreaterThan(0);
    expect(first.pagesRendered).toBeGreaterThanOrEqual(first.articles);
    expect(hashTree(outDir)).toEqual(await builtSite());
  });

  it('takes unchanged articles from the record cache `build` left, and reads only the file changed since', async () => {
    const cacheDir = join(temp, 'cache');
    await buildWithCache({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES, cacheDir, threads: 1 });
    editOneText('Nog een zin over chips.');

    const cached = new DevBuilder({ contentDir: content, outDir, templatesDir: DEFAULT_TEMPLATES, threads: 1, cacheDir });
    const first = await cached.full();
    // Every article file but the edited one came from the cache (broken ones too: the cache keeps their diagnostics).
    const scanned = await scanContent(content, loadSiteData(content, new Diagnostics()).site.ignore, new Diagnostics());
    expect(first.fromCache).toBe(scanned.length - 1);
    expect(hashTree(outDir)).toEqual(await builtSite());
  });
});
