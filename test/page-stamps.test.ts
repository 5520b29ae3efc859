/**
 * Page stamps (src/render/stamps.ts) stand for a page's view in the page
 * memory: a page whose stamp is the same after an edit must have the same
 * view, or a build leaves it stale. Over many kinds of edit, every page whose
 * stamp stayed is compared by its whole view's fingerprint; and a stamp must
 * be worth having: an edit that changes one article changes few stamps.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, DEFAULT_TEMPLATES } from '../src/build.js';
import { analyseArticle } from '../src/collate/analysis.js';
import { cardDigestOf } from '../src/collate/card-digest.js';
import { eventsDigest } from '../src/collate/events-digest.js';
import { archiveInOrder, collate, collateApart } from '../src/collate/index.js';
import { viewFingerprint } from '../src/render/fingerprint.js';
import { RecordCache } from '../src/record-cache.js';
import { prepareRender } from '../src/render/index.js';
import { cardPart, cardStamp, eventPart, listPageStamp, stampOfParts } from '../src/render/stamps.js';
import type { ArchivedArticle, TextEvent } from '../src/model.js';
import { generateCorpus } from './support/corpus.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-stamps-'));
const base = join(temp, 'base');

/** Articles the edits below change, beside a generated archive. */
const OWN: Record<string, string> = {
  'eigen-een.md': '---\ntitle: Huawei opent een onderzoekscentrum\ndate: 2019-05-20\ntags: [Huawei, 5G]\noutlet: NOS\n---\n\nHuawei opent in Eindhoven een onderzoekscentrum voor 5G.\n\nIn maart 2018 sprak het bedrijf al met de gemeente over de bouw.\n\nHet centrum krijgt tweehonderd medewerkers.\n',
  'eigen-twee.md': '---\ntitle: Kabinet twijfelt over 5G-leveranciers\ndate: 2019-06-02\ntags: [5G, Kabinet]\n---\n\nHet kabinet twijfelt of Huawei 5G-apparatuur mag leveren aan KPN en VodafoneZiggo.\n\nIn april 2019 vroeg de Tweede Kamer om een besluit.\n',
  'eigen-drie.txt': 'ZTE krijgt een boete\n\nDe Amerikaanse regering legde ZTE in juni 2018 een boete op van een miljard dollar.\n',
};

/** Each kind of edit, as a change to the base archive's files. */
const EDITS: Record<string, (dir: string) => void> = {
  'a new title (the page moves, lists show it)': (dir) => replaceIn(dir, 'eigen-een.md', 'Huawei opent een onderzoekscentrum', 'Huawei bouwt een onderzoekscentrum'),
  'a new date (it moves between months and on timelines)': (dir) => replaceIn(dir, 'eigen-een.md', 'date: 2019-05-20', 'date: 2018-11-03'),
  'a tag spelt otherwise (the label every card shows may change)': (dir) => replaceIn(dir, 'eigen-twee.md', 'tags: [5G, Kabinet]', 'tags: [5g, kabinet, Telecom]'),
  'a new first paragraph (the lead cards show)': (dir) => replaceIn(dir, 'eigen-drie.txt', 'De Amerikaanse regering', 'Een nieuwe eerste alinea over ZTE en Huawei.\n\nDe Amerikaanse regering'),
  'a dated sentence added (an event on timelines)': (dir) => replaceIn(dir, 'eigen-twee.md', 'om een besluit.', 'om een besluit.\n\nIn januari 2020 besloot het kabinet Huawei te weren uit de kern van het netwerk.'),
  "a dated sentence reworded (only its event's text on timelines, and the page)": (dir) => replaceIn(dir, 'eigen-twee.md', 'vroeg de Tweede Kamer', 'vroeg de Eerste Kamer'),
  'a sentence without a date (only its page and search)': (dir) => replaceIn(dir, 'eigen-een.md', 'over de bouw.', 'over de bouw. Het centrum krijgt tweehonderd medewerkers.'),
  'a place for another in the first paragraph (only the lead and body differ)': (dir) => replaceIn(dir, 'eigen-een.md', 'in Eindhoven', 'in Delft'),
  'one word for another (only the body differs)': (dir) => replaceIn(dir, 'eigen-een.md', 'tweehonderd', 'driehonderd'),
  'another outlet': (dir) => replaceIn(dir, 'eigen-een.md', 'outlet: NOS', 'outlet: RTL Nieuws'),
  'an article deleted': (dir) => rmSync(join(dir, 'eigen-drie.txt')),
  'an article added with a title another has (slugs settle anew)': (dir) => writeFileSync(join(dir, 'eigen-vier.txt'), 'ZTE krijgt een boete\n\nOok in 2019 kreeg ZTE in de Verenigde Staten een boete voor exportovertredingen.\n'),
  // Claims are settled by path (normalise/slug.ts): this file's comes first, the unchanged article's slug moves.
  // It is on none of the other's lists: those show the other's card moved, not this one.
  'an article added that takes the slug of an unchanged one (its file is the same, its page moves)': (dir) => writeFileSync(join(dir, 'eigen-a-voor.md'), '---\ntitle: Gemeente opent een loket\nslug: zte-krijgt-een-boete\ndate: 2011-03-04\ntags: [Loket]\n---\n\nDe gemeente opent een loket voor ondernemers.\n'),
};

