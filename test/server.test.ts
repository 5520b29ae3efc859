/**
 * The local server behaves like a static host and never serves a file from
 * outside its root, however the path is spelled.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { startServer, type RunningServer } from '../src/dev/server.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-serve-'));
const outDir = join(temp, 'site');
let server: RunningServer;
let slug: string;

beforeAll(async () => {
  const result = await build({ contentDir: join(import.meta.dirname, '..', 'content'), outDir, baseUrl: 'http://127.0.0.1/' });
  slug = result.articles[0]!.slug;
  writeFileSync(join(temp, 'secret.txt'), 'outside the site');
  symlinkSync(join(temp, 'secret.txt'), join(outDir, 'link-out.txt'));
  server = await startServer({ root: outDir, basePath: '/', host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** Sends the path exactly as written (fetch would normalise `..` away). */
function get(port: number, path: string): Promise<{ status: number; type: string; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), location: res.headers.location, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  it('serves folders as index.html with the right content type', async () => {
    const page = await get(server.port, `/artikel/${slug}/`);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<html lang="nl">');
  });

  it('redirects a folder without its trailing slash', async () => {
    const page = await get(server.port, `/artikel/${slug}`);
    expect(page.status).toBe(301);
    expect(page.location).toBe(`/artikel/${slug}/`);
  });

  it('answers a miss with 404.html', async () => {
    const page = await get(server.port, '/bestaat/niet/');
    expect(page.status).toBe(404);
    expect(page.body).toContain('Pagina niet gevonden');
  });

  it.each(['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/artikel/..%2f..%2fsecret.txt', '/..%5c..%5csecret.txt', '/%00/index.html', '/link-out.txt', '/./index.html'])(
    'refuses %s',
    async (path) => {
      const page = await get(server.port, path);
      expect([400, 403, 404]).toContain(page.status);
      expect(page.body).not.toContain('outside the site');
      expect(page.body).not.toContain('root:');
    },
  );

  it('applies a base path: the root redirects into it, paths outside it are 404', async () => {
    const sub = await startServer({ root: outDir, basePath: '/archief/', host: '127.0.0.1', port: 0 });
    try {
      expect((await get(sub.port, '/')).location).toBe('/archief/');
      expect((await get(sub.port, '/archief/')).status).toBe(200);
      expect((await get(sub.port, `/artikel/${slug}/`)).status).toBe(404);
    } finally {
      await sub.close();
    }
  });

  it('takes the next free port in dev when the asked one is taken', async () => {
    const second = await startServer({ root: outDir, basePath: '/', host: '127.0.0.1', port: server.port, findFreePort: true });
    try {
      expect(second.port).not.toBe(server.port);
      expect(second.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      await second.close();
    }
  });

  it('in dev, a page a rebuild removes while it is asked for is a 404, never a broken response', async () => {
    const root = join(temp, 'changing');
    mkdirSync(join(root, 'pagina'), { recursive: true });
    writeFileSync(join(root, '404.html'), '<html><body>niet gevonden</body></html>');
    const dev = await startServer({ root, basePath: '/', host: '127.0.0.1', port: 0, dev: { inject: '<script>dev</script>', handle: () => false } });
    const page = join(root, 'pagina', 'index.html');
    // Large enough that reading it takes a moment: deletions land between finding the file and reading it.
    const html = `<html><body>${'<p>tekst</p>'.repeat(50_000)}</body></html>`;
    try {
      const statuses = new Set<number>();
      for (let round = 0; round < 40; round++) {
        writeFileSync(page, html);
        const asked = Array.from({ length: 4 }, () => get(dev.port, '/pagina/'));
        await new Promise((resolve) => setTimeout(resolve, round % 3));
        rmSync(page, { force: true });
        for (const answer of await Promise.all(asked)) {
          statuses.add(answer.status);
          if (answer.status === 200) expect(answer.body).toContain('<script>dev</script>');
          else expect(answer.body).toContain('niet gevonden');
        }
      }
      expect([...statuses].every((s) => s === 200 || s === 404)).toBe(true);
    } finally {
      await dev.close();
    }
  });
});
