/**
 * Render stage: Archive → routes → HTML files, plus the fingerprinted assets.
 * Pages are rendered one at a time: the build streams them to disk, and both
 * skip pages whose view has the same fingerprint as before (fingerprint.ts).
 */
import type { SiteData } from '../config.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Archive, OutputFile, Page } from '../model.js';
import { loadAssets, type Assets } from './assets.js';
import { createRenderers, type RenderTemplate, type TemplateGlobals } from './environment.js';
import { failureOf, fillLateTexts, fragmentHtml, fragmentsOf } from './page-view.js';
import { loadLabels, type Labels } from './locale.js';
import { routes } from './routes.js';
import { fileForUrl } from './urls.js';
import { copyToComplete } from '../objects.js';

/** Everything needed to render any page of one archive. */
export interface RenderContext {
  pages: Page[];
  assets: Assets;
  labels: Labels;
  renderTemplate: RenderTemplate;
  /** What the templates were given, and where they are: another thread makes the same renderer from these. */
  globals: TemplateGlobals;
  templatesDir: string;
}

/** Loads labels, assets and templates and lists every page. */
export function prepareRender(archive: Archive, data: SiteData, templatesDir: string): RenderContext {
  const labels = loadLabels(templatesDir, data.site.locale);
  const assets = loadAssets(templatesDir);
  const globals = { site: data.site, labels, assets: assets.urls };
  const { renderTemplate, renderMacro } = createRenderers(templatesDir, globals);
  return { pages: routes(archive, data, labels, renderMacro), assets, labels, renderTemplate, globals, templatesDir };
}

/** Renders one page; a template that fails is a diagnostic, not a crash. */
export function renderPage(context: RenderContext, page: Page, diagnostics: Diagnostics): OutputFile | null {
  const result = renderHtml(context.renderTemplate, page);
  if ('error' in result) reportTemplateError(diagnostics, page, result.error);
  return 'html' in result ? { path: fileForUrl(page.url), bytes: Buffer.from(result.html) } : null;
}

/** A page rendered to HTML, or why its template failed (in whichever thread renders it). */
export function renderHtml(renderTemplate: RenderTemplate, page: Pick<Page, 'url' | 'template' | 'view'>): { html: string } | { error: string } {
  try {
    const view = copyToComplete<Record<string, unknown>>(page.view);
    fillLateTexts(view);
    const failure = failureOf(view);
    if (failure !== null) return { error: failure };
    view.url = page.url;
    view.fragments = (fragmentsOf(view) ?? []).map(fragmentHtml);
    return { html: renderTemplate(page.template, view) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The diagnostic for a page whose template failed. */
export function reportTemplateError(diagnostics: Diagnostics, page: Pick<Page, 'url' | 'template'>, message: string): void {
  diagnostics.add('render/template-error', 'error', { path: `templates/${page.template}` }, `rendering ${page.url} failed: ${message}`, 'fix the template; the page was not written');
}
