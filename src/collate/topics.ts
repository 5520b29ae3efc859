/**
 * Puts articles on curated topics: terms match whole words, ignoring case and
 * accents. A term in the title or lead counts; in the body only when it recurs,
 * so a passing mention does not put an article on a topic.
 */
import type { Article, TopicDefinition, TopicMatch } from '../model.js';
import { foldText } from '../text.js';

/** A body needs this many mentions (title and lead aside) to put an article on a topic. */
export const MIN_BODY_MENTIONS = 2;

/** A topic's terms compiled once. */
export interface TopicMatcher {
  id: string;
  pattern: RegExp;
  /** The first word of each term: a text holding none of them cannot match, and `includes` is far cheaper than the pattern. */
  probes: string[];
}

/** Compiles every topic's terms into one whole-word pattern. */
export function compileTopics(topics: TopicDefinition[]): TopicMatcher[] {
  return topics.map((topic) => {
    const terms = [...new Set(topic.terms.map((t) => foldText(t.trim())).filter(Boolean))].sort((a, b) => b.length - a.length);
    const alternatives = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
    const probes = [...new Set(terms.map((t) => t.split(/\s+/)[0]!))];
    return { id: topic.id, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu'), probes };
  });
}

/** Scores an article on every topic: 3 per mention in the title, 2 in the lead, 1 in the text. */
export function matchTopics(article: Pick<Article, 'title' | 'titleSource' | 'lead' | 'text' | 'manualTopics'>, matchers: TopicMatcher[]): TopicMatch[] {
  const title = foldText(article.title);
  const lead = foldText(article.lead);
  const text = foldText(article.text);
  const manual = new Set(article.manualTopics);
  const matches: TopicMatch[] = [];
  for (const { id, pattern, probes } of matchers) {
    const inTitle = count(pattern, probes, article.titleSource === 'explicit' ? title : '');
    const inLead = count(pattern, probes, lead);
    const inText = count(pattern, probes, text);
    const score = 3 * inTitle + 2 * inLead + inText;
    const onTopic = inTitle > 0 || inLead > 0 || inText - inLead >= MIN_BODY_MENTIONS;
    if (onTopic || manual.has(id)) matches.push({ topic: id, score, manual: manual.has(id) });
  }
  return matches.sort((a, b) => b.score - a.score || (a.topic < b.topic ? -1 : 1));
}

function count(pattern: RegExp, probes: string[], text: string): number {
  if (!text || !probes.some((probe) => text.includes(probe))) return 0;
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text)) n++;
  return n;
}
