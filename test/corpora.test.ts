/**
 * A full build of every real-world corpus in ../shared/corpora (when it is
 * there) into a temp folder: nothing throws, render and write report no
 * error, and every article file gives a record or a diagnostic naming it.
 * The corpora are read in place and their output is deleted, never kept.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, check } from '../src/build.js';
import { Diagnostics } from '../src/diagnostics.js';
import { scanContent } from '../src/ingest/scan.js';

const corporaDir = join(import.meta.dirname, '..', '..', 'shared', 'corpora');
const corpora = existsSync(corporaDir) ? readdirSync(corporaDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];

const temp = mkdtempSync(join(tmpdir(), 'dossier-corpora-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.skipIf(corpora.length === 0)('real-world corpora', () => {
  it.each(corpora)('%s: builds whole, and every article file becomes a record or a diagnostic naming it', async (name) => {
    const dir = join(corporaDir, name);
    // A full build (render and write too: real data found crashes there that check alone could not).
    const result = await build({ contentDir: dir, outDir: join(temp, name) });
    expect(result.diagnostics.list().filter((d) => /^(render|write)\//.test(d.code))).toEqual([]);
    const files = await scanContent(dir, [], new Diagnostics());
    const recorded = new Set(result.articles.map((a) => a.source.path));
    const reported = new Set(result.diagnostics.list().filter((d) => d.severity !== 'info').map((d) => d.source.path));
    const silent = files.map((f) => f.path).filter((path) => !recorded.has(path) && !reported.has(path));
    expect(silent).toEqual([]);
    expect(result.articles.length).toBeGreaterThan(0);
    for (const d of result.diagnostics.list()) expect(d.message.length).toBeGreaterThan(0);
    // Events, stories and related articles stay well-formed on real text.
    for (const article of result.archive.articles) {
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
