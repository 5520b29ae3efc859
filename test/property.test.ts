/**
 * Property tests: no sequence of bytes, front matter or HTML makes ingest or
 * normalise throw; each input gives a valid record or a diagnostic naming
 * the file. FUZZ_RUNS sets the number of cases; FUZZ_SEED replays a failure.
 */
import fc from 'fast-check';
import type { Element, Root, RootContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { defaultSiteData, type SiteData } from '../src/config.js';
import { Diagnostics } from '../src/diagnostics.js';
import { decodeText } from '../src/ingest/decode.js';
import { readArticle } from '../src/ingest/read-article.js';
import { extractEvents, extractEventsTryingEveryRule } from '../src/collate/events.js';
import { articleSchema, type ArticleDate, type ArticleFormat } from '../src/model.js';
import { parseDateText } from '../src/normalise/dates.js';
import { normalise } from '../src/normalise/index.js';
import { slugify } from '../src/normalise/slug.js';
import { fnv1a, termIdsOf, termIdsOfJoined, termsOf } from '../src/text.js';
import { compileTopics, matchTopics } from '../src/collate/topics.js';
import { IdTable } from '../src/collate/id-table.js';
import { selectNth } from '../src/collate/similarity.js';
import { countsOf } from '../src/collate/analysis.js';
import { hastToHtml, settledBody } from '../src/hast.js';
import { plainYaml } from '../src/ingest/plain-yaml.js';
import { bodyAsGrayMatterCutsIt, splitFrontMatter } from '../src/ingest/front-matter.js';
import { parseYamlDocument } from '../src/ingest/yaml.js';
import { Vocabulary } from '../src/write/vocabulary.js';
import { runs, seed } from './support/fuzz.js';

console.log(`property tests: ${runs} runs each, seed ${seed} (replay with FUZZ_SEED=${seed}, more with FUZZ_RUNS=N)`);
const params = { numRuns: runs, seed };

const data: SiteData = { ...defaultSiteData(), topics: [{ id: 'huawei', label: 'Huawei', description: '', terms: ['Huawei'] }], outlets: { 'telegraaf.nl': 'De Telegraaf' } };
const formats: ArticleFormat[] = ['markdown', 'html', 'text'];

/** Runs one file through ingest and normalise; asserts a record or a diagnostic for that file. */
function pipeline(bytes: Uint8Array, format: ArticleFormat): void {
  const path = `fuzz.${format === 'markdown' ? 'md' : format === 'html' ? 'html' : 'txt'}`;
  const diagnostics = new Diagnostics();
  const text = decodeText(bytes, { path }, diagnostics);
  const raw = text === null ? null : readArticle(text, { path }, format, diagnostics);
  const articles = raw ? normalise([{ ...raw, diagnostics: [] }], data, diagnostics) : [];
  if (articles.length === 0) expect(diagnostics.list().some((d) => d.source.path === path && d.severity !== 'info')).toBe(true);
  for (const article of articles) expect(articleSchema.safeParse(article).success).toBe(true);
}

const utf8 = new TextEncoder();

function elementsOf(node: Root | RootContent): Element[] {
  const own = node.type === 'element' ? [node] : [];
  return 'children' in node ? [...own, ...node.children.flatMap(elementsOf)] : own;
}

describe('ingest and normalise never throw', () => {
  it('on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom(...formats), pipeline), params);
  });

  it('on arbitrary text around front-matter delimiters', () => {
    const line = fc.oneof(
      fc.constantFrom('---', '+++', '{', '}', '---json', '...', 'title: "open', 'date: 2019-02-30', 'date: ', 'tags: [a,', '- x', 'title = "t"', ' date 2025-06 x', 'Lees ook: \'a\' \'b\'', '# Kop', '<h1>x</h1>'),
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    );
    const document = fc.array(line, { maxLength: 20 }).map((lines) => lines.join('\n'));
    fc.assert(fc.property(document, fc.constantFrom(...formats), (text, format) => pipeline(utf8.encode(text), format)), params);
  });

  it('on arbitrary HTML', () => {
    const tag = fc.constantFrom('p', 'div', 'h1', 'h2', 'script', 'style', 'a', 'img', 'svg', 'iframe', 'table', 'tr', 'td', 'ul', 'li', 'article', 'main', 'time', 'html', 'body', 'head', 'title', 'meta');
    const attr = fc.constantFrom('', ' onclick="x()"', ' href="javascript:alert(1)"', ' src="data:x"', ' datetime="2019-02-30"', ' property="article:published_time" content="bad"', ' class="caption"');
    const node: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string({ maxLength: 30 }),
        fc.tuple(tag, attr, fc.array(tie('node'), { maxLength: 4 })).map(([t, a, kids]) => `<${t}${a}>${kids.join('')}</${t}>`),
        fc.tuple(tag, attr).map(([t, a]) => `<${t}${a}>`),
      ),
    })).node;
    const page = fc.tuple(fc.boolean(), fc.array(node, { maxLength: 6 })).map(([doctype, nodes]) => `${doctype ? '<!doctype html>' : ''}${nodes.join('\n')}`);
    fc.assert(
      fc.property(page, (html) => {
        pipeline(utf8.encode(html), 'html');
        const diagnostics = new Diagnostics();
        const raw = readArticle(html, { path: 'x.html' }, 'html', diagnostics);
        for (const article of raw ? normalise([raw], data, diagnostics) : []) {
          // Kept as HTML after reading, a body without images serialises exactly as its tree; one with images stays a tree.
          const settled = settledBody(article.body);
          expect(hastToHtml(settled)).toBe(hastToHtml(article.body));
          expect(settled === article.body).toBe(elementsOf(article.body).some((e) => e.tagName === 'img'));
          for (const element of elementsOf(article.body)) {
            expect(['script', 'style', 'iframe', 'svg', 'object', 'embed', 'form']).not.toContain(element.tagName);
            for (const [name, value] of Object.entries(element.properties ?? {})) {
              expect(name).not.toMatch(/^on/i);
              expect(String(value)).not.toMatch(/^\s*(javascript|data|vbscript):/i);
            }
          }
        }
      }),
      params,
    );
  });
});

