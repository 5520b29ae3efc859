/**
 * One RawArticle to a draft Article: fields read by policy, body built, date,
 * title, tags and provenance settled. Slugs and tag labels need the whole
 * archive and are settled in index.ts.
 */
import { createHash } from 'node:crypto';
import type { SiteData } from '../config.js';
import { Diagnostics } from '../diagnostics.js';
import type { Article, RawArticle } from '../model.js';
import { countWords } from '../char-class.js';
import { buildBody } from './body.js';
import { detectLanguage, LANGUAGE_SAMPLE, withoutTags } from './language.js';
import { readProvenance } from './links.js';
import { estimateFromText, pickDate, takeInlineMarker } from './pick-date.js';
import { slugify } from './slug.js';
import { MAX_TAGS_PER_ARTICLE, readTags, type WrittenTag } from './tags.js';
import { cleanTitle, deriveTitle } from './title.js';
import { copyToComplete } from '../objects.js';

/** An article before the archive-wide steps (slug uniqueness, tag labels). */
export interface Draft {
  article: Omit<Article, 'slug' | 'tags'>;
  slugBase: string;
  tags: WrittenTag[];
  /**
   * What the schema found wrong with the record's own fields when its file was read (normalise/index.ts
   * `checkDraft`): null for nothing; absent when they were not checked then, and a build checks the whole record.
   */
  problem?: string | null;
}

const TITLE_FIELDS = ['title', 'headline', 'titel', 'kop'];
const LEAD_FIELDS = ['lead', 'intro', 'description', 'summary', 'excerpt', 'samenvatting'];

/** Normalises one article; its diagnostics go to the collector and onto the record. */
export function normaliseArticle(input: RawArticle, data: SiteData, diagnostics: Diagnostics): Draft {
  const local = new Diagnostics();
  const override = data.overrides[input.source.path] ?? {};
  const raw = copyToComplete<RawArticle>(input);
  raw.fields = { ...input.fields, ...override };
  const overridden = new Set(Object.keys(override));

  const marker = raw.bodyFormat === 'html' ? null : takeInlineMarker(raw.body);
  const bodyText = marker?.rest ?? raw.body;
  const explicitTitle = cleanTitle(firstDefined(raw.fields, TITLE_FIELDS)) || cleanTitle(raw.pageMeta.title);
  const language = detectLanguage(raw.fields.lang ?? raw.fields.language ?? raw.pageMeta.lang, withoutTags(bodyText, LANGUAGE_SAMPLE), data.site.locale);
  const body = buildBody(raw, bodyText, raw.bodyLine, language === 'nl', explicitTitle || null, local);

  const fieldLead = cleanTitle(firstDefined(raw.fields, LEAD_FIELDS));
  const lead = body.lead || fieldLead;
  let title = explicitTitle || body.title || '';
  const titleSource: Article['titleSource'] = title ? 'explicit' : 'derived';
  if (!title) title = deriveTitle(lead || fieldLead) || titleFromPath(raw.source.path);

  const date = pickDate(raw, marker?.date ?? null, overridden, local);
  const estimate = date ? null : estimateFromText(body.text);
  const tags = readTags(raw.fields);
  if (tags.length > MAX_TAGS_PER_ARTICLE) {
    local.add('normalise/too-many-tags', 'warning', at(raw, 'tags'), `${tags.length} tags; only the first ${MAX_TAGS_PER_ARTICLE} are kept`, 'move the rest into the text, or split the tag list');
    tags.length = MAX_TAGS_PER_ARTICLE;
  }
  if (!body.text) local.add('normalise/empty-body', 'warning', { ...raw.source, line: raw.bodyLine }, 'the article has no text; its page shows only the title', 'add the text, or delete the file if it was a placeholder');

  const id = createHash('sha1').update(raw.source.path).digest('hex').slice(0, 12);
  const provenance = readProvenance(raw, data.outlets, local);
  const manualTopics = readTopicIds(raw, data, local);
  const found = [...raw.diagnostics, ...local.list()];
  diagnostics.addAll(local.list());
  return {
    article: {
      id,
      title,
      titleSource,
      date,
      estimate,
      ...provenance,
      language,
      manualTopics,
      lead: lead.length > 400 ? `${lead.slice(0, lead.lastIndexOf(' ', 400))}…` : lead,
      body: body.tree,
      text: body.text,
      alsoRead: body.alsoRead,
      wordCount: countWords(body.text),
      source: { path: raw.source.path },
      format: raw.format,
      diagnostics: found,
    },
    slugBase: slugify(cleanTitle(raw.fields.slug) || title) || id,
    tags,
  };
}

function readTopicIds(raw: RawArticle, data: SiteData, diagnostics: Diagnostics): string[] {
  const value = raw.fields.topics ?? raw.fields.onderwerpen;
  const written = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const known = new Set(data.topics.map((t) => t.id));
  const ids: string[] = [];
  for (const entry of written) {
    const id = slugify(String(entry));
    if (!id) continue;
    if (known.has(id)) ids.push(id);
    else diagnostics.add('normalise/unknown-topic', 'warning', at(raw, 'topics'), `topic "${String(entry)}" is not in _data/topics.yml; ignored`, `add it to _data/topics.yml, or use one of: ${[...known].join(', ')}`);
  }
  return [...new Set(ids)];
}

function firstDefined(fields: Record<string, unknown>, keys: string[]): unknown {
  for (const key of keys) if (fields[key] !== undefined && fields[key] !== null && fields[key] !== '') return fields[key];
  return undefined;
}

function at(raw: RawArticle, field: string) {
  const line = raw.fieldLines[field];
  return line ? { ...raw.source, line, column: 1 } : raw.source;
}

function titleFromPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '').replace(/^\d{4}-\d{1,2}-\d{1,2}[-_]?/, '');
  return name.replace(/[-_]+/g, ' ').trim() || path;
}
