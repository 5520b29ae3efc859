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
/** Time given to open pages to fetch what the quick pass wrote before the full rebuild starts. */
const RELOAD_GRACE_MS = 150;

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
  let pending: Changes = noChanges();
  // Changes the last finished full rebuild has not included yet (the quick pass may have shown some of them).
  let owed: Changes = noChanges();
  let running = false;
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
          res.end(JSON.stringify({ builds, articles: report.articles, errors: errorsOf(report), settled: !running && !timer && !hasChanges(pending) }));
          return true;
        }
        return false;
      },
    },
  });

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), SETTLE_MS);
  };
  const reload = (paths: string[], all: boolean) => {
    if (paths.length || all) send('reload', { builds, all, urls: paths.map((path) => urlOfFile(basePath, path)) });
  };
  const run = async () => {
    timer = null;
    if (running) return;
    running = true;
    try {
      while (hasChanges(pending)) {
        owed = mergeChanges(owed, pending);
        pending = noChanges();
        const quick = await builder.quick(owed);
        if (quick.written.length) {
          log(`Updated ${quick.written.length} edited page${quick.written.length === 1 ? '' : 's'} in ${Math.round(quick.ms)} ms; rebuilding the rest`);
          reload(quick.written, false);
          // The browser fetches the page it was told to reload before the full rebuild holds the thread.
          await new Promise((resolve) => setTimeout(resolve, RELOAD_GRACE_MS));
        }
        const rebuilt = await builder.update(owed, () => hasChanges(pending));
        if (!rebuilt) continue;
        const { templates, data } = owed;
        owed = noChanges();
        report = rebuilt;
        builds++;
        printDiagnostics(report.diagnostics);
        log(`Rebuilt in ${Math.round(report.ms)} ms: ${report.pagesRendered} pages rendered, ${report.written.length} files written, ${report.removed.length} removed`);
        send('diagnostics', errorsOf(report));
        reload([...report.written, ...report.removed], templates || data);
      }
    } catch (error) {
      log(`rebuild failed: ${(error as Error).stack ?? error}`);
    } finally {
      running = false;
      if (hasChanges(pending)) schedule();
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

function noChanges(): Changes {
  return { content: new Set(), data: false, templates: false };
}

function hasChanges(changes: Changes): boolean {
  return changes.content.size > 0 || changes.data || changes.templates;
}

function mergeChanges(a: Changes, b: Changes): Changes {
  return { content: new Set([...a.content, ...b.content]), data: a.data || b.data, templates: a.templates || b.templates };
}

/** The address a written file is served at: `artikel/x/index.html` → `/artikel/x/` (under the base path). */
function urlOfFile(basePath: string, path: string): string {
  return basePath + path.replace(/(^|\/)index\.html$/, '$1');
}