describe('collate never throws', () => {
  const word = fc.constantFrom('in', 'op', 'from', 'to', 'until', 'through', 'between', 'and', 'tussen', 'en', 'van', 'tot', 'met', 'mei', 'May', 'juni', 'March', 'vorig', 'jaar', 'last', 'year', 'gisteren', 'yesterday', '1', '31', '2019', '2021', '1899', '.', ',', 'De', 'The');
  const month = fc.constantFrom('januari', 'mei', 'december', 'March', 'May', 'june', 'foo');
  const year = fc.constantFrom('2019', '2021', '1899', '19', '2019,5');
  // Phrases shaped like the patterns (ranges, day-month-year), so every branch of every pattern gets exercised.
  const phrase = fc
    .tuple(fc.constantFrom('from', 'between', 'tussen', 'van', 'op', 'in'), month, fc.option(year, { nil: '' }), fc.constantFrom('to', 'until', 'through', 'and', 'en', 'tot', 'tot en met'), month, year)
    .map((parts) => parts.filter(Boolean).join(' '));
  const dayMonth = fc.tuple(fc.integer({ min: 0, max: 40 }), month, fc.option(year, { nil: '' })).map((parts) => parts.join(' '));
  const text = fc.array(fc.oneof(word, phrase, dayMonth, fc.string({ maxLength: 8 })), { maxLength: 30 }).map((words) => words.join(' '));
  const date = fc.option(fc.constantFrom<ArticleDate>({ value: '2020-03-01', precision: 'day', source: 'front-matter' }, { value: '2020-03', precision: 'month', source: 'front-matter' }, { value: '2020', precision: 'year', source: 'front-matter' }), { nil: null });
  const language = fc.constantFrom<'nl' | 'en'>('nl', 'en');
  const articleOf = (body: string) => normalise([{ source: { path: 'e.txt' }, format: 'text', frontMatter: 'none', fields: {}, fieldLines: {}, pageMeta: {}, body, bodyFormat: 'text', bodyLine: 1, diagnostics: [] }], data, new Diagnostics())[0];

  it('extracts events from arbitrary text in either language, each a real date', () => {
    fc.assert(
      fc.property(text, date, language, (body, articleDate, lang) => {
        const article = articleOf(body);
        if (!article) return;
        for (const event of extractEvents({ ...article, date: articleDate, language: lang })) {
          for (const d of [event.date, event.end]) if (d) expect(d.value).toMatch(/^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$/);
        }
      }),
      params,
    );
  });

  it('skipping the rules a sentence cannot match finds the same events as trying them all', () => {
    // Every relative expression, months in odd cases (`ſ` folds to `s` under the rules' flags), and sentence breaks between them.
    const relative = fc.constantFrom('eergisteren', 'gisteren', 'vandaag', 'morgen', 'vorige week', 'afgelopen week', 'deze week', 'volgende week', 'vorige maand', 'deze maand', 'volgende maand', 'vorig jaar', 'dit jaar', 'volgend jaar', 'yesterday', 'today', 'tomorrow', 'last week', 'this week', 'next week', 'last month', 'this month', 'next month', 'last year', 'this year', 'next year');
    const oddMonth = fc.constantFrom('MEI', 'Augustus', 'ſeptember', 'auguſtus', 'DECEMBER', 'medio juni', 'early June', 'sinds maart', 'by May 3, 2020');
    const sentence = fc.array(fc.oneof(word, phrase, dayMonth, relative, oddMonth, fc.string({ maxLength: 6 })), { maxLength: 14 }).map((words) => words.join(' '));
    const body = fc.array(sentence, { minLength: 1, maxLength: 5 }).map((sentences) => sentences.join('. ') + '.');
    fc.assert(
      fc.property(body, date, language, (input, articleDate, lang) => {
        const article = articleOf(input);
        if (!article) return;
        const subject = { ...article, date: articleDate, language: lang };
        expect(extractEvents(subject)).toEqual(extractEventsTryingEveryRule(subject));
      }),
      params,
    );
  });
});

