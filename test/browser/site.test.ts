/// <reference lib="dom" />
/**
 * What a reader sees, in real Chromium: every page kind has no serious or
 * critical axe-core violation and logs no console error; the search page
 * finds an article by a Dutch word; the site works under a sub-path.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, openBuiltSite, watchPage, type BrowserSite } from '../support/browser.js';

const skip = browserSkipReason();
if (skip) console.log(`browser suite skipped: ${skip}`);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let site: BrowserSite;

describe.skipIf(skip !== null)('the site in Chromium (under /archief/)', () => {
  beforeAll(async () => {
    site = await openBuiltSite(join(import.meta.dirname, '..', '..', 'content'), '/archief/');
  });
  afterAll(() => site?.close());

  const seedSlug = (n: string) => site.result.articles.find((a) => a.source.path.startsWith(n))!.slug;
  const kinds: Array<[string, () => string]> = [
    ['index', () => ''],
    ['article with image and outlet', () => `artikel/${seedSlug('000')}/`],
    ['article in a story', () => `artikel/${seedSlug('002')}/`],
    ['tag index', () => 'trefwoord/'],
    ['tag', () => 'trefwoord/financieel/'],
    ['topic index', () => 'onderwerp/'],
    ['topic timeline', () => 'onderwerp/huawei/'],
    ['archive', () => 'archief/'],
    ['year', () => 'archief/2019/'],
    ['month', () => 'archief/2019/05/'],
    ['undated', () => 'archief/ongedateerd/'],
    ['search', () => 'zoeken/'],
    ['about', () => 'over/'],
    ['404', () => 'bestaat-niet/'],
  ];

  it.each(kinds)('%s: no serious or critical axe violation, no console error', async (kind, path) => {
    const page = await site.browser.newPage();
    const watch = await watchPage(page, `127.0.0.1:${site.server.port}`);
    try {
      await page.goto(`${site.origin}${path()}`, { waitUntil: 'load' });
      // Evaluated through DevTools, not as an inline <script>: the site's CSP (rightly) refuses inline scripts.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
        const results = await axe.run(document, { resultTypes: ['violations'] });
        return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      });
      expect(violations).toEqual([]);
      // The 404 page is served with status 404, which Chromium reports for the document itself.
      expect(watch.errors.filter((e) => !(kind === '404' && /status of 404/.test(e)))).toEqual([]);
      expect(watch.dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the search page finds an article by a Dutch word', async () => {
    const page = await site.browser.newPage();
    const watch = await watchPage(page, `127.0.0.1:${site.server.port}`);
    try {
      await page.goto(`${site.origin}zoeken/`);
      const input = page.locator('#zoekterm');
      await input.fill('spionagevehikel');
      const link = page.locator('.search-result-link').first();
      await link.waitFor({ timeout: 30_000 });
      expect(await link.getAttribute('href')).toBe(`/archief/artikel/${seedSlug('000')}/`);
      await input.fill('exportlicenties');
      await expect.poll(async () => page.locator('.search-result-link').first().getAttribute('href'), { timeout: 30_000 }).toBe(`/archief/artikel/${seedSlug('004')}/`);
      const hrefs = () => page.locator('.search-result-link').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
      // A word of three letters or more also finds the longer words it begins; accents and case are folded.
      await input.fill('EXPORTLICENTIE');
      await expect.poll(hrefs, { timeout: 30_000 }).toEqual([`/archief/artikel/${seedSlug('004')}/`]);
      // Every word must match.
      await input.fill('spionagevehikel exportlicenties');
      await expect.poll(async () => page.locator('#zoekstatus').textContent(), { timeout: 30_000 }).toMatch(/geen artikelen/i);
      expect(await hrefs()).toEqual([]);
      // The query is in the address, so a search can be shared and reloaded.
      await page.goto(`${site.origin}zoeken/?q=${encodeURIComponent('Huawéi')}`);
      await expect.poll(async () => (await hrefs()).length, { timeout: 30_000 }).toBeGreaterThan(1);
      expect(await page.locator('#zoekterm').inputValue()).toBe('Huawéi');
      expect(watch.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('reads without JavaScript: an article page shows its title and text', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${site.origin}artikel/${seedSlug('000')}/`);
      expect(await page.locator('h1').textContent()).toBe('VS zetten Duitsland onder druk over Huawei');
      expect(await page.locator('.body').textContent()).toContain('spionagevehikel');
    } finally {
      await context.close();
    }
  });
});
