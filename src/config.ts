/**
 * Loads `content/_data/` (site.yml, topics.yml, outlets.yml, overrides.yml)
 * into one validated SiteData, reporting every problem as a diagnostic.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from './schema.js';
import type { Diagnostics } from './diagnostics.js';
import type { TopicDefinition } from './model.js';
import { normaliseLineEnds } from './ingest/decode.js';
import { parseYaml } from './ingest/yaml.js';

/** Settings of one site. */
export interface SiteConfig {
  title: string;
  description: string;
  /** Absolute URL of the site root, always ending in `/` (e.g. `https://example.org/archief/`). */
  baseUrl: string;
  /** The path part of baseUrl (`/` or `/archief/`), prefixed to every internal link. */
  basePath: string;
  locale: 'nl' | 'en';
  /** Globs (relative to the content folder) that are never read as articles. */
  ignore: string[];
  /** Articles per list page. */
  pageSize: number;
  /** Text for the about page (paragraphs separated by blank lines). */
  about: string;
  /** Embed images from other hosts (off: they become links, so a reader's browser contacts no third party). */
  externalImages: boolean;
}

/** Everything in `_data/`, validated. */
export interface SiteData {
  site: SiteConfig;
  topics: TopicDefinition[];
  /** Host name (without `www.`) → outlet name. */
  outlets: Record<string, string>;
  /** Content-relative path → fields that replace the article's own. */
  overrides: Record<string, Record<string, unknown>>;
}

const siteSchema = z.object({
  title: z.string().min(1).default('Dossier'),
  description: z.string().default(''),
  baseUrl: z.string().url().default('http://localhost/'),
  locale: z.enum(['nl', 'en']).default('nl'),
  ignore: z.array(z.string()).default([]),
  pageSize: z.number().int().min(1).max(1000).default(50),
  about: z.string().default(''),
  externalImages: z.boolean().default(false),
});

const topicsSchema = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'a topic id is lowercase letters, digits and dashes'),
    label: z.string().min(1),
    description: z.string().default(''),
    terms: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
  }),
);

const outletsSchema = z.record(z.string(), z.string());
const overridesSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/** Site data with every default and no topics, outlets or overrides (for tools and tests). */
export function defaultSiteData(): SiteData {
  const site = siteSchema.parse({});
  return { site: { ...site, basePath: new URL(site.baseUrl).pathname }, topics: [], outlets: {}, overrides: {} };
}

/** Options that beat site.yml (from the command line). */
export interface ConfigOverrides {
  baseUrl?: string;
}

/** Reads and validates `_data/`; a broken file falls back to defaults with an error diagnostic. */
export function loadSiteData(contentDir: string, diagnostics: Diagnostics, overrides: ConfigOverrides = {}): SiteData {
  const siteRaw = readDataFile(contentDir, 'site.yml', {}, diagnostics);
  const site = validate(siteSchema, siteRaw, 'site.yml', diagnostics) ?? siteSchema.parse({});
  const baseUrl = withTrailingSlash(overrides.baseUrl ?? site.baseUrl);
  const topicsRaw = readDataFile(contentDir, 'topics.yml', [], diagnostics);
  const topicList = Array.isArray(topicsRaw) ? topicsRaw : (topicsRaw as { topics?: unknown })?.topics ?? [];
  const topics = validate(topicsSchema, topicList, 'topics.yml', diagnostics) ?? [];
  const outlets = validate(outletsSchema, readDataFile(contentDir, 'outlets.yml', {}, diagnostics) ?? {}, 'outlets.yml', diagnostics) ?? {};
  const overridesData =
    validate(overridesSchema, readDataFile(contentDir, 'overrides.yml', {}, diagnostics) ?? {}, 'overrides.yml', diagnostics) ?? {};
  return {
    site: { ...site, baseUrl, basePath: new URL(baseUrl).pathname },
    topics: topics.map((t) => ({ id: t.id, label: t.label, description: t.description, terms: t.terms })),
    outlets: Object.fromEntries(Object.entries(outlets).map(([host, name]) => [host.toLowerCase().replace(/^www\./, ''), name])),
    overrides: overridesData,
  };
}

function readDataFile(contentDir: string, name: string, fallback: unknown, diagnostics: Diagnostics): unknown {
  const path = join(contentDir, '_data', name);
  if (!existsSync(path)) return fallback;
  const parsed = parseYaml(normaliseLineEnds(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')));
  for (const problem of parsed.problems) {
    diagnostics.add(
      'config/yaml-syntax',
      problem.fatal ? 'error' : 'warning',
      { path: `_data/${name}`, line: problem.line, column: problem.column },
      problem.message,
      problem.fatal ? `fix _data/${name}; until then its defaults are used` : undefined,
    );
  }
  return parsed.problems.some((p) => p.fatal) ? fallback : parsed.value ?? fallback;
}

function validate<T>(schema: z.ZodType<T>, value: unknown, name: string, diagnostics: Diagnostics): T | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    diagnostics.add(
      'config/invalid',
      'error',
      { path: `_data/${name}` },
      `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
      `fix _data/${name}; until then its defaults are used`,
    );
  }
  return null;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
