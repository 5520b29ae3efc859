/**
 * The one module that imports nunjucks: an autoescaping environment over
 * `templates/`, with the filters templates use.
 */
import nunjucks from 'nunjucks';
import type { SiteConfig } from '../config.js';
import { fill, type Labels } from './locale.js';
import { speedUpNunjucks, type NunjucksInternals } from './template-speed.js';
import { withBase } from './urls.js';

/** Renders one template with a view model. */
export type RenderTemplate = (template: string, view: Record<string, unknown>) => string;

/** Renders a template's macro with its arguments: the HTML `{{ name(value, ...) }}` gives in a page. */
export type RenderMacro = (template: string, name: string, ...args: unknown[]) => string;

/** Globals every template sees. */
export interface TemplateGlobals {
  site: SiteConfig;
  labels: Labels;
  assets: Record<string, string>;
}

/** What nunjucks' types leave out: a template's macros, as `{% from %}` imports them. */
interface ExportingTemplate {
  getExported(callback: (error: Error | null, exported: Record<string, unknown>) => void): void;
}

/** Builds the environment and renders its templates (see `createRenderers`). */
export function createRenderer(templatesDir: string, globals: TemplateGlobals): RenderTemplate {
  return createRenderers(templatesDir, globals).renderTemplate;
}

/**
 * Builds the environment, for whole templates and for macros alone.
 * Templates compile once per environment; every build (and every dev
 * rebuild) makes a new one, so template edits still show up.
 */
export function createRenderers(templatesDir: string, globals: TemplateGlobals): { renderTemplate: RenderTemplate; renderMacro: RenderMacro } {
  speedUpNunjucks(nunjucks as unknown as NunjucksInternals);
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
  const macros = new Map<string, (...args: unknown[]) => unknown>();
  const renderMacro: RenderMacro = (template, name, ...args) => {
    const key = `${template}\u0000${name}`;
    let macro = macros.get(key);
    if (!macro) {
      // What `{% from template import name %}` does, once: the loader is synchronous, so is the callback.
      let exported: Record<string, unknown> = {};
      (env.getTemplate(template) as unknown as ExportingTemplate).getExported((error, value) => {
        if (error) throw error;
        exported = value;
      });
      if (typeof exported[name] !== 'function') throw new Error(`${template} has no macro '${name}'`);
      macros.set(key, (macro = exported[name] as (...args: unknown[]) => unknown));
    }
    try {
      return String(macro(...args));
    } catch (error) {
      // Called alone, a macro's error does not say which template it is in, as a page's error does.
      const where = error instanceof nunjucks.lib.TemplateError && error.lineno ? ` [Line ${error.lineno}, Column ${error.colno}]` : '';
      throw new Error(`(${template})${where} ${(error as Error).message}`);
    }
  };
  return { renderTemplate: (template, view) => env.render(template, view), renderMacro };
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
