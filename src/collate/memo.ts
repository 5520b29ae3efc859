/**
 * Results that depend only on one article's own content are kept while its
 * body tree lives. Body trees are never changed after normalise and are
 * replaced whenever their file (or `_data/`) changes, so a dev rebuild
 * recomputes these only for the articles that changed.
 */
import type { Article } from '../model.js';

/**
 * What a kept result was computed from besides the body, part by part. Parts
 * are compared one by one and never joined: a joined key is a new string per
 * article, kept as long as the result, and comparing two joined keys makes
 * V8 copy both out flat (at 100 000 articles, hundreds of megabytes).
 */
export type Depends = ReadonlyArray<string | number | boolean | null>;

/** What a result let go of is replaced by: asking for it again throws (its text is gone too, computing it afresh would give nothing). */
const FORGOTTEN = { depends: [], value: null };

const caches = new Map<string, WeakMap<object, { depends: Depends; value: unknown }>>();

/** `compute()` once per article body and `kind`, again only when `depends` (whatever else it reads) differs. */
export function perArticle<T>(kind: string, article: Pick<Article, 'body'>, depends: Depends, compute: () => T): T {
  let cache = caches.get(kind);
  if (!cache) caches.set(kind, (cache = new WeakMap()));
  const hit = cache.get(article.body);
  if (hit === FORGOTTEN) throw new Error(`the ${kind} of this article were let go of once the build had used them; read the article again to have them`);
  if (hit && sameParts(hit.depends, depends)) return hit.value as T;
  const value = compute();
  cache.set(article.body, { depends, value });
  return value;
}

function sameParts(a: Depends, b: Depends): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lets go of the `kind` results kept for these articles (a one-shot build, once nothing will read them again). */
export function forgetPerArticle(kind: string, articles: ReadonlyArray<Pick<Article, 'body'>>): void {
  const cache = caches.get(kind);
  if (cache) for (const article of articles) if (cache.has(article.body)) cache.set(article.body, FORGOTTEN);
}
