/**
 * The five seed articles in content/ are the spec: each record is a reviewed
 * golden file, and the properties the issues name are asserted one by one.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collate } from '../src/collate/index.js';
import { bodyTree } from '../src/hast.js';
import { check } from '../src/build.js';
import type { Article } from '../src/model.js';
import { expectGolden } from './support/golden.js';
import { reviewable } from './support/records.js';

const contentDir = join(import.meta.dirname, '..', 'content');
let bySeed: Record<string, Article>;
let result: Awaited<ReturnType<typeof check>>;

beforeAll(async () => {
  result = await check({ contentDir });
  bySeed = Object.fromEntries(result.articles.map((a) => [a.source.path.slice(0, 3), a]));
});

describe('seed records', () => {
  it.each(['000', '001', '002', '003', '004'])('seed %s matches its reviewed golden record', (seed) => {
    const article = bySeed[seed]!;
    expectGolden(join(import.meta.dirname, 'fixtures', 'seeds', `${article.source.path}.json`), reviewable(article));
  });

  it('000: Jekyll front matter, RFC 2822 date with its clock time, HTML body, De Telegraaf', () => {
    const a = bySeed['000']!;
    expect(a.title).toBe('VS zetten Duitsland onder druk over Huawei');
    expect(a.titleSource).toBe('explicit');
    expect(a.date).toEqual({ value: '2019-05-31', precision: 'day', time: '12:59:27+02:00', source: 'front-matter' });
    expect(a.outlet).toBe('De Telegraaf');
    expect(a.externalUrl).toMatch(/^https:\/\/www\.telegraaf\.nl\//);
    expect(a.tags.map((t) => t.label)).toEqual(['financieel', 'koersen']);
    expect(a.lead).toMatch(/^Landen die het Chinese Huawei inhuren/);
  });

  it('001: first line is the title; caption, glued subheading and Lees ook are recognised', () => {
    const a = bySeed['001']!;
    expect(a.title).toBe('Huawei wil deel 5G-productie van China naar Europa verhuizen');
    expect(a.titleSource).toBe('explicit');
    expect(a.date).toBeNull();
    expect(a.estimate).toBeNull();
    const blocks = topLevel(a);
    expect(blocks).toContainEqual({ tag: 'p.caption', text: 'Ren Zhengfei, de oprichter en CEO van Huawei' });
    expect(blocks).toContainEqual({ tag: 'h2', text: "EU-lidstaten beducht voor risico's" });
    expect(blocks.find((b) => b.text.startsWith('Een ban van Chinese leveranciers'))?.tag).toBe('p');
    expect(a.alsoRead.map((r) => r.title)).toEqual([
      'Nog geen enkel bewijs gezien dat de beschuldigingen van de VS tegen Huawei ondersteunt',
      'Er is nog geen achterdeur gevonden in de apparatuur van Huawei',
    ]);
    expect(bodyText(a)).not.toContain('Lees ook');
  });

  it('002: the glued repeat is removed with a warning, each paragraph once; derived title; estimate not before 2020', () => {
    const a = bySeed['002']!;
    expect(a.titleSource).toBe('derived');
    expect(a.title.startsWith('De Verenigde Staten zijn gestopt met het goedkeuren van vergunningen')).toBe(true);
    expect(a.date).toBeNull();
    expect(a.estimate).toMatchObject({ notBefore: '2020', precision: 'year' });
    expect(a.estimate!.evidence[0]).toContain('Qualcomm in 2020');
    const paragraphs = topLevel(a).map((b) => b.text);
    expect(new Set(paragraphs).size).toBe(paragraphs.length);
    expect(bodyText(a)).not.toContain('maakt.Een');
    for (const opening of ['Huawei kampt al jaren', 'Een woordvoerder van de Amerikaanse overheid', 'Vorige week werd bekend']) {
      expect(bodyText(a).split(opening).length - 1).toBe(1);
    }
    expect(topLevel(a)).toContainEqual({ tag: 'h2', text: 'AI' });
    expect(a.diagnostics.map((d) => d.code)).toEqual(['normalise/duplicate-body-removed']);
  });

  it('003: no date, derived title, subheading Partners', () => {
    const a = bySeed['003']!;
    expect(a.date).toBeNull();
    expect(a.titleSource).toBe('derived');
    expect(a.title.startsWith('China en de Verenigde Staten plannen in januari')).toBe(true);
    expect(topLevel(a)).toContainEqual({ tag: 'h2', text: 'Partners' });
  });

  it('004: the inline marker gives June 2025 at month precision and is not body text', () => {
    const a = bySeed['004']!;
    expect(a.date).toEqual({ value: '2025-06', precision: 'month', source: 'inline-marker' });
    expect(bodyText(a).startsWith('De VS overweegt een volledig verbod')).toBe(true);
    expect(bodyText(a)).not.toMatch(/date 2025/);
  });

  it('the seeds build with no error and only the expected warning', () => {
    const codes = result.diagnostics.list().map((d) => `${d.source.path} ${d.code}`);
    expect(codes).toEqual(['002_eee645c904de448d.txt normalise/duplicate-body-removed']);
  });

  it('topics: each seed is on the topics its text is about', () => {
    const archive = collate(result.articles, result.data);
    const topicsOf = (seed: string) => archive.articles.find((a) => a.source.path.startsWith(seed))!.topics.map((m) => m.topic);
    expect(topicsOf('000')).toEqual(expect.arrayContaining(['huawei', '5g', 'spionage']));
    expect(topicsOf('002')).toEqual(expect.arrayContaining(['exportbeperkingen', 'chips']));
    expect(topicsOf('003')).toEqual(expect.arrayContaining(['zte', 'handelsoorlog']));
    expect(topicsOf('004')).toEqual(expect.arrayContaining(['exportbeperkingen', 'chips']));
    // A single passing mention in the body is not enough.
    expect(topicsOf('000')).not.toContain('handelsoorlog');
    expect(topicsOf('001')).not.toContain('zte');
  });
});

/** The body's text as a reader sees it, block by block (a record's own `text` is emptied once its analysis is made). */
function bodyText(article: Article): string {
  return topLevel(article).map((b) => b.text).join('\n\n');
}

function topLevel(article: Article): Array<{ tag: string; text: string }> {
  return bodyTree(article.body).children.flatMap((node) => {
    if (node.type !== 'element') return [];
    const cls = Array.isArray(node.properties.className) ? `.${node.properties.className.join('.')}` : '';
    const text = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
    return [{ tag: `${node.tagName}${cls}`, text }];
  });
}
