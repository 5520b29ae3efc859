/**
 * The one module that imports `pagefind`: indexes the article pages of a
 * written site (those marked `data-pagefind-body`) into `pagefind/`, for the
 * search page. Runs on the staging folder, before the new site is swapped in.
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import type { Diagnostics } from '../diagnostics.js';

/** Pagefind runs one service per process: builds in the same process (tests, dev) take turns. */
let queue: Promise<void> = Promise.resolve();

/** Builds the search index inside `siteDir`; failures are diagnostics, the site is still written. */
export function buildSearchIndex(siteDir: string, language: string, diagnostics: Diagnostics): Promise<void> {
  const run = queue.then(() => indexOnce(siteDir, language, diagnostics));
  queue = run.catch(() => undefined);
  return run;
}

async function indexOnce(siteDir: string, language: string, diagnostics: Diagnostics): Promise<void> {
  const report = (message: string): void => {
    diagnostics.add('write/search-index', 'error', { path: 'pagefind/' }, `search index not built: ${message}`, 'the site works without search; run the build again, and report the message if it persists');
  };
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
    if (!index) return report(errors.join('; ') || 'Pagefind did not start');
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) return report(added.errors.join('; '));
    const written = await index.writeFiles({ outputPath: join(siteDir, 'pagefind') });
    if (written.errors.length) return report(written.errors.join('; '));
  } catch (error) {
    report((error as Error).message);
  } finally {
    await pagefind.close();
  }
}
