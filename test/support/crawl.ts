/**
 * Crawls a built site on disk from its index, the way a reader clicking every
 * link would, and reports each internal link that leads nowhere.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the crawl saw. */
export interface CrawlResult {
  /** Pages reached, as files relative to the output folder. */
  visited: Set<string>;
  /** `page → link` for every internal link with no file behind it. */
  broken: string[];
  /** Internal links that do not start with the base path. */
  outsideBase: string[];
}

/** Follows every `href` and `src` on every reachable HTML page. */
export function crawl(outDir: string, basePath: string): CrawlResult {
  const visited = new Set<string>();
  const broken: string[] = [];
  const outsideBase: string[] = [];
  const queue = ['index.html'];
  while (queue.length) {
    const page = queue.shift()!;
    if (visited.has(page)) continue;
    visited.add(page);
    const html = readFileSync(join(outDir, page), 'utf8');
    for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const link = match[1]!.replace(/&amp;/g, '&');
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link) || link.startsWith('#')) continue;
      if (!link.startsWith(basePath)) {
        outsideBase.push(`${page} → ${link}`);
        continue;
      }
      const target = fileFor(outDir, decodeURIComponent(link.slice(basePath.length).split(/[?#]/)[0]!));
      if (!target) broken.push(`${page} → ${link}`);
      else if (target.endsWith('.html') && !visited.has(target)) queue.push(target);
    }
  }
  return { visited, broken, outsideBase };
}

function fileFor(outDir: string, relative: string): string | null {
  const candidates = relative === '' || relative.endsWith('/') ? [`${relative}index.html`] : [relative, `${relative}/index.html`];
  for (const candidate of candidates) {
    const full = join(outDir, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return null;
}
