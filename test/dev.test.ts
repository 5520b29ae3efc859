/**
 * `dossier dev` on a temp copy of the seeds: edits show up in the served
 * pages, a broken save keeps the last good page and reports the error until
 * it is fixed, deletions and renames leave nothing stale, bursts become few
 * rebuilds, and the server never serves outside its folder.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../src/build.js';
import { startDev, type DevSession } from '../src/dev/index.js';
import { pollUntil } from './support/poll.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-dev-'));
const content = join(temp, 'content');
const templates = join(temp, 'templates');
const outDir = join(temp, 'dist');
let dev: DevSession;
const log: string[] = [];

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: dev.port, path, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const status = async () => JSON.parse((await get('/__dossier/status')).body) as { builds: number; settled: boolean; errors: Array<{ code: string; source: { path: string; line: number } }> };
const seed000 = () => join(content, '000_9046f584f555e882.txt');

beforeAll(async () => {
  cpSync(join(import.meta.dirname, '..', 'content'), content, { recursive: true });
  cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
  // A page left by an earlier build of an article that no longer exists.
  mkdirSync(join(outDir, 'artikel', 'verdwenen-artikel'), { recursive: true });
  writeFileSync(join(outDir, 'artikel', 'verdwenen-artikel', 'index.html'), '<p>oud</p>');
  dev = await startDev({ contentDir: content, outDir, templatesDir: templates, host: '127.0.0.1', port: 0, log: (line) => log.push(line) });
});
afterAll(async () => {
  await dev?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('dossier dev', () => {
  it('rebuilds in a worker thread, so the server never waits for a rebuild', () => {
    expect(log.find((line) => line.startsWith('Built '))).toMatch(/rebuilds run in a worker thread/);
  });

  it('removes what an earlier build left that the site no longer has', async () => {
    expect(existsSync(join(outDir, 'artikel', 'verdwenen-artikel'))).toBe(false);
    expect((await get('/artikel/verdwenen-artikel/')).status).toBe(404);
  });

  it('serves the site with the reload client injected, and never writes it to disk', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('__dossier/client.js');
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).not.toContain('__dossier');
  });

  it('shows an edited article on its page', async () => {
    writeFileSync(seed000(), readFileSync(seed000(), 'utf8').replace('Pompeo komt overigens volgende week', 'Pompeo komt overigens pas volgende maand'));
    const page = await pollUntil(async () => {
      const r = await get('/artikel/vs-zetten-duitsland-onder-druk-over-huawei/');
      return r.body.includes('pas volgende maand') && r;
    }, 'the edited text to be served');
    expect(page.status).toBe(200);
  });

  it('tells open pages which pages changed: the edited article’s own page first, the lists after the full rebuild', async () => {
    await pollUntil(async () => (await status()).settled, 'the earlier edits to settle');
    const reloads: Array<{ all: boolean; urls: string[] }> = [];
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      request({ host: '127.0.0.1', port: dev.port, path: '/__dossier/events' }, resolve).on('error', reject).end();
    });
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const [event, data] = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        if (event === 'event: reload') reloads.push(JSON.parse(data!.slice('data: '.length)));
      }
    });
    try {
      const lines = log.length;
      // The lead changes: the article's page at once, then every list that shows its card.
      writeFileSync(seed000(), readFileSync(seed000(), 'utf8').replace('zouden hun toegang', 'zouden mogelijk hun toegang'));
      await pollUntil(async () => reloads.length >= 2 && (await status()).settled, 'both passes to finish');
      expect(reloads[0]).toEqual({ builds: expect.any(Number), all: false, urls: ['/artikel/vs-zetten-duitsland-onder-druk-over-huawei/'] });
      expect(reloads[1]!.urls).toContain('/');
      expect(reloads[1]!.urls).not.toContain('/artikel/vs-zetten-duitsland-onder-druk-over-huawei/');
      expect(log.slice(lines).join('\n')).toMatch(/Updated 1 edited page in \d+ ms/);
      expect((await get('/')).body).toContain('zouden mogelijk hun toegang');
    } finally {
      stream.destroy();
    }
  });

  it('keeps the last good page on a broken save, reports the error with its line, and recovers on the next good save', async () => {
    const good = readFileSync(seed000(), 'utf8');
    writeFileSync(seed000(), good.replace('title: "VS zetten Duitsland onder druk over Huawei"', 'title: "VS zetten Duitsland onder druk'));
    const errors = await pollUntil(async () => {
      const found = (await status()).errors.filter((e) => e.source.path === '000_9046f584f555e882.txt');
      return found.length > 0 && found;
    }, 'the error to be reported');
    expect(errors[0]).toMatchObject({ code: 'ingest/front-matter-syntax', source: { line: 3 } });
    const page = await get('/artikel/vs-zetten-duitsland-onder-druk-over-huawei/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>VS zetten Duitsland onder druk over Huawei</h1>');

    writeFileSync(seed000(), good.replace('VS zetten Duitsland onder druk over Huawei', 'VS zetten Berlijn onder druk over Huawei'));
    await pollUntil(async () => (await status()).errors.length === 0, 'the error to clear');
    const fixed = await pollUntil(async () => {
      const r = await get('/artikel/vs-zetten-berlijn-onder-druk-over-huawei/');
      return r.status === 200 && r;
    }, 'the renamed page');
    expect(fixed.body).toContain('<h1>VS zetten Berlijn onder druk over Huawei</h1>');
    expect((await get('/artikel/vs-zetten-duitsland-onder-druk-over-huawei/')).status).toBe(404);
  });

  it('removes a deleted article’s page and its index entry', async () => {
    const slug = 'de-vs-overweegt-een-volledig-verbod-op-het-exporteren-van-amerikaanse';
    expect((await get(`/artikel/${slug}/`)).status).toBe(200);
    rmSync(join(content, '004_c77c12aa4d94c251.txt'));
    await pollUntil(async () => (await get(`/artikel/${slug}/`)).status === 404, 'the page to go');
    expect((await get('/')).body).not.toContain(slug);
    expect(existsSync(join(outDir, 'artikel', slug))).toBe(false);
    expect((await get('/archief/2025/06/')).status).toBe(404);
  });

  it('moves nothing but the source path when a file is renamed', async () => {
    renameSync(join(content, '003_36de9f670eaed532.txt'), join(content, 'verplaatst.txt'));
    // The watcher may report the new name a batch before the old one goes; what matters is the state it settles in.
    await pollUntil(async () => {
      const paths = (JSON.parse((await get('/api/articles.json')).body) as Array<{ source: { path: string } }>).map((a) => a.source.path);
      return paths.includes('verplaatst.txt') && !paths.includes('003_36de9f670eaed532.txt');
    }, 'the new path, and only it, in the export');
  });

  it('re-renders on a template change without re-reading articles', async () => {
    const footer = join(templates, 'base.njk');
    writeFileSync(footer, readFileSync(footer, 'utf8').replace('{{ labels.footer }}', '{{ labels.footer }} (testvoet)'));
    await pollUntil(async () => (await get('/')).body.includes('(testvoet)'), 'the template change');
  });

  it('turns a burst of new files into few rebuilds, and serves every new page', async () => {
    const before = dev.builds();
    for (let i = 0; i < 60; i++) writeFileSync(join(content, `burst-${i}.txt`), `Burstbericht nummer ${i} over Huawei\n\nTekst van bericht ${i}, over de handelsoorlog en chips.\n`);
    await pollUntil(async () => (await get('/api/articles.json')).body.split('"Burstbericht').length - 1 === 60, 'all 60 new articles');
    expect(dev.builds() - before).toBeLessThanOrEqual(6);
    expect((await get('/artikel/burstbericht-nummer-59-over-huawei/')).status).toBe(200);
  });

  it.each(['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/artikel/..%2f..%2f..%2fetc%2fpasswd', '/__dossier/../../etc/passwd'])('refuses to serve %s', async (path) => {
    const r = await get(path);
    expect([400, 403, 404]).toContain(r.status);
    expect(r.body).not.toContain('root:');
  });
});

describe('dossier dev with the builder in the main thread', () => {
  it('shows an edit on its page at once and settles with the lists updated', async () => {
    const own = mkdtempSync(join(tmpdir(), 'dossier-dev-main-'));
    const lines: string[] = [];
    cpSync(join(import.meta.dirname, '..', 'content'), join(own, 'content'), { recursive: true });
    const session = await startDev({ contentDir: join(own, 'content'), outDir: join(own, 'dist'), templatesDir: DEFAULT_TEMPLATES, host: '127.0.0.1', port: 0, log: (line) => lines.push(line), inProcess: true });
    const fetch = (path: string) =>
      new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port: session.port, path }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve(body));
        })
          .on('error', reject)
          .end();
      });
    try {
      expect(lines.find((line) => line.startsWith('Built '))).toMatch(/rebuilds run in the main thread/);
      const file = join(own, 'content', '000_9046f584f555e882.txt');
      writeFileSync(file, readFileSync(file, 'utf8').replace('zouden hun toegang', 'zouden wellicht hun toegang'));
      await pollUntil(async () => (await fetch('/artikel/vs-zetten-duitsland-onder-druk-over-huawei/')).includes('wellicht'), 'the edited page');
      await pollUntil(async () => (JSON.parse(await fetch('/__dossier/status')) as { settled: boolean }).settled && (await fetch('/')).includes('wellicht'), 'the lists to follow');
      expect(lines.some((line) => /^Updated 1 edited page/.test(line))).toBe(true);
    } finally {
      await session.close();
      rmSync(own, { recursive: true, force: true });
    }
  });
});
