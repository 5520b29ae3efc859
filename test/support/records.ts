/**
 * Runs ingest + normalise over a folder and projects the records to what a
 * person reviews in a golden file: every field, the body as HTML.
 */
import { check } from '../../src/build.js';
import { hastToHtml } from '../../src/hast.js';
import type { Article, Diagnostic } from '../../src/model.js';

/** An article as its golden file shows it. */
export function reviewable(article: Article) {
  const { body, text: _text, diagnostics, ...rest } = article;
  return { ...rest, bodyHtml: hastToHtml(body).split(/(?=<(?:p|h[2-6]|ul|ol|blockquote|figure|table|pre)[ >])/), diagnostics: diagnostics.map(brief) };
}

/** A diagnostic without its hint text, so wording changes to hints do not churn goldens. */
export function brief(d: Diagnostic) {
  return { code: d.code, severity: d.severity, path: d.source.path, line: d.source.line ?? null, column: d.source.column ?? null, message: d.message };
}

/** Checks a content folder: records sorted by source path, diagnostics in report order. */
export async function checkFolder(contentDir: string) {
  const result = await check({ contentDir });
  const articles = [...result.articles].sort((a, b) => (a.source.path < b.source.path ? -1 : 1));
  return { articles, diagnostics: result.diagnostics.list() };
}
