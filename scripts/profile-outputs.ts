/**
 * Developer tool: what the main thread spends on each kind of output of one
 * archive, nothing written: per page template the views made (count, JSON
 * bytes, time to make and to stringify them), and per export the time to make
 * its bytes. Run it under `node --cpu-prof` to see inside either.
 * Usage: node --import tsx scripts/profile-outputs.ts CONTENT_DIR [rounds]
 */
import { check, DEFAULT_TEMPLATES } from '../src/build.js';
import { collate } from '../src/collate/index.js';
import { prepareRender } from '../src/render/index.js';
import { extraFiles } from '../src/write/outputs.js';

const [contentDir, rounds = '2'] = process.argv.slice(2);
if (!contentDir) throw new Error('usage: node --import tsx scripts/profile-outputs.ts CONTENT_DIR [rounds]');
const { articles, data, diagnostics } = await check({ contentDir });
const archive = collate(articles, data);
const context = prepareRender(archive, data, DEFAULT_TEMPLATES);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

for (let round = 1; round <= Number(rounds); round++) {
  console.log(`round ${round}: pages`);
  const byTemplate = new Map<string, { pages: number; bytes: number; view: number; json: number }>();
  for (const page of context.pages) {
    const started = performance.now();
    const view = page.view;
    const made = performance.now();
    const json = JSON.stringify(view);
    const row = byTemplate.get(page.template) ?? { pages: 0, bytes: 0, view: 0, json: 0 };
    row.pages++;
    row.bytes += json.length;
    row.view += made - started;
    row.json += performance.now() - made;
    byTemplate.set(page.template, row);
  }
  for (const [template, row] of byTemplate) console.log(`  ${template.padEnd(14)} ${String(row.pages).padStart(7)} pages ${(row.bytes / 1048576).toFixed(0).padStart(6)} MiB of view JSON, views ${seconds(row.view)}, JSON ${seconds(row.json)}`);

  console.log(`round ${round}: exports`);
  const byKind = new Map<string, { files: number; bytes: number; ms: number }>();
  let started = performance.now();
  for (const file of extraFiles(archive, data, context.pages, diagnostics)) {
    let bytes = 0;
    if (file.chunks) for (const chunk of file.chunks()) bytes += chunk.length;
    else bytes = file.bytes.length;
    // Files of one kind (feeds per topic, search shards) are counted together.
    const kind = file.path.startsWith('api/') ? file.path : file.path.replace(/\/[^/]*$/, '/') || file.path;
    const row = byKind.get(kind) ?? { files: 0, bytes: 0, ms: 0 };
    const now = performance.now();
    row.files++;
    row.bytes += bytes;
    row.ms += now - started;
    byKind.set(kind, row);
    started = now;
  }
  for (const [kind, row] of byKind) console.log(`  ${kind.padEnd(28)} ${String(row.files).padStart(6)} files ${(row.bytes / 1048576).toFixed(1).padStart(8)} MiB ${seconds(row.ms)}`);
}
