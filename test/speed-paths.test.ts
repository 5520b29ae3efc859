/**
 * The fast paths give exactly what the plain path gives: articles read in
 * worker threads equal articles read in-process, a build that takes unchanged
 * records from the record cache writes the same bytes as a build without any
 * cache, and a damaged cache is only a slower build; pages rendered in
 * worker threads equal pages rendered in-process, and the `dossier` command
 * (compiled JavaScript) writes what the TypeScript pipeline writes. Also the
 * stage clock behind the progress line and `--timings`.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, buildWithCache, check, DEFAULT_TEMPLATES } from '../src/build.js';
import { collate } from '../src/collate/index.js';
import { standInFingerprint, viewFingerprint } from '../src/render/fingerprint.js';
import { prepareRender } from '../src/render/index.js';
import { loadSiteData } from '../src/config.js';
import { Diagnostics } from '../src/diagnostics.js';
import { scanContent } from '../src/ingest/scan.js';
import { StageClock } from '../src/progress.js';
import { readArticles } from '../src/workers/read-articles.js';
import { PARALLEL_FROM } from '../src/workers/pool.js';
import { hashTree } from './support/tree.js';
import { eventsOf } from '../src/collate/analysis.js';
import { eventsDigest } from '../src/collate/events-digest.js';
import { generateCorpus } from './support/corpus.js';

const root = join(import.meta.dirname, '..');
const temp = mkdtempSync(join(tmpdir(), 'dossier-speed-'));
const contentDir = join(temp, 'content');

beforeAll(() => {
  // Every shape the generator makes, broken files included, and enough files for several worker batches.
  generateCorpus(300, contentDir);
  writeFileSync(join(contentDir, '_posts', 'kapot.md'), '---\ntitle: "niet gesloten\ndate: 2019-05-31\n---\n\nTekst.\n');
  writeFileSync(join(contentDir, 'leeg.txt'), '');
}, 60_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Reads every article file of `dir` with `threads` threads (1: in-process): the drafts, diagnostics and what reading reports. */
async function readAll(dir: string, threads: number) {
  const diagnostics = new Diagnostics();
  const data = loadSiteData(dir, diagnostics);
  const files = await scanContent(dir, data.site.ignore, diagnostics);
  const stats = { fromCache: -1, inThreads: -1 };
  const drafts = await readArticles(dir, files, data, diagnostics, { threads, stats });
  return { drafts, diagnostics: diagnostics.list(), stats, files };
}

describe('worker threads', () => {
  it('read every article exactly as the main thread does, diagnostics included', async () => {
    const inProcess = await readAll(contentDir, 1);
    const threaded = await readAll(contentDir, 3);
    expect(inProcess.stats.inThreads).toBe(0);
    expect(threaded.stats.inThreads).toBe(threaded.files.length);
    expect(threaded.drafts.length).toBe(inProcess.drafts.length);
    expect(threaded.drafts).toEqual(inProcess.drafts);
    expect(threaded.diagnostics).toEqual(inProcess.diagnostics);
    expect(threaded.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['ingest/front-matter-syntax', 'ingest/empty-file']));
  }, 60_000);

  it("make the digest of each article's events that this thread would make, and it changes with them", async () => {
    // The digest travels with the analysis (and the record cache) and stands for the events in topics.json's inputs.
    const { drafts, stats, files } = await readAll(contentDir, 3);
    expect(stats.inThreads).toBe(files.length);
    const lists = drafts.map((draft) => eventsOf(draft.article));
    expect(lists.filter((events) => events.length).length).toBeGreaterThan(drafts.length / 2);
    // A copy is a list this thread knows no digest of: it makes its own.
    for (const events of lists) expect(eventsDigest(events)).toBe(eventsDigest(structuredClone(events)));
    const events = lists.find((list) => list.length)!;
    const changed = structuredClone(events);
    changed[0]!.sentence += ' Meer.';
    expect(eventsDigest(changed)).not.toBe(eventsDigest(events));
  }, 60_000);
});

describe('the main thread, while the threads start', () => {
  it('reads from the front of a large archive, and together they read it exactly as one thread does', async () => {
    // Large enough for the main thread to help (PARALLEL_FROM), and for the threads to have work left when they are up.
    const largeDir = join(temp, 'large');
    generateCorpus(3000, largeDir);
    const together = await readAll(largeDir, 2);
    const alone = await readAll(largeDir, 1);
    expect(together.files.length).toBeGreaterThanOrEqual(PARALLEL_FROM);
    expect(together.stats.inThreads).toBeGreaterThan(0);
    expect(together.stats.inThreads).toBeLessThan(together.files.length);
    expect(together.drafts).toEqual(alone.drafts);
    expect(together.diagnostics).toEqual(alone.diagnostics);
  }, 120_000);
});

