/**
 * The per-file work (ingest → normalise → analysis) for the first N files of
 * a folder, one after another in this thread: run it under the CPU profiler
 * to see what one article costs without worker threads in the picture.
 * Usage: node --cpu-prof --import tsx scripts/profile-read.ts DIR [N]
 */
import { loadSiteData } from '../src/config.js';
import { Diagnostics } from '../src/diagnostics.js';
import { scanContent } from '../src/ingest/scan.js';
import { readOne } from '../src/workers/read-one.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: scripts/profile-read.ts DIR [N]');
const diagnostics = new Diagnostics();
const data = loadSiteData(dir, diagnostics);
const files = (await scanContent(dir, data.site.ignore, diagnostics)).slice(0, Number(process.argv[3] ?? 2000));
const started = performance.now();
for (const file of files) await readOne(dir, file, data);
const ms = performance.now() - started;
console.log(`${files.length} files in ${ms.toFixed(0)} ms: ${(ms / files.length).toFixed(2)} ms per file`);