function replaceIn(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not hold ${from}`);
  writeFileSync(path, text.replace(from, to));
}

/**
 * Every page of the site made from `dir`: its stamp and the fingerprint of its
 * whole view. With `cacheDir`, through a record cache kept there (as a cached
 * build reads): bodies are then named by the file they were read from
 * (src/body-source.ts), those of unchanged files coming from the cache.
 */
async function pagesOf(dir: string, cacheDir?: string): Promise<Map<string, { stamp: string | undefined; fingerprint: string }>> {
  const hashOf = (path: string) => createHash('sha1').update(readFileSync(join(dir, path))).digest('hex');
  const records = cacheDir === undefined ? undefined : await RecordCache.open(cacheDir, join(temp, 'dist'), 'salt', hashOf);
  const { articles, data } = await check({ contentDir: dir, threads: 1, records });
  await records?.save();
  const { pages } = prepareRender(collate(articles, data), data, DEFAULT_TEMPLATES);
  return new Map(pages.map((page) => [page.url, { stamp: page.stamp?.(), fingerprint: viewFingerprint('salt', page.template, page.url, page.view) }]));
}

let beforeRead: Awaited<ReturnType<typeof pagesOf>>;
let beforeCached: Awaited<ReturnType<typeof pagesOf>>;
const baseCache = join(temp, 'cache-base');

beforeAll(async () => {
  generateCorpus(200, base);
  for (const [name, text] of Object.entries(OWN)) writeFileSync(join(base, name), text);
  beforeRead = await pagesOf(base);
  beforeCached = await pagesOf(base, baseCache);
}, 120_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('page stamps', () => {
  it('are given to every article page and every page of a list', () => {
    const unstamped = [...beforeRead].filter(([, page]) => page.stamp === undefined).map(([url]) => url);
    expect(unstamped.filter((url) => /^\/(artikel|trefwoord|onderwerp|archief)\/[^/]+\//.test(url) || url === '/')).toEqual([]);
    expect(unstamped.length).toBeLessThan(beforeRead.size / 20);
  });

  it("of a list tell an article's events apart by their place, and the items of a page from the cards shown after them", () => {
    const event = (sentence: string): TextEvent => ({ articleId: 'a', date: { value: '2019-05', precision: 'month' }, end: null, phrase: 'in mei 2019', sentence, relative: false });
    const [first, second] = [event('Eerste.'), event('Tweede.')];
    const article = { id: 'a', title: 'Een', body: { type: 'root', children: [] }, events: [first, second] } as unknown as ArchivedArticle;
    const other = { id: 'b', title: 'Twee', body: { type: 'root', children: [] }, events: [] } as unknown as ArchivedArticle;
    const card = cardStamp(article);
    // A page boundary that moves by one entry shows the article's other event: same card, another place (a timeline's
    // pages make their parts so, by where each entry stands: timeline.ts).
    expect(stampOfParts('ctx', 2, 5, eventPart(0, card))).not.toBe(stampOfParts('ctx', 2, 5, eventPart(1, card)));
    expect(stampOfParts('ctx', 2, 5, eventPart(0, card) + cardPart(cardStamp(other)))).not.toBe(stampOfParts('ctx', 2, 5, eventPart(0, card), [other]));
    expect(listPageStamp('ctx', 2, 5, [article, other])).not.toBe(listPageStamp('ctx', 2, 5, [article], [other]));
    expect(listPageStamp('ctx', 2, 5, [other])).not.toBe(listPageStamp('ctx', 2, 6, [other]));
    expect(listPageStamp('ctx', 2, 5, [other])).not.toBe(listPageStamp('ctx2', 2, 5, [other]));
    // Made of the articles' cards, not of the objects: copies give the same stamp.
    expect(listPageStamp('ctx', 2, 5, [article, other])).toBe(listPageStamp('ctx', 2, 5, [{ ...article }, { ...other }]));
  });

  const cases = Object.keys(EDITS).flatMap((name) => [[name, 'read afresh'], [name, 'unchanged files from the record cache']]);
  it.each(cases)('stay the same only where the view stays the same: %s (%s)', async (name, how) => {
    const dir = join(temp, `${name}-${how}`.replace(/\W+/g, '-'));
    cpSync(base, dir, { recursive: true });
    EDITS[name]!(dir);
    const cached = how !== 'read afresh';
    if (cached) cpSync(baseCache, `${dir}-cache`, { recursive: true });
    const after = await pagesOf(dir, cached ? `${dir}-cache` : undefined);
    const before = cached ? beforeCached : beforeRead;
    const both = [...after.keys()].filter((url) => before.has(url));
    // Pages with no stamp are fingerprinted by their view: nothing to check.
    const stale = both.filter((url) => before.get(url)!.stamp !== undefined && before.get(url)!.stamp === after.get(url)!.stamp && before.get(url)!.fingerprint !== after.get(url)!.fingerprint);
    expect(stale).toEqual([]);
    // The edit did change something, and one article's edit leaves most stamps as they were.
    const changedViews = both.filter((url) => before.get(url)!.fingerprint !== after.get(url)!.fingerprint);
    const changedStamps = both.filter((url) => before.get(url)!.stamp !== after.get(url)!.stamp);
    expect(changedViews.length + after.size - both.length).toBeGreaterThan(0);
    expect(changedStamps.length).toBeLessThan(both.length / 4);
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-cache`, { recursive: true, force: true });
  }, 60_000);

  it("take an article's card digest from its reading, the one its archived record gives, and another for any field changed", async () => {
    // Read as a build with the record cache reads: the digests are made with each record (none without the cache).
    const records = await RecordCache.open(join(temp, 'cache-digests'), join(temp, 'dist'), 'salt', (path) => createHash('sha1').update(readFileSync(join(base, path))).digest('hex'));
    const { articles, data } = await check({ contentDir: base, threads: 1, records });
    const { articles: archived } = collate(articles, data);
    expect(analyseArticle(structuredClone(articles[0]!), data)).not.toHaveProperty('cardDigest');
    expect(analyseArticle(structuredClone(articles[0]!), data, true)).toHaveProperty('cardDigest');
    // A copy (another body, so nothing remembered) makes the digest afresh from the archived record's fields.
    const afresh = (article: ArchivedArticle) => cardDigestOf(article, () => article.topics, () => eventsDigest(article.events));
    const adopted = archived.map((article) => cardDigestOf(article, () => { throw new Error('made again, not adopted'); }, () => ''));
    expect(archived.map((article) => afresh(structuredClone(article)))).toEqual(adopted);
    const sample = archived.find((article) => article.topics.length && article.events.length)!;
    const changed = [{ title: `${sample.title}!` }, { wordCount: sample.wordCount + 1 }, { topics: [] }, { events: sample.events.slice(1) }, { outlet: 'Ander' }];
    for (const change of changed) expect(afresh({ ...structuredClone(sample), ...change })).not.toBe(afresh(structuredClone(sample)));
    // What the archive settles or no card shows does not count: the stamp adds the slug and tags itself.
    expect(afresh({ ...structuredClone(sample), slug: 'ander', related: [], story: 'x', text: 'anders' })).toBe(afresh(structuredClone(sample)));
  });

  it('of lists are the same taken before kinship settles as after, which those of article pages are not', async () => {
    // Before: the archive as a build lists its routes beside the kinship thread (collate/kin-thread.ts), no related
    // articles or stories yet. After: another archive of the same articles with kinship settled (new objects, so no
    // stamp remembered from before is reused).
    const { articles, data } = await check({ contentDir: base, threads: 1 });
    const early = prepareRender(collateApart(archiveInOrder(articles, data), data), data, DEFAULT_TEMPLATES).pages;
    const settled = new Map(prepareRender(collate(articles, data), data, DEFAULT_TEMPLATES).pages.map((page) => [page.url, page]));
    const ahead = early.filter((page) => page.stampBeforeKinship);
    expect(ahead.some((page) => page.template === 'topic.njk') && ahead.some((page) => page.template === 'list.njk') && ahead.some((page) => page.url === '/')).toBe(true);
    expect(ahead.filter((page) => page.stamp!() !== settled.get(page.url)!.stamp!()).map((page) => page.url)).toEqual([]);
    // Kinship does show in the stamps it must: article pages are taken only once it has settled.
    const articlePages = early.filter((page) => page.template === 'article.njk');
    expect(articlePages.some((page) => page.stampBeforeKinship)).toBe(false);
    expect(articlePages.some((page) => page.stamp!() !== settled.get(page.url)!.stamp!())).toBe(true);
  });

  it('name a body read through the record cache by its file instead of its HTML, the same from build to build', async () => {
    // No article page's stamp is the one its body's HTML gives.
    expect([...beforeCached].filter(([url, page]) => url.startsWith('/artikel/') && page.stamp === beforeRead.get(url)!.stamp)).toEqual([]);
    // The first build read every file (and named its body as it stored the record), the next takes every record
    // from the cache: the same names, so every stamp stays.
    const dir = join(temp, 'cache-again');
    cpSync(baseCache, dir, { recursive: true });
    const again = await pagesOf(base, dir);
    expect([...again].filter(([url, page]) => page.stamp !== beforeCached.get(url)?.stamp)).toEqual([]);
    expect(again.size).toBe(beforeCached.size);
  });
});
