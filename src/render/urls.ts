/**
 * Every internal URL the site has, in one place, as root-relative paths
 * (`/artikel/slug/`); the `url` template filter adds the deploy base path.
 */

/** Site paths by page kind; page 1 of a list has no `/pagina/1/`. */
export const paths = {
  home: (page = 1) => paged('/', page),
  article: (slug: string) => `/artikel/${slug}/`,
  tags: () => '/trefwoord/',
  tag: (slug: string, page = 1) => paged(`/trefwoord/${slug}/`, page),
  topics: () => '/onderwerp/',
  topic: (id: string, page = 1) => paged(`/onderwerp/${id}/`, page),
  archive: () => '/archief/',
  period: (key: string, page = 1) => paged(`/archief/${key.replace('-', '/')}/`, page),
  undated: (page = 1) => paged('/archief/ongedateerd/', page),
  articlesJson: () => '/api/articles.json',
  topicsJson: () => '/api/topics.json',
  search: () => '/zoeken/',
  about: () => '/over/',
  notFound: () => '/404.html',
};

function paged(base: string, page: number): string {
  return page <= 1 ? base : `${base}pagina/${page}/`;
}

/** The file a URL path is written to: `/a/b/` → `a/b/index.html`. */
export function fileForUrl(url: string): string {
  const clean = url.replace(/^\/+/, '');
  return clean === '' || clean.endsWith('/') ? `${clean}index.html` : clean;
}

/** Prefixes a root-relative path with the base path (`/archief/` when deployed under a sub-path). */
export function withBase(basePath: string, path: string): string {
  // The common case (root deploy, root-relative path) needs no work: it is called for every link on every page.
  if (basePath === '/' && path.startsWith('/')) return path;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('#')) return path;
  return `${basePath.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
