/**
 * A large build's memory: full garbage collections at the few moments it
 * knows most of what it just made is garbage (between stages), and a bound
 * on how far each heap grows between V8's own. Left to itself, V8 lets the
 * old generation grow to two or three times what is live before it collects
 * (it judges by how fast collections are, not by how much is free), and in
 * a large archive each stage's temporaries (the similarity index, the
 * exports' JSON, the search postings) outlive the young generation. That
 * slack, not what the build keeps, made most of the peak memory.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far, in percent, V8 lets a heap grow past what its last full collection left before the next (its flag
 * `--heap-growing-percent`; left to itself, 1.1 to 4 times). Rendering a 100 000-article archive promotes views,
 * their JSON and the timelines' HTML kept a while (render/timeline-html.ts) into the main heap: with a forced full
 * collection every 20 000 pages the peak reached 1.61 GB. Every 10 000 pages kept it at 1.47 GB but cost 18 s of the
 * main thread's 60 s of rendering (23 collections that stop everything, 0.6-1.3 s each); with V8's own
 * collections, incremental and concurrent, held to this bound, the stage took 42-51 s instead of 61-79 s at a peak
 * as low (1.41-1.44 GB). 20 and 30 measured alike.
 */
export const HEAP_GROWTH_PERCENT = 30;

/**
 * The bound while an archive of RENDER_BOUND_FROM articles or more renders beside a page memory that knows an earlier
 * copy of the site (every build with the cache after the first): the render holds the build's largest heap, and the
 * page tables, the input digests and the card stamps put it at the 1.5 GiB a build may take. Alternated at 100 000
 * (tmpfs, two pairs each), the second build (the first copy known, every page rendered into the other): peak
 * 1 475 924 and 1 469 524 KiB against 1 570 924 and 1 487 892 KiB unbounded, in 72.3 and 65.7 s against 66.2 and
 * 73.4 s. The first build with the cache (no copy known) has room since a topic's undated articles are spread over
 * pages (render/timeline.ts) and renders unbounded: 96.7-101.6 s (render 32.9-37.7 s), peak 1 474 712-1 515 460 KiB,
 * against 105.7-117.9 s (render 41.3-44.0 s), 1 422 332-1 436 360 KiB bounded (four alternated runs each); three
 * more runs of this code 102.4-109.8 s, 1 455 012-1 535 660 KiB. A cold build (`--no-cache`, 1.26 GiB) has no page
 * memory.
 */
export const RENDER_GROWTH_PERCENT = 20;

/** Articles from which the render stage holds the heaps to RENDER_GROWTH_PERCENT, and a topic's events are kept while recent only (render/routes.ts). */
export const RENDER_BOUND_FROM = 80_000;

/**
 * Articles from which a build that read most of its files afresh collects between stages (`collectGarbage`): below
 * it the heap is small and V8's own schedule is cheaper. Without these collections a cold build of 16 000 Markdown
 * posts peaked at 605-746 MB instead of 520-562 MB, no faster. A build whose records came from the record cache
 * (after an edit) lets go of little between stages: there the collections cost one edit at 16 000 articles 8.7-10.6
 * against 8.2-8.4 s (CPU 11.4-13.7 against 10.1-10.3 s) for a peak lower by 70-100 MB, and it collects only from
 * BOUND_MEMORY_FROM.
 */
export const COLLECT_FROM = 2000;

/**
 * Article files from which a build bounds its memory: its heaps' growth (HEAP_GROWTH_PERCENT), and collections
 * between stages however it read its files. The bound buys memory with more full collections, worth it only where
 * memory is what limits a build. Cold builds of 16 000 Markdown posts took 18.4, 17.8 and 18.4 s bounded against
 * 17.2, 17.6 and 16.8 s not (CPU 29.2-29.8 against 27.0-28.3 s), peak 463-481 against 524-542 MB; one edit 9.0-9.5
 * against 8.7-9.0 s. At 48 000 articles: 55.0 against 51.6 s, peak 870 against 1 120 MB. Unbounded, the peak grows
 * some 23 KB an article: below this size no build passes about 0.9 GiB, and from it the bound holds 48 000 articles
 * at 0.85 GiB and 100 000 under the 1.5 GiB a build may take.
 */
export const BOUND_MEMORY_FROM = 40_000;

/**
 * Articles up to which the routes are listed while a thread settles related articles and stories
 * (collate/kin-thread.ts); from here they wait for it. Side by side, the main heap grows with the routes while the
 * thread holds its similarity index and the term counts it reads: at 100 000 articles the peak went from 1.42-1.43 to
 * 1.49-1.51 GiB, at the 1.5 GiB a build may take (1.35-1.36 GiB with the routes after). At 16 000 the collate stage's
 * memory stayed under the render stage's peak, and the overlap saves half a second there. Above, only grouping
 * topics, events and periods runs beside the thread.
 */
export const ROUTES_BESIDE_KINSHIP_UNTIL = 50_000;

/**
 * Up to this many articles a build with a cache keeps the search index's lists for the next (write/search-memo.ts).
 * The thread then holds them twice while it makes them (the postings as counted and their flat copy, or the lists read
 * and the lists patched: 4 bytes a posting each, some 20 million postings at 100 000 articles), beside a heap near
 * the bound there; not measured there, so left out.
 */
export const SEARCH_MEMO_UNTIL = 50_000;

/**
 * A render thread's heap, past which it collects: what it keeps is some tens of
 * megabytes (templates, one batch), yet V8 let it grow to 300 MB on a 100 000
 * article archive's timeline pages, two threads' worth on top of the main heap.
 */
export const THREAD_HEAP_LIMIT = 96 * 1024 * 1024;

let collector: (() => void) | null | undefined;
let growthBounded = false;

/**
 * Bounds every heap of the process, this thread's and the worker threads', to HEAP_GROWTH_PERCENT of growth
 * between full collections (a process-wide flag, set once; a `--heap-growing-percent` given to Node is kept).
 */
export function boundHeapGrowth(): void {
  if (growthBounded) return;
  growthBounded = true;
  setGrowth(HEAP_GROWTH_PERCENT);
}

/** Holds every heap to `percent` of growth for a while (a stage); the function returned sets the bound back to HEAP_GROWTH_PERCENT. */
export function tightenHeapGrowth(percent: number): () => void {
  growthBounded = true;
  setGrowth(percent);
  return () => setGrowth(HEAP_GROWTH_PERCENT);
}

/** Sets V8's growth bound, unless Node was given one. */
function setGrowth(percent: number): void {
  if (process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** A full collection now; nothing if the runtime allows none. */
export function collectGarbage(): void {
  if (collector === undefined) collector = findCollector();
  collector?.();
}

/** The heap size past which `collectWhenGrown` collects: twice what was live after its last collection, THREAD_HEAP_LIMIT at least. */
let growthLimit = THREAD_HEAP_LIMIT;

/**
 * A full collection when this thread's heap (garbage included) has grown past
 * its limit; true when it ran. The limit follows what stays live, so a thread
 * that keeps more than THREAD_HEAP_LIMIT never collects after every batch.
 */
export function collectWhenGrown(): boolean {
  if (getHeapStatistics().used_heap_size <= growthLimit) return false;
  collectGarbage();
  growthLimit = Math.max(THREAD_HEAP_LIMIT, 2 * getHeapStatistics().used_heap_size);
  return true;
}

/** `gc` when Node was started with `--expose-gc`; else the one a new context gets once the flag is set. */
function findCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  try {
    // The flag gives `gc` to contexts made after it is set, never to the running one.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}
