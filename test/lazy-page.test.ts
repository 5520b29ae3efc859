/**
 * A page of a one-shot build, once written, lets go of what made its view and
 * stamp (src/render/lazy-page.ts `retirePage`): what they held is freed while
 * the rest of the site renders, and a view read after that is an error said
 * at once, never a page rendered from nothing.
 */
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../src/memory.js';
import { lazyPage, retirePage } from '../src/render/lazy-page.js';

/** Lets the job that made a WeakRef's target end: until then the WeakRef keeps it alive. */
const nextJob = () => new Promise((resolve) => setImmediate(resolve));

/** A list page whose view and stamp makers alone hold `held`, and a WeakRef to it. */
function pageHolding(held: { items: string[] }) {
  const page = lazyPage('/tags/huawei/', 'list.njk', () => ({ items: held.items }), true, () => held.items.join(''), '2019-05', undefined);
  return { page, weak: new WeakRef(held) };
}

describe('retirePage', () => {
  it('lets go of what the view and stamp makers held, and runs the page’s own release once', async () => {
    const { page, weak } = pageHolding({ items: new Array(1000).fill('card') });
    let released = 0;
    page.release = () => released++;
    expect(page.view).toEqual({ items: new Array(1000).fill('card') });
    expect(page.stamp!()).toBe('card'.repeat(1000));

    retirePage(page);
    expect(released).toBe(1);
    expect(page.stamp).toBeUndefined();
    expect(page.release).toBeUndefined();
    // What the sitemap and the render order read stays.
    expect([page.url, page.template, page.noindex, page.timelineStart]).toEqual(['/tags/huawei/', 'list.njk', true, '2019-05']);
    expect(() => page.view).toThrow(/read after a one-shot build had written it/);

    await nextJob();
    await nextJob();
    collectGarbage();
    expect(weak.deref()).toBeUndefined();
  });

  it('retires a page that is not lazy by its release alone', () => {
    let released = 0;
    const page = { url: '/feed/', template: 'feed.njk', view: { title: 'Feed' }, release: () => released++ };
    retirePage(page);
    expect(released).toBe(1);
    expect(page.view).toEqual({ title: 'Feed' });
  });
});
