/**
 * Results that depend only on one article's own content are kept while its
 * body tree lives. Body trees are never changed after normalise and are
 * replaced whenever their file (or `_data/`) changes, so a dev rebuild
 * recomputes these only for the articles that changed.
 */
import type { Article } from '../model.js';

const caches = new Map<string, WeakMap<object, { depends: string; value: unknown }>>();

/** `compute()` once per article body and `kind`, again only when `depends` (whatever else it reads) differs. */
export function perArticle<T>(kind: string, article: Pick<Article, 'body'>, depends: string, compute: () => T): T {
  let cache = caches.get(kind);
  if (!cache) caches.set(kind, (cache = new WeakMap()));
  const hit = cache.get(article.body);
  if (hit && hit.depends === depends) return hit.value as T;
  const value = compute();
  cache.set(article.body, { depends, value });
  return value;
}
