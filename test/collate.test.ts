/**
 * Collate: events from the text (what must and must not become one), same
 * stories (pairs that must and must not group), related articles, and work
 * that stays near linear in the number of articles.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/build.js';
import { collate, oldestFirst } from '../src/collate/index.js';
import { compareNewestFirst } from '../src/collate/order.js';
import { extractEvents } from '../src/collate/events.js';
import { forgetPerArticle, perArticle } from '../src/collate/memo.js';
import { buildSimilarityIndex, similarityVectors } from '../src/collate/similarity.js';
import { fullTermsOf, leadTermsOf } from '../src/collate/analysis.js';
import { defaultSiteData, type SiteData } from '../src/config.js';
import type { ArchivedArticle, ArticleDate } from '../src/model.js';
import { makeArticle } from './support/article.js';
import { runs, seed } from './support/fuzz.js';

const day = (value: string): ArticleDate => ({ value, precision: value.length === 10 ? 'day' : value.length === 7 ? 'month' : 'year', source: 'front-matter' });
const eventsOf = (text: string, date: ArticleDate | null = null, language: 'nl' | 'en' = 'nl') =>
  extractEvents(makeArticle({ text, date, language })).map((e) => (e.end ? `${e.date.value}..${e.end.value}` : e.date.value));

describe('events from the text', () => {
  it.each([
    ['De voormalige president Donald Trump voegde de techgigant in 2019 toe aan een zogeheten entity list.', null, ['2019']],
    ['Bedrijven kregen tussen april en november 2021 bijvoorbeeld toestemming om te leveren.', null, ['2021-04..2021-11']],
    ['Het kabinet besloot van maart 2020 tot en met mei 2021 niets.', null, ['2020-03..2021-05']],
    ['Trump en Xi Jinping ontmoetten elkaar op 1 december in Buenos Aires.', day('2018-12-29'), ['2018-12-01']],
    ['Het besluit viel op 31 mei 2019 in Berlijn.', null, ['2019-05-31']],
    ['De maatregel gaat in juni 2025 in.', null, ['2025-06']],
    ['Eind vorig jaar introduceerde Biden restricties.', day('2025-06'), ['2024']],
    ['Vorige week werd bekend dat er een akkoord is.', day('2023-01-31'), ['2023-01-23..2023-01-29']],
    ['Gisteren maakte het bedrijf bekend dat het groeit.', day('2019-05-31'), ['2019-05-30']],
    ['Dit jaar nam Huawei al 300 mensen aan.', day('2019'), ['2019']],
    ['Het gebeurde op 31 april 2020 (een dag die niet bestaat; de maand blijft).', null, ['2020-04']],
    ['Huawei was already on the entity list in May 2019, Reuters said.', null, ['2019-05'], 'en'],
    ['Last year the company sold fewer phones.', day('2020-03-01'), ['2019'], 'en'],
    ['The pilot ran from March to June 2015 in three agencies.', null, ['2015-03..2015-06'], 'en'],
    ['Hiring grew between 2014 and 2016, the report says.', null, ['2014..2016'], 'en'],
  ] as Array<[string, ArticleDate | null, string[], ('nl' | 'en')?]>)('%s', (text, date, expected, language = 'nl') => {
    expect(eventsOf(text, date, language)).toEqual(expected);
  });

  it.each([
    ['Zo kreeg chipbedrijf Qualcomm nog toestemming om chips te leveren.', null],
    ['Het is nu duidelijk dat het bedrijf blijft.', day('2019-05-31')],
    ['Huawei nam 2020 werknemers aan en betaalde 2019 euro per persoon.', null],
    ['Voor 61 miljard dollar aan 4G-chips en 5G-apparatuur.', null],
    ['Trump en Xi Jinping ontmoetten elkaar op 1 december in Buenos Aires.', null],
    ['In augustus werd al wettelijk vastgelegd dat de overheid niets meer koopt.', null],
    ['Vorige week werd bekend dat Nederland een akkoord had bereikt.', day('2025-06')],
    ['Gisteren maakte het bedrijf 25 contracten bekend.', day('2019')],
    // Numbers that begin like a year are no year: not 2043, not 1950 (a year written in words or digits ends there).
    ['Het dossier telt 20439 pagina\'s en 19501 bijlagen.', null],
  ] as Array<[string, ArticleDate | null]>)('no event: %s', (text, date) => {
    expect(eventsOf(text, date)).toEqual([]);
  });
});

describe('stories and related articles on the seeds', async () => {
  const { articles, data } = await check({ contentDir: join(import.meta.dirname, '..', 'content') });
  const archive = collate(articles, data);
  const seed = (n: string) => archive.articles.find((a) => a.source.path.startsWith(n))!;

  it('002 and 004 (US halts Huawei export licences) are one story', () => {
    expect(seed('002').story).not.toBeNull();
    expect(seed('002').story).toBe(seed('004').story);
  });

  it('000 and 001 are related but not the same story, and no other seed joins a story', () => {
    expect(seed('000').story).toBeNull();
    expect(seed('001').story).toBeNull();
    expect(seed('003').story).toBeNull();
  });

  it('related articles: at most five, never the article itself, best first', () => {
    for (const article of archive.articles) {
      expect(article.related.length).toBeLessThanOrEqual(5);
      expect(article.related.map((r) => r.id)).not.toContain(article.id);
      const scores = article.related.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    expect(seed('002').related[0]!.id).toBe(seed('004').id);
  });

  it('the Huawei topic holds every seed in time order, and the events its articles report', () => {
    const huawei = archive.topics.find((t) => t.topic.id === 'huawei')!;
    expect(huawei.articles.map((a) => a.date?.value ?? null)).toEqual(['2019-05-31', '2025-06', null, null, null]);
    expect(huawei.events.map((e) => e.date.value)).toEqual(expect.arrayContaining(['2019', '2021-04', '2020', '2018']));
    const values = huawei.events.map((e) => e.date.value);
    expect(values).toEqual([...values].sort());
  });
});

/** A topic's order as its articles were sorted before `oldestFirst`: a partial date at the head of its month or year, undated last. */
function compareOldestFirst(a: ArchivedArticle, b: ArchivedArticle): number {
  if (!a.date || !b.date) return compareNewestFirst(a, b);
  if (a.date.value !== b.date.value) return a.date.value < b.date.value ? -1 : 1;
  return -compareNewestFirst(a, b);
}

