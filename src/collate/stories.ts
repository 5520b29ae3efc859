/**
 * Same story: articles that report one event (several outlets, or one outlet
 * twice) are grouped. Two articles are one story when their texts are alike,
 * their dates fit together and, where both have topics, they share one.
 */
import type { ArchivedArticle, Story } from '../model.js';
import { listOf, type KinTable } from './kinship.js';
import type { Neighbour } from './similarity.js';

/** Text similarity (mean of whole-text and lead cosine) from which two articles are one story. */
export const SAME_STORY_THRESHOLD = 0.15;
/** Two day-precise articles further apart than this are not one story. */
const MAX_DAYS_APART = 3;

/**
 * Groups the table's articles into stories of two or more, as each one's
 * neighbours are handed in (`add`, every article once, in any order); then
 * `stories()` gives the groups, sorted by id.
 */
export class StoryGrouping {
  private readonly parent: Int32Array;

  constructor(private readonly table: KinTable) {
    this.parent = Int32Array.from({ length: table.ids.length }, (_, i) => i);
  }

  /** Article `i`'s neighbours, best first (SimilarityIndex.neighbours). */
  add(i: number, neighbours: readonly Neighbour[]): void {
    for (const { index: j, similarity } of neighbours) {
      if (similarity < SAME_STORY_THRESHOLD) break;
      if (j < i || this.root(i) === this.root(j)) continue;
      if (!sameStory(this.table, i, j, similarity)) continue;
      this.parent[this.root(j)] = this.root(i);
    }
  }

  /** The groups of two or more: an article's id for each, members in the table's order. */
  stories(): Story[] {
    const groups = new Map<number, string[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const list = groups.get(this.root(i)) ?? [];
      list.push(this.table.ids[i]!);
      groups.set(this.root(i), list);
    }
    const stories: Story[] = [];
    for (const members of groups.values()) if (members.length > 1) stories.push({ id: [...members].sort()[0]!, articleIds: members });
    return stories.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** The group's representative, each article on the way pointed straight at it. */
  private root(i: number): number {
    let top = i;
    while (this.parent[top] !== top) top = this.parent[top]!;
    for (let at = i; at !== top; ) {
      const next = this.parent[at]!;
      this.parent[at] = top;
      at = next;
    }
    return top;
  }
}

/** The rule for one pair of the table, given their text similarity. */
function sameStory(table: KinTable, a: number, b: number, similarity: number): boolean {
  if (similarity < SAME_STORY_THRESHOLD || !datesFit(table.spans, a, b)) return false;
  const topicsA = listOf(table.topics, a);
  const topicsB = listOf(table.topics, b);
  if (topicsA.length && topicsB.length && !topicsA.some((m) => topicsB.includes(m))) return false;
  return true;
}

/** Day numbers an article may have appeared on: its date's span, or from its estimate on, or any time. */
export function daySpan(article: Pick<ArchivedArticle, 'date' | 'estimate'>): [number, number] {
  const date = article.date;
  if (!date) return article.estimate ? [dayNumber(`${article.estimate.notBefore}-01-01`), Infinity] : [-Infinity, Infinity];
  if (date.precision === 'day') return [dayNumber(date.value), dayNumber(date.value)];
  const [y, m] = date.value.split('-').map(Number);
  if (date.precision === 'month') return [dayNumber(date.value + '-01'), Date.UTC(y!, m!, 0) / 86_400_000];
  return [dayNumber(`${y}-01-01`), dayNumber(`${y}-12-31`)];
}

function datesFit(spans: Float64Array, a: number, b: number): boolean {
  return spans[a * 2]! - MAX_DAYS_APART <= spans[b * 2 + 1]! && spans[b * 2]! - MAX_DAYS_APART <= spans[a * 2 + 1]!;
}

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}
