/**
 * Developer tool: builds a content folder and takes screenshots of the index,
 * an article and a topic timeline at 390 and 1280 px, light and dark, into
 * screenshots/ (ignored by git). Needs Chromium (see README).
 * Usage: npx tsx scripts/screenshots.ts [CONTENT_DIR]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { startServer } from '../src/dev/server.js';
import { launchBrowser } from '../test/support/browser.js';

const contentDir = process.argv[2] ?? 'content';
const outDir = mkdtempSync(join(tmpdir(), 'dossier-shots-'));
mkdirSync('screenshots', { recursive: true });
const result = await build({ contentDir, outDir, baseUrl: 'http://127.0.0.1/' });
const server = await startServer({ root: outDir, basePath: '/', host: '127.0.0.1', port: 0 });
const browser = await launchBrowser();
const article = result.archive.articles.find((a) => a.image) ?? result.archive.articles[0]!;
const topic = result.archive.topics.find((t) => t.articles.length)?.topic.id;
const pages: Record<string, string> = { index: '', article: `artikel/${article.slug}/`, ...(topic ? { topic: `onderwerp/${topic}/` } : {}) };
for (const [name, path] of Object.entries(pages)) {
  for (const width of [390, 1280]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      await page.goto(`http://127.0.0.1:${server.port}/${path}`);
      await page.screenshot({ path: join('screenshots', `${name}-${width}-${colorScheme}.png`), fullPage: false });
      await page.close();
    }
  }
}
await browser.close();
await server.close();
rmSync(outDir, { recursive: true, force: true });
console.log('screenshots written to screenshots/');
