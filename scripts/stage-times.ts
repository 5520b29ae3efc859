/**
 * Developer tool: times ingest and normalise separately over a content folder.
 * Usage: npx tsx scripts/stage-times.ts DIR
 */
import { loadSiteData } from '../src/config.js';
import { Diagnostics } from '../src/diagnostics.js';
import { ingest } from '../src/ingest/index.js';
import { normalise } from '../src/normalise/index.js';

const dir = process.argv[2] ?? 'content';
const diagnostics = new Diagnostics();
const data = loadSiteData(dir, diagnostics);
let t = performance.now();
const raws = await ingest(dir, data.site.ignore, diagnostics);
console.log(`ingest: ${raws.length} files in ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
const articles = normalise(raws, data, diagnostics);
console.log(`normalise: ${articles.length} articles in ${(performance.now() - t).toFixed(0)} ms`);
