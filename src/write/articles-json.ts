/**
 * `api/articles.json`: every record, for researchers and other tools. The
 * schema is documented in the README.
 */
import { createHash } from 'node:crypto';
import { eventsDigest } from '../collate/events-digest.js';
import type { Archive, OutputFile, TopicGroup } from '../model.js';
import { jsonChunks, madeArrayChunks } from './json-bytes.js';

const NEWLINE = Buffer.from('\n');
const OPEN_ARRAY = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE_ARRAY = Buffer.from(']');

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

/**
 * `api/topics.json`: each topic with its article ids (oldest first) and, in date order, the events they report, each
 * named by where it is, `{article, event}`: its article's place in `articleIds` and its own in that record's `events`
 * in api/articles.json. An event shows on every topic of its article: written out in full, they made this file four
 * times the size of articles.json (135 MB at 16 000 articles, 580 MB at 100 000, past what jq reads comfortably).
 */
export function topicsJson(archive: Archive): OutputFile {
  // One topic at a time, each made as it is written: the events of every topic at once were 570 000 objects at
  // 16 000 articles (3.5 million at 100 000), all held until the last topic was written.
  const chunks = function* () {
    yield OPEN_ARRAY;
    for (let t = 0; t < archive.topics.length; t++) {
      if (t) yield COMMA;
      yield* jsonChunks(topicExport(archive.topics[t]!), 2);
    }
    yield CLOSE_ARRAY;
  };
  return largeJson('api/topics.json', chunks, () => topicsInputs(archive));
}

/** One topic as topics.json holds it. */
function topicExport(group: TopicGroup) {
  const places = group.eventPlaces;
  return {
    id: group.topic.id,
    label: group.topic.label,
    description: group.topic.description,
    articleIds: group.articles.map((a) => a.id),
    events: group.events.map((_, k) => ({ article: places[2 * k]!, event: places[2 * k + 1]! })),
  };
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
  // The records are made a few at a time as the file is written, in turns between the pages (build.ts), and
  // let go of at once: made all at once, they were held until the last was written, through most of the render (at
  // 16 000 articles, a heap snapshot found 15 450 records and copies of their 61 000 events held by the file's writer).
  // Each record is small: a group per native call (json-bytes.ts), none taken apart field by field (half the time).
  const { articles } = archive;
  return largeJson('api/articles.json', () => madeArrayChunks(articles.length, (start, end) => articles.slice(start, end).map((a) => exportRecord(a, basePath))));
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
