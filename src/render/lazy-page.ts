/**
 * Pages whose view model is made when it is read, not when the page is
 * listed: a build reads each view once, renders it and lets it go, so the
 * views of tens of thousands of pages never sit in memory together.
 */
import type { Page } from '../model.js';

/** A page whose `view` is computed by `makeView` on every read. */
export function lazyPage(url: string, template: string, makeView: () => Record<string, unknown>, noindex = false): Page {
  const page = { url, template, ...(noindex ? { noindex } : {}) };
  return Object.defineProperty(page, 'view', { get: makeView, enumerable: true }) as Page;
}
