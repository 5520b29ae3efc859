/**
 * A digest of what an article's card shows that the article says on its
 * own: every field of its record but its body and text (no list shows
 * them) and what the whole archive settles (slug, tags' labels, related
 * articles, story), with its topics and its events' digest. A page stamp
 * (render/stamps.ts `cardStamp`) adds the slug and tags to it. Like the
 * events' digest it is made with the article's analysis, in a reading
 * thread, and kept with it in the record cache: making each card's JSON on
 * the main thread to hash it was 0.66 s of a one-edit build at 16 000
 * articles, the same digest whether the article was read afresh or not.
 */
import { createHash } from 'node:crypto';
import type { ArchivedArticle, Article, TopicMatch } from '../model.js';
import { perArticle } from './memo.js';

/**
 * The digest of `article`'s own card fields, made once per body (memo.ts),
 * or adopted (`given`) from where it was made. Every field but its body and
 * text, what the archive settles, and what is named apart (topics; events by
 * their digest), so that one a card shows one day is in already.
 */
export function cardDigestOf(article: Pick<Article, 'body'>, topics: () => TopicMatch[], eventsDigest: () => string, given?: string): string {
  return perArticle('card', article, [], () => {
    if (given !== undefined) return given;
    const { body, text, slug, tags, related, story, topics: _topics, events, ...own } = article as Partial<ArchivedArticle>;
    void [body, text, slug, tags, related, story, _topics, events];
    return createHash('sha1').update(`${JSON.stringify(own)}\0topics\0${JSON.stringify(topics())}\0events\0${eventsDigest()}`).digest('base64');
  });
}
