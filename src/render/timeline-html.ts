/**
 * What timelines show of events and articles, as `partials/event.njk` and
 * `partials/card.njk` render them, each rendered once however many
 * timelines show it. An article, and each of its events, shows on the
 * timeline of every topic the article is on (six of seven, in a corpus
 * where every article names every topic); the pages carry the HTML, not
 * views the render threads would parse and render again on each. A build
 * renders the timelines of all topics interleaved in time (`renderOrder` in
 * timeline.ts), so the pages that show an entry come close together, and
 * its HTML need only be kept for a while, not for the whole render. The
 * lists (index, tags, archives) show an article's card the same way, and are
 * rendered interleaved by date too.
 */
import type { ArchivedArticle, EventDate, TextEvent } from '../model.js';
import { cardView } from './views.js';
import { KeptValues, RecentStrings } from '../kept-values.js';
import type { RenderMacro } from './environment.js';
import { formatDate, type Labels } from './locale.js';
import { fragmentItem, type FragmentItem } from './page-view.js';
import { paths } from './urls.js';

/** An event as the timeline shows it. */
export interface EventView {
  date: { label: string; iso: string };
  end: { label: string; iso: string } | null;
  sentence: string;
  relative: boolean;
  article: { title: string; url: string };
}

/**
 * Characters of HTML kept per generation (`RecentStrings` in src/kept-values.ts) of events, and of cards per heading
 * level (the lists' and the timelines'): at most twice as many held by each, under 70 MB in all. Interleaved, at 16 000 articles 2 M characters
 * were enough for every event to be rendered once (1 M: 12% more renders). Until timelines were interleaved every
 * event was kept up to a 64 M-character cap, which a large archive passed (382 000 events at 100 000 articles):
 * each event after it was rendered again on every topic.
 */
export const TIMELINE_WINDOW = 4 * 2 ** 20;

/** Renders one archive's timeline events and cards, and its lists' cards, keeping each one's HTML while pages still to come may show it. */
export class TimelineHtml {
  private readonly events: RecentStrings<TextEvent, FragmentItem>;
  /** By heading level: a card's heading is one level below its shelf's. */
  private readonly cards = new Map<number, RecentStrings<ArchivedArticle, FragmentItem>>();
  /**
   * The lists' cards: an article is on five or six lists, rendered interleaved by date (`renderOrder`), so these too
   * are kept only a while (16 182 renders for 16 000 articles). Kept for the whole render instead, they raised the
   * peak at 100 000 articles by 100 MB.
   */
  private readonly listCards: RecentStrings<ArchivedArticle, FragmentItem>;
  /** Each article's link and timelines, made when its first event is rendered (`articleOf`). */
  private readonly articles = new Map<string, { link: EventView['article']; timelines: number }>();

  /**
   * `timelines`: the ids of the topics whose timelines show all of their articles' events, or null to keep events
   * only while recent (see `event`); `window`: characters of HTML kept per generation (tests make it small).
   */
  constructor(
    private readonly renderMacro: RenderMacro,
    private readonly byId: ReadonlyMap<string, ArchivedArticle>,
    private readonly labels: Labels,
    private readonly timelines: ReadonlySet<string> | null,
    private readonly window = TIMELINE_WINDOW,
  ) {
    this.events = new RecentStrings(window, sizeOfItem);
    this.listCards = new RecentStrings(window, sizeOfItem);
  }

  /** The event's HTML as an item of a timeline's list, rendered now or kept from a page shortly before. */
  event(event: TextEvent): FragmentItem {
    const known = this.events.get(event);
    if (known !== undefined) return known;
    const { link, timelines } = this.articleOf(event.articleId);
    const item = fragmentItem(flat(this.renderMacro('partials/event.njk', 'event', makeEventView(event, link, this.labels))));
    // Kept until each timeline that shows it has asked for it: at 100 000 articles, kept only while recent, half of
    // the 750 000 renders of 382 000 events were renders again (a page of a small topic spans years, those of a large
    // one days), 2.5 s of the main thread, the render's busiest. But there, kept that long, they raised a cold
    // build's peak by 90 MB (1 537 228 against 1 449 724 KiB), near the bound: the routes count them only below it.
    this.events.set(event, item, timelines);
    return item;
  }

