#!/usr/bin/env -S node --import tsx
/**
 * `dossier build | dev | serve | check`: parses argv, runs the command,
 * prints diagnostics once at the end and sets the exit code
 * (0 built, 1 built with errors, 2 bad usage or configuration).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
// Only light modules load up front: a build with nothing to do answers before the rest of Dossier is loaded.
import { compareWithLastBuild, DEFAULT_TEMPLATES, upToDateResult } from './cache.js';
import { Diagnostics, diagnosticsToJson, formatDiagnostics } from './diagnostics.js';
import { loadConfig, loadDev, loadPipeline, loadServer } from './lazy.js';
import { formatTimings, terminalProgress } from './progress.js';

const HELP = `Dossier: a static site generator for news archives

Usage: dossier <command> [options]

Commands:
  build    read content/, write the site to dist/
  dev      build, serve locally, rebuild on every change and reload the browser
  serve    serve an already built dist/ as a static host would
  check    read and validate the articles only; print the diagnostics

Options:
  --content DIR     the articles (default: content)
  --out DIR         where the site is written (default: dist)
  --templates DIR   templates to use (default: Dossier's own)
  --base-url URL    where the site will live, e.g. https://example.org/archief/ (overrides site.yml)
  --cache-dir DIR   build/dev: where the record of the last build is kept (default: .cache/dossier)
  --no-cache        build/dev: always build in full, reading and writing no cache
  --timings         build: also print how long each stage took
  --threads N       build/check: worker threads that read and render (default: one
                    per core from 2 000 files or pages; 1: the main thread only)
  --strict          warnings also make the exit code non-zero
  --json            check: print the diagnostics as JSON
  --port N          dev/serve: port (default 8080; dev takes the next free one)
  --host HOST       dev/serve: address to bind (default 127.0.0.1)
  --no-color        plain output
  -h, --help        this text

Exit codes: 0 built, 1 built with errors (or warnings with --strict), 2 bad usage or configuration.`;

const STAGE_LABELS: Record<string, string> = {
  read: 'Reading articles',
  collate: 'Collating topics, stories and related articles',
  render: 'Rendering pages',
  exports: 'Writing feeds, exports and the search index',
  write: 'Finishing the output folder',
};

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        content: { type: 'string', default: 'content' },
        out: { type: 'string', default: 'dist' },
        templates: { type: 'string' },
        'base-url': { type: 'string' },
        strict: { type: 'boolean', default: false },
        timings: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        port: { type: 'string', default: '8080' },
        'cache-dir': { type: 'string', default: '.cache/dossier' },
        'no-cache': { type: 'boolean', default: false },
        host: { type: 'string', default: '127.0.0.1' },
        'no-color': { type: 'boolean', default: false },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  if (positionals.length > 1) return usageError(`unexpected argument: ${positionals[1]}`);
  const contentDir = resolve(values.content);
  const outDir = resolve(values.out);
  const templatesDir = values.templates ? resolve(values.templates) : undefined;
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl)) return usageError(`--base-url must be an absolute http(s) URL, got "${baseUrl}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(`--port must be a number from 0 to 65535, got "${values.port}"`);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) return usageError(`--threads must be a number from 1 to 64, got "${values.threads}"`);
  const color = !values['no-color'] && process.stderr.isTTY === true;

  switch (command) {
    case 'build': {
      if (!isFolder(contentDir)) return usageError(`content folder not found: ${contentDir}`);
      if (templatesDir && !isFolder(templatesDir)) return usageError(`templates folder not found: ${templatesDir}`);
      const started = performance.now();
      const cacheDir = values['no-cache'] ? null : resolve(values['cache-dir']);
      const state = cacheDir ? await compareWithLastBuild({ contentDir, outDir, templatesDir, baseUrl, cacheDir }) : undefined;
      let result;
      if (state?.unchanged) result = upToDateResult(state.unchanged, performance.now() - started);
      else {
        // A long build shows its stage and count on a terminal; logs (CI, a pipe) get only the summary.
        const progress = process.stderr.isTTY && !process.env.CI ? terminalProgress(process.stderr, STAGE_LABELS) : null;
        const { buildWithCache } = await loadPipeline();
        result = await buildWithCache({ contentDir, outDir, templatesDir, baseUrl, cacheDir, state, threads, onProgress: progress?.listener });
        progress?.clear();
      }
      report(result.diagnostics, color);
      const ms = Math.round(performance.now() - started);
      const counts = `${plural(result.diagnostics.count('error'), 'error')}, ${plural(result.diagnostics.count('warning'), 'warning')}, ${ms} ms`;
      if (result.upToDate) console.log(`Nothing changed since the last build: ${values.out}/ is up to date (${result.articles} articles, ${result.pages} pages), ${counts}`);
      else {
        const reused = result.reused ? ` (${result.reused} unchanged files from the cache)` : '';
        const skipped = result.pagesSkipped ? `, ${result.pagesSkipped} pages unchanged and not rendered` : '';
        console.log(`Built ${result.articles} articles${reused} into ${values.out}/: ${result.pages} pages (${result.files} files, ${result.filesWritten} changed${skipped}), ${counts}`);
      }
      if (values.timings) console.log(`Stages: ${formatTimings(result.timings)}; in threads: ${result.threaded.read} files read, ${result.threaded.render} pages rendered or checked${result.threaded.kinship ? ', related articles and stories' : ''}${result.threaded.search ? `, the search index${patchedNote(result.threaded.searchPatched)}` : ''}${result.exportsKept.length ? `; kept, made from the same inputs: ${result.exportsKept.join(', ')}` : ''}`);
      return exitCode(result.diagnostics, values.strict);
    }
    case 'dev': {
      if (!isFolder(contentDir)) return usageError(`content folder not found: ${contentDir}`);
      if (templatesDir && !isFolder(templatesDir)) return usageError(`templates folder not found: ${templatesDir}`);
      const { startDev } = await loadDev();
      const cacheDir = values['no-cache'] ? null : resolve(values['cache-dir']);
      const session = await startDev({ contentDir, outDir, templatesDir: templatesDir ?? DEFAULT_TEMPLATES, baseUrl, host: values.host, port, cacheDir });
      console.log(`Dossier dev server at ${session.url} (watching ${values.content}/ and the templates; Ctrl+C stops)`);
      await untilStopped();
      await session.close();
      return 0;
    }
    case 'serve': {
      if (!isFolder(outDir)) return usageError(`nothing to serve at ${outDir}: run \`npm run build\` first`);
      const { loadSiteData } = await loadConfig();
      const data = loadSiteData(contentDir, new Diagnostics(), { baseUrl });
      return serveUntilStopped(outDir, data.site.basePath, values.host, port, false);
    }
    case 'check': {
      if (!isFolder(contentDir)) return usageError(`content folder not found: ${contentDir}`);
      const { check } = await loadPipeline();
      const result = await check({ contentDir, baseUrl, threads });
      if (values.json) console.log(diagnosticsToJson(result.diagnostics.list()));
      else {
        report(result.diagnostics, color);
        console.log(`Checked ${result.articles.length} articles in ${values.content}/`);
      }
      return exitCode(result.diagnostics, values.strict);
    }
    default:
      return usageError(`unknown command "${command}"`);
  }
}

function report(diagnostics: Diagnostics, color: boolean): void {
  const list = diagnostics.list();
  if (list.length) console.error(formatDiagnostics(list, { color }));
}

function exitCode(diagnostics: Diagnostics, strict: boolean): number {
  const list = diagnostics.list();
  if (list.some((d) => d.severity === 'error' && d.code.startsWith('config/'))) return 2;
  if (diagnostics.count('error') > 0) return 1;
  return strict && diagnostics.count('warning') > 0 ? 1 : 0;
}

async function serveUntilStopped(root: string, basePath: string, host: string, port: number, findFreePort: boolean): Promise<number> {
  const { startServer } = await loadServer();
  const server = await startServer({ root, basePath, host, port, findFreePort });
  console.log(`Serving ${root} at ${server.url} (Ctrl+C stops)`);
  await untilStopped();
  await server.close();
  return 0;
}

function untilStopped(): Promise<void> {
  return new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How the search index's lists were made, for `--timings`: patched with the articles that changed, or counted afresh. */
function patchedNote(patched: number | null): string {
  if (patched === null) return '';
  return ` (the last build's lists patched with ${patched} changed article${patched === 1 ? '' : 's'})`;
}

function usageError(message: string): number {
  console.error(`dossier: ${message}\nRun \`dossier --help\` for usage.`);
  return 2;
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
