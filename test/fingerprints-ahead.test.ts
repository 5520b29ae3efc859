/**
 * Fingerprints taken while a build waits for its threads
 * (src/render/fingerprints-ahead.ts): lists' while kinship settles, any
 * page's after, none once the render starts, and only of pages the spare
 * copy holds.
 */
import { describe, expect, it } from 'vitest';
import { fingerprintsAhead } from '../src/render/fingerprints-ahead.js';
import { pageFingerprint } from '../src/render/fingerprint.js';
import type { Page } from '../src/model.js';
import { PageTable } from '../src/page-memory.js';

/** A stamped page whose stamp counts how often it was taken. */
function page(url: string, beforeKinship: boolean, taken: Map<string, number>): Page {
  return {
    url,
    template: beforeKinship ? 'list.njk' : 'article.njk',
    view: {},
    stamp: () => {
      taken.set(url, (taken.get(url) ?? 0) + 1);
      return `stamp of ${url}`;
    },
    stampBeforeKinship: beforeKinship,
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const spare = PageTable.from([
  ['lijst/index.html', [1, 1, 'x']],
  ['artikel/a/index.html', [1, 1, 'x']],
  ['lijst/2/index.html', [1, 1, 'x']],
]);

describe('fingerprints taken ahead', () => {
  it("take lists' while kinship is pending, article pages' once it settles, and the fingerprints the render would", async () => {
    const taken = new Map<string, number>();
    const pages = [page('/artikel/a/', false, taken), page('/lijst/', true, taken), page('/lijst/2/', true, taken)];
    const kinship = deferred();
    const stop = deferred();
    const ahead = fingerprintsAhead(pages, 'salt', spare, { kinship: kinship.promise, stop: stop.promise });
    // Many turns later, kinship still pending: the lists are taken, the article page is not.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect([...taken.keys()].sort()).toEqual(['/lijst/', '/lijst/2/']);
    kinship.resolve();
    const fingerprints = await ahead;
    expect([...fingerprints.keys()].map((p) => p.url).sort()).toEqual(['/artikel/a/', '/lijst/', '/lijst/2/']);
    for (const [p, fingerprint] of fingerprints) expect(fingerprint).toBe(pageFingerprint('salt', p));
  });

  it('take none of a page the spare copy lacks', async () => {
    const taken = new Map<string, number>();
    const pages = [page('/lijst/', true, taken), page('/lijst/3/', true, taken), page('/artikel/a/', false, taken)];
    const fingerprints = await fingerprintsAhead(pages, 'salt', spare, { kinship: Promise.resolve(), stop: new Promise(() => undefined) });
    expect([...fingerprints.keys()].map((p) => p.url).sort()).toEqual(['/artikel/a/', '/lijst/']);
    expect(taken.has('/lijst/3/')).toBe(false);
  });

  it('stop when told, also while waiting for a kinship that does not settle', async () => {
    const taken = new Map<string, number>();
    const pages = [page('/lijst/', true, taken), page('/artikel/a/', false, taken), page('/lijst/2/', true, taken)];
    const stop = deferred();
    const ahead = fingerprintsAhead(pages, 'salt', spare, { kinship: new Promise(() => undefined), stop: stop.promise });
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    // The lists are taken; the article page waits for kinship until the stop ends the wait.
    expect([...taken.keys()].sort()).toEqual(['/lijst/', '/lijst/2/']);
    stop.resolve();
    const fingerprints = await ahead;
    expect([...fingerprints.keys()].map((p) => p.url).sort()).toEqual(['/lijst/', '/lijst/2/']);
    expect(taken.has('/artikel/a/')).toBe(false);
  });

  it('leave a page whose stamp fails to the render, and do not reject', async () => {
    const broken: Page = { url: '/lijst/', template: 'list.njk', view: {}, stamp: () => { throw new Error('stamp failed'); }, stampBeforeKinship: true };
    const fingerprints = await fingerprintsAhead([broken], 'salt', spare, { kinship: Promise.resolve(), stop: new Promise(() => undefined) });
    expect(fingerprints.size).toBe(0);
  });
});
