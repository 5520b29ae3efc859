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
import { Diagnostics, diagnosticsAsData, formatDiagnostics } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import { DevBuilder, type Changes, type RebuildReport } from './builder.js';
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
  const builder = new DevBuilder(options);
  let report = await builder.full();
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
  printDiagnostics(report.diagnostics);
  log(`Built ${report.articles} articles in ${Math.round(report.ms)} ms`);

  const basePath = report.data.site.basePath;
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
          res.end(JSON.stringify({ builds, articles: report.articles, errors: errorsOf(report) }));
          return true;
        }
        return false;
      },
    },
  });

  let pending: Changes = { content: new Set(), data: false, templates: false };
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), SETTLE_MS);
  };
  const run = async () => {
    timer = null;
    if (running) return;
    running = true;
    const changes = pending;
    pending = { content: new Set(), data: false, templates: false };
    try {
      report = await builder.update(changes);
      builds++;
      printDiagnostics(report.diagnostics);
      log(`Rebuilt in ${Math.round(report.ms)} ms: ${report.pagesRendered} pages rendered, ${report.written.length} files written, ${report.removed.length} removed`);
      send('diagnostics', errorsOf(report));
      if (report.written.length || report.removed.length) send('reload', { builds });
    } catch (error) {
      log(`rebuild failed: ${(error as Error).stack ?? error}`);
    } finally {
      running = false;
      if (pending.content.size || pending.data || pending.templates) schedule();
    }
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
    },
  };
}
