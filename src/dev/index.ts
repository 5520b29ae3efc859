/**
 * `dossier dev`: build, serve on 127.0.0.1, watch content/ and templates/,
 * rebuild what changed, and reload open pages (server-sent events). Edits
 * that arrive during a rebuild are queued and merged, so a burst (a git
 * checkout of a thousand files) becomes one rebuild and nothing is lost.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { diagnosticsAsData, formatDiagnostics } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import type { Changes, RebuildReport } from './builder-types.js';
import { startEngine } from './engine.js';
import { hasChanges, noChanges } from './rebuilds.js';
import { startServer, type RunningServer } from './server.js';

/** Where to read, write and serve. */
export interface DevOptions {
  contentDir: string;
  outDir: string;
  templatesDir: string;
  baseUrl?: string;
  host: string;
  port: number;
  /** Where progress lines go (the terminal by default). */
  log?: (line: string) => void;
  /** Run the builder in the main thread instead of a worker thread (tests use both). */
  inProcess?: boolean;
  /** `build`'s cache folder: the first build takes unchanged articles' records from there (null or absent: none). */
  cacheDir?: string | null;
}

/** A running dev server. */
export interface DevSession {
  url: string;
  port: number;
  /** How many builds have finished (the first one included). */
  builds(): number;
  close(): Promise<void>;
}

const CLIENT = readFileSync(new URL('./client.js', import.meta.url), 'utf8');
/** Quiet time after the last file event before a rebuild starts. */
const SETTLE_MS = 25;

/** Builds, serves and watches until closed. */
export async function startDev(options: DevOptions): Promise<DevSession> {
  const log = options.log ?? ((line: string) => console.log(line));
  let builds = 1;
  let shownDiagnostics = '';
  const clients = new Set<ServerResponse>();
  const errorsOf = (r: RebuildReport) => diagnosticsAsData(r.diagnostics.filter((d) => d.severity === 'error'));
  const send = (event: string, data: unknown) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const printDiagnostics = (diagnostics: Diagnostic[]) => {
    const text = diagnostics.length ? formatDiagnostics(diagnostics) : '';
    if (text !== shownDiagnostics && text) log(text);
    shownDiagnostics = text;
  };
  const reload = (paths: string[], all: boolean) => {
    if (paths.length || all) send('reload', { builds, all, urls: paths.map((path) => urlOfFile(basePath, path)) });
  };
  const { engine, first, where } = await startEngine(
    { contentDir: options.contentDir, outDir: options.outDir, templatesDir: options.templatesDir, baseUrl: options.baseUrl, cacheDir: options.cacheDir },
    {
      quick(quick) {
        log(`Updated ${quick.written.length} edited page${quick.written.length === 1 ? '' : 's'} in ${Math.round(quick.ms)} ms; rebuilding the rest`);
        reload(quick.written, false);
      },
      rebuilt(rebuilt, changes) {
        report = rebuilt;
        builds++;
        printDiagnostics(report.diagnostics);
        log(`Rebuilt in ${Math.round(report.ms)} ms: ${report.pagesRendered} pages rendered, ${report.written.length} files written, ${report.removed.length} removed`);
        send('diagnostics', errorsOf(report));
        reload([...report.written, ...report.removed], changes.templates || changes.data);
      },
      failed: (message) => log(`rebuild failed: ${message}`),
    },
    options.inProcess,
  );
  let report = first;
  printDiagnostics(report.diagnostics);
  // Started on a site `build` left, most pages are kept as they are: say how many were made.
  log(`Built ${report.articles} articles in ${Math.round(report.ms)} ms: ${report.pagesRendered} pages rendered, ${report.written.length} files written (rebuilds run in ${where})`);

  const basePath = report.data.site.basePath;
  let pending: Changes = noChanges();
  let timer: NodeJS.Timeout | null = null;
  const server: RunningServer = await startServer({
    root: options.outDir,
    basePath,
    host: options.host,
    port: options.port,
    findFreePort: true,
    dev: {
      inject: `<script src="${basePath}__dossier/client.js" data-base="${basePath}"></script>`,
      handle(name, _req, res) {
        if (name === 'client.js') {
          res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
          res.end(CLIENT);
          return true;
        }
        if (name === 'events') {
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
          res.write(`event: diagnostics\ndata: ${JSON.stringify(errorsOf(report))}\n\n`);
          clients.add(res);
          res.on('close', () => clients.delete(res));
          return true;
        }
        if (name === 'status') {
          res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' });
          res.end(JSON.stringify({ builds, articles: report.articles, errors: errorsOf(report), settled: !timer && !hasChanges(pending) && engine.settled() }));
          return true;
        }
        return false;
      },
    },
  });

  // Edits are handed to the builder once the file events have been quiet for a moment.
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const changes = pending;
      pending = noChanges();
      engine.add(changes);
    }, SETTLE_MS);
  };

  const watcher: FSWatcher = watch([options.contentDir, options.templatesDir], {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 },
    ignored: (path) => path.split(sep).some((part) => part.startsWith('.') && part.length > 1),
  });
  watcher.on('all', (_event, path) => {
    const inContent = relative(options.contentDir, path);
    if (!inContent.startsWith('..')) {
      const rel = inContent.split(sep).join('/');
      if (rel.startsWith('_data/')) pending.data = true;
      else if (rel) pending.content.add(rel);
    } else pending.templates = true;
    schedule();
  });
  watcher.on('error', (error) => log(`watch error: ${(error as Error).message}`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    url: server.url,
    port: server.port,
    builds: () => builds,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
      for (const client of clients) client.end();
      await server.close();
      await engine.close();
    },
  };
}

/** The address a written file is served at: `artikel/x/index.html` → `/artikel/x/` (under the base path). */
function urlOfFile(basePath: string, path: string): string {
  return basePath + path.replace(/(^|\/)index\.html$/, '$1');
}