  /**
   * What an event shows of its article, and on how many timelines, by the article's id: an article's several events
   * find it by their `articleId` (the article's own id string, its hash kept), not through the article object each,
   * which a WeakMap by article read again for every event (0.6 s of the main thread at 100 000 articles).
   */
  private articleOf(id: string): { link: EventView['article']; timelines: number } {
    let known = this.articles.get(id);
    if (!known) {
      const article = this.byId.get(id)!;
      this.articles.set(id, (known = { link: linkTo(article), timelines: this.timelinesOf(article) }));
    }
    return known;
  }

  /** How many timelines show the article (and each of its events): one per topic it is on; 1 when not counted. */
  private timelinesOf(article: ArchivedArticle): number {
    const { timelines } = this;
    if (!timelines) return 1;
    let count = 0;
    article.topics.forEach((match, i) => {
      // A topic matched twice is one timeline.
      if (timelines.has(match.topic) && article.topics.findIndex((m) => m.topic === match.topic) === i) count += 1;
    });
    return count;
  }

  /** The article's card as an item of a timeline's list, its title a heading of `level`: `<li>{{ card(item, level) }}</li>`. */
  cardItem(article: ArchivedArticle, level: number): FragmentItem {
    let kept = this.cards.get(level);
    if (!kept) this.cards.set(level, (kept = new RecentStrings(this.window, sizeOfItem)));
    const known = kept.get(article);
    if (known !== undefined) return known;
    const item = fragmentItem(flat(`<li>${this.renderMacro('partials/card.njk', 'card', cardView(article, this.labels), level)}</li>`));
    kept.set(article, item);
    return item;
  }

  /**
   * The items of a list of articles (index, tags, archives), as `{{ list(cards) }}` renders them in
   * `partials/card.njk`: each article's card rendered about once, and the page carries the HTML (a fragment of
   * items, page-view.ts) instead of fifty card views its render thread would parse and render again (a third of
   * the render threads' templates' time, at 16 000 articles).
   */
  listItems(articles: readonly ArchivedArticle[]): FragmentItem[] {
    return articles.map((article) => {
      let item = this.listCards.get(article);
      if (item === undefined) this.listCards.set(article, (item = fragmentItem(flat(`<li>${this.renderMacro('partials/card.njk', 'card', cardView(article, this.labels), LIST_LEVEL)}</li>\n`))));
      return item;
    });
  }
}

/** An item's characters, as the kept HTML is counted. */
function sizeOfItem(item: FragmentItem): number {
  return item.html.length;
}

/** The heading level of a list's cards (`list`'s default in partials/card.njk). */
const LIST_LEVEL = 2;

/**
 * A macro's output is a chain of the pieces it was made of, which each page's join walks again (4x slower than
 * copying a flat string, 2 s of the main thread's render at 16 000 articles). Reading a character flattens it in
 * place, once. Flat, it holds its own copy of the markup it shared with its template.
 */
function flat(html: string): string {
  html.charCodeAt(0);
  return html;
}

function makeEventView(event: TextEvent, article: EventView['article'], labels: Labels): EventView {
  return {
    date: eventDate(event.date, labels),
    end: event.end ? eventDate(event.end, labels) : null,
    sentence: event.sentence,
    relative: event.relative,
    article,
  };
}

/* The parts many events have in common are made once: a date per value (formatting one costs), a link per article. */
const eventDates = new KeptValues<EventView['date']>();
const articleLinks = new WeakMap<ArchivedArticle, EventView['article']>();

function eventDate(date: EventDate, labels: Labels): EventView['date'] {
  return eventDates.get(`${labels.intlLocale}|${date.precision}|${date.value}`, () => ({ label: formatDate(date, labels), iso: date.value }));
}

/** The article's title and address, as its events link to it (collate makes new article objects when either may change). */
function linkTo(article: ArchivedArticle): EventView['article'] {
  let link = articleLinks.get(article);
  if (!link) articleLinks.set(article, (link = { title: article.title, url: paths.article(article.slug) }));
  return link;
}