describe('render threads', () => {
  it('write the same site as the main thread, and report a broken template the same way', async () => {
    const templatesDir = join(temp, 'templates-broken');
    cpSync(DEFAULT_TEMPLATES, templatesDir, { recursive: true });
    // One template that fails on every page using it: each such page is an error, the rest of the site is written.
    writeFileSync(join(templatesDir, 'list.njk'), `${readFileSync(join(templatesDir, 'list.njk'), 'utf8')}{{ geen.functie() }}`);
    const site = async (threads: number) => {
      const outDir = join(temp, `rendered-${threads}`);
      const result = await build({ contentDir, outDir, templatesDir, threads });
      return { result, tree: hashTree(outDir) };
    };
    const inProcess = await site(1);
    const threaded = await site(3);
    expect(inProcess.result.threaded.render).toBe(0);
    expect(threaded.result.threaded.render).toBe(threaded.result.pageCount);
    expect(threaded.tree).toEqual(inProcess.tree);
    expect(threaded.result.diagnostics.list()).toEqual(inProcess.result.diagnostics.list());
    const failed = threaded.result.diagnostics.list().filter((d) => d.code === 'render/template-error');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((d) => d.source.path === 'templates/list.njk')).toBe(true);
    // Tag pages use the broken template (the tag overview does not).
    expect(Object.keys(threaded.tree).filter((path) => path.startsWith('trefwoord/'))).toEqual(['trefwoord/index.html']);
    expect(Object.keys(threaded.tree).some((path) => path.startsWith('artikel/'))).toBe(true);
  }, 120_000);

  it('report a broken event partial (rendered before the pages, in the main thread) on each timeline page that shows events', async () => {
    const templatesDir = join(temp, 'templates-broken-event');
    cpSync(DEFAULT_TEMPLATES, templatesDir, { recursive: true });
    const partial = join(templatesDir, 'partials', 'event.njk');
    writeFileSync(partial, readFileSync(partial, 'utf8').replace('{{ e.sentence }}', '{{ e.sentence.geenFunctie() }}'));
    const site = async (threads: number) => {
      const outDir = join(temp, `rendered-event-${threads}`);
      const result = await build({ contentDir, outDir, templatesDir, threads });
      return { result, tree: hashTree(outDir) };
    };
    const inProcess = await site(1);
    const threaded = await site(3);
    expect(threaded.tree).toEqual(inProcess.tree);
    expect(threaded.result.diagnostics.list()).toEqual(inProcess.result.diagnostics.list());
    const failed = threaded.result.diagnostics.list().filter((d) => d.code === 'render/template-error');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((d) => d.source.path === 'templates/topic.njk' && d.message.includes('partials/event.njk') && d.message.includes('/onderwerp/'))).toBe(true);
    // The timeline pages with events are missing, each reported; the rest of the site is written (a last page may hold only undated articles).
    const timelines = Object.keys(threaded.tree).filter((path) => /^onderwerp\/.+\/index\.html$/.test(path));
    expect(timelines.every((path) => !readFileSync(join(temp, 'rendered-event-3', path), 'utf8').includes('class="event"'))).toBe(true);
    const reported = failed.map((d) => /rendering \/(\S+)\/ failed/.exec(d.message)![1]!);
    expect(reported.filter((url) => timelines.includes(`${url}/index.html`))).toEqual([]);
    expect(reported.length).toBeGreaterThan(timelines.length);
    expect(Object.keys(threaded.tree).some((path) => path.startsWith('artikel/'))).toBe(true);
    expect(Object.keys(threaded.tree)).toContain('index.html');
  }, 120_000);
});

