/**
 * A whole HTML page as an article: title from `<h1>` or `<title>`, date from
 * `<time datetime>` or article meta tags, body from `<article>`/`<main>`/`<body>`.
 */
import type { Element, Root, RootContent } from 'hast';
import { hastToHtml, htmlDocumentToHast, textOf } from '../hast.js';
import { limitHtmlNesting } from '../normalise/limits.js';

/** What a page says about itself, each value with the line it was found on. */
export interface PageMeta {
  /** Element levels past the nesting limit that were flattened before parsing. */
  flattened: number;
  values: Record<string, string>;
  lines: Record<string, number>;
  body: string;
  bodyLine: number;
}

const DATE_META = ['article:published_time', 'datepublished', 'date', 'dc.date', 'dcterms.date', 'pubdate', 'publishdate'];
const DROP_FROM_BODY = new Set(['script', 'style', 'nav', 'header', 'footer', 'aside', 'form', 'noscript', 'template']);

/** True when the text is a full document rather than a body fragment. */
export function isWholePage(html: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype html|<html[\s>])/i.test(html);
}

/** Reads a whole page's metadata and main content. */
export function readHtmlPage(html: string): PageMeta {
  // Nesting is bounded before parsing: a page nested thousands deep would overflow the parser's stack.
  const limited = limitHtmlNesting(html);
  const tree = htmlDocumentToHast(limited.html);
  const values: Record<string, string> = {};
  const lines: Record<string, number> = {};
  const note = (key: string, value: string | undefined, node: Element) => {
    const clean = value?.replace(/\s+/g, ' ').trim();
    if (!clean || key in values) return;
    values[key] = clean;
    if (node.position) lines[key] = node.position.start.line;
  };
  const all = collect(tree);
  const main = all.find((e) => e.tagName === 'article') ?? all.find((e) => e.tagName === 'main') ?? all.find((e) => e.tagName === 'body');
  const h1 = (main ? collect(main) : all).find((e) => e.tagName === 'h1');
  if (h1) note('title', textOf(h1), h1);
  for (const e of all) {
    const props = e.properties ?? {};
    if (e.tagName === 'title') note('title', textOf(e), e);
    if (e.tagName === 'html') note('lang', String(props.lang ?? ''), e);
    if (e.tagName === 'time' && props.dateTime) note('date', String(props.dateTime), e);
    if (e.tagName === 'meta') {
      const name = String(props.property ?? props.name ?? props.itemProp ?? '').toLowerCase();
      const content = props.content === undefined ? undefined : String(props.content);
      if (DATE_META.includes(name)) note('date', content, e);
      if (name === 'og:image') note('image', content, e);
      if (name === 'og:url') note('url', content, e);
      if (name === 'description' || name === 'og:description') note('description', content, e);
      if (name === 'og:site_name') note('outlet', content, e);
    }
    if (e.tagName === 'link' && String(props.rel ?? '').includes('canonical')) note('url', String(props.href ?? ''), e);
  }
  const bodyChildren = (main?.children ?? []).filter((c) => c !== h1 && !(c.type === 'element' && DROP_FROM_BODY.has(c.tagName)));
  removeDropped(bodyChildren, h1);
  const firstLine = bodyChildren.find((c) => c.position)?.position?.start.line ?? 1;
  return { flattened: limited.dropped, values, lines, body: hastToHtml(bodyChildren as RootContent[]), bodyLine: firstLine };
}

function collect(node: Root | Element): Element[] {
  const out: Element[] = [];
  const visit = (n: Root | RootContent) => {
    if (n.type === 'element') out.push(n);
    if ('children' in n) n.children.forEach(visit);
  };
  visit(node);
  return out;
}

function removeDropped(children: RootContent[], title: Element | undefined): void {
  for (const child of children) {
    if (child.type !== 'element') continue;
    child.children = child.children.filter((c) => c !== title && !(c.type === 'element' && DROP_FROM_BODY.has(c.tagName)));
    removeDropped(child.children, title);
  }
}
