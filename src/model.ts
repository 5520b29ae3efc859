/**
 * Every record that crosses a stage boundary, with the schema that validates
 * an Article at the end of normalise. Stages import types from here only.
 */
import type { Root } from 'hast';
import { z } from './schema.js';

/** Where something came from: `path` is relative to the content folder, lines and columns count from 1. */
export interface SourceRef {
  path: string;
  line?: number;
  column?: number;
}

/** The shape a reader recognised. */
export type ArticleFormat = 'markdown' | 'html' | 'text';
/** What the body text is written in, which may differ from the file type (a .txt with an HTML body). */
export type BodyFormat = 'markdown' | 'html' | 'text';
/** How front matter was written, if at all. */
export type FrontMatterKind = 'yaml' | 'toml' | 'json' | 'none';

/** What a reader found in one file, untyped on purpose: normalise decides what the fields mean. */
export interface RawArticle {
  source: SourceRef;
  format: ArticleFormat;
  frontMatter: FrontMatterKind;
  /** Front matter (and, for whole HTML pages, the page's own metadata) as parsed. */
  fields: Record<string, unknown>;
  /** Line (1-based, in the file) on which each top-level field was written. */
  fieldLines: Record<string, number>;
  /** What a whole HTML page says of itself (`title`, `date`, `image`, `url`, `lang`, …); its lines are in fieldLines as `meta:<key>`. */
  pageMeta: Record<string, string>;
  body: string;
  bodyFormat: BodyFormat;
  /** Line in the file on which the body starts. */
  bodyLine: number;
  /** What ingest reported about this file (an encoding fallback, a suspect field). */
  diagnostics: Diagnostic[];
}

/** Where a date came from, strongest first. */
export type DateSource = 'override' | 'front-matter' | 'html-meta' | 'inline-marker' | 'file-name' | 'permalink';
/** How much of a date is known. */
export type DatePrecision = 'day' | 'month' | 'year';

/** A calendar date exactly as written: never shifted by a time zone. */
export interface ArticleDate {
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  value: string;
  precision: DatePrecision;
  /** A written clock time `HH:MM[:SS]` with its offset `+HH:MM`/`Z` when one was given. */
  time?: string;
  source: DateSource;
}

/** A lower bound on an undated article's date, with the text that supports it. */
export interface DateEstimate {
  notBefore: string;
  precision: DatePrecision;
  reason: 'latest-year-mentioned';
  evidence: string[];
}

/** One tag, folded so that case, accents and spacing never split it. */
export interface Tag {
  key: string;
  slug: string;
  label: string;
}

/** A `Lees ook` reference kept out of the body. */
export interface RelatedRef {
  title: string;
  url?: string;
}

/** Severity of a diagnostic: errors lose or misread data, warnings repair it, info only reports. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem found in the content, as data. */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  source: SourceRef;
  hint?: string;
}

/** The validated record every later stage works from. */
export interface Article {
  /** Stable across builds: derived from the source path, not from order or time. */
  id: string;
  slug: string;
  title: string;
  titleSource: 'explicit' | 'derived';
  date: ArticleDate | null;
  estimate: DateEstimate | null;
  outlet: string | null;
  externalUrl: string | null;
  image: string | null;
  language: 'nl' | 'en';
  tags: Tag[];
  /** Topic ids added by hand in front matter; collate adds the matched ones. */
  manualTopics: string[];
  lead: string;
  /**
   * The sanitised body. Reading a file keeps a body without images as an empty
   * root holding its HTML (src/hast.ts `settledBody`; `hastToHtml` gives it,
   * `bodyTree` parses it again): only pages rewrite images, nothing else walks the tree.
   */
  body: Root;
  /**
   * The body as plain text, for topic matching, search and similarity. Reading
   * a file analyses it at once and then empties this (src/workers/read-one.ts):
   * collate takes that analysis, never the text, from such a record.
   */
  text: string;
  /** The `Lees ook` references the text ended with (DESIGN called this `related`; that name now means related articles). */
  alsoRead: RelatedRef[];
  wordCount: number;
  source: SourceRef;
  format: ArticleFormat;
  diagnostics: Diagnostic[];
}

const sourceRefSchema = z.object({
  path: z.string().min(1),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
});

const dateValue = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

/** Schema checked on every Article at the normalise boundary. */
export const articleSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/).max(80),
  title: z.string().min(1),
  titleSource: z.enum(['explicit', 'derived']),
  date: z
    .object({
      value: dateValue,
      precision: z.enum(['day', 'month', 'year']),
      time: z.string().optional(),
      source: z.enum(['override', 'front-matter', 'html-meta', 'inline-marker', 'file-name', 'permalink']),
    })
    .nullable(),
  estimate: z
    .object({
      notBefore: dateValue,
      precision: z.enum(['day', 'month', 'year']),
      reason: z.literal('latest-year-mentioned'),
      evidence: z.array(z.string()),
    })
    .nullable(),
  outlet: z.string().nullable(),
  externalUrl: z.string().nullable(),
  image: z.string().nullable(),
  language: z.enum(['nl', 'en']),
  tags: z.array(z.object({ key: z.string().min(1), slug: z.string().min(1), label: z.string().min(1) })),
  manualTopics: z.array(z.string()),
  lead: z.string(),
  body: z.object({ type: z.literal('root'), children: z.array(z.unknown()) }),
  text: z.string(),
  alsoRead: z.array(z.object({ title: z.string(), url: z.string().optional() })),
  wordCount: z.number().int().nonnegative(),
  source: sourceRefSchema,
  format: z.enum(['markdown', 'html', 'text']),
  diagnostics: z.array(z.unknown()),
});

