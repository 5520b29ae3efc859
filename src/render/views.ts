/**
 * View models: what a template gets to show for an article, already in the
 * reader's language, so templates hold no logic beyond layout.
 */
import type { SiteData } from '../config.js';
import { perArticle } from '../collate/memo.js';
import type { Element, Root, RootContent } from 'hast';
import { element, hastToHtml, text } from '../hast.js';
import type { Archive, ArchivedArticle, ArticleDate } from '../model.js';
import { fill, formatDate, formatEstimate, formatShortDate, type Labels } from './locale.js';
import { paths } from './urls.js';
import { sharedView } from './fingerprint.js';
import { KeptValues } from '../kept-values.js';
import { copyToComplete } from '../objects.js';

/** A date ready to show: its label and the `datetime` attribute. */
export interface DateView {
  label: string;
  short: string;
  iso: string;
  precision: ArticleDate['precision'];
}

/** An article in a list. */
export interface CardView {
  id: string;
  url: string;
  title: string;
  titleDerived: boolean;
  date: DateView | null;
  estimate: string | null;
  outlet: string | null;
  lead: string;
  language: string;
  tags: Array<{ label: string; url: string }>;
}

/** Everything an article page shows. */
export interface ArticleView extends CardView {
  bodyHtml: string;
  image: string | null;
  /** An image on another host, shown as a link when the site does not embed external images. */
  imageLink: string | null;
  externalUrl: string | null;
  readOriginal: string;
  topics: Array<{ label: string; url: string }>;
  alsoRead: Array<{ title: string; url?: string }>;
  related: CardView[];
  /** The other articles of the same story ("Ook gemeld door …"). */
  sameStory: CardView[];
  provenance: { path: string; format: string; dateSource: string; titleSource: string; words: string; estimateBecause: string | null };
}

/** What `<head>` says about a page: description, OpenGraph and (for articles) JSON-LD. */
export interface PageMeta {
  description: string;
  type: 'article' | 'website';
  image: string | null;
  publishedTime: string | null;
  tags: string[];
  jsonLd: Record<string, unknown> | null;
}

/** Metadata for an article page; dates go only as far as they are known. */
export function articleMeta(article: ArchivedArticle, site: SiteData['site'], topicLabels: string[]): PageMeta {
  const url = new URL(`artikel/${article.slug}/`, site.baseUrl).href;
  // Metadata needs an absolute address; a path into the article's original site has none here.
  const image = article.image && /^https?:\/\//i.test(article.image) ? article.image : null;
  const datePublished = article.date ? (article.date.time && article.date.precision === 'day' ? `${article.date.value}T${article.date.time}` : article.date.value) : null;
  // Fields added one by one, in the order the JSON-LD lists them: spreads of optional fields (`...(x ? {…} : {})`)
  // give every object a hidden class of its own and cost five times as much (see objects.ts).
  const jsonLd: Record<string, unknown> = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: article.title.length > 110 ? `${article.title.slice(0, 109)}…` : article.title };
  if (datePublished) jsonLd.datePublished = datePublished;
  jsonLd.inLanguage = article.language;
  jsonLd.url = url;
  jsonLd.mainEntityOfPage = url;
  if (image) jsonLd.image = [image];
  jsonLd.publisher = { '@type': 'Organization', name: article.outlet ?? site.title };
  if (article.externalUrl) jsonLd.isBasedOn = article.externalUrl;
  if (article.lead) jsonLd.description = article.lead.slice(0, 300);
  if (article.tags.length) jsonLd.keywords = article.tags.map((t) => t.label).join(', ');
  if (topicLabels.length) jsonLd.about = topicLabels.map((name) => ({ '@type': 'Thing', name }));
  jsonLd.wordCount = article.wordCount;
  return { description: article.lead.slice(0, 300), type: 'article', image, publishedTime: article.date?.precision === 'day' ? datePublished : null, tags: article.tags.map((t) => t.label), jsonLd };
}

/** A date as the page shows it. */
export function dateView(date: Pick<ArticleDate, 'value' | 'precision'> | null, labels: Labels): DateView | null {
  if (!date) return null;
  return { label: formatDate(date, labels), short: formatShortDate(date, labels), iso: date.value, precision: date.precision };
}

/** Cards by archived article: collate makes new article objects and never changes them, and a card shows on a dozen pages. */
const cardsByArticle = new WeakMap<ArchivedArticle, { labels: Labels; card: CardView }>();

/** An article as a list item (kept per article while nothing it shows changes), shared by every page that lists it. */
export function cardView(article: ArchivedArticle, labels: Labels): CardView {
  return sharedView(cardOf(article, labels));
}

function cardOf(article: ArchivedArticle, labels: Labels): CardView {
  const known = cardsByArticle.get(article);
  if (known?.labels === labels) return known.card;
  const card = keepBetweenBuilds ? keptCard(article, labels) : buildCard(article, labels);
  cardsByArticle.set(article, { labels, card });
  return card;
}

/** The card kept with the article's body while what it shows is the same: the dev server collates anew on every save. */
function keptCard(article: ArchivedArticle, labels: Labels): CardView {
  const depends = [labels.lang, article.slug, article.title, JSON.stringify(article.date), JSON.stringify(article.estimate), article.outlet, ...article.tags.flatMap((t) => [t.slug, t.label])];
  return perArticle('card', article, depends, () => buildCard(article, labels));
}