describe('a render thread that dies', () => {
  it('leaves its unfinished pages to the main thread, which renders them from their views made again', async () => {
    const plain = await build({ contentDir, outDir: join(temp, 'dies-plain'), threads: 1 });
    process.env.DOSSIER_TEST_RENDER_THREAD_DIES_AFTER = '2';
    try {
      const dying = await build({ contentDir, outDir: join(temp, 'dies'), threads: 2 });
      // Each thread rendered its first two batches and died on the third: the rest was rendered here.
      expect(dying.threaded.render).toBeGreaterThan(0);
      expect(dying.threaded.render).toBeLessThan(dying.pageCount);
      expect(dying.diagnostics.list()).toEqual(plain.diagnostics.list());
    } finally {
      delete process.env.DOSSIER_TEST_RENDER_THREAD_DIES_AFTER;
    }
    expect(hashTree(join(temp, 'dies'))).toEqual(hashTree(join(temp, 'dies-plain')));
  }, 120_000);
});

describe('the dossier command', () => {
  it('runs Dossier compiled to JavaScript, threads included, and writes what the TypeScript pipeline writes', async () => {
    // A copy of the package, so the compiled copies it makes are its own.
    const pkg = join(temp, 'package');
    for (const part of ['bin', 'src', 'templates', 'package.json', 'package-lock.json']) cpSync(join(root, part), join(pkg, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
    const run = (...args: string[]) => spawnSync(process.execPath, [join(pkg, 'bin', 'dossier.mjs'), ...args], { cwd: temp, encoding: 'utf8' });
    const outDir = join(temp, 'launched');
    const launched = run('build', '--content', contentDir, '--out', outDir, '--no-cache', '--threads', '2', '--timings');
    expect(launched.stdout).toMatch(/^Built \d+ articles/m);
    expect(launched.stdout).toMatch(/in threads: \d+ files read, \d+ pages rendered/);
    expect(launched.stdout).not.toMatch(/in threads: 0 files read|, 0 pages rendered/);
    const compiled = () => readdirSync(pkg).filter((name) => name.startsWith('.dossier-lib-'));
    expect(compiled()).toHaveLength(1);
    expect(readdirSync(join(pkg, compiled()[0]!, 'workers'))).toEqual(expect.arrayContaining(['article-worker.js', 'render-worker.js']));
    const plain = await build({ contentDir, outDir: join(temp, 'launched-plain') });
    expect(hashTree(outDir)).toEqual(hashTree(join(temp, 'launched-plain')));
    expect(launched.status).toBe(plain.diagnostics.count('error') ? 1 : 0);
    // A change to the source makes a new compiled copy; the old one stays for a build still running from it.
    appendFileSync(join(pkg, 'src', 'text.ts'), '\n// changed\n');
    expect(run('--help').stdout).toMatch(/^Dossier: a static site generator/);
    expect(compiled()).toHaveLength(2);
  }, 120_000);
});

describe('record cache', () => {
  it('gives the same site as a build without cache, after an edit, an added and a deleted file', async () => {
    const cacheDir = join(temp, 'cache');
    const cachedOut = join(temp, 'cached');
    const plainOut = join(temp, 'plain');
    await buildWithCache({ contentDir, outDir: cachedOut, cacheDir });
    const posts = readdirSync(join(contentDir, '_posts')).sort();
    appendFileSync(join(contentDir, '_posts', posts[0]!), '\n<p>Een toegevoegde slotalinea over Huawei.</p>\n');
    rmSync(join(contentDir, '_posts', posts[1]!));
    writeFileSync(join(contentDir, 'nieuw.txt'), 'Een nieuw artikel\n\nHuawei en ZTE kregen in mei 2019 nieuwe exportbeperkingen.\n');
    const warm = await buildWithCache({ contentDir, outDir: cachedOut, cacheDir });
    expect(warm.upToDate).toBe(false);
    // The cache served every file but the edited and the new one.
    const scanned = await scanContent(contentDir, [], new Diagnostics());
    expect(warm.reused).toBe(scanned.length - 2);
    const plain = await build({ contentDir, outDir: plainOut });
    expect(warm.articles).toBe(plain.articles.length);
    expect(hashTree(cachedOut)).toEqual(hashTree(plainOut));
    expect(warm.diagnostics.list()).toEqual(plain.diagnostics.list());
  }, 120_000);

  // Threads asked for, the spare is listed (and each file's size and time taken) in a thread as the build starts.
  it.each([['listed here', undefined, 'pages'], ['listed in a thread', 2, 'pages-threads']] as const)('skips pages made from the same view as their file in the spare copy, and restores a spare file changed by hand (%s)', async (_, threads, name) => {
    const cacheDir = join(temp, `cache-${name}`);
    const outDir = join(temp, name);
    const spare = join(temp, `.${name}.dossier-spare`);
    const edit = (text: string) => appendFileSync(join(contentDir, 'nieuw.txt'), `\n${text}\n`);
    // Two builds: each copy (the site and its spare) is written once and remembered.
    expect((await buildWithCache({ contentDir, outDir, cacheDir, threads })).pagesSkipped).toBe(0);
    edit('Een eerste wijziging.');
    await buildWithCache({ contentDir, outDir, cacheDir, threads });
    edit('Een tweede wijziging.');
    const tampered = join(spare, 'over', 'index.html');
    appendFileSync(tampered, '<!-- met de hand -->');
    const third = await buildWithCache({ contentDir, outDir, cacheDir, threads });
    expect(third.pagesSkipped).toBeGreaterThan(third.pages / 2);
    expect(third.pagesSkipped).toBeLessThan(third.pages);
    const plain = await build({ contentDir, outDir: join(temp, `${name}-plain`) });
    expect(hashTree(outDir)).toEqual(hashTree(join(temp, `${name}-plain`)));
    expect(readFileSync(join(outDir, 'over', 'index.html'), 'utf8')).not.toContain('met de hand');
    expect(third.diagnostics.list()).toEqual(plain.diagnostics.list());

    // A new lead changes the article's card, which lists show (topic timelines, the undated list): pages whose own
    // view is the same but show the card are made again, though the card stands by its hash in their fingerprints.
    const file = join(contentDir, 'nieuw.txt');
    writeFileSync(file, 'Een nieuw artikel\n\nHuawei en ZTE kregen in mei 2019 nieuwe exportbeperkingen.\n');
    await buildWithCache({ contentDir, outDir, cacheDir, threads });
    writeFileSync(file, 'Een nieuw artikel\n\nEen geheel nieuwe eerste alinea over Huawei en de handelsoorlog.\n\nHuawei en ZTE kregen in mei 2019 nieuwe exportbeperkingen.\n');
    const fourth = await buildWithCache({ contentDir, outDir, cacheDir, threads });
    await build({ contentDir, outDir: join(temp, `${name}-plain-2`) });
    expect(hashTree(outDir)).toEqual(hashTree(join(temp, `${name}-plain-2`)));
    expect(fourth.pagesSkipped).toBeGreaterThan(fourth.pages / 2);
    const showingCard = Object.keys(hashTree(outDir)).filter((path) => path.endsWith('.html') && readFileSync(join(outDir, path), 'utf8').includes('Een geheel nieuwe eerste alinea'));
    expect(showingCard.filter((path) => !path.startsWith('artikel/')).length).toBeGreaterThan(0);
  }, 120_000);

  it('renders the few pages an edit leaves in the main thread, even where threads are asked for', async () => {
    const cacheDir = join(temp, 'cache-few');
    const outDir = join(temp, 'few');
    const file = join(contentDir, 'weinig.txt');
    const write = (sentence: string) => writeFileSync(file, `Een artikel over ZTE\n\nZTE kreeg in juni 2018 een boete.\n\n${sentence}\n`);
    // Each copy written once (a build without a page memory renders in threads: 'render threads' above).
    for (const sentence of ['Een eerste zin.', 'Een tweede zin.']) {
      write(sentence);
      await buildWithCache({ contentDir, outDir, cacheDir, threads: 2 });
    }
    write('Een derde zin.');
    const edited = await buildWithCache({ contentDir, outDir, cacheDir, threads: 2 });
    expect(edited.pagesSkipped).toBeGreaterThan(edited.pages / 2);
    expect(edited.threaded.render).toBe(0);
    const plain = await build({ contentDir, outDir: join(temp, 'few-plain') });
    expect(hashTree(outDir)).toEqual(hashTree(join(temp, 'few-plain')));
    expect(readFileSync(join(outDir, 'artikel', plain.articles.find((a) => a.source.path === 'weinig.txt')!.slug, 'index.html'), 'utf8')).toContain('Een derde zin.');
    rmSync(file);
  }, 120_000);

  it('keeps api/topics.json made from the same topics, articles and events, and makes it again when an event changes', async () => {
    const cacheDir = join(temp, 'cache-exports');
    const outDir = join(temp, 'exports');
    const file = join(contentDir, 'exports.txt');
    const neutral = (n: number) => writeFileSync(file, `Een artikel over Huawei\n\nHuawei kreeg in mei 2019 exportbeperkingen.\n\nEen zin zonder datum, nummer ${'een '.repeat(n)}.\n`);
    const plainEquals = async (name: string) => {
      await build({ contentDir, outDir: join(temp, name) });
      expect(hashTree(outDir)).toEqual(hashTree(join(temp, name)));
    };
    // Each copy of the output (site and spare) is written once with topics.json made; then the spare's is known.
    const apiKept = (result: { exportsKept: string[] }) => result.exportsKept.filter((path) => path.startsWith('api/'));
    for (const n of [1, 2]) {
      neutral(n);
      expect((await buildWithCache({ contentDir, outDir, cacheDir })).exportsKept).toEqual([]);
    }
    neutral(3);
    const kept = await buildWithCache({ contentDir, outDir, cacheDir });
    expect(apiKept(kept)).toEqual(['api/topics.json']);
    await plainEquals('exports-plain-1');
    // A new dated sentence is a new event on the article's topics: made again, and it must say so.
    appendFileSync(file, '\nIn maart 2017 sprak Huawei met de regering.\n');
    const changed = await buildWithCache({ contentDir, outDir, cacheDir });
    expect(apiKept(changed)).toEqual([]);
    // topics.json names the new event by its article and its place among the article's events in articles.json.
    const topics = JSON.parse(readFileSync(join(outDir, 'api', 'topics.json'), 'utf8')) as Array<{ id: string; articleIds: string[]; events: Array<{ article: number; event: number }> }>;
    const records = JSON.parse(readFileSync(join(outDir, 'api', 'articles.json'), 'utf8')) as Array<{ id: string; events: Array<{ sentence: string }> }>;
    const huawei = topics.find((t) => t.id === 'huawei')!;
    const sentences = huawei.events.map(({ article, event }) => records.find((r) => r.id === huawei.articleIds[article])!.events[event]!.sentence);
    expect(sentences).toContain('In maart 2017 sprak Huawei met de regering.');
    await plainEquals('exports-plain-2');
    rmSync(file);
  }, 120_000);

  it('keeps the feeds none of whose items changed and the sitemap while no page moves, and makes again what an edit changes', async () => {
    const cacheDir = join(temp, 'cache-feeds');
    const outDir = join(temp, 'feeds');
    // The newest article of the archive, so the whole archive's feeds list it; it mentions Huawei alone of the topics.
    const newest = join(contentDir, 'nieuwste.md');
    const writeNewest = (sentence: string) => writeFileSync(newest, `---\ntitle: Het nieuwste artikel over Huawei\ndate: 2031-03-04\n---\n\nHuawei opent een nieuw kantoor.\n\n${sentence}\n`);
    // An article without a date, which no feed lists.
    const undated = join(contentDir, 'zonder-datum.txt');
    const writeUndated = (sentence: string) => writeFileSync(undated, `Een artikel zonder datum\n\nHuawei en ZTE zonder datum.\n\n${sentence}\n`);
    writeNewest('Een eerste zin.');
    // Each copy of the output (site and spare) is written once with every feed made; then the spare's are known.
    for (const sentence of ['Een eerste zin.', 'Een tweede zin.']) {
      writeUndated(sentence);
      await buildWithCache({ contentDir, outDir, cacheDir });
    }
    const feeds = Object.keys(hashTree(outDir)).filter((path) => /(^|\/)(feed\.xml|atom\.xml|feed\.json)$/.test(path));
    const listing = (body: string) => feeds.filter((path) => path.endsWith('feed.json') && readFileSync(join(outDir, path), 'utf8').includes(body));
    // The whole archive's feeds and those of the topics, huawei's among them.
    for (const place of ['', 'onderwerp/huawei/']) for (const name of ['feed.xml', 'atom.xml', 'feed.json']) expect(feeds).toContain(`${place}${name}`);

    writeUndated('Een derde zin.');
    const untouched = await buildWithCache({ contentDir, outDir, cacheDir });
    expect(untouched.exportsKept.filter((path) => feeds.includes(path)).sort()).toEqual([...feeds].sort());
    expect(untouched.exportsKept).toContain('sitemap.xml');
    await build({ contentDir, outDir: join(temp, 'feeds-plain-1') });
    expect(hashTree(outDir)).toEqual(hashTree(join(temp, 'feeds-plain-1')));

    // Only the body of the newest article: the feeds that list it are made again with it, the others kept.
    writeNewest('Een derde zin.');
    const edited = await buildWithCache({ contentDir, outDir, cacheDir });
    const showing = listing('Een derde zin.');
    expect(showing).toContain('feed.json');
    expect(showing).toContain('onderwerp/huawei/feed.json');
    const madeAgain = feeds.filter((path) => !edited.exportsKept.includes(path));
    expect(madeAgain.sort()).toEqual(showing.flatMap((json) => ['feed.json', 'feed.xml', 'atom.xml'].map((name) => json.replace(/feed\.json$/, name))).sort());
    expect(madeAgain.length).toBeLessThan(feeds.length);
    expect(edited.exportsKept).toContain('sitemap.xml');
    await build({ contentDir, outDir: join(temp, 'feeds-plain-2') });
    expect(hashTree(outDir)).toEqual(hashTree(join(temp, 'feeds-plain-2')));

    // A new date moves the article's page in the sitemap (its lastmod): made again, as a build without cache makes it.
    writeFileSync(newest, readFileSync(newest, 'utf8').replace('date: 2031-03-04', 'date: 2031-03-05'));
    const moved = await buildWithCache({ contentDir, outDir, cacheDir });
    expect(moved.exportsKept).not.toContain('sitemap.xml');
    expect(readFileSync(join(outDir, 'sitemap.xml'), 'utf8')).toContain('<lastmod>2031-03-05</lastmod>');
    await build({ contentDir, outDir: join(temp, 'feeds-plain-3') });
    expect(hashTree(outDir)).toEqual(hashTree(join(temp, 'feeds-plain-3')));
    rmSync(newest);
    rmSync(undated);
  }, 120_000);

  it('treats a damaged cache file as no cache', async () => {
    const cacheDir = join(temp, 'cache-damaged');
    const outDir = join(temp, 'damaged');
    await buildWithCache({ contentDir, outDir, cacheDir });
    const recordsDir = join(cacheDir, 'records');
    const [file] = readdirSync(recordsDir);
    // Cut short halfway (a full disk, a killed copy): no record of it is trusted.
    truncateSync(join(recordsDir, file!), Math.floor(statSync(join(recordsDir, file!)).size / 2));
    appendFileSync(join(contentDir, 'nieuw.txt'), '\nEen zin.\n');
    const cut = await buildWithCache({ contentDir, outDir, cacheDir });
    expect(cut.reused).toBe(0);
    writeFileSync(join(recordsDir, file!), 'not a cache');
    appendFileSync(join(contentDir, 'nieuw.txt'), '\nNog een zin.\n');
    const rebuilt = await buildWithCache({ contentDir, outDir, cacheDir });
    expect(rebuilt.upToDate).toBe(false);
    expect(rebuilt.reused).toBe(0);
    const plain = await build({ contentDir, outDir: join(temp, 'damaged-plain') });
    expect(hashTree(outDir)).toEqual(hashTree(join(temp, 'damaged-plain')));
    expect(rebuilt.diagnostics.list()).toEqual(plain.diagnostics.list());
  }, 120_000);
});

describe('page fingerprints', () => {
  it('are the same with shared views standing in as for the whole view, on every page', async () => {
    const { articles, data } = await check({ contentDir });
    const context = prepareRender(collate(articles, data), data, DEFAULT_TEMPLATES);
    const salt = 'salt';
    const differing = context.pages.filter((page, i) => {
      const whole = () => viewFingerprint(salt, page.template, page.url, page.view);
      const standingIn = () => standInFingerprint(salt, page);
      // Whichever comes first makes the shared views' hashes: both orders.
      return i % 2 ? standingIn() !== whole() : whole() !== standingIn();
    });
    expect(differing.map((page) => page.url)).toEqual([]);
  }, 60_000);
});

describe('stage clock', () => {
  it('reports each stage with its count and times every stage that ran', () => {
    const seen: string[] = [];
    const clock = new StageClock((stage, done, total) => seen.push(`${stage} ${done}/${total}`));
    clock.start('read', 3);
    clock.tick(2);
    clock.start('render');
    clock.tick(5, 10);
    clock.end();
    clock.tick(7);
    expect(seen).toEqual(['read 0/3', 'read 2/3', 'render 0/0', 'render 5/10']);
    expect(Object.keys(clock.timings)).toEqual(['read', 'render']);
    for (const ms of Object.values(clock.timings)) expect(ms).toBeGreaterThanOrEqual(0);
  });
});
