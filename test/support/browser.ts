/**
 * Real Chromium for tests: Debian's /usr/bin/chromium (or CHROMIUM_PATH)
 * driven by playwright-core, headless with a fresh profile and no background
 * networking. Requests to other hosts are answered locally, never sent.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, type BuildResult } from '../../src/build.js';
import { startServer, type RunningServer } from '../../src/dev/server.js';

/** The browser binary, or null when this machine has none. */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p)) ?? null;

/** Why the browser suites cannot run here, or null when they can. In CI a missing browser is an error, not a skip. */
export function browserSkipReason(): string | null {
  if (chromiumPath) return null;
  if (process.env.CI) throw new Error('CI must run the browser suites, but no Chromium was found (.ci/run installs Debian\'s chromium)');
  return 'no Chromium at /usr/bin/chromium (install Debian\'s chromium, or set CHROMIUM_PATH)';
}

/** Starts headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** What a page did while it was open: console errors, uncaught errors, dialogs, and requests for other hosts. */
export interface PageWatch {
  errors: string[];
  dialogs: string[];
  external: string[];
}

/** Watches a page; requests for other hosts are answered with a blank image (recorded, never sent). */
export async function watchPage(page: Page, allowedHost: string): Promise<PageWatch> {
  const watch: PageWatch = { errors: [], dialogs: [], external: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === allowedHost || url.protocol === 'data:') return route.continue();
    watch.external.push(url.href);
    return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
  });
  return watch;
}

/** A built site served on 127.0.0.1 with Chromium ready, for a browser suite. */
export interface BrowserSite {
  browser: Browser;
  server: RunningServer;
  result: BuildResult;
  outDir: string;
  /** `http://127.0.0.1:<port><basePath>` */
  origin: string;
  close(): Promise<void>;
}

/** Builds `contentDir` into a temp folder under `basePath`, serves it, and starts Chromium. */
export async function openBuiltSite(contentDir: string, basePath = '/'): Promise<BrowserSite> {
  const temp = mkdtempSync(join(tmpdir(), 'dossier-browser-'));
  const outDir = join(temp, 'dist');
  const result = await build({ contentDir, outDir, baseUrl: `http://127.0.0.1${basePath}` });
  const server = await startServer({ root: outDir, basePath, host: '127.0.0.1', port: 0 });
  const browser = await launchBrowser();
  return {
    browser,
    server,
    result,
    outDir,
    origin: `http://127.0.0.1:${server.port}${basePath}`,
    async close() {
      await browser.close();
      await server.close();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
