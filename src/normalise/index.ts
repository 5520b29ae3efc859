/**
 * Normalise stage: RawArticle[] → validated Article[]; settles what needs the
 * whole archive (unique slugs, tag display labels) and checks every record
 * against the schema.
 */
import type { SiteData } from '../config.js';
import type { Diagnostics } from '../diagnostics.js';
import { articleSchema, draftSchema, settledSchema, type Article, type RawArticle } from '../model.js';
import { normaliseArticle, type Draft } from './article.js';
import { assignUniqueSlugs } from './slug.js';
import { chooseTagLabels } from './tags.js';
import { copyToComplete } from '../objects.js';

/** Normalises every raw article; a record that fails validation is reported and left out. */
export function normalise(raws: RawArticle[], data: SiteData, diagnostics: Diagnostics): Article[] {
  const drafts = raws.map((raw) => normaliseArticle(raw, data, diagnostics));
  reportUnusedOverrides(new Set(raws.map((r) => r.source.path)), data, diagnostics);
  return finishDrafts(drafts, diagnostics);
}

/** The archive-wide steps, also used when only some drafts were rebuilt. */
export function finishDrafts(drafts: Draft[], diagnostics: Diagnostics): Article[] {
  const labels = chooseTagLabels(drafts.map((d) => d.tags));
  const slugs = assignUniqueSlugs(
    drafts.map((d) => ({ id: d.article.id, base: d.slugBase, source: d.article.source })),
    diagnostics,
  );
  const articles: Article[] = [];
  for (const draft of drafts) {
    const article = copyToComplete<Article>(draft.article);
    article.slug = slugs.get(draft.article.id)!;
    article.tags = draft.tags.map((t) => labels.get(t.key)!);
    // A draft checked as its file was read (and cached so) needs only what was settled here checked: at 16 000
    // articles, checking every whole record took 140-180 ms of the main thread on each build.
    const problem = draft.problem === undefined ? problemOf(articleSchema, article) : (draft.problem ?? problemOf(settledSchema, { slug: article.slug, tags: article.tags }));
    if (problem === null) {
      articles.push(article);
      continue;
    }
    diagnostics.add(
      'normalise/invalid-record',
      'error',
      article.source,
      `the article could not be made into a valid record: ${problem}`,
      'this is a bug in Dossier; please report it with the file attached',
    );
  }
  return articles;
}

/** Checks the fields a draft's own file decides, once, as the file is read (in a reader thread; cached with the draft): `finishDrafts` then checks only what it settles. */
export function checkDraft(draft: Draft): void {
  draft.problem = problemOf(draftSchema, draft.article);
}

/** The first thing `schema` finds wrong with `value`, as the diagnostic says it, or null. */
function problemOf(schema: { safeParse(value: unknown): { success: true } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown): string | null {
  const check = schema.safeParse(value);
  if (check.success) return null;
  const issue = check.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

/** An override naming a path that no article file has is reported: it is most likely misspelt. */
export function reportUnusedOverrides(paths: ReadonlySet<string>, data: SiteData, diagnostics: Diagnostics): void {
  for (const path of Object.keys(data.overrides)) {
    if (paths.has(path)) continue;
    diagnostics.add(
      'config/override-unknown-path',
      'warning',
      { path: '_data/overrides.yml' },
      `an override names "${path}", but no article has that path`,
      'paths are relative to the content folder, with / between folders, e.g. _posts/2019-05-31-titel.md',
    );
  }
}
