/**
 * `api/articles.json`: every record, for researchers and other tools. The
 * schema is documented in the README.
 */
import type { Archive, OutputFile } from '../model.js';
import { jsonChunks } from './json-bytes.js';

const NEWLINE = Buffer.from('\n');

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
    alsoRead: article.alsoRead,
    related: article.related,
    story: article.story,
    events: article.events.map(({ articleId: _id, ...event }) => event),
    wordCount: article.wordCount,
    source: { path: article.source.path, format: article.format },
  };
}

/** `api/topics.json`: each topic with its article ids (oldest first) and the events they report. */
export function topicsJson(archive: Archive): OutputFile {
  const topics = archive.topics.map((group) => ({
    id: group.topic.id,
    label: group.topic.label,
    description: group.topic.description,
    articleIds: group.articles.map((a) => a.id),
    events: group.events,
  }));
  // Topics are few and their event lists long: those are written a few hundred events at a time.
  return largeJson('api/topics.json', topics, 3);
}

/** The export file, newest first like the index. */
export function articlesJson(archive: Archive, basePath: string): OutputFile {
  const records = archive.articles.map((a) => exportRecord(a, basePath));
  // Each record is small: a few hundred per native call, none taken apart field by field (half the time).
  return largeJson('api/articles.json', records, 1);
}

/** A JSON export with a final newline, streamed by a build's writer (`chunks`), made whole only when `bytes` is read. */
function largeJson(path: string, value: unknown, depth: number): OutputFile {
  const chunks = function* () {
    yield* jsonChunks(value, depth);
    yield NEWLINE;
  };
  return {
    path,
    chunks,
    get bytes() {
      return Buffer.concat([...chunks()]);
    },
  };
}
