/// <reference lib="dom" />
/**
 * Every page of a site built from hostile content, in real Chromium: no
 * dialog opens, no script from content runs, no request leaves for another
 * host, and the Content-Security-Policy reports no violation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { startServer, type RunningServer } from '../../src/dev/server.js';
import { browserSkipReason, launchBrowser, watchPage } from '../support/browser.js';
import { listFiles } from '../support/tree.js';

const skip = browserSkipReason();
const temp = mkdtempSync(join(tmpdir(), 'dossier-hostile-browser-'));
const outDir = join(temp, 'dist');
let browser: Browser;
let server: RunningServer;

describe.skipIf(skip !== null)('hostile content in Chromium', () => {
  beforeAll(async () => {
    await build({ contentDir: join(import.meta.dirname, '..', 'fixtures', 'hostile', 'content'), outDir, baseUrl: 'http://127.0.0.1/' });
    server = await startServer({ root: outDir, basePath: '/', host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('runs nothing from content on any page and sends nothing to other hosts', async () => {
    const pages = listFiles(outDir).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
    expect(pages.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const file of pages) {
      const page = await browser.newPage();
      const watch = await watchPage(page, `127.0.0.1:${server.port}`);
      await page.goto(`http://127.0.0.1:${server.port}/${file.replace(/index\.html$/, '')}`, { waitUntil: 'load' });
      // Give handlers (onerror, onload, ontoggle, meta refresh) their chance to fire.
      await page.waitForTimeout(150);
      const pwned = await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);
      if (pwned) problems.push(`${file}: script ran (${pwned})`);
      for (const dialog of watch.dialogs) problems.push(`${file}: dialog "${dialog}"`);
      for (const url of watch.external) problems.push(`${file}: request to ${url}`);
      for (const error of watch.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))) problems.push(`${file}: ${error}`);
      if (!page.url().startsWith(`http://127.0.0.1:${server.port}/`)) problems.push(`${file}: navigated to ${page.url()}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  });
});