describe('the search vocabulary', () => {
  it('numbers words so that two numbers are equal exactly when the words are, read from a list or alone', () => {
    // `yaczf` and `glbpp` (and `yzfzf`, `geepp`) have the same 32-bit FNV-1a hash: the words are compared, not only hashed.
    const word = fc.oneof(fc.constantFrom('yaczf', 'glbpp', 'yzfzf', 'geepp', 'huawei', 'é', 'ß'), fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }).map((w) => w.replace(/ /g, '_')));
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 40 }), { maxLength: 60 }), (lists) => {
        const vocabulary = new Vocabulary();
        const numbers = new Map<string, number>();
        for (const list of lists) {
          const seen: number[] = [];
          vocabulary.eachIn(list.join(' '), (number, position) => {
            expect(position).toBe(seen.length);
            seen.push(number);
          });
          expect(seen.map((n) => vocabulary.words[n])).toEqual(list);
          list.forEach((w, i) => {
            if (!numbers.has(w)) numbers.set(w, seen[i]!);
            expect(seen[i]).toBe(numbers.get(w));
            expect(vocabulary.numberOf(w)).toBe(numbers.get(w));
          });
        }
        expect(vocabulary.words.length).toBe(numbers.size);
      }),
      params,
    );
  });

  it('keeps every word findable as it grows past its first tables', () => {
    const vocabulary = new Vocabulary();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    vocabulary.eachIn(words.join(' '), (number, position) => expect(number).toBe(position));
    expect(words.every((w, i) => vocabulary.numberOf(w) === i)).toBe(true);
    expect(vocabulary.words).toEqual(words);
  });
});

