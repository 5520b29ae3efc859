/**
 * Builds the Pagefind search index of a written site (its article pages,
 * those marked `data-pagefind-body`) into `pagefind/`. Runs Pagefind's own
 * command and waits for it to exit: only then are its files surely complete
 * (its in-process service could be stopped while it was still writing).
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostics } from '../diagnostics.js';

// The package's command-line runner, beside its library entry (lib/index.js → lib/runner/bin.cjs).
const pagefindCommand = join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner', 'bin.cjs');

/** Builds the search index inside `siteDir`; failures are diagnostics, the site is still written. */
export function buildSearchIndex(siteDir: string, language: string, diagnostics: Diagnostics): Promise<void> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      // Only article pages carry data-pagefind-body; reading just those saves Pagefind most of its work.
      [pagefindCommand, '--site', siteDir, '--glob', 'artikel/**/*.html', '--output-subdir', 'pagefind', '--force-language', language, '--silent'],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error) {
          diagnostics.add(
            'write/search-index',
            'error',
            { path: 'pagefind/' },
            `search index not built: ${(stderr || error.message).trim().split('\n').slice(-3).join(' ')}`,
            'the site works without search; run the build again, and report the message if it persists',
          );
        }
        resolve();
      },
    );
  });
}
