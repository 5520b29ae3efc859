/**
 * A minimal valid Article for unit tests of collate and render, built from
 * the fields a test cares about.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../../src/model.js';

/** An article with sensible defaults; `text` also becomes its lead and single paragraph. */
export function makeArticle(fields: Partial<Article> & { text: string }): Article {
  const id = fields.id ?? createHash('sha1').update(fields.text).digest('hex').slice(0, 12);
  return {
    id,
    slug: fields.slug ?? `artikel-${id}`,
    title: fields.title ?? fields.text.split('.')[0]!.slice(0, 60),
    titleSource: 'explicit',
    date: null,
    estimate: null,
    outlet: null,
    externalUrl: null,
    image: null,
    language: 'nl',
    tags: [],
    manualTopics: [],
    lead: fields.lead ?? fields.text.split('\n')[0]!,
    body: { type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: fields.text }] }] },
    alsoRead: [],
    wordCount: fields.text.split(/\s+/).length,
    source: { path: `${id}.txt` },
    format: 'text',
    diagnostics: [],
    ...fields,
  };
}
