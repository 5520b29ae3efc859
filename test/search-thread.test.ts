/**
 * A build with threads makes the search index's terms in a thread of their
 * own (src/write/search-thread.ts), reading the words from the spill file:
 * the site is the one a build in one thread writes, also over a spare copy
 * holding an older index (changed shards rewritten, gone ones deleted), and
 * without a spill file the index is made in the main thread as before.
 */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { hashTree } from './support/tree.js';
import { generateCorpus } from './support/corpus.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-search-thread-'));
const contentDir = join(temp, 'content');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

beforeAll(() => {
  generateCorpus(80, contentDir);
}, 60_000);

/** The article files of one folder of the corpus, sorted. */
const posts = () => readdirSync(join(contentDir, '_posts')).sort();

describe('the search index made in a thread', () => {
  it('is the index one thread makes, also over a spare copy holding an older one', async () => {
    const threadedOut = join(temp, 'threaded');
    const first = await build({ contentDir, outDir: threadedOut, threads: 3 });
    expect(first.threaded.search).toBe(true);
    const alone = await build({ contentDir, outDir: join(temp, 'alone'), threads: 1 });
    expect(alone.threaded.search).toBe(false);
    expect(hashTree(threadedOut)).toEqual(hashTree(join(temp, 'alone')));

    // A word only one article has, in a shard of its own: the index holds it, then loses it with its article.
    const [withWord, other] = posts();
    appendFileSync(join(contentDir, '_posts', withWord!), '\n<p>Een qqxylofoon klonk.</p>\n');
    await build({ contentDir, outDir: threadedOut, threads: 3 });
    expect(JSON.parse(readFileSync(join(threadedOut, 'search', 'terms', 'qqx.json'), 'utf8'))).toHaveProperty('qqxylofoon');
    rmSync(join(contentDir, '_posts', withWord!));
    appendFileSync(join(contentDir, '_posts', other!), '\n<p>Een nieuwe slotzin over Huawei.</p>\n');
    // Written over the spare copy, which holds the first build's site: shards compared, rewritten or deleted.
    const last = await build({ contentDir, outDir: threadedOut, threads: 3 });
    expect(last.threaded.search).toBe(true);
    const fresh = await build({ contentDir, outDir: join(temp, 'fresh'), threads: 1 });
    const tree = hashTree(threadedOut);
    expect(tree).toEqual(hashTree(join(temp, 'fresh')));
    expect(Object.keys(tree)).not.toContain('search/terms/qqx.json');
    expect(last.diagnostics.list()).toEqual(fresh.diagnostics.list());
  }, 180_000);

  it('is made in the main thread when there is no spill file to read the words from', async () => {
    const kept = process.env.TMPDIR;
    process.env.TMPDIR = join(temp, 'no-such-folder');
    try {
      const result = await build({ contentDir, outDir: join(temp, 'no-spill'), threads: 3 });
      expect(result.threaded.search).toBe(false);
      expect(result.diagnostics.list().map((d) => d.code)).toContain('build/spill-unavailable');
    } finally {
      process.env.TMPDIR = kept;
    }
    const expected = await build({ contentDir, outDir: join(temp, 'expected'), threads: 1 });
    expect(hashTree(join(temp, 'no-spill'))).toEqual(hashTree(join(temp, 'expected')));
  }, 120_000);
});
