/**
 * The one module that imports nunjucks: an autoescaping environment over
 * `templates/`, with the filters templates use.
 */
import nunjucks from 'nunjucks';
import type { SiteConfig } from '../config.js';
import { fill, type Labels } from './locale.js';
import { withBase } from './urls.js';

/** Renders one template with a view model. */
export type RenderTemplate = (template: string, view: Record<string, unknown>) => string;

/** Globals every template sees. */
export interface TemplateGlobals {
  site: SiteConfig;
  labels: Labels;
  assets: Record<string, string>;
}

/** Builds the environment; templates are re-read on every build so edits show up in dev. */
export function createRenderer(templatesDir: string, globals: TemplateGlobals): RenderTemplate {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir, { noCache: true }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('url', (path: unknown) => withBase(globals.site.basePath, String(path ?? '')));
  env.addFilter('absoluteUrl', (path: unknown) => new URL(String(path ?? '').replace(/^\/+/, ''), globals.site.baseUrl).href);
  env.addFilter('fill', (label: unknown, values: Record<string, string | number>) => fill(String(label ?? ''), values ?? {}));
  for (const [name, value] of Object.entries(globals)) env.addGlobal(name, value);
  return (template, view) => env.render(template, view);
}