describe('parsers keep their promises', () => {
  it('plain front matter read without the YAML library gives what the library gives', () => {
    const key = fc.oneof({ arbitrary: fc.constantFrom('title', 'date', 'tags', 'author', 'lang'), weight: 5 }, fc.constantFrom('title', 'date', 'tags', 'categories', 'layout', 'author', 'x-y', '_k', 'Naam', 'true', 'null', 'NULL', '__proto__', 'a b', '1a'), fc.string({ maxLength: 6 }));
    const word = fc.constantFrom('Huawei', 'post', 'regio 35', "it's", 'x-y', 'Ça va', 'één', 'A.B', 'Wat?', 'A/B & C', 'true', 'False', 'null', 'Null', 'yes', 'no', 'on', '~', 'a: b', 'a #b', 'a#b', 'a:b', '12', '-1', '1e3', '0x1F', '.inf', 'trailing ', ' lead', 'two  spaces', 'with,comma', '[x]', '{x}', '&anchor', '*alias', '!tag', '|', '>', '%x', '@at', '`tick', '-', '- a', '? q', 'Thu, 13 Jan 2005 09:26:00 +0100', 'koersen 239 ', 'a:', 'Wat: nu', 'a:  b', 'a :b', 'zie https://x.nl/a?b=c#d', 'x [y]', 'A {b}', 'a,b', 'a "b"', 'a | b', 'a > b', 'a%b', 'Zo! ', 'a -', 'a\\', 'a \\ b', 'Nu #1', 'a#', 'a —', 'NULL ', 'true  ');
    const date = fc.constantFrom('2018-05-19', '2019-05-31 10:00:00 +0200', '2019-05-31T10:00:00Z', '2019-05-31 10:00', '2019-5-31', '2019-13-45', '2019-05-31x');
    const odd = fc.constantFrom('\u00a0', '\u0085', '\u2028', '\ufeff', '\t', '\\', '\\n', '"', "'", "''", '#', ': ', '\ud83d\ude00');
    const text = fc.array(fc.oneof({ arbitrary: fc.constantFrom('De titel', 'Huawei, ZTE', 'ja: nee', ''), weight: 6 }, odd, fc.string({ maxLength: 4 })), { maxLength: 4 }).map((parts) => parts.join(''));
    const scalar = fc.oneof({ arbitrary: word, weight: 3 }, { arbitrary: date, weight: 2 }, { arbitrary: text.map((t) => `"${t}"`), weight: 3 }, { arbitrary: text.map((t) => `'${t}'`), weight: 2 }, fc.string({ maxLength: 8 }));
    const flow = fc.tuple(fc.array(scalar, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , ')).map(([items, sep]) => `[${items.join(sep)}]`);
    const block = fc.tuple(fc.array(scalar, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '  ', ' ')).map(([items, indent]) => `\n${items.map((item) => `${indent}- ${item}`).join('\n')}`);
    const field = fc.oneof(
      { arbitrary: fc.tuple(key, scalar).map(([k, v]) => `${k}: ${v}`), weight: 6 },
      { arbitrary: fc.tuple(key, flow).map(([k, v]) => `${k}: ${v}`), weight: 2 },
      { arbitrary: fc.tuple(key, fc.constantFrom('', ' ', '  '), block).map(([k, spaces, v]) => `${k}:${spaces}${v}`), weight: 2 },
      { arbitrary: fc.constantFrom('', '# opmerking', '---', '  ingesprongen', 'sleutel:', 'sleutel: ', 'a:  twee'), weight: 1 },
    );
    const document = fc.tuple(fc.boolean(), fc.array(field, { minLength: 1, maxLength: 4 })).map(([leadingBreak, lines]) => `${leadingBreak ? '\n' : ''}${lines.join('\n')}\n`);
    let plain = 0;
    let library = 0;
    fc.assert(
      fc.property(document, (yaml) => {
        const fast = plainYaml(yaml);
        if (fast === null) return void library++;
        plain++;
        expect(fast).toEqual(parseYamlDocument(yaml));
      }),
      params,
    );
    // Both paths were taken: the property compared something.
    expect(plain).toBeGreaterThan(0);
    expect(library).toBeGreaterThan(0);
  });

  it('the body after front matter is the one gray-matter cuts from the whole text, handed only the front matter', () => {
    const opening = fc.constantFrom('---', '+++', '--- ', '---yaml', '---json');
    const line = fc.oneof(
      { arbitrary: fc.constantFrom('title: x', 'tags: [a, b]', 'title = "x"', '"a": 1', ''), weight: 3 },
      { arbitrary: fc.constantFrom('---', '+++', '----', '--- x', '---\r', '+++ ', '++++', '\r', '\ufeff---', 'tekst', ' ---'), weight: 2 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    );
    const document = fc.tuple(opening, fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([open, lines, end]) => [open, ...lines].join(end));
    let compared = 0;
    fc.assert(
      fc.property(document, (text) => {
        const split = splitFrontMatter(text, { path: 'a.md' }, new Diagnostics());
        if (!split || split.kind === 'none') return;
        compared++;
        expect(split.body).toBe(bodyAsGrayMatterCutsIt(text, text.startsWith('+++') ? '+++' : '---'));
      }),
      params,
    );
    expect(compared).toBeGreaterThan(runs / 10);
  });

  it('reads the front matter the seeds and the generated corpora have without the YAML library', () => {
    const yaml = '\ntitle: "Huawei: de VS \'sluiten\' de deur"\ndate: 2019-05-31 10:00:00 +0200\ntags: ["regio 35", handelsoorlog]\ncategories:\n  - nieuws\n  - economie\nlayout: post\n';
    const fast = plainYaml(yaml);
    expect(fast).toEqual({ value: { title: "Huawei: de VS 'sluiten' de deur", date: '2019-05-31 10:00:00 +0200', tags: ['regio 35', 'handelsoorlog'], categories: ['nieuws', 'economie'], layout: 'post' }, keyLines: { title: 2, date: 3, tags: 4, categories: 5, layout: 8 }, problems: [] });
    expect(fast).toEqual(parseYamlDocument(yaml));
    // The Jekyll export of the first seed: an RFC 2822 date, and spaces after `categories:` and after each item.
    const jekyll = '\nlayout: post\ntitle: "VS zetten Duitsland onder druk"\ndate: Fri, 31 May 2019 12:59:27 +0200\ncategories: \n- financieel \n- koersen 239 \nexterne_link: "https://www.telegraaf.nl/financieel/3673398/vs"\n';
    const read = plainYaml(jekyll);
    expect(read).toEqual({ value: { layout: 'post', title: 'VS zetten Duitsland onder druk', date: 'Fri, 31 May 2019 12:59:27 +0200', categories: ['financieel', 'koersen 239'], externe_link: 'https://www.telegraaf.nl/financieel/3673398/vs' }, keyLines: { layout: 2, title: 3, date: 4, categories: 5, externe_link: 8 }, problems: [] });
    expect(read).toEqual(parseYamlDocument(jekyll));
    // Values at the edges of a plain scalar: read as the library reads them, or left to it.
    for (const value of ['a :b', 'a#', 'x [y] ', 'zie https://x.nl/a?b=c#d']) expect(plainYaml(`title: ${value}\n`), value).toEqual(parseYamlDocument(`title: ${value}\n`));
    for (const value of ['a:', 'Nu #1', 'a: b', 'NULL ', 'true', '1e3']) expect(plainYaml(`title: ${value}\n`), value).toBeNull();
  });

  it('a parsed date is a real calendar date in canonical form', () => {
    const dateLike = fc.oneof(
      fc.tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 })).map(([y, m, d]) => `${y}-${m}-${d}`),
      fc.tuple(fc.integer({ min: 0, max: 33 }), fc.constantFrom('januari', 'februari', 'mei', 'june', 'dec', 'foo'), fc.integer({ min: 1000, max: 2999 })).map(([d, m, y]) => `${d} ${m} ${y}`),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(dateLike, (text) => {
        const result = parseDateText(text);
        if (!result.ok) return;
        const [y, m, d] = result.date.value.split('-').map(Number);
        expect(result.date.value).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
        if (d !== undefined) {
          const utc = new Date(Date.UTC(y!, m! - 1, d));
          expect([utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate()]).toEqual([y, m, d]);
        }
      }),
      params,
    );
  });

  it('a slug is always safe ASCII, bounded, and never a path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(/^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)?$/);
        expect(slug.length).toBeLessThanOrEqual(80);
        expect(slug).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/);
      }),
      params,
    );
  });

  it('term ids made without pair strings equal the hashes of the terms themselves, a title and text folded apart too', () => {
    // Stopwords, plural endings on either side of the stem's lengths, hyphens in and around words, digits, letters beyond ASCII and beyond the BMP.
    const word = fc.constantFrom('Huawei', 'vergunningen', 'chips', 'de', 'in', 'DE', 'zouden', '5G', 'export-verbod', '5g-netwerk', '2019-2020', '-x', 'x-', 'a--b', 'Zürich', 'ÉÉN', '2019', "huawei's", 'xx', 'ß', 'bus', 'buses', 'genen', 'tenen', 'netwerken', 'tafels', 'tas', 'ﬁnanciën', '𝐀𝐁𝐂', '𝔘𝔫𝔦', '中国的', 'één-op-één');
    const glue = fc.constantFrom(' ', '-', '', ', ', '’', '\n');
    const text = fc.array(fc.tuple(fc.oneof(word, fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 })), glue), { maxLength: 40 }).map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect([...termIdsOf(value)]).toEqual(termsOf(value).map((term) => fnv1a(term) | 0));
      }),
      params,
    );
    // A title and a text folded apart and joined by a space: the same ids as the two folded together (Σ ends a word, marks begin one).
    const edge = fc.constantFrom('Σ', 'ΑΣ', '\u0301a', 'a\u0301', '\u0345', 'İ', '');
    const part = fc.tuple(fc.oneof(edge, text), fc.oneof(edge, text)).map(([a, b]) => a + b);
    fc.assert(
      fc.property(part, part, (title, body) => {
        expect([...termIdsOfJoined(title, body)]).toEqual([...termIdsOf(`${title} ${body}`)]);
      }),
      params,
    );
  });

  it('topic matching gives the same topics and scores word by word as its pattern does, with and without its substring pre-check', () => {
    const topics = [
      { id: 'huawei', label: 'Huawei', description: '', terms: ['Huawei', 'Ren Zhengfei', "huawei's", 'Meng  Wanzhou'] },
      { id: 'oorlog', label: 'Handelsoorlog', description: '', terms: ['handelsoorlog', 'trade war', 'tarieven', 'trade'] },
      { id: 'chips', label: 'Chips', description: '', terms: ['chip', 'chips', 'ASML', '5G-chips', '5G', 'chip - machine'] },
      // A sign at a term's edge: this topic is always counted by its pattern.
      { id: 'taal', label: 'Taal', description: '', terms: ['c++', 'rust'] },
    ];
    const matchers = compileTopics(topics);
    expect(matchers.map((m) => m.words !== null)).toEqual([true, true, true, false]);
    const byPattern = matchers.map((m) => ({ ...m, words: null }));
    const always = matchers.map((m) => ({ ...m, probes: [''] }));
    const word = fc.constantFrom('Huawei', 'HUAWÉI', 'huaweis', "huawei's", 'huawei’s', 'Ren', 'Zhengfei', 'Ren  Zhengfei', 'Ren\nZhengfei', 'Ren-Zhengfei', 'Meng Wanzhou', 'trade', 'war', 'trade-war', 'tarieven', 'chip', 'chips', 'microchips', '5G-chips', '5G chips', '5g', '5G2', 'chip - machine', 'chip -machine', 'asml', 'de', 'handelsoorlog.', '-chip', 'c++', 'rust', 'c+');
    const part = fc.tuple(fc.oneof(word, fc.string({ maxLength: 6 })), fc.constantFrom(' ', ' ', '-', '', "'", '\t'));
    const text = fc.array(part, { maxLength: 30 }).map((parts) => parts.map(([w, gap]) => w + gap).join(''));
    fc.assert(
      fc.property(text, text, text, (title, lead, body) => {
        const article = { title, titleSource: 'explicit' as const, lead, text: `${lead} ${body}`, manualTopics: [] };
        const expected = matchTopics(article, byPattern);
        expect(matchTopics(article, matchers)).toEqual(expected);
        expect(matchTopics(article, always)).toEqual(expected);
      }),
      params,
    );
  });

  it('term counts are those of a Map over the ids: first occurrence order, counts capped at 65 535', () => {
    const byMap = (ids: Int32Array) => {
      const counts = new Map<number, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      return { ids: Int32Array.from(counts.keys()), counts: Uint16Array.from(counts.values(), (n) => Math.min(n, 65_535)) };
    };
    const id = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -4, max: 4 }));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 2000 }), (list) => {
        const ids = Int32Array.from(list);
        expect(countsOf(ids)).toEqual(byMap(ids));
      }),
      params,
    );
    const many = new Int32Array(70_000).fill(7);
    many[5] = -3;
    expect(countsOf(many)).toEqual(byMap(many));
  });

  it('selection finds the number a sort would put at any place, duplicates and runs included', () => {
    const value = fc.oneof(fc.double({ noNaN: true, min: 0, max: 1e6 }), fc.constantFrom(1, 1.5, 2, 2.000_000_1));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), fc.nat(), fc.boolean(), (numbers, place, presorted) => {
        const given = presorted ? [...numbers].sort((a, b) => a - b) : numbers;
        const nth = place % given.length;
        // Extra room after the first n numbers is left alone.
        const values = Float64Array.from([...given, -1, -1]);
        expect(selectNth(values, given.length, nth)).toBe([...given].sort((a, b) => a - b)[nth]);
        expect([...values.subarray(given.length)]).toEqual([-1, -1]);
      }),
      params,
    );
  });

  it('the id table counts like a Map, through growth, for any 32-bit ids', () => {
    const id = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, 1024, -1024, 2 ** 20));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 3000 }), fc.integer({ min: 1, max: 4000 }), (keys, expected) => {
        const table = new IdTable(expected);
        const map = new Map<number, number>();
        for (const key of keys) {
          table.add(key);
          map.set(key, (map.get(key) ?? 0) + 1);
        }
        expect(table.size).toBe(map.size);
        for (const [key, value] of map) expect(table.count(key)).toBe(value);
        expect(table.count(123_456_789)).toBe(map.get(123_456_789) ?? 0);
      }),
      { ...params, numRuns: Math.max(50, runs / 5) },
    );
  });
});
