/**
 * Timeline events as `partials/event.njk` renders them, each rendered once
 * however many timelines show it. An event shows on the timeline of every
 * topic its article is on (six of seven, in a corpus where every article
 * names every topic); the pages carry its HTML, not a view the render
 * threads would parse and render again on each. A build renders the
 * timelines of all topics interleaved in time (`renderOrder` in
 * timeline.ts), so the pages that show an event come close together, and an
 * event's HTML need only be kept for a while, not for the whole render.
 */
import type { ArchivedArticle, EventDate, TextEvent } from '../model.js';
import { KeptValues, RecentStrings } from '../kept-values.js';
import type { RenderMacro } from './environment.js';
import { formatDate, type Labels } from './locale.js';
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
 * Characters of event HTML kept per generation (`RecentStrings` in src/kept-values.ts), at most twice as many
 * held, up to 32 MB. Interleaved, the next page to show an event is a few pages on, some 20 000 characters each.
 * Until timelines were interleaved every event was kept up to a 64 M-character cap, which a large archive passed
 * (about 230 M characters of events at 100 000 articles): each event after it was rendered again on every topic.
 */
export const EVENT_WINDOW = 8 * 2 ** 20;

/** Renders one archive's events, keeping each one's HTML while pages still to come may show it. */
export class EventRenderer {
  private readonly recent: RecentStrings<TextEvent>;

  /** `window`: characters of HTML kept per generation (tests make it small). */
  constructor(
    private readonly renderMacro: RenderMacro,
    private readonly byId: ReadonlyMap<string, ArchivedArticle>,
    private readonly labels: Labels,
    window = EVENT_WINDOW,
  ) {
    this.recent = new RecentStrings(window);
  }

  /** The event's HTML, rendered now or kept from a page shortly before. */
  html(event: TextEvent): string {
    const known = this.recent.get(event);
    if (known !== undefined) return known;
    const html = this.renderMacro('partials/event.njk', 'event', makeEventView(event, linkTo(this.byId.get(event.articleId)!), this.labels));
    // The partial's output is a chain of the pieces it was made of, which each page's join walks again (4x slower
    // than copying a flat string, 2 s of the main thread's render at 16 000 articles). Reading a character
    // flattens it in place, once. Flat, it holds its own copy of the markup it shared with its template.
    html.charCodeAt(0);
    this.recent.set(event, html);
    return html;
  }
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
