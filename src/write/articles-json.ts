/**
 * `api/articles.json`: every record, for researchers and other tools. The
 * schema is documented in the README.
 */
import { createHash } from 'node:crypto';
import { eventsDigest } from '../collate/events-digest.js';
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
  // Topics are few and their event lists long: those are written a few hundred events at a time. An event is on the
  // list of every topic its article is on: its JSON is made once, kept while the file is made.
  const chunks = function* () {
    const topics = archive.topics.map((group) => ({
      id: group.topic.id,
      label: group.topic.label,
      description: group.topic.description,
      articleIds: group.articles.map((a) => a.id),
      events: group.events,
    }));
    const eventJson = new Map<unknown, string>();
    const jsonOf = (element: unknown) => {
      let json = eventJson.get(element);
      if (json === undefined) eventJson.set(element, (json = JSON.stringify(element) ?? 'null'));
      return json;
    };
    yield* jsonChunks(topics, 3, jsonOf);
  };
  return largeJson('api/topics.json', chunks, () => topicsInputs(archive));
}

/**
 * What topics.json is made from, a fraction of its size: each topic's own
 * fields and its articles in order, each with a digest of its events. A
 * topic's events are its articles' events in an order they alone decide
 * (collate/index.ts), so the same inputs make the same file.
 */
function topicsInputs(archive: Archive): string {
  const hash = createHash('sha1');
  for (const group of archive.topics) {
    // One string per topic: a hash update per article costs more than the file itself.
    const members = group.articles.map((article) => `${article.id}\0${eventsDigest(article.events)}`).join('\n');
    hash.update(JSON.stringify([group.topic.id, group.topic.label, group.topic.description])).update('\n').update(members).update('\n');
  }
  return hash.digest('hex');
}

/** The export file, newest first like the index. */
export function articlesJson(archive: Archive, basePath: string): OutputFile {
  // The records are made when the file is, and let go of with it: a build may keep the file itself longer (a loop's
  // last value), and 100 000 records held through the render raised its peak by 130 MB.
  // Each record is small: a few hundred per native call, none taken apart field by field (half the time).
  return largeJson('api/articles.json', () => jsonChunks(archive.articles.map((a) => exportRecord(a, basePath)), 1));
}

/** A JSON export with a final newline, streamed by a build's writer (`chunks`), made whole only when `bytes` is read. */
function largeJson(path: string, json: () => Iterable<Buffer>, inputs?: () => string): OutputFile {
  const chunks = function* () {
    yield* json();
    yield NEWLINE;
  };
  // Never spread: that would read `bytes`, making the whole file.
  return {
    path,
    chunks,
    inputs,
    get bytes() {
      return Buffer.concat([...chunks()]);
    },
  };
}
