/// <reference lib="dom" />
/**
 * Every page of a site built from hostile content, in real Chromium: no
 * dialog opens, no script from content runs, no request leaves for another
 * host, and the Content-Security-Policy reports no violation.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, openBuiltSite, watchPage, type BrowserSite } from '../support/browser.js';
import { listFiles } from '../support/tree.js';

const skip = browserSkipReason();
let site: BrowserSite;

describe.skipIf(skip !== null)('hostile content in Chromium', () => {
  beforeAll(async () => {
    site = await openBuiltSite(join(import.meta.dirname, '..', 'fixtures', 'hostile', 'content'));
  });
  afterAll(() => site?.close());

  it('runs nothing from content on any page and sends nothing to other hosts', async () => {
    const pages = listFiles(site.outDir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const file of pages) {
      const page = await site.browser.newPage();
      const watch = await watchPage(page, `127.0.0.1:${site.server.port}`);
      await page.goto(`${site.origin}${file.replace(/index\.html$/, '')}`, { waitUntil: 'load' });
      // Give handlers (onerror, onload, ontoggle, meta refresh) their chance to fire.
      await page.waitForTimeout(150);
      const pwned = await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);
      if (pwned) problems.push(`${file}: script ran (${pwned})`);
      for (const dialog of watch.dialogs) problems.push(`${file}: dialog "${dialog}"`);
      for (const url of watch.external) problems.push(`${file}: request to ${url}`);
      for (const error of watch.errors.filter((e) => /Content Security Policy|Refused to/i.test(e))) problems.push(`${file}: ${error}`);
      if (!page.url().startsWith(site.origin)) problems.push(`${file}: navigated to ${page.url()}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  });
});
