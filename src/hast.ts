/**
 * The one module that imports unified, remark, rehype and parse5: Markdown and
 * HTML text to a hast tree, and a hast tree back to HTML. Processors are built once.
 */
import type { Root, RootContent, Element, Text } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { toHtml } from 'hast-util-to-html';
import { parseFragment } from 'parse5';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const markdownProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true });
const fragmentParser = unified().use(rehypeParse, { fragment: true });
const documentParser = unified().use(rehypeParse, { fragment: false });

/** Markdown (GFM) to hast; raw HTML inside the Markdown is parsed too, to be sanitised later. */
export function markdownToHast(markdown: string): Root {
  const tree = markdownProcessor.runSync(markdownProcessor.parse(markdown)) as Root;
  return expandRawNodes(tree);
}

/**
 * Markdown made only of HTML blocks (normalise/html-blocks.ts) to the tree
 * `markdownToHast` gives it: each block parsed as HTML where it stands, a
 * newline between blocks, no Markdown parser run (`positions`: as for
 * `htmlFragmentToHast`).
 */
export function htmlBlocksToHast(blocks: Array<{ html: string; line: number }>, positions = true): Root {
  const children: RootContent[] = [];
  for (const [index, block] of blocks.entries()) {
    // Between blocks even when one parses to nothing (`</p>` alone), as remark-rehype puts it between its raw nodes.
    if (index) children.push({ type: 'text', value: '\n' });
    const parsed = htmlFragmentToHast(block.html, positions);
    if (positions) shiftLines(parsed, block.line - 1);
    children.push(...parsed.children);
  }
  return { type: 'root', children };
}

/**
 * An HTML fragment (an article body) to hast. Without `positions` the nodes
 * say nowhere where they stand in the text, and the tree is otherwise the
 * same: parse5 keeping source locations took twice as long as its parsing
 * (0.35 against 0.13 ms for a 2.6 KiB body), and a body's positions are read
 * only to say on which line a repeat starts.
 */
export function htmlFragmentToHast(html: string, positions = true): Root {
  if (positions) return fragmentParser.parse(html) as Root;
  // What rehype-parse does with `fragment: true`, less the locations.
  return fromParse5(parseFragment(html, { scriptingEnabled: false })) as Root;
}

/** A whole HTML document to hast, with html/head/body. */
export function htmlDocumentToHast(html: string): Root {
  return documentParser.parse(html) as Root;
}

/** Body trees are never changed after normalise, so their HTML is computed once per tree object. */
const htmlOfTree = new WeakMap<object, string>();

/** A root that holds its content as HTML already made (see `settledBody`). */
type SettledRoot = Root & { data: { settledHtml: string } };

/** True for a body that holds its content as HTML (`settledBody`), wherever the HTML lies. */
export function isSettled(tree: unknown): tree is SettledRoot {
  // `in`, not the value: a spilled body's HTML is read from its file only when asked for.
  const data = (tree as SettledRoot).data;
  return typeof data === 'object' && data !== null && 'settledHtml' in data;
}

/**
 * A body as the rest of the build needs it: a tree without images (which
 * pages rewrite for the site) becomes an empty root holding its HTML. One
 * string weighs a fraction of the tree's thousands of objects, and is copied
 * out of a worker and in and out of the record cache many times faster.
 */
export function settledBody(tree: Root): Root {
  if (isSettled(tree) || hasImage(tree)) return tree;
  return { type: 'root', children: [], data: { settledHtml: toHtml(tree) } } as SettledRoot;
}

/**
 * Moves a settled body's HTML out of the heap: `keep` stores it and returns
 * how to read it back, which `hastToHtml` then does each time it is asked.
 * The root object stays (results kept per body are keyed by it); a tree
 * that is not settled (it has images) stays as it is.
 */
export function spillBody(tree: Root, keep: (html: string) => () => string): void {
  // Out of the heap already: read from the record cache's file (record-texts.ts).
  if (!isSettled(tree) || spilledReaderOf(tree)) return;
  bodyReadBy(tree, keep(tree.data.settledHtml));
}

/** Makes `tree` a settled body whose HTML `read` reads from where it lies (the record cache's file), as `spillBody` leaves one. */
export function bodyReadBy(tree: Root, read: () => string): void {
  const data = {};
  spilledReaders.set(data, read);
  // An own, enumerable getter, so the record cache's serialiser reads the HTML; one getter for all, so all share a hidden class.
  tree.data = Object.defineProperty(data, 'settledHtml', { get: readSpilled, enumerable: true }) as SettledRoot['data'];
}