describe('topics', () => {
  it('each hold exactly the events of their articles, in the order of the whole archive', () => {
    const topic = (id: string) => ({ id, label: id, description: '', terms: [`zzq${id}`] });
    const data: SiteData = { ...defaultSiteData(), topics: ['alles', 'een', 'twee', 'drie'].map(topic), outlets: {} };
    const on = [['een', 'twee'], ['twee'], ['een', 'drie'], [], ['drie', 'een'], ['twee', 'drie']];
    const articles = on.map((topics, i) =>
      makeArticle({
        id: `e${String(i).padStart(11, '0')}`,
        text: `In ${2010 + i} besloot het kabinet iets. In maart ${2012 - i} volgde een tweede besluit. Op 1 mei ${2011 + (i % 3)} kwam er een derde.`,
        manualTopics: ['alles', ...topics],
      }),
    );
    const archive = collate(articles, data);
    const group = (id: string) => archive.topics.find((t) => t.topic.id === id)!;
    const all = group('alles').events;
    expect(all.length).toBeGreaterThanOrEqual(3 * articles.length);
    const dates = all.map((e) => e.date.value);
    expect(dates).toEqual([...dates].sort());
    for (const id of ['een', 'twee', 'drie']) {
      const members = new Set(group(id).articles.map((a) => a.id));
      expect(members.size).toBeGreaterThan(0);
      expect(group(id).events).toEqual(all.filter((e) => members.has(e.articleId)));
    }
  });

  it('each list their articles once, oldest first, as sorting the archive\'s members would', () => {
    const topic = (id: string) => ({ id, label: id, description: '', terms: [`zzq${id}`] });
    const data: SiteData = { ...defaultSiteData(), topics: ['een', 'twee'].map(topic), outlets: {} };
    // Dates that tie (same day, same day with and without a time, a month and a year), and undated articles.
    const dates = [day('2019-05-31'), { ...day('2019-05-31'), time: '09:30+02:00' }, { ...day('2019-05-31'), time: '18:00Z' }, day('2019-05'), day('2019'), day('2018-01-02'), null];
    // Ids in another order than the dates (9 and 28 share no factor: each id once).
    const articles = Array.from({ length: 28 }, (_, i) =>
      makeArticle({ id: `o${String((i * 9) % 28).padStart(11, '0')}`, text: `Artikel ${i} over het kabinet.`, date: dates[i % dates.length]!, manualTopics: i % 3 ? ['een', 'een'] : ['twee', 'een'] }),
    );
    const archive = collate(articles, data);
    for (const group of archive.topics) {
      const expected = archive.articles.filter((a) => a.topics.some((m) => m.topic === group.topic.id)).sort(compareOldestFirst);
      expect(expected.length).toBeGreaterThan(0);
      expect(group.articles.map((a) => a.id)).toEqual(expected.map((a) => a.id));
    }
  });

  it('order oldest first as the sort they replaced did, given the archive\'s order', () => {
    const date = fc.option(
      fc.record({ value: fc.constantFrom('2019-05-31', '2019-05', '2019', '2018-12-01', '2020-01-15'), time: fc.option(fc.constantFrom('09:30+02:00', '18:00Z', '07:00-05:00'), { nil: undefined }) }),
      { nil: null },
    );
    fc.assert(
      fc.property(fc.array(date, { maxLength: 40 }), (drawn) => {
        const articles = drawn.map((d, i) => ({ id: `p${(i * 13) % 41}`, date: d && { ...day(d.value), ...(d.time ? { time: d.time } : {}) } }) as unknown as ArchivedArticle);
        const newest = [...articles].sort(compareNewestFirst);
        expect(oldestFirst(newest, (a) => Boolean(a.date))).toEqual([...articles].sort(compareOldestFirst));
      }),
      { numRuns: runs, seed },
    );
  });
});

