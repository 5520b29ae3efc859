/**
 * Render stage: Archive → routes → HTML files, plus the fingerprinted assets.
 */
import type { SiteData } from '../config.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Archive, OutputFile, Page } from '../model.js';
import { loadAssets } from './assets.js';
import { createRenderer } from './environment.js';
import { loadLabels, type Labels } from './locale.js';
import { routes } from './routes.js';
import { fileForUrl } from './urls.js';

/** The rendered site: every page and asset as a file. */
export interface Rendered {
  pages: Page[];
  files: OutputFile[];
  labels: Labels;
}

const encoder = new TextEncoder();

/** Renders every page; a template that fails is a diagnostic, not a crash. */
export function render(archive: Archive, data: SiteData, templatesDir: string, diagnostics: Diagnostics): Rendered {
  const labels = loadLabels(templatesDir, data.site.locale);
  const assets = loadAssets(templatesDir);
  const renderTemplate = createRenderer(templatesDir, { site: data.site, labels, assets: assets.urls });
  const pages = routes(archive, data, labels);
  const files: OutputFile[] = [...assets.files];
  for (const page of pages) {
    try {
      files.push({ path: fileForUrl(page.url), bytes: encoder.encode(renderTemplate(page.template, { ...page.view, url: page.url })) });
    } catch (error) {
      diagnostics.add('render/template-error', 'error', { path: `templates/${page.template}` }, `rendering ${page.url} failed: ${(error as Error).message}`, 'fix the template; the page was not written');
    }
  }
  return { pages, files, labels };
}
