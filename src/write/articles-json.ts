/**
 * `api/articles.json`: every record, for researchers and other tools. The
 * schema is documented in the README.
 */
import type { Archive, OutputFile } from '../model.js';

/** One article as exported. */
export function exportRecord(article: Archive['articles'][number], basePath: string) {
  return {
    id: article.id,
    slug: article.slug,
    url: `${basePath}artikel/${article.slug}/`,
    title: article.title,
    titleSource: article.titleSource,
    date: article.date,
    estimate: article.estimate,
    outlet: article.outlet,
    externalUrl: article.externalUrl,
    image: article.image,
    language: article.language,
    tags: article.tags.map((t) => t.label),
    topics: article.topics.map((m) => ({ id: m.topic, score: m.score, manual: m.manual })),
    lead: article.lead,
    related: article.related,
    wordCount: article.wordCount,
    source: { path: article.source.path, format: article.format },
  };
}

/** The export file, newest first like the index. */
export function articlesJson(archive: Archive, basePath: string): OutputFile {
  const records = archive.articles.map((a) => exportRecord(a, basePath));
  return { path: 'api/articles.json', bytes: new TextEncoder().encode(`${JSON.stringify(records, null, 2)}\n`) };
}