describe('same story: pairs that must and must not group', () => {
  const data: SiteData = { ...defaultSiteData(), topics: [], outlets: {} };
  const report = 'Google beperkt de toegang van Huawei tot het besturingssysteem Android na het Amerikaanse handelsverbod. Huawei-telefoons krijgen geen updates meer van Google, meldt persbureau Reuters.';
  const retold = 'Huawei raakt de toegang tot Android van Google kwijt. Door het handelsverbod van de Verenigde Staten stopt Google met updates voor Huawei-telefoons, aldus Reuters.';
  const other = 'Ajax heeft in Turijn met 1-2 gewonnen van Juventus en staat in de halve finales van de Champions League, na een ongekend sterke wedstrijd.';

  it.each([
    ['the same report by two outlets on one day', report, '2019-05-20', retold, '2019-05-20', true],
    ['the same report a day apart', report, '2019-05-20', retold, '2019-05-21', true],
    ['alike texts two months apart', report, '2019-05-20', retold, '2019-07-20', false],
    ['different events on one day', report, '2019-05-20', other, '2019-05-20', false],
  ])('%s', (_name, textA, dateA, textB, dateB, grouped) => {
    const a = makeArticle({ id: 'aaaaaaaaaaaa', text: textA, date: day(dateA) });
    const b = makeArticle({ id: 'bbbbbbbbbbbb', text: textB, date: day(dateB) });
    const filler = Array.from({ length: 6 }, (_, i) => makeArticle({ id: `f${String(i).padStart(11, '0')}`, text: `Bericht ${i} over de gemeenteraad, de begroting en het weer in de regio, nummer ${i}.` }));
    const archive = collate([a, b, ...filler], data);
    expect(archive.byId.get(a.id)!.story !== null && archive.byId.get(a.id)!.story === archive.byId.get(b.id)!.story).toBe(grouped);
  });
});

describe('scale', () => {
  it('proposes a bounded number of pairs per article instead of all pairs', () => {
    const words = Array.from({ length: 4000 }, (_, i) => `woord${i.toString(36)}`);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const n = 3000;
    const articles = Array.from({ length: n }, (_, i) =>
      makeArticle({ id: `a${String(i).padStart(11, '0')}`, text: Array.from({ length: 120 }, () => words[Math.floor(random() ** 2 * words.length)]).join(' ') }),
    );
    const index = buildSimilarityIndex(articles.map((a) => fullTermsOf(a)), articles.map((a) => leadTermsOf(a)));
    for (let i = 0; i < n; i++) index.neighbours(i);
    expect(index.proposals()).toBeLessThanOrEqual(n * 40);
    expect(index.proposals()).toBeLessThan((n * (n - 1)) / 20);
  });
});

