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

/** One kept result and what it was computed from. */
interface Kept {
  depends: Depends;
  value: unknown;
}

/** An article body's kept results by kind. */
type KeptByKind = Record<string, Kept | undefined>;

/**
 * Each body's results hang on the body itself, under a property no one else names and no copy, comparison or
 * serialisation sees (a symbol, not enumerable): a WeakMap per kind, five of them holding every body of the
 * archive, cost 0.7 s of a 100 000-article build's main thread in their sets alone, and each full collection
 * walks their ephemerons. A body that cannot take a property (frozen) keeps its results in a WeakMap.
 */
const KEPT = Symbol('dossier.perArticle');
const keptAside = new WeakMap<object, KeptByKind>();

/** The results kept for `body`, if any were. */
function keptAlready(body: object): KeptByKind | undefined {
  return (body as { [KEPT]?: KeptByKind })[KEPT] ?? keptAside.get(body);
}

/** The results kept for `body`, made empty when first asked for. */
function keptOf(body: object): KeptByKind {
  const held = keptAlready(body);
  if (held) return held;
  // A plain object, not one without a prototype (V8 keeps those as dictionaries, several times larger): kinds are this program's own names.
  const kept: KeptByKind = {};
  if (Object.isExtensible(body)) Object.defineProperty(body, KEPT, { value: kept });
  else keptAside.set(body, kept);
  return kept;
}

/** `compute()` once per article body and `kind`, again only when `depends` (whatever else it reads) differs. */
export function perArticle<T>(kind: string, article: Pick<Article, 'body'>, depends: Depends, compute: () => T): T {
  const kept = keptOf(article.body);
  const hit = kept[kind];
  if (hit === FORGOTTEN) throw new Error(`the ${kind} of this article were let go of once the build had used them; read the article again to have them`);
  if (hit && sameParts(hit.depends, depends)) return hit.value as T;
  const value = compute();
  kept[kind] = { depends, value };
  return value;
}

function sameParts(a: Depends, b: Depends): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lets go of the `kind` results kept for these articles (a one-shot build, once nothing will read them again). */
export function forgetPerArticle(kind: string, articles: ReadonlyArray<Pick<Article, 'body'>>): void {
  for (const article of articles) {
    const kept = keptAlready(article.body);
    if (kept?.[kind]) kept[kind] = FORGOTTEN;
  }
}
