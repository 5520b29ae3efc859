/**
 * Developer tool: the live heap at each stage boundary of one build (after a
 * full garbage collection), to see what the archive keeps in memory as it goes,
 * apart from the garbage V8 lets pile up between collections (which the peak
 * RSS of `npm run bench` includes).
 * With CACHE_DIR, the build runs as `dossier build --cache-dir` does (record
 * cache, page memory, manifest), to see what those keep beside the archive.
 * Usage: node --expose-gc --import tsx scripts/heap-stages.ts CONTENT_DIR OUT_DIR [CACHE_DIR]
 */
import { buildWithCache } from '../src/build.js';

const [contentDir, outDir, cacheDir] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!contentDir || !outDir || !gc) throw new Error('usage: node --expose-gc --import tsx scripts/heap-stages.ts CONTENT_DIR OUT_DIR [CACHE_DIR]');

const mib = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`;
/** Collects twice (the second pass frees what the first only finalised) and prints the live heap, array buffers and RSS. */
const show = (label: string) => {
  gc();
  gc();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(16)} live heap ${mib(m.heapUsed).padStart(9)}   array buffers ${mib(m.arrayBuffers).padStart(8)}   rss ${mib(m.rss).padStart(9)}`);
};

let stage = '';
show('start');
const started = performance.now();
await buildWithCache({
  contentDir,
  outDir,
  cacheDir: cacheDir ?? null,
  onProgress: (name) => {
    if (name === stage) return;
    show(`before ${name}`);
    stage = name;
  },
});
// What `write` shows can include the last export still held by the build's own frame; `end` is after the build returned.
show('end');
console.log(`${((performance.now() - started) / 1000).toFixed(1)} s (collections included)`);
