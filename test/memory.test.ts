/**
 * The collection a large build runs between stages (src/memory.ts) frees what
 * nothing reaches any more, at once, in a process started without `--expose-gc`;
 * rendering runs it every so many pages.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, DEFAULT_TEMPLATES } from '../src/build.js';
import { collate } from '../src/collate/index.js';
import { Diagnostics } from '../src/diagnostics.js';
import { collectGarbage, collectWhenGrown, THREAD_HEAP_LIMIT } from '../src/memory.js';
import { prepareRender } from '../src/render/index.js';
import type { PageTable } from '../src/page-memory.js';
import { PAGE_BATCH, renderPages, type RenderReport } from '../src/workers/render-pages.js';
import { IN_FLIGHT } from '../src/workers/pool.js';
import { writeSite } from '../src/write/index.js';

describe('collectGarbage', () => {
  it('frees an object nothing reaches any more, there and then', async () => {
    let target: object | null = { payload: new Array(1000).fill('x') };
    const weak = new WeakRef(target);
    target = null;
    // A WeakRef keeps its target alive until the job that made or read it ends.
    await new Promise((resolve) => setImmediate(resolve));
    expect(weak.deref()).toBeDefined();
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(weak.deref()).toBeUndefined();
  });
});

describe('collectWhenGrown', () => {
  it('collects once the heap has grown past its limit, then waits for it to grow again', () => {
    collectGarbage();
    collectWhenGrown();
    // Garbage past the limit, however much this process keeps.
    let garbage: string[] | null = [];
    for (let i = 0; i < 400_000; i++) garbage.push(`Huawei ${i} `.repeat(30));
    garbage = null;
    expect(getHeapStatistics().used_heap_size).toBeGreaterThan(THREAD_HEAP_LIMIT);
    expect(collectWhenGrown()).toBe(true);
    // The limit is now twice what stayed live: no collection after every batch.
    expect(collectWhenGrown()).toBe(false);
  });
});

describe('rendering pages with a task every so many pages', () => {
  const temp = mkdtempSync(join(tmpdir(), 'dossier-memory-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  /** The render context of a site of `count` short articles. */
  async function smallSite(name: string, count = 60) {
    const content = join(temp, name);
    mkdirSync(content);
    for (let i = 0; i < count; i++) writeFileSync(join(content, `${String(i).padStart(3, '0')}.txt`), `Bericht ${i} over chips\n\nDatum 2020-01-${String((i % 28) + 1).padStart(2, '0')}. Huawei en ASML spraken over chips.\n`);
    const { articles, data } = await check({ contentDir: content });
    return prepareRender(collate(articles, data), data, DEFAULT_TEMPLATES);
  }

  it('runs it each time that many more pages have been handed out, and renders every page all the same', async () => {
    const context = await smallSite('content');
    const diagnostics = new Diagnostics();
    let done = 0;
    const ranAt: number[] = [];
    const every = 40;
    await writeSite(join(temp, 'out'), async (writer) => {
      await renderPages(context, context.pages, writer, diagnostics, { threads: 1, every: { pages: every, run: () => ranAt.push(done) }, onProgress: (n) => (done = n) });
    }, diagnostics);
    expect(done).toBe(context.pages.length);
    expect(ranAt.length).toBeGreaterThan(0);
    // Never sooner than `every` pages after the last time, and never more than a batch of pages later.
    const gaps = ranAt.map((at, i) => at - (i === 0 ? 0 : ranAt[i - 1]!));
    expect(gaps.every((gap) => gap >= every && gap < every + PAGE_BATCH)).toBe(true);
    expect(context.pages.length - ranAt.at(-1)!).toBeLessThan(every + PAGE_BATCH);
  });

  it('with threads, runs it once each thread has been sent more than its usual two batches to go on with', async () => {
    const context = await smallSite('content-threads', 300);
    const diagnostics = new Diagnostics();
    const every = 100;
    let done = 0;
    let claimed = 0;
    const claimedAtRun: number[] = [];
    await writeSite(join(temp, 'out-threads'), async (writer) => {
      // Every page handed out to a thread is claimed first.
      const counting = { ...writer, claim: (path: string) => (claimed++, writer.claim(path)) };
      await renderPages(context, context.pages, counting, diagnostics, { threads: 2, every: { pages: every, run: () => claimedAtRun.push(claimed) }, onProgress: (n) => (done = n) });
    }, diagnostics);
    expect(done).toBe(context.pages.length);
    expect(claimedAtRun.length).toBeGreaterThan(0);
    // It falls due within a batch after `every` pages; run there, or after topping two threads up to their usual
    // batches, no more than that many more batches would have been handed out. Here the site has many more.
    const usual = every + PAGE_BATCH + 2 * IN_FLIGHT * PAGE_BATCH;
    expect(context.pages.length).toBeGreaterThan(usual + PAGE_BATCH);
    expect(claimedAtRun[0]).toBeGreaterThan(usual);
  });

  it('counts only the pages it hands out, not those it finds already right', async () => {
    // Enough pages for several batches of pages to render, each found among pages already right.
    const context = await smallSite('content-kept', 300);
    const diagnostics = new Diagnostics();
    const out = join(temp, 'out-kept');
    const every = 50;
    // Into one copy, then the other, then the first again: there, the pages the memory still knows are already right.
    const pass = async (spare: PageTable) => {
      let ran = 0;
      let report: RenderReport = { inThreads: 0, skipped: 0, table: {} };
      await writeSite(out, async (writer) => {
        report = await renderPages(context, context.pages, writer, diagnostics, { threads: 1, memory: { salt: 'test', spare }, every: { pages: every, run: () => ran++ } });
      }, diagnostics);
      return { ran, report };
    };
    const first = await pass({});
    await pass({});
    // The memory forgets every second page: those are rendered again, the others skipped, one after another.
    const known = Object.fromEntries(Object.entries(first.report.table).filter((_, i) => i % 2 === 0));
    const last = await pass(known);
    const rendered = context.pages.length - last.report.skipped;
    expect(last.report.skipped).toBeGreaterThan(every);
    expect(rendered).toBeGreaterThan(every);
    // Counting every page it went past, skipped ones too, it would run after fewer than `every` rendered pages.
    expect(last.ran).toBeGreaterThan(0);
    expect(last.ran).toBeLessThanOrEqual(Math.floor(rendered / every));
  });
});