function buildCard(article: ArchivedArticle, labels: Labels): CardView {
  return {
    id: article.id,
    url: paths.article(article.slug),
    title: article.title,
    titleDerived: article.titleSource === 'derived',
    date: dateView(article.date, labels),
    estimate: article.date ? null : formatEstimate(article.estimate, labels),
    outlet: article.outlet,
    lead: article.lead,
    language: article.language,
    tags: article.tags.map((t) => tagLink(t.label, t.slug)),
  };
}

/**
 * A card's tags, one object per tag: every card is kept for the whole render,
 * and at 100 000 articles their tags' own objects and addresses took 25 MB.
 */
const tagLinks = new KeptValues<{ label: string; url: string }>();

function tagLink(label: string, slug: string): { label: string; url: string } {
  return tagLinks.get(`${slug}\0${label}`, () => ({ label, url: paths.tag(slug) }));
}

/**
 * Whether what views are made of is kept for the next build in this process:
 * each article page's copy of its body (and, with it, the body's HTML) and
 * each card, by what it shows. The dev server collates and makes every view
 * again on each save and keeps them; a build makes each once, and keeping
 * them would hold a second copy of every body, and what each card depends
 * on, until the build ends.
 */
let keepBetweenBuilds = false;

/** Keeps bodies and cards between builds (the dev server's choice) or not (a one-shot build's). */
export function keepViewsBetweenBuilds(keep: boolean): void {
  keepBetweenBuilds = keep;
}

/** An article as its own page; `bodyLater`: its `bodyHtml` is left empty, for the page's late texts to fill (see routes.ts). */
export function articleView(article: ArchivedArticle, archive: Archive, data: SiteData, labels: Labels, bodyLater = false): ArticleView {
  const allowExternal = data.site.externalImages;
  const localBody = () => imagesForThisSite(article.body, allowExternal, labels.externalImage);
  const body = bodyLater ? null : keepBetweenBuilds ? perArticle('local-body', article, [allowExternal, labels.externalImage], localBody) : localBody();
  const imageIsExternal = article.image !== null && /^(https?:)?\/\//i.test(article.image);
  // A path (`/assets/foto.jpg`) points into the site the article came from, not this one: nothing to show.
  const image = imageIsExternal ? article.image : null;
  const topicLabels = new Map(data.topics.map((t) => [t.id, t.label]));
  const story = article.story ? archive.storyById.get(article.story) : undefined;
  // Its own fields, copied: the card itself is the lists' (see cardView). Completed by name, not spread (objects.ts).
  const view = copyToComplete<ArticleView>(cardOf(article, labels));
  view.bodyHtml = body ? hastToHtml(body) : '';
  view.image = allowExternal ? image : null;
  view.imageLink = allowExternal ? null : image;
  view.externalUrl = article.externalUrl;
  view.readOriginal = article.outlet ? fill(labels.readOriginal, { outlet: article.outlet }) : labels.readOriginalNoOutlet;
  view.topics = article.topics.map((m) => ({ label: topicLabels.get(m.topic) ?? m.topic, url: paths.topic(m.topic) }));
  view.alsoRead = article.alsoRead;
  view.related = article.related.map((r) => cardView(archive.byId.get(r.id)!, labels));
  view.sameStory = (story?.articleIds ?? []).filter((id) => id !== article.id).map((id) => cardView(archive.byId.get(id)!, labels));
  view.provenance = {
    path: article.source.path,
    format: labels.formats[article.format] ?? article.format,
    dateSource: article.date ? labels.dateSources[article.date.source] ?? article.date.source : labels.dateUnknown,
    titleSource: article.titleSource === 'derived' ? labels.titleDerived : labels.titleExplicit,
    words: fill(labels.words, { n: article.wordCount }),
    estimateBecause: !article.date && article.estimate ? fill(labels.estimateBecause, { year: article.estimate.notBefore }) : null,
  };
  return view;
}

/**
 * A copy of a body fit for this site: images on other hosts become links
 * unless the site embeds them (so showing a page contacts no third party),
 * and images given as paths (which point into the site the article came
 * from) become their alt text.
 */
export function imagesForThisSite(tree: Root, allowExternal: boolean, label: string): Root {
  // A body kept as HTML has no image (settledBody): nothing to rewrite.
  if (!tree.children.length) return tree;
  const visit = (node: RootContent): RootContent => {
    if (node.type !== 'element') return node;
    const src = node.properties?.src;
    if (node.tagName === 'img' && typeof src === 'string') {
      const alt = typeof node.properties.alt === 'string' && node.properties.alt.trim() ? node.properties.alt.trim() : label;
      if (!/^(https?:)?\/\//i.test(src)) return text(`[${alt}]`);
      if (!allowExternal) return element('a', [text(`[${alt}]`)], { href: src.startsWith('//') ? `https:${src}` : src, className: ['external-image'], rel: ['external', 'noopener'] });
    }
    return { ...node, children: node.children.map(visit) as Element['children'] };
  };
  return { ...tree, children: tree.children.map(visit) };
}
