/**
 * An article body of any format to one sanitised hast tree, with its plain
 * text, lead, `Lees ook` references and (for plain text) its title line.
 */
import type { Element, Root, RootContent } from 'hast';
import type { Diagnostics } from '../diagnostics.js';
import type { RawArticle, RelatedRef } from '../model.js';
import { element, htmlBlocksToHast, htmlFragmentToHast, markdownToHast, text, textOf } from '../hast.js';
import { htmlBlocksOf } from './html-blocks.js';
import { readPlainText, type TextBlock } from './plain-text.js';
import { limitHtmlNesting, limitMarkdownNesting, MAX_HTML_DEPTH } from './limits.js';
import { plainMarkdownToHast } from './plain-markdown.js';
import { findRepeatedParagraphs } from './repeated-body.js';
import { sanitiseBody } from './sanitise.js';
import { oneSpaced } from '../text.js';

/** The parts of an article that come from its body. */
export interface Body {
  tree: Root;
  text: string;
  lead: string;
  /** A title the body itself gives: a leading `# heading`/`<h1>`, or a plain-text title line. */
  title: string | null;
  alsoRead: RelatedRef[];
}

const RELATED_PARAGRAPH = /^\s*(?:Lees ook|Zie ook|Bekijk ook|See also|Read also)\s*:?/i;

/**
 * Builds the body; `dutch` enables rules that rely on Dutch capitalisation. A
 * leading heading becomes the title only when the article has no other title
 * (or repeats it), so no written heading is lost.
 */
export function buildBody(raw: RawArticle, body: string, bodyLine: number, dutch: boolean, explicitTitle: string | null, diagnostics: Diagnostics): Body {
  if (raw.bodyFormat === 'text') return plainTextBody(raw, body, bodyLine, dutch, explicitTitle, diagnostics);
  const limited = limitNesting(raw, body, bodyLine, diagnostics);
  // HTML is parsed without source positions (most of parse5's cost); the one line a repeat's warning needs is found by parsing again with them.
  const parsed = parseBody(raw, limited, bodyLine, diagnostics, false);
  if (!parsed) return plainTextBody(raw, body.replace(/<[^>]*>/g, ' '), bodyLine, dutch, explicitTitle, diagnostics);
  const { kept, title, alsoRead } = keptChildren(parsed, explicitTitle);
  const startOf = (child: RootContent, index: number) =>
    (child.position ?? keptChildren(parseBody(raw, limited, bodyLine, diagnostics, true)!, explicitTitle).kept[index]?.position)?.start.line;
  // Tree positions count from the body's first line.
  const deduped = removeRepeats(kept, (c) => textOf(c), raw, bodyLine, diagnostics, (c, index) => {
    const line = startOf(c, index);
    return line && line + bodyLine - 1;
  });
  const tree = sanitiseBody({ type: 'root', children: deduped });
  return { tree, ...textAndLead(tree), title, alsoRead };
}

/** The top-level nodes of a parsed body that stay in it, with the title a leading `<h1>` gives and the `Lees ook` references taken out. */
function keptChildren(parsed: Root, explicitTitle: string | null): { kept: RootContent[]; title: string | null; alsoRead: RelatedRef[] } {
  const children = parsed.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  let title: string | null = null;
  const first = children[0];
  if (first?.type === 'element' && first.tagName === 'h1') {
    const heading = oneSpaced(textOf(first)).trim();
    if (!explicitTitle || heading === explicitTitle) {
      title = heading || null;
      children.shift();
    }
  }
  demoteHeadings(children);
  const alsoRead: RelatedRef[] = [];
  const kept = children.filter((child) => {
    if (child.type !== 'element' || child.tagName !== 'p' || !RELATED_PARAGRAPH.test(textOf(child))) return true;
    alsoRead.push(...referencesOf(child));
    return false;
  });
  return { kept, title, alsoRead };
}

/** The body with nesting bounded (said in a warning when it was cut), as the parsers get it. */
function limitNesting(raw: RawArticle, body: string, bodyLine: number, diagnostics: Diagnostics): string {
  let text = body;
  let cut = 0;
  if (raw.bodyFormat === 'markdown') ({ markdown: text, clipped: cut } = limitMarkdownNesting(body));
  const limited = limitHtmlNesting(text);
  cut += limited.dropped;
  if (cut) {
    diagnostics.add(
      'normalise/nesting-too-deep',
      'warning',
      { ...raw.source, line: bodyLine },
      `the body nests deeper than ${MAX_HTML_DEPTH} levels; ${cut} level${cut === 1 ? '' : 's'} past that were flattened (the text is kept)`,
      'simplify the markup; deeply nested tags are usually the debris of a broken export',
    );
  }
  return limited.html;
}

