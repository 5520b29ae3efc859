/**
 * Benchmark: the time from saving one article to its updated page being
 * served by `dossier dev` (save to served), and to the whole site being
 * rebuilt around it (save to settled), on generated corpora (scripts/gen-corpus.ts).
 * Usage: npx tsx scripts/bench-dev.ts [N …]   (default 1000 10000)
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { DEFAULT_TEMPLATES } from '../src/build.js';
import { startDev } from '../src/dev/index.js';
import { emptyTrash, setAside } from './timed-run.js';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SAVES = 5;

/** GET with retries: a request that lands while the server is busy is simply tried again. */
async function get(port: number, path: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await getOnce(port, path);
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function getOnce(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * The first plain-text article the site lists, from its JSON export. Only the
 * one record is kept: the parsed export (hundreds of MB at 100 000 articles),
 * held for the whole run, made this process's garbage collections pause the
 * server it measures and added its size to the peak.
 */
async function plainTextArticle(port: number): Promise<{ url: string; source: { path: string } }> {
  const articles = JSON.parse(await get(port, '/api/articles.json')) as Array<{ url: string; source: { path: string } }>;
  const found = articles.find((a) => a.source.path.endsWith('.txt'))!;
  return { url: found.url, source: { path: found.source.path } };
}

/** Save-to-served and save-to-settled times for one corpus size; the corpus is generated once and reused. */
export async function benchDev(n: number): Promise<{ n: number; initialMs: number; savesMs: number[]; medianMs: number; settledMs: number[]; medianSettledMs: number; longestWaitMs: number }> {
  const corpus = join(tmpdir(), `dossier-corpus-${n}`);
  if (!existsSync(corpus)) execFileSync('npx', ['tsx', join(import.meta.dirname, 'gen-corpus.ts'), '--count', String(n), '--out', corpus], { stdio: 'ignore' });
  const outDir = mkdtempSync(join(tmpdir(), 'dossier-bench-dev-'));
  const started = performance.now();
  const dev = await startDev({ contentDir: corpus, outDir, templatesDir: DEFAULT_TEMPLATES, host: '127.0.0.1', port: 0, log: () => {} });
  const initialMs = performance.now() - started;
  const target = await plainTextArticle(dev.port);
  const file = join(corpus, target.source.path);
  const original = readFileSync(file, 'utf8');
  const savesMs: number[] = [];
  const settledMs: number[] = [];
  // The longest a request waited while the full rebuild ran (the builder has a thread of its own: it should stay short).
  let longestWaitMs = 0;
  const settled = async () => {
    const asked = performance.now();
    const status = JSON.parse(await get(dev.port, '/__dossier/status')) as { settled: boolean };
    longestWaitMs = Math.max(longestWaitMs, performance.now() - asked);
    return status.settled;
  };
  try {
    for (let i = 0; i < SAVES; i++) {
      const marker = `Meetpunt${i}x${Date.now()}`;
      const t0 = performance.now();
      writeFileSync(file, `${original.trimEnd()} ${marker}.\n`);
      while (!(await get(dev.port, target.url)).includes(marker)) await new Promise((r) => setTimeout(r, 5));
      savesMs.push(performance.now() - t0);
      // Each save starts from a settled site, as when someone edits, looks, and edits again.
      while (!(await settled())) await new Promise((r) => setTimeout(r, 20));
      settledMs.push(performance.now() - t0);
    }
  } finally {
    writeFileSync(file, original);
    await dev.close();
    setAside(outDir);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { n, initialMs, savesMs, medianMs: median(savesMs), settledMs, medianSettledMs: median(settledMs), longestWaitMs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const n of sizes.length ? sizes : [1000, 10000]) {
    const r = await benchDev(n);
    const list = (values: number[]) => values.map((m) => Math.round(m)).join(', ');
    emptyTrash();
    console.log(`dev, ${n} articles: first build ${Math.round(r.initialMs)} ms; save to served: median ${Math.round(r.medianMs)} ms (${list(r.savesMs)}); save to settled: median ${Math.round(r.medianSettledMs)} ms (${list(r.settledMs)}); longest wait for a request meanwhile ${Math.round(r.longestWaitMs)} ms`);
  }
}
