/**
 * Developer tool: the render stage alone, as a build runs it (views made in
 * this thread, rendered and written by worker threads into OUT's spare copy),
 * with its wall time and this process's CPU time. Reading and collating come
 * first and are not counted, so alternated runs of two versions of the code
 * compare their render stage without the read stage's noise.
 * Usage: node --import tsx scripts/profile-render.ts CONTENT_DIR OUT_DIR [threads]
 */
import { check, DEFAULT_TEMPLATES } from '../src/build.js';
import { collate } from '../src/collate/index.js';
import { Diagnostics } from '../src/diagnostics.js';
import { prepareRender } from '../src/render/index.js';
import { renderPages } from '../src/workers/render-pages.js';
import { openSpare, writeSite } from '../src/write/index.js';

const [contentDir, outDir, threads = '2'] = process.argv.slice(2);
if (!contentDir || !outDir) throw new Error('usage: node --import tsx scripts/profile-render.ts CONTENT_DIR OUT_DIR [threads]');
const { articles, data } = await check({ contentDir });
const context = prepareRender(collate(articles, data), data, DEFAULT_TEMPLATES);
const diagnostics = new Diagnostics();
let line = '';
await writeSite(
  outDir,
  async (writer) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const report = await renderPages(context, context.pages, writer, diagnostics, { threads: Number(threads), release: true });
    const used = process.cpuUsage(cpu);
    line = `${context.pages.length} pages (${report.inThreads} in threads): ${((performance.now() - started) / 1000).toFixed(2)} s, CPU ${(used.user / 1e6).toFixed(2)} s user + ${(used.system / 1e6).toFixed(2)} s system`;
  },
  diagnostics,
  openSpare(outDir),
);
console.log(line);
