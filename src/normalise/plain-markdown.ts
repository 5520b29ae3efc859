/**
 * Markdown that is only paragraphs, `#` headings and single-line `-` list
 * items, in tight or loose lists (what most news articles are), is turned
 * into the tree remark would give, without remark: parsing is most of what a
 * Markdown article costs. Anything else (a character that can start inline
 * syntax, an indented list, setext headings, …) returns null and goes to remark.
 * test/plain-markdown.test.ts checks the two agree on generated documents.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';

/**
 * Characters that can begin inline Markdown, GFM or HTML anywhere in a line; one of them sends the text to remark.
 * `www.` is read here (wwwLinksAreSimple and phrasing below): it sent every text holding one to remark, at 5 ms each.
 */
const INLINE_SYNTAX = /[*_`[\]!<>&\\~|@\t\r\u0000]|:\/\//;
const WWW = /www\./gi;
/** Characters GFM leaves out of the end of a link literal (of those INLINE_SYNTAX lets through). */
const TRAILING = /["',.:;?]+$/;
/** A link remark writes into `href` as it is (its normalizeUri encodes any other character), without parentheses (GFM balances them). */
const URI_AS_IS = /^[!#$&'*-;=?-Z_a-z~]*$/;
/** Line starts that begin a block this reader does not handle. */
const OTHER_BLOCK = /^(?:\s|[+=>]|-(?! \S)|\d+[.)]|#(?!#{0,5} ))/;
const HEADING = /^(#{1,6}) (.*)$/;

/** A list, which its items share: loose when a blank line stands between two of them (remark then wraps each item's text in a paragraph). */
type List = { loose: boolean };
type Block = { kind: 'p' | 'h' | 'li'; level: number; lines: string[]; line: number; list?: List };

/** The hast tree of a plain Markdown text, as remark-parse + remark-gfm + remark-rehype make it, or null when the text is not that plain. */
export function plainMarkdownToHast(markdown: string): Root | null {
  if (INLINE_SYNTAX.test(markdown) || !wwwLinksAreSimple(markdown)) return null;
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let previous: Block | null = null;
  let blankBefore = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') {
      previous = null;
      blankBefore = true;
      continue;
    }
    // Trailing spaces make hard breaks, leading ones indent: both are remark's to read.
    if (line.endsWith(' ') || OTHER_BLOCK.test(line)) return null;
    const heading = HEADING.exec(line);
    if (heading) {
      const text = heading[2]!;
      if (!text.trim() || text.endsWith('#') || text.startsWith(' ')) return null;
      blocks.push((previous = { kind: 'h', level: heading[1]!.length, lines: [text], line: i + 1 }));
    } else if (line.startsWith('- ')) {
      // The item's text may itself open a block (`- 1. …`, `- # …`, `- - …`): remark's to read.
      const content = line.slice(2);
      if (OTHER_BLOCK.test(content) || /^[#-]/.test(content)) return null;
      // An item right after another, blank lines or not, is in the same list; a blank line between makes it loose.
      const before = blocks.at(-1);
      const list = before?.kind === 'li' ? before.list! : { loose: false };
      if (before?.kind === 'li' && blankBefore) list.loose = true;
      blocks.push((previous = { kind: 'li', level: 0, lines: [content], line: i + 1, list }));
    } else if (previous?.kind === 'p') {
      previous.lines.push(line);
    } else if (previous?.kind === 'li') {
      // A lazy continuation line belongs to the item: remark's to read.
      return null;
    } else {
      blocks.push((previous = { kind: 'p', level: 0, lines: [line], line: i + 1 }));
    }
    blankBefore = false;
  }
  return { type: 'root', children: toNodes(blocks) };
}

/** Blocks to hast, with the newline text nodes remark-rehype puts between block elements. */
function toNodes(blocks: Block[]): RootContent[] {
  const nodes: RootContent[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k]!;
    if (nodes.length) nodes.push(newline());
    if (block.kind !== 'li') {
      nodes.push(element(block.kind === 'h' ? `h${block.level}` : 'p', phrasing(block.lines.join('\n'), block.line), block.line, block.line + block.lines.length - 1, block.lines.at(-1)!.length + 1));
      continue;
    }
    const items: ElementContent[] = [newline()];
    const { list } = block;
    while (k < blocks.length && blocks[k]!.list === list) {
      const item = blocks[k]!;
      const end = item.lines[0]!.length + 3;
      const text = phrasing(item.lines[0]!, item.line, 3);
      items.push(element('li', list!.loose ? [newline(), element('p', text, item.line, item.line, end, 3), newline()] : text, item.line, item.line, end), newline());
      k++;
    }
    k--;
    const last = blocks[k]!;
    nodes.push(element('ul', items, block.line, last.line, last.lines[0]!.length + 3));
  }
  return nodes;
}

function element(tagName: string, children: ElementContent[], line: number, endLine: number, endColumn: number, column = 1): Element {
  return { type: 'element', tagName, properties: {}, children, position: { start: { line, column }, end: { line: endLine, column: endColumn } } };
}

/**
 * Whether every `www.` in the text is one this reader links as GFM does, or plain text: where a link starts
 * (`linkStartsAt`) it is read here if its address is one remark writes as it is; after an ASCII letter or digit it is
 * text; after anything else (a sign GFM's tokenizer and its find-and-replace pass treat apart) it is remark's to read.
 */
function wwwLinksAreSimple(markdown: string): boolean {
  WWW.lastIndex = 0;
  for (let found = WWW.exec(markdown); found; found = WWW.exec(markdown)) {
    if (linkStartsAt(markdown, found.index)) {
      if (!URI_AS_IS.test(linkAt(markdown, found.index))) return false;
    } else if (!isAsciiAlphanumeric(markdown.charCodeAt(found.index - 1))) {
      return false;
    }
  }
  return true;
}

/** GFM links a `www.` at the text's start or after a space or a line break. */
function linkStartsAt(text: string, at: number): boolean {
  const before = at === 0 ? 32 : text.charCodeAt(at - 1);
  return before === 32 || before === 10;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const WORD = /\S+/y;

/** The link GFM makes of the word at `at`: up to white space, less trailing punctuation (`www.` alone gives `www`). */
function linkAt(text: string, at: number): string {
  WORD.lastIndex = at;
  return WORD.exec(text)![0].replace(TRAILING, '');
}

/**
 * A block's text as remark gives it: one text node, or text and the links GFM makes of `www.` words, to `http://`
 * and the word, domain or not (`Zie www.` links to `http://www`). The pieces carry no positions: nothing reads them.
 */
function phrasing(value: string, line: number, column = 1): ElementContent[] {
  WWW.lastIndex = 0;
  let found = WWW.exec(value);
  if (!found) return [textNode(value, line, column)];
  const nodes: ElementContent[] = [];
  let from = 0;
  for (; found; found = WWW.exec(value)) {
    const at = found.index;
    if (!linkStartsAt(value, at)) continue;
    const link = linkAt(value, at);
    if (at > from) nodes.push({ type: 'text', value: value.slice(from, at) });
    nodes.push({ type: 'element', tagName: 'a', properties: { href: `http://${link}` }, children: [{ type: 'text', value: link }] });
    from = at + link.length;
    WWW.lastIndex = from;
  }
  if (from < value.length) nodes.push({ type: 'text', value: value.slice(from) });
  return nodes;
}

function textNode(value: string, line: number, column = 1): Text {
  return { type: 'text', value, position: { start: { line, column }, end: { line, column: column + value.length } } };
}

function newline(): Text {
  return { type: 'text', value: '\n' };
}
