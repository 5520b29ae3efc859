/**
 * The page memory's tables: what each page file of an output copy was made
 * from, kept in columns and stored between builds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keptAsMade, PageMemory, PageTable, type PageEntry } from '../src/page-memory.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-pages-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const entry = (n: number): PageEntry => [n, 1_700_000_000_000.25 + n, `hash-${n}`];

describe('page table', () => {
  it('keeps each file by path, the later entry of a file recorded twice, and forgets a file deleted', () => {
    const table = PageTable.from([
      ['a/index.html', entry(1)],
      ['b/index.html', entry(2)],
    ]);
    table.set('a/index.html', entry(10));
    table.delete('b/index.html');
    table.set('c/index.html', entry(3));
    expect(table.get('a/index.html')).toEqual(entry(10));
    expect([table.has('b/index.html'), table.get('b/index.html')]).toEqual([false, undefined]);
    expect(table.size).toBe(2);
    // Deleted, then written again: held once more.
    table.set('b/index.html', entry(20));
    expect([table.get('b/index.html'), table.size]).toEqual([entry(20), 3]);
  });

  it('comes back from the memory file as it was saved, for each of the two copies, and not under another salt', async () => {
    const cacheDir = join(temp, 'cache');
    const outDir = join(temp, 'dist');
    const site = PageTable.from([
      ['index.html', entry(1)],
      ['gone/index.html', entry(2)],
      ['tag/x/index.html', entry(3)],
    ]);
    site.delete('gone/index.html');
    const spare = PageTable.from([['index.html', entry(4)]]);
    const first = PageMemory.open(cacheDir, outDir, 'salt');
    await first.save(7, spare, null);
    const second = PageMemory.open(cacheDir, outDir, 'salt');
    await second.save(8, site, 7);
    const reopened = PageMemory.open(cacheDir, outDir, 'salt');
    const eight = reopened.tableOf(8);
    expect([eight.get('index.html'), eight.get('tag/x/index.html'), eight.has('gone/index.html'), eight.size]).toEqual([entry(1), entry(3), false, 2]);
    expect([reopened.tableOf(7).get('index.html'), reopened.largestCopy()]).toEqual([entry(4), 2]);
    expect(PageMemory.open(cacheDir, outDir, 'another salt').largestCopy()).toBe(0);
  });

  it('takes a spare file as made only when its size, time and hash are those recorded, and records it', () => {
    const spare = PageTable.from([['p/index.html', entry(5)]]);
    const stat = (size: number, mtimeMs: number) => () => ({ size, mtimeMs });
    const table = new PageTable();
    expect(keptAsMade(stat(5, entry(5)[1]), spare, table, 'p/index.html', () => 'other hash')).toBe(false);
    expect(keptAsMade(stat(6, entry(5)[1]), spare, table, 'p/index.html', () => 'hash-5')).toBe(false);
    expect(keptAsMade(stat(5, entry(5)[1]), spare, table, 'q/index.html', () => 'hash-5')).toBe(false);
    expect(table.size).toBe(0);
    expect(keptAsMade(stat(5, entry(5)[1]), spare, table, 'p/index.html', () => 'hash-5')).toBe(true);
    expect(table.get('p/index.html')).toEqual(entry(5));
  });
});
