/**
 * Finds article files below the content folder, whatever its layout, in a
 * stable order; skips `_data/`, dot-files and the `ignore` globs.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostics } from '../diagnostics.js';
import type { ArticleFormat } from '../model.js';

const FORMAT_BY_EXTENSION: Record<string, ArticleFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  html: 'html',
  htm: 'html',
  txt: 'text',
  text: 'text',
};

/** One file to read, its path relative to the content folder with `/` separators. */
export interface ScannedFile {
  path: string;
  format: ArticleFormat;
}

/** A test for the `ignore` globs of site.yml (paths relative to the content folder). */
export function ignoreMatcher(ignore: string[]): (path: string) => boolean {
  return ignore.length ? picomatch(ignore, { dot: true }) : () => false;
}

/** Lists article files sorted by path; unknown file types are reported (info) and left out. */
export async function scanContent(contentDir: string, ignore: string[], diagnostics: Diagnostics): Promise<ScannedFile[]> {
  const isIgnored = ignoreMatcher(ignore);
  const files: ScannedFile[] = [];
  // Synchronous: a build lists its old output meanwhile (write/index.ts openSpare), thousands of folders whose
  // reads fill the thread pool's queue; this walk's few reads waited behind them, over a second at 16 000 articles.
  const walk = (relativeDir: string): void => {
    const entries = readdirSync(join(contentDir, relativeDir), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (isIgnored(path)) continue;
      if (entry.isDirectory()) {
        if (path !== '_data') walk(path);
        continue;
      }
      if (!entry.isFile()) continue;
      const format = formatOf(entry.name);
      if (format) files.push({ path, format });
      else
        diagnostics.add(
          'ingest/skipped-unknown-type',
          'info',
          { path },
          'not an article type Dossier reads (.md, .markdown, .html, .htm, .txt); skipped',
          'rename it with a supported extension if it is an article, or list it under `ignore` in _data/site.yml',
        );
    }
  };
  walk('');
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The article format a file name implies, or null. */
export function formatOf(fileName: string): ArticleFormat | null {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return null;
  return FORMAT_BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] ?? null;
}
