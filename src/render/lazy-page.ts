/**
 * Pages whose view model is made when it is read, not when the page is
 * listed: a build reads each view once, renders it and lets it go, so the
 * views of tens of thousands of pages never sit in memory together.
 */
import type { Page } from '../model.js';

/**
 * The view is a getter on the class, not one defined on each page: a getter
 * of its own gives every page its own hidden class in V8, some 300 bytes
 * apiece, 50 MB at 100 000 articles.
 */
class LazyPage implements Page {
  release?: () => void;
  stampBeforeKinship?: boolean;
  constructor(
    readonly url: string,
    readonly template: string,
    private makeView: () => Record<string, unknown>,
    readonly noindex: boolean,
    public stamp: (() => string) | undefined,
    readonly timelineStart: string | undefined,
    readonly listStart: string | undefined,
  ) {}

  get view(): Record<string, unknown> {
    return this.makeView();
  }

  /** Drops the functions that make its view and stamp, and what they hold. */
  retire(): void {
    this.makeView = retiredView;
    this.stamp = undefined;
    this.release = undefined;
  }
}

/** A retired page's view: reading it is a bug in the build, said at once rather than rendered from nothing. */
function retiredView(): never {
  throw new Error('a page was read after a one-shot build had written it and let go of its view (retirePage)');
}

/** A page whose `view` is computed by `makeView` on every read; `stamp` names what it is made from (render/stamps.ts); `timelineStart`, `listStart`: see `Page`. */
export function lazyPage(url: string, template: string, makeView: () => Record<string, unknown>, noindex = false, stamp?: () => string, timelineStart?: string, listStart?: string): Page {
  return new LazyPage(url, template, makeView, noindex, stamp, timelineStart, listStart);
}

/**
 * A one-shot build's page once it is written: what it alone reads is let go of (`Page.release`, an article's body),
 * and so are the functions that make its view and stamp; its url, template and flags stay for the sitemap. At 48 000
 * articles the functions and their scopes were 11 MB of the 30 MB the pages held through the render.
 */
export function retirePage(page: Page): void {
  page.release?.();
  if (page instanceof LazyPage) page.retire();
}