/** The fields of an Article its own file decides, checked once as the file is read (normalise/index.ts `checkDraft`). */
export const draftSchema = articleSchema.omit({ slug: true, tags: true });
/** The fields the whole archive settles (unique slugs, tag labels), checked on every build. */
export const settledSchema = articleSchema.pick({ slug: true, tags: true });

/** A curated topic from `_data/topics.yml`. */
export interface TopicDefinition {
  id: string;
  label: string;
  description: string;
  /** Words and phrases that put an article on the topic, matched on whole words. */
  terms: string[];
}

/** An article's standing on one topic. */
export interface TopicMatch {
  topic: string;
  score: number;
  manual: boolean;
}

/** A date a text mentions, with its precision. */
export interface EventDate {
  value: string;
  precision: DatePrecision;
}

/** Something an article reports happened at a time: `Trump voegde de techgigant in 2019 toe aan …`. */
export interface TextEvent {
  articleId: string;
  date: EventDate;
  /** The end of a range (`tussen april en november 2021`), or null. */
  end: EventDate | null;
  /** The words that gave the date (`in 2019`, `vorig jaar`). */
  phrase: string;
  /** The sentence quoted. */
  sentence: string;
  /** True when the date was resolved against the article's own date (`vorig jaar`, `op 1 december`). */
  relative: boolean;
}

/** Another article worth reading next, with how strongly it relates. */
export interface RelatedArticle {
  id: string;
  score: number;
}

/** Articles that report the same event; `id` is the smallest member id. */
export interface Story {
  id: string;
  articleIds: string[];
}

/** An article as the archive holds it: the record plus what collate learnt about it. */
export interface ArchivedArticle extends Article {
  topics: TopicMatch[];
  /** Up to five related articles, best first (filled in by collate). */
  related: RelatedArticle[];
  /** The story this article is part of, or null. */
  story: string | null;
  events: TextEvent[];
}

/** Articles of one tag. */
export interface TagGroup {
  tag: Tag;
  articles: ArchivedArticle[];
}

/** Articles of one topic, in time order, and the events they report, in time order. */
export interface TopicGroup {
  topic: TopicDefinition;
  articles: ArchivedArticle[];
  events: TextEvent[];
  /** Where each of `events` stands, two numbers an event: its article's place in `articles`, then its own in that article's `events`. */
  eventPlaces: Int32Array;
}

/** Articles of one year or month; `key` is `YYYY` or `YYYY-MM`. */
export interface PeriodGroup {
  key: string;
  precision: 'year' | 'month';
  articles: ArchivedArticle[];
}

/** Everything the site shows, in order. */
export interface Archive {
  /** Dated articles newest first (by value, then precision), undated last, ties by id. */
  articles: ArchivedArticle[];
  tags: TagGroup[];
  topics: TopicGroup[];
  years: PeriodGroup[];
  months: PeriodGroup[];
  undated: ArchivedArticle[];
  stories: Story[];
  /** Stories by id (an article's `story`). */
  storyById: Map<string, Story>;
  /** Articles by id. */
  byId: Map<string, ArchivedArticle>;
}

/** One page to render: its URL path (always starting and ending with `/`, or naming a file), template and view model. */
export interface Page {
  url: string;
  template: string;
  /** May be computed anew on each read (render/lazy-page.ts): read it once per use. */
  view: Record<string, unknown>;
  /** Left out of the sitemap and marked noindex. */
  noindex?: boolean;
  /** Lets go of what this page alone reads (an article's body), once a one-shot build has written it. */
  release?: () => void;
  /** What the view is made from, named without making it (render/stamps.ts): same stamp, same view. */
  stamp?: () => string;
  /** Its stamp reads no related articles or stories: it may be taken while kinship still settles (render/fingerprints-ahead.ts). */
  stampBeforeKinship?: boolean;
  /** A timeline page's first date (a date value, `''` for none): the order timelines are rendered in (render/timeline.ts `renderOrder`); none for a page of undated articles. */
  timelineStart?: string;
  /** A list page's (index, tag, archive) newest date value, `''` for none: lists are rendered interleaved by it, newest first (`renderOrder`). */
  listStart?: string;
}

/** One file to write, relative to the output folder. */
export interface OutputFile {
  path: string;
  bytes: Uint8Array;
  /**
   * The same bytes in pieces, made as they are asked for: a build's writer
   * streams them to disk, so an export of hundreds of megabytes is never in
   * memory whole (`bytes` then makes it whole, for whoever needs that).
   */
  chunks?: () => Iterable<Uint8Array>;
  /**
   * What the bytes are made from, in a few bytes (a hash), for files that
   * cost seconds to make: the same inputs under the same code give the same
   * bytes, so a build whose spare copy holds the file made from them keeps it
   * without making it (page-memory.ts `emitRemembered`).
   */
  inputs?: () => string;
}
