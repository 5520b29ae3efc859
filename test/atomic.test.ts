/**
 * Atomic output: a build that fails, or is killed with SIGKILL halfway, leaves
 * the previous site complete and unchanged; the next build mends the spare
 * copy it was writing into; a swap cut short between its renames is finished.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, DEFAULT_TEMPLATES } from '../src/build.js';
import { Diagnostics } from '../src/diagnostics.js';
import { openSpare, writeSite } from '../src/write/index.js';
import { startCli } from './support/cli-process.js';
import { pollUntil } from './support/poll.js';
import { hashTree, listFiles } from './support/tree.js';
import { generateCorpus } from './support/corpus.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-atomic-'));
const outDir = join(temp, 'dist');
const corpus = join(temp, 'corpus');
let before: Record<string, string>;

beforeAll(async () => {
  await build({ contentDir: join(import.meta.dirname, '..', 'content'), outDir });
  before = hashTree(outDir);
  generateCorpus(3000, corpus);
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('atomic output', () => {
  it('a build killed with SIGKILL while writing leaves the previous site unchanged', async () => {
    const child = startCli(['build', '--content', corpus, '--out', outDir]);
    const exited = new Promise((resolve) => child.on('close', resolve));
    // Kill it once it is writing: the spare copy beside dist/ holds some of its pages.
    const spare = join(temp, '.dist.dossier-spare');
    await pollUntil(() => existsSync(join(spare, 'artikel')) && listFiles(join(spare, 'artikel')).length > 20, 'the build to start writing', 60_000, 20);
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(spare)).toBe(true);
    expect(hashTree(outDir)).toEqual(before);
  });

  it('a build that fails leaves the previous site unchanged', async () => {
    const templates = join(temp, 'broken-templates');
    cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
    rmSync(join(templates, 'locales'), { recursive: true });
    await expect(build({ contentDir: corpus, outDir, templatesDir: templates })).rejects.toThrow();
    expect(hashTree(outDir)).toEqual(before);
  });

  it('the next build mends the spare copy the killed one left half-written', async () => {
    await build({ contentDir: join(import.meta.dirname, '..', 'content'), outDir });
    expect(readdirSync(temp).filter((n) => n.startsWith('.dist.dossier-'))).toEqual(['.dist.dossier-spare']);
    expect(hashTree(outDir)).toEqual(before);
  });

  it('a swap cut short between its renames is finished by the next build', async () => {
    // As if killed right after moving dist/ aside: no dist/ at all, the site under the swap name.
    renameSync(outDir, join(temp, '.dist.dossier-swap'));
    await build({ contentDir: join(import.meta.dirname, '..', 'content'), outDir });
    expect(hashTree(outDir)).toEqual(before);
    expect(readdirSync(temp).filter((n) => n.startsWith('.dist.dossier-'))).toEqual(['.dist.dossier-spare']);
  });

  it('writes only what changed, and each of the two copies ends up right', async () => {
    const content = join(temp, 'small');
    cpSync(join(import.meta.dirname, '..', 'content'), content, { recursive: true });
    const out = join(temp, 'small-dist');
    const first = await build({ contentDir: content, outDir: out });
    expect(first.filesWritten).toBe(first.fileCount);
    const second = await build({ contentDir: content, outDir: out });
    // The spare was empty: the second build writes everything once more; from then on only changes.
    expect(second.filesWritten).toBe(second.fileCount);
    const third = await build({ contentDir: content, outDir: out });
    expect(third.filesWritten).toBe(0);
    const site = hashTree(out);
    appendFileSync(join(content, '001_1e17a6e5d2ed4e22.txt'), '\nEen nieuwe slotzin over Huawei.\n');
    const edited = await build({ contentDir: content, outDir: out });
    expect(edited.filesWritten).toBeGreaterThan(0);
    expect(edited.filesWritten).toBeLessThan(edited.fileCount / 2);
    const fresh = join(temp, 'small-fresh');
    await build({ contentDir: content, outDir: fresh });
    expect(hashTree(out)).toEqual(hashTree(fresh));
    expect(hashTree(out)).not.toEqual(site);
    // A page the site no longer has is gone from both copies once they have turned over.
    rmSync(join(content, '003_36de9f670eaed532.txt'));
    await build({ contentDir: content, outDir: out });
    await build({ contentDir: content, outDir: fresh });
    expect(hashTree(out)).toEqual(hashTree(fresh));
    await build({ contentDir: content, outDir: out });
    expect(hashTree(join(temp, '.small-dist.dossier-spare'))).toEqual(hashTree(fresh));
  });

  it('lists the old copy in a thread of its own exactly as here', async () => {
    const out = join(temp, 'listed', 'dist');
    // Two builds: the second's spare copy is the first's site.
    for (let i = 0; i < 2; i++) await build({ contentDir: join(import.meta.dirname, '..', 'content'), outDir: out });
    const [here, inThread] = [await openSpare(out, false), await openSpare(out, true)];
    expect([...inThread.stale].sort()).toEqual([...here.stale].sort());
    expect([...here.stale].sort()).toEqual(listFiles(join(temp, 'listed', '.dist.dossier-spare')).sort());
    expect(here.stale.size).toBeGreaterThan(0);
    // The thread took each file's size and time as it listed it: what a stat says now, nothing changed since.
    const spare = join(temp, 'listed', '.dist.dossier-spare');
    expect(here.listedStats).toBeNull();
    expect([...inThread.listedStats!.keys()].sort()).toEqual([...here.stale].sort());
    for (const [path, listed] of inThread.listedStats!) expect(listed).toEqual({ size: statSync(join(spare, path)).size, mtimeMs: statSync(join(spare, path)).mtimeMs });
  });

  it('turns a page into a folder and back: whatever of the old copy stands in the way is cleared', async () => {
    const out = join(temp, 'shapes');
    const site = (files: Record<string, string>) => writeSite(out, async ({ emit }) => {
      for (const [path, text] of Object.entries(files)) await emit({ path, bytes: new TextEncoder().encode(text) });
    }, new Diagnostics());
    const shapes: Array<Record<string, string>> = [{ 'nieuws/index.html': 'een', 'a.txt': 'a' }, { 'nieuws/index.html': 'twee' }, { nieuws: 'bestand', 'a.txt/b.txt': 'map' }, { 'nieuws/index.html': 'drie', 'a.txt': 'weer' }, { nieuws: 'weer bestand' }];
    for (const files of shapes) {
      await site(files);
      expect(Object.fromEntries(listFiles(out).map((p) => [p, readFileSync(join(out, p), 'utf8')]))).toEqual(files);
    }
  });

  it('removes the folders a removed page leaves empty, and only those', async () => {
    const out = join(temp, 'emptied');
    const site = (files: Record<string, string>) => writeSite(out, async ({ emit }) => {
      for (const [path, text] of Object.entries(files)) await emit({ path, bytes: new TextEncoder().encode(text) });
    }, new Diagnostics());
    const folders = (root: string) => readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)).sort();
    const full = { 'tag/huawei/index.html': 'h', 'tag/huawei/pagina/2/index.html': 'h2', 'tag/5g/index.html': '5', 'index.html': 'i' };
    const less = { 'tag/5g/index.html': '5', 'index.html': 'i' };
    // Both copies hold the full site, then both turn over to the smaller one.
    for (const files of [full, full, less, less]) await site(files);
    for (const root of [out, join(temp, '.emptied.dossier-spare')]) expect(folders(root)).toEqual(['tag', 'tag/5g']);
  });
});