describe('results kept per article', () => {
  it('are computed again when any part they depend on differs, and only then', () => {
    const article = makeArticle({ text: 'Een artikel over chips.' });
    let computed = 0;
    const get = (depends: Array<string | number>) => perArticle('test-kind', article, depends, () => ++computed);
    expect(get(['ab', 'c'])).toBe(1);
    expect(get(['ab', 'c'])).toBe(1);
    // Joined, these read the same as before ("abc"): compared part by part they do not.
    expect(get(['a', 'bc'])).toBe(2);
    expect(get(['a', 'bc', 0])).toBe(3);
    expect(get(['a', 'bc', 0])).toBe(3);
    // A new body is a new article to the cache.
    expect(perArticle('test-kind', { ...article, body: { type: 'root', children: [] } }, ['a', 'bc', 0], () => ++computed)).toBe(4);
  });

  it('once let go of, are never computed again from a text that is gone: asking throws', () => {
    const [used, other] = [makeArticle({ text: 'Een.' }), makeArticle({ text: 'Twee.' })];
    const get = (article: typeof used, kind = 'forget-kind') => perArticle(kind, article, [], () => article.text);
    expect([get(used), get(other), get(used, 'other-kind')]).toEqual(['Een.', 'Twee.', 'Een.']);
    forgetPerArticle('forget-kind', [used]);
    expect(() => get(used)).toThrow(/let go of/);
    // Other articles and other kinds keep theirs.
    expect([get(other), get(used, 'other-kind')]).toEqual(['Twee.', 'Een.']);
  });

  it('hang on the body unseen by comparisons, copies and serialisation, and are kept for a frozen body too', () => {
    const article = makeArticle({ text: 'Een artikel over chips.' });
    const before = structuredClone(article.body);
    let computed = 0;
    perArticle('unseen-kind', article, [], () => ++computed);
    expect(article.body).toEqual(before);
    expect(Object.keys(article.body)).toEqual(Object.keys(before));
    expect(JSON.stringify(article.body)).toBe(JSON.stringify(before));
    expect(structuredClone(article.body)).toEqual(before);
    // A copy is another body, with nothing kept.
    expect(perArticle('unseen-kind', { ...article, body: { ...article.body } }, [], () => ++computed)).toBe(2);
    const frozen = { ...article, body: Object.freeze({ type: 'root' as const, children: [] }) };
    expect(perArticle('unseen-kind', frozen, [], () => ++computed)).toBe(3);
    expect(perArticle('unseen-kind', frozen, [], () => ++computed)).toBe(3);
    forgetPerArticle('unseen-kind', [frozen]);
    expect(() => perArticle('unseen-kind', frozen, [], () => ++computed)).toThrow(/let go of/);
  });
});

describe('similarity vectors', () => {
  /** Each article's heaviest terms by tf-idf as the index defines them, found by sorting every term: the reference. */
  function heaviestByReference(counts: Array<{ ids: Int32Array; counts: Uint16Array }>, keep: number): number[][] {
    const df = new Map<number, number>();
    for (const c of counts) for (const id of c.ids) df.set(id, (df.get(id) ?? 0) + 1);
    const n = counts.length;
    return counts.map((c) => {
      const weighed = Array.from(c.ids, (id, k) => ({ id, weight: (1 + Math.log(c.counts[k]!)) * (Math.log((n + 1) / (df.get(id)! + 1)) + 1) }));
      weighed.sort((a, b) => b.weight - a.weight || a.id - b.id);
      return weighed.slice(0, keep).map((t) => t.id).sort((a, b) => a - b);
    });
  }

  it('keep each article\'s sixty heaviest terms, ties by the term, however many terms tie at the cut-off', () => {
    // Terms from a small range (shared, so their idf differs) or each found once (all tied), counts of one to three.
    // A flat article has every count 1: its terms found once in the archive all weigh the same (hundreds tied).
    const article = fc.tuple(fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 120 }), fc.nat(400), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 400, maxLength: 400 }), fc.boolean());
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 12 }), (drawn) => {
        let unique = 1_000_000;
        const counts = drawn.map(([shared, once, tf, flat]) => {
          const ids = Int32Array.from([...shared, ...Array.from({ length: once }, () => unique++)]);
          return { ids, counts: Uint16Array.from(ids, (_, k) => (flat ? 1 : tf[k % tf.length]!)) };
        });
        const { full } = similarityVectors(counts, counts);
        const expected = heaviestByReference(counts, 60);
        counts.forEach((_, i) => expect(Array.from(full.ids.subarray(full.starts[i]!, full.starts[i + 1]!))).toEqual(expected[i]));
      }),
      { numRuns: runs, seed },
    );
  });
});
