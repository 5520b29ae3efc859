/**
 * `dossier check` over every real-world corpus in ../shared/corpora (when it is
 * there): nothing throws, and every article file gives a record or a
 * diagnostic naming it. The corpora are read in place, never copied.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/build.js';
import { collate } from '../src/collate/index.js';
import { Diagnostics } from '../src/diagnostics.js';
import { scanContent } from '../src/ingest/scan.js';

const corporaDir = join(import.meta.dirname, '..', '..', 'shared', 'corpora');
const corpora = existsSync(corporaDir) ? readdirSync(corporaDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];

describe.skipIf(corpora.length === 0)('real-world corpora', () => {
  it.each(corpora)('%s: every article file becomes a record or a diagnostic naming it', async (name) => {
    const dir = join(corporaDir, name);
    const result = await check({ contentDir: dir });
    const files = await scanContent(dir, [], new Diagnostics());
    const recorded = new Set(result.articles.map((a) => a.source.path));
    const reported = new Set(result.diagnostics.list().filter((d) => d.severity !== 'info').map((d) => d.source.path));
    const silent = files.map((f) => f.path).filter((path) => !recorded.has(path) && !reported.has(path));
    expect(silent).toEqual([]);
    expect(result.articles.length).toBeGreaterThan(0);
    for (const d of result.diagnostics.list()) expect(d.message.length).toBeGreaterThan(0);
    // Collate runs over real text too: events, stories and related articles stay well-formed.
    const archive = collate(result.articles, result.data);
    expect(archive.articles).toHaveLength(result.articles.length);
    for (const article of archive.articles) {
      expect(article.related.length).toBeLessThanOrEqual(5);
      for (const event of article.events) expect(event.date.value).toMatch(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/);
    }
  });

  it.skipIf(!corpora.includes('rust-blog'))('rust-blog: each YAML post and its TOML twin give the same title and date', async () => {
    const dir = join(corporaDir, 'rust-blog');
    const { articles } = await check({ contentDir: dir });
    const byPath = new Map(articles.map((a) => [a.source.path, a]));
    const pairs = readFileSync(join(dir, 'pairs.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t') as [string, string]);
    expect(pairs.length).toBeGreaterThan(0);
    const mismatches = pairs.flatMap(([yamlPath, tomlPath]) => {
      const yaml = byPath.get(yamlPath);
      const toml = byPath.get(tomlPath);
      if (!yaml || !toml) return [`${yamlPath} / ${tomlPath}: missing`];
      const differs = yaml.title !== toml.title || yaml.date?.value !== toml.date?.value || yaml.wordCount !== toml.wordCount;
      return differs ? [`${yamlPath}: ${yaml.title} ${yaml.date?.value} ${yaml.wordCount} ≠ ${toml.title} ${toml.date?.value} ${toml.wordCount}`] : [];
    });
    expect(mismatches).toEqual([]);
  });

  it.skipIf(!corpora.includes('leestmeer-nl'))('leestmeer-nl: the post seed 000 came from reads exactly like the seed', async () => {
    const { articles } = await check({ contentDir: join(corporaDir, 'leestmeer-nl') });
    const origin = articles.find((a) => a.source.path === '_posts/2019-5-31-vs_zetten_duitsland_onder_druk_over_huawei.md')!;
    expect(origin).toMatchObject({ title: 'VS zetten Duitsland onder druk over Huawei', outlet: 'telegraaf.nl' });
    expect(origin.date).toEqual({ value: '2019-05-31', precision: 'day', time: '12:59:27+02:00', source: 'front-matter' });
  });
});
