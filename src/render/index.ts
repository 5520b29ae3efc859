/**
 * Render stage: Archive → routes → HTML files, plus the fingerprinted assets.
 * Pages are rendered one at a time: the build streams them to disk, dev skips
 * pages whose view model has not changed.
 */
import { createHash } from 'node:crypto';
import type { SiteData } from '../config.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Archive, OutputFile, Page } from '../model.js';
import { loadAssets, type Assets } from './assets.js';
import { createRenderer, type RenderTemplate } from './environment.js';
import { loadLabels, type Labels } from './locale.js';
import { routes } from './routes.js';
import { fileForUrl } from './urls.js';

/** Everything needed to render any page of one archive. */
export interface RenderContext {
  pages: Page[];
  assets: Assets;
  labels: Labels;
  renderTemplate: RenderTemplate;
}

/** Loads labels, assets and templates and lists every page. */
export function prepareRender(archive: Archive, data: SiteData, templatesDir: string): RenderContext {
  const labels = loadLabels(templatesDir, data.site.locale);
  const assets = loadAssets(templatesDir);
  const renderTemplate = createRenderer(templatesDir, { site: data.site, labels, assets: assets.urls });
  return { pages: routes(archive, data, labels), assets, labels, renderTemplate };
}

/** Renders one page; a template that fails is a diagnostic, not a crash. */
export function renderPage(context: RenderContext, page: Page, diagnostics: Diagnostics): OutputFile | null {
  try {
    return { path: fileForUrl(page.url), bytes: Buffer.from(context.renderTemplate(page.template, { ...page.view, url: page.url })) };
  } catch (error) {
    diagnostics.add('render/template-error', 'error', { path: `templates/${page.template}` }, `rendering ${page.url} failed: ${(error as Error).message}`, 'fix the template; the page was not written');
    return null;
  }
}

/** Hashes of article bodies' HTML, by string (the same string object is reused while the article is unchanged). */
const htmlHashes = new Map<string, string>();

/** What a page's output depends on, as a hash: same fingerprint, same bytes (for one set of templates). */
export function pageFingerprint(page: Page): string {
  // An article's body HTML stands in by its (cached) hash: the view is stringified natively, without a replacer.
  const whole = page.view;
  const article = whole.article as { bodyHtml?: unknown } | undefined;
  const view = article && typeof article.bodyHtml === 'string' ? { ...whole, article: { ...article, bodyHtml: hashOfHtml(article.bodyHtml) } } : whole;
  return createHash('sha1').update(page.template).update('\0').update(JSON.stringify(view)).digest('hex');
}

function hashOfHtml(html: string): string {
  let hash = htmlHashes.get(html);
  if (!hash) {
    if (htmlHashes.size > 200_000) htmlHashes.clear();
    hash = createHash('sha1').update(html).digest('hex');
    htmlHashes.set(html, hash);
  }
  return hash;
}
