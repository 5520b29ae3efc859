/**
 * A static server that behaves like a plain static host: `index.html` for
 * folders, `404.html` for misses, the base path applied. It serves only
 * files inside its root: `..`, encoded slashes and symlinks out are refused.
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

/** Where and how to serve. */
export interface ServeOptions {
  root: string;
  basePath: string;
  host: string;
  port: number;
  /** Try the next ports when this one is taken (dev); otherwise fail. */
  findFreePort?: boolean;
  /** Dev only: extra endpoints under `<base>__dossier/`, and markup injected before `</body>` of every HTML response. */
  dev?: DevHooks;
}

/** What the dev server adds to a static host. */
export interface DevHooks {
  /** Handles `<base>__dossier/<name>`; returns false for an unknown name. */
  handle(name: string, req: IncomingMessage, res: ServerResponse): boolean;
  /** Markup injected into served HTML (never written to disk). */
  inject: string;
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Starts serving `root` under `basePath`. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handle(req, res, options).catch(() => (res.headersSent ? res.destroy() : send(res, 500, 'text/plain; charset=utf-8', 'Internal error')));
  });
  let port = options.port;
  for (let attempt = 0; ; attempt++) {
    try {
      await listen(server, port, options.host);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !options.findFreePort || attempt >= 50) throw error;
      port++;
    }
  }
  const actual = (server.address() as { port: number }).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${actual}${options.basePath}`,
    port: actual,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ServeOptions): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
  const rawPath = (req.url ?? '/').split(/[?#]/)[0]!;
  // Encoded slashes, backslashes and NUL have no business in a static site's URLs.
  if (/%2f|%5c|%00|\\/i.test(rawPath)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'Bad request');
  }
  if (path.includes('\0') || path.split('/').some((s) => s === '..' || s === '.')) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
  if (!path.startsWith(options.basePath)) {
    if (path === '/' || `${path}/` === options.basePath) return redirect(res, options.basePath);
    return notFound(res, options);
  }
  const relative = path.slice(options.basePath.length);
  if (options.dev && relative.startsWith('__dossier/') && options.dev.handle(relative.slice('__dossier/'.length), req, res)) return;
  const file = await resolveFile(options.root, relative);
  if (file === 'redirect') return redirect(res, `${path}/`);
  if (file === 'forbidden') return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden');
  if (!file) return notFound(res, options);
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const immutable = /\/assets\/[^/]+\.[0-9a-f]{10}\.[a-z0-9]+$/.test(path);
  // Read before the headers go out: a rebuild may remove the page meanwhile, and then it is not found.
  const page = options.dev && type.startsWith('text/html') && req.method !== 'HEAD' ? await readFile(file, 'utf8').catch(() => null) : undefined;
  if (page === null) return notFound(res, options);
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  if (req.method === 'HEAD') return void res.end();
  if (options.dev && page !== undefined) return void res.end(injectInto(page, options.dev.inject));
  streamFile(file, res);
}

/** Streams a file; if it vanishes mid-way (a rebuild removed it), the response ends instead of crashing. */
function streamFile(file: string, res: ServerResponse): void {
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Puts dev markup before `</body>` (or at the end of a page without one). */
function injectInto(html: string, markup: string): string {
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + markup : html.slice(0, at) + markup + html.slice(at);
}

/** The file to serve, 'redirect' for a folder without trailing slash, 'forbidden' for a link leaving the root. */
async function resolveFile(root: string, relative: string): Promise<string | 'redirect' | 'forbidden' | null> {
  let candidate = join(root, relative);
  try {
    const info = await stat(candidate);
    if (info.isDirectory()) {
      if (relative !== '' && !relative.endsWith('/')) return 'redirect';
      candidate = join(candidate, 'index.html');
    }
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (realFile !== realRoot && !realFile.startsWith(realRoot + sep)) return 'forbidden';
    return (await stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null;
  }
}

async function notFound(res: ServerResponse, options: ServeOptions): Promise<void> {
  const page = await resolveFile(options.root, '404.html');
  if (typeof page === 'string' && page !== 'redirect' && page !== 'forbidden') {
    const html = options.dev ? await readFile(page, 'utf8').catch(() => null) : undefined;
    if (html !== null) {
      res.writeHead(404, { 'Content-Type': CONTENT_TYPES['.html']!, 'Cache-Control': 'no-cache' });
      if (options.dev && html !== undefined) return void res.end(injectInto(html, options.dev.inject));
      streamFile(page, res);
      return;
    }
  }
  send(res, 404, 'text/plain; charset=utf-8', 'Not found');
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(301, { Location: location, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`Moved to ${location}`);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}