/** Parses Markdown or HTML (HTML with source positions or not); null (with a warning) when the parser cannot cope. */
function parseBody(raw: RawArticle, text: string, bodyLine: number, diagnostics: Diagnostics, positions: boolean): Root | null {
  try {
    if (raw.bodyFormat !== 'markdown') return htmlFragmentToHast(text, positions);
    // Plain Markdown (paragraphs, headings, simple lists) and Markdown that is only HTML blocks are read without remark: same tree, a fraction of the cost.
    const blocks = htmlBlocksOf(text);
    return blocks ? htmlBlocksToHast(blocks, positions) : (plainMarkdownToHast(text) ?? markdownToHast(text));
  } catch (error) {
    diagnostics.add(
      'normalise/body-unparsable',
      'warning',
      { ...raw.source, line: bodyLine },
      `the ${raw.bodyFormat} body could not be parsed (${(error as Error).message}); it was read as plain text`,
      'check the markup of this article',
    );
    return null;
  }
}

function plainTextBody(raw: RawArticle, body: string, bodyLine: number, dutch: boolean, explicitTitle: string | null, diagnostics: Diagnostics): Body {
  const plain = readPlainText(body, bodyLine, dutch);
  // A title line that differs from the front-matter title is text the author wrote: keep it as a heading.
  const keptTitle = plain.title && explicitTitle && plain.title.text !== explicitTitle ? [{ kind: 'heading' as const, ...plain.title }] : [];
  const blocks = removeRepeats([...keptTitle, ...plain.blocks], (b) => b.text, raw, bodyLine, diagnostics, (b) => b.line);
  const tree = sanitiseBody({ type: 'root', children: blocks.map(blockToElement) });
  return { tree, ...textAndLead(tree), title: plain.title?.text ?? null, alsoRead: plain.alsoRead };
}

function blockToElement(block: TextBlock): Element {
  if (block.kind === 'heading') return element('h2', [text(block.text)]);
  if (block.kind === 'caption') return element('p', [text(block.text)], { className: ['caption'] });
  return element('p', [text(block.text)]);
}

function removeRepeats<T>(
  items: T[],
  textOfItem: (item: T) => string,
  raw: RawArticle,
  bodyLine: number,
  diagnostics: Diagnostics,
  lineOf: (item: T, index: number) => number | undefined,
): T[] {
  const repeated = new Set(findRepeatedParagraphs(items.map(textOfItem)));
  if (!repeated.size) return items;
  const first = Math.min(...repeated);
  const line = lineOf(items[first]!, first) ?? bodyLine;
  diagnostics.add(
    'normalise/duplicate-body-removed',
    'warning',
    { ...raw.source, line },
    `the article's text appears a second time from here (${repeated.size} paragraph${repeated.size === 1 ? '' : 's'}); the copy was left out`,
    'delete the repeated text from the source to silence this',
  );
  return items.filter((_, i) => !repeated.has(i));
}

/** A page has one `<h1>`, its title: headings in the body move down a level. */
function demoteHeadings(nodes: RootContent[]): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (node.tagName === 'h1') node.tagName = 'h2';
    demoteHeadings(node.children);
  }
}

function referencesOf(paragraph: Element): RelatedRef[] {
  const links: RelatedRef[] = [];
  const visit = (node: RootContent) => {
    if (node.type !== 'element') return;
    if (node.tagName === 'a') {
      const href = typeof node.properties?.href === 'string' ? node.properties.href : undefined;
      const title = textOf(node).trim();
      if (title) links.push(href && /^https?:\/\//i.test(href) ? { title, url: href } : { title });
    }
    node.children.forEach(visit);
  };
  visit(paragraph);
  if (links.length) return links;
  const rest = textOf(paragraph).replace(RELATED_PARAGRAPH, '').trim();
  return rest ? [{ title: rest.replace(/^['‘"“]|['’"”]$/g, '') }] : [];
}

function textAndLead(tree: Root): { text: string; lead: string } {
  const parts: string[] = [];
  let lead = '';
  for (const child of tree.children) {
    const value = oneSpaced(textOf(child)).trim();
    if (!value) continue;
    parts.push(value);
    const isCaption = child.type === 'element' && Array.isArray(child.properties?.className) && child.properties.className.includes('caption');
    if (!lead && child.type === 'element' && child.tagName === 'p' && !isCaption) lead = value;
  }
  if (!lead) lead = parts[0] ?? '';
  return { text: parts.join('\n\n'), lead };
}