/** How a body's HTML is read back from where `spillBody` put it, or null (not spilled: made or held here). */
export function spilledReaderOf(tree: Root): (() => string) | null {
  const data = (tree as { data?: object }).data;
  return (data && spilledReaders.get(data)) ?? null;
}

/** How each spilled body's HTML is read back, by its `data` object. */
const spilledReaders = new WeakMap<object, () => string>();

function readSpilled(this: object): string {
  return spilledReaders.get(this)!();
}

/**
 * Lets go of a body's content once nothing will read it (a one-shot build,
 * its page written). The root object stays (results kept per body are keyed
 * by it); reading its content afterwards throws rather than give an empty body.
 */
export function releaseBody(tree: Root): void {
  htmlOfTree.delete(tree);
  // Plain stores of one object for all released bodies: redefined as accessors, each body's fields turned it into a
  // dictionary of 340 bytes, 34 MB more as the render went on at 100 000 articles, at its end the build's peak.
  tree.children = RELEASED_CHILDREN;
  tree.data = RELEASED_DATA;
}

function bodyGone(): never {
  throw new Error('this article body was let go of once its page was written; read the article again to see it');
}

/** A released body's children: any read of them throws. */
const RELEASED_CHILDREN: RootContent[] = new Proxy([], { get: bodyGone, has: bodyGone, ownKeys: bodyGone, getOwnPropertyDescriptor: bodyGone });
/** A released body's data: it is still a settled body, whose HTML throws when read. */
const RELEASED_DATA: SettledRoot['data'] = Object.freeze(Object.defineProperty({}, 'settledHtml', { get: bodyGone }) as SettledRoot['data']);

/** The tree of a body, parsed again from its HTML if `settledBody` kept only that (for tests and tools: nesting HTML does not allow, say a heading in a heading, comes back reshaped). */
export function bodyTree(tree: Root): Root {
  return isSettled(tree) ? htmlFragmentToHast(tree.data.settledHtml) : tree;
}

function hasImage(node: Root | RootContent): boolean {
  if (node.type === 'element' && node.tagName === 'img') return true;
  return 'children' in node && node.children.some((child) => hasImage(child));
}

/** Serialises hast to HTML text. */
export function hastToHtml(tree: Root | RootContent | RootContent[]): string {
  if (isSettled(tree)) return tree.data.settledHtml;
  let html = htmlOfTree.get(tree);
  if (html === undefined) {
    html = toHtml(tree as Root);
    htmlOfTree.set(tree, html);
  }
  return html;
}

/** Plain text of a node and its descendants. */
export function textOf(node: Root | RootContent): string {
  if (node.type === 'text') return node.value;
  if (!('children' in node)) return '';
  // Most paragraphs are one text node: no array made and joined for it.
  const { children } = node;
  if (children.length === 1) return textOf(children[0]!);
  let joined = '';
  for (const child of children) joined += textOf(child);
  return joined;
}

/** A hast element built from plain parts. */
export function element(tagName: string, children: Array<Element | Text>, properties: Element['properties'] = {}): Element {
  return { type: 'element', tagName, properties, children };
}

/** A hast text node. */
export function text(value: string): Text {
  return { type: 'text', value };
}

/** Positions of a re-parsed snippet count from the snippet; make them count from the document. */
function shiftLines(node: Root | RootContent, by: number): void {
  if (node.position) {
    node.position.start.line += by;
    node.position.end.line += by;
  }
  if ('children' in node) for (const child of node.children) shiftLines(child, by);
}

/** remark-rehype leaves inline HTML as `raw` nodes; parse them into real elements so sanitising sees them. */
function expandRawNodes(tree: Root): Root {
  const visit = (parent: { children: RootContent[] }) => {
    const out: RootContent[] = [];
    for (const child of parent.children) {
      if ((child as { type: string }).type === 'raw') {
        const parsed = fragmentParser.parse((child as unknown as { value: string }).value) as Root;
        shiftLines(parsed, (child.position?.start.line ?? 1) - 1);
        out.push(...parsed.children);
      } else {
        if ('children' in child) visit(child as { children: RootContent[] });
        out.push(child);
      }
    }
    parent.children = out;
  };
  visit(tree);
  return tree;
}
