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
    private readonly makeView: () => Record<string, unknown>,
    readonly noindex: boolean,
    readonly stamp: (() => string) | undefined,
    readonly timelineStart: string | undefined,
    readonly listStart: string | undefined,
  ) {}

  get view(): Record<string, unknown> {
    return this.makeView();
  }
}

/** A page whose `view` is computed by `makeView` on every read; `stamp` names what it is made from (render/stamps.ts); `timelineStart`, `listStart`: see `Page`. */
export function lazyPage(url: string, template: string, makeView: () => Record<string, unknown>, noindex = false, stamp?: () => string, timelineStart?: string, listStart?: string): Page {
  return new LazyPage(url, template, makeView, noindex, stamp, timelineStart, listStart);
}
