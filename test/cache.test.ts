/**
 * The warm no-op: a build whose every input is unchanged since the last
 * successful build into the same folder, with that folder untouched, writes
 * nothing and reports the same diagnostics; any change rebuilds.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWithCache, DEFAULT_TEMPLATES } from '../src/build.js';
import { FileDigests } from '../src/cache.js';
import { main } from '../src/cli.js';
import { hashTree } from './support/tree.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-cache-'));
const contentDir = join(temp, 'content');
const templatesDir = join(temp, 'templates');
const outDir = join(temp, 'dist');
const cacheDir = join(temp, 'cache');
const options = { contentDir, templatesDir, outDir, cacheDir };

beforeAll(() => {
  cpSync(join(import.meta.dirname, '..', 'content'), contentDir, { recursive: true });
  cpSync(DEFAULT_TEMPLATES, templatesDir, { recursive: true });
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(temp, { recursive: true, force: true });
});

describe('file digests', () => {
  it('keeps each file by path, a file recorded again with its later digest, and gives the columns the manifest stores', () => {
    const digests = new FileDigests();
    const sha1 = (c: string) => c.repeat(40);
    const paths = Array.from({ length: 1500 }, (_, i) => `/in/file-${i}.md`);
    paths.forEach((path, i) => digests.set(path, [i, 1_700_000_000_000.5 + i, sha1('0123456789abcdef'[i % 16]!)]));
    digests.set('/in/file-3.md', [33, 1.25, sha1('f')]);
    expect(digests.get('/in/file-3.md')).toEqual([33, 1.25, sha1('f')]);
    expect(digests.get('/in/file-1499.md')).toEqual([1499, 1_700_000_001_499.5, sha1('b')]);
    expect(digests.sha1Of('/in/file-0.md')).toBe(sha1('0'));
    expect(digests.get('/in/none.md')).toBeUndefined();
    expect(digests.sha1Of('/in/none.md')).toBeUndefined();
    const columns = digests.columns();
    expect(columns.paths).toEqual(paths);
    expect(columns.sha1).toHaveLength(1500 * 40);
    expect(columns.sha1.slice(3 * 40, 4 * 40)).toBe(sha1('f'));
    expect([columns.sizes[3], columns.mtimes[3], columns.sizes[1499]]).toEqual([33, 1.25, 1499]);
    expect([...digests.hashed()].find(([path]) => path === '/in/file-17.md')).toEqual(['/in/file-17.md', sha1('1')]);
  });
});

describe('warm no-op', () => {
  it('skips a build when nothing changed, leaving the output byte for byte and repeating the diagnostics', async () => {
    const first = await buildWithCache(options);
    expect(first.upToDate).toBe(false);
    const tree = hashTree(outDir);
    const second = await buildWithCache(options);
    expect(second.upToDate).toBe(true);
    expect(second.diagnostics.list()).toEqual(first.diagnostics.list());
    expect([second.articles, second.pages]).toEqual([first.articles, first.pages]);
    expect(hashTree(outDir)).toEqual(tree);
  });

  it('rebuilds after a change to an article, a template, the options or the output itself', async () => {
    appendFileSync(join(contentDir, '001_1e17a6e5d2ed4e22.txt'), '\nEen nieuwe slotzin.\n');
    expect((await buildWithCache(options)).upToDate).toBe(false);
    expect((await buildWithCache(options)).upToDate).toBe(true);
    writeFileSync(join(templatesDir, '404.njk'), readFileSync(join(templatesDir, '404.njk'), 'utf8').replace('</h1>', ' !</h1>'));
    expect((await buildWithCache(options)).upToDate).toBe(false);
    // The page is rendered anew although its view is the same: the templates are part of what a page was made from.
    expect(readFileSync(join(outDir, '404.html'), 'utf8')).toContain(' !</h1>');
    expect((await buildWithCache({ ...options, baseUrl: 'https://example.org/archief/' })).upToDate).toBe(false);
    appendFileSync(join(outDir, 'robots.txt'), 'met de hand aangepast\n');
    expect((await buildWithCache({ ...options, baseUrl: 'https://example.org/archief/' })).upToDate).toBe(false);
    expect(readFileSync(join(outDir, 'robots.txt'), 'utf8')).not.toContain('met de hand');
  });

  it('rebuilds when a file deep in the output was deleted or one was added at its top', async () => {
    expect((await buildWithCache(options)).upToDate).toBe(false);
    expect((await buildWithCache(options)).upToDate).toBe(true);
    const page = readdirSync(join(outDir, 'artikel'))[0]!;
    rmSync(join(outDir, 'artikel', page, 'index.html'));
    expect((await buildWithCache(options)).upToDate).toBe(false);
    expect(existsSync(join(outDir, 'artikel', page, 'index.html'))).toBe(true);
    writeFileSync(join(outDir, 'extra.html'), 'met de hand toegevoegd');
    expect((await buildWithCache(options)).upToDate).toBe(false);
    expect(existsSync(join(outDir, 'extra.html'))).toBe(false);
    expect((await buildWithCache(options)).upToDate).toBe(true);
    // A folder of the site replaced by a file of the same name: its pages cannot even be looked at; a rebuild, no crash.
    rmSync(join(outDir, 'artikel'), { recursive: true });
    writeFileSync(join(outDir, 'artikel'), 'geen map meer');
    expect((await buildWithCache(options)).upToDate).toBe(false);
    expect(existsSync(join(outDir, 'artikel', page, 'index.html'))).toBe(true);
  });

  it('with no cache always builds and writes no manifest', async () => {
    const other = join(temp, 'no-cache-out');
    expect((await buildWithCache({ ...options, outDir: other, cacheDir: null })).upToDate).toBe(false);
    expect((await buildWithCache({ ...options, outDir: other, cacheDir: null })).upToDate).toBe(false);
  });

  it('builds the site all the same when the record cache cannot be written, with a warning saying so', async () => {
    const blocked = join(temp, 'blocked-cache');
    // A file where the records' folder would go: the record cache cannot be written there.
    mkdirSync(blocked, { recursive: true });
    writeFileSync(join(blocked, 'records'), 'not a folder');
    const other = join(temp, 'blocked-out');
    const result = await buildWithCache({ ...options, outDir: other, cacheDir: blocked });
    expect(result.diagnostics.list().filter((d) => d.code === 'build/cache-not-saved').map((d) => d.severity)).toEqual(['warning']);
    const plain = join(temp, 'blocked-plain');
    await buildWithCache({ ...options, outDir: plain, cacheDir: null });
    expect(hashTree(other)).toEqual(hashTree(plain));
  });

  it('keeps the exit code of the build it stands for', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const args = ['build', '--content', join(import.meta.dirname, 'fixtures', 'dates', 'content'), '--out', join(temp, 'dates-out'), '--cache-dir', join(temp, 'cli-cache')];
    expect(await main(args)).toBe(1);
    expect(String(log.mock.calls.at(-1)?.[0])).toMatch(/^Built \d+ articles/);
    // The second run is answered from the manifest, before the pipeline is loaded.
    expect(await main(args)).toBe(1);
    expect(String(log.mock.calls.at(-1)?.[0])).toMatch(/^Nothing changed since the last build/);
    expect(existsSync(join(temp, 'cli-cache', 'builds'))).toBe(true);
  });
});
