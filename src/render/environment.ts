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

/**
 * Builds the environment. Templates compile once per environment; every build
 * (and every dev rebuild) makes a new one, so template edits still show up.
 */
export function createRenderer(templatesDir: string, globals: TemplateGlobals): RenderTemplate {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('url', (path: unknown) => withBase(globals.site.basePath, String(path ?? '')));
  env.addFilter('absoluteUrl', (path: unknown) => new URL(String(path ?? '').replace(/^\/+/, ''), globals.site.baseUrl).href);
  env.addFilter('fill', (label: unknown, values: Record<string, string | number>) => fill(String(label ?? ''), values ?? {}));
  // JSON-LD inside <script>: `<` escaped so no value can close the element.
  env.addFilter('jsonLd', (value: unknown) => new nunjucks.runtime.SafeString(JSON.stringify(value).replace(/</g, '\\u003c')));
  env.addFilter('pageTitle', (title: unknown) => pageTitle(String(title ?? ''), globals.site.title));
  for (const [name, value] of Object.entries(globals)) env.addGlobal(name, value);
  return (template, view) => env.render(template, view);
}

/** Longest `<title>` search engines show in full. */
const MAX_TITLE = 70;

/** `Title · Site` when it fits in 70 characters, else the title alone, cut on a word boundary. */
export function pageTitle(title: string, site: string): string {
  if (!title || title === site) return site.slice(0, MAX_TITLE);
  const full = `${title} · ${site}`;
  if (full.length <= MAX_TITLE) return full;
  if (title.length <= MAX_TITLE) return title;
  const cut = title.slice(0, MAX_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 30 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
