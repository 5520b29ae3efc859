/// <reference lib="dom" />
/**
 * `dossier dev` as a writer sees it in Chromium: saving an article updates
 * the open page without a manual reload; a broken save shows an overlay with
 * file and line over the last good page; fixing it clears the overlay.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/build.js';
import { startDev, type DevSession } from '../../src/dev/index.js';
import { browserSkipReason, launchBrowser, watchPage } from '../support/browser.js';

const skip = browserSkipReason();
const temp = mkdtempSync(join(tmpdir(), 'dossier-devbrowser-'));
const content = join(temp, 'content');
const seed = join(content, '000_9046f584f555e882.txt');
let dev: DevSession;
let browser: Browser;

describe.skipIf(skip !== null)('dossier dev in Chromium', () => {
  beforeAll(async () => {
    cpSync(join(import.meta.dirname, '..', '..', 'content'), content, { recursive: true });
    dev = await startDev({ contentDir: content, outDir: join(temp, 'dist'), templatesDir: DEFAULT_TEMPLATES, host: '127.0.0.1', port: 0, log: () => {} });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await dev?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('reloads the open page after a save, and overlays an error until it is fixed', async () => {
    const page = await browser.newPage();
    const watch = await watchPage(page, `127.0.0.1:${dev.port}`);
    await page.goto(`http://127.0.0.1:${dev.port}/artikel/vs-zetten-duitsland-onder-druk-over-huawei/`);
    await page.waitForFunction(() => document.readyState === 'complete');
    const good = readFileSync(seed, 'utf8');

    writeFileSync(seed, good.replace('Pompeo komt overigens', 'Pompeo kwam overigens'));
    await page.waitForFunction(() => document.body.textContent!.includes('Pompeo kwam overigens'), undefined, { timeout: 30_000 });

    writeFileSync(seed, good.replace('title: "VS zetten Duitsland onder druk over Huawei"', 'title: "VS zetten Duitsland'));
    const overlay = page.locator('#dossier-overlay');
    await overlay.waitFor({ timeout: 30_000 });
    expect(await overlay.textContent()).toContain('000_9046f584f555e882.txt:3:8');
    expect(await page.locator('h1').textContent()).toBe('VS zetten Duitsland onder druk over Huawei');

    writeFileSync(seed, good);
    await overlay.waitFor({ state: 'detached', timeout: 15_000 });
    await page.waitForFunction(() => document.body.textContent!.includes('Pompeo komt overigens'), undefined, { timeout: 30_000 });
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
