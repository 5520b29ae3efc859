/**
 * Markdown that is nothing but HTML blocks (a Jekyll or WordPress export
 * whose body is `<p>…</p><p>…</p>`, the seeds' first shape) needs no
 * Markdown parser: CommonMark passes such a block through verbatim, up to the
 * next blank line, when it opens with a block-level tag. Splitting the text
 * into those blocks here and parsing each as HTML gives remark's tree at
 * about a third of the cost. Anything else returns null and goes to remark.
 * test/html-blocks.test.ts checks the two agree on generated documents.
 */

/** One HTML block: its text as Markdown keeps it, and the line it starts on (1-based). */
export interface HtmlBlock {
  html: string;
  line: number;
}

/**
 * Tag names that open a CommonMark HTML block of kind 6 (spec 0.31, 4.6),
 * which ends at a blank line. Kinds 1-5 (`<pre>`, `<script>`, comments, …)
 * end elsewhere and kind 7 (any other tag alone on its line) depends on what
 * surrounds it: those are remark's to read.
 */
const BLOCK_TAGS = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset ' +
    'h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul'
  ).split(' '),
);

/** `<name` or `</name` at the very start of a line, followed by what may end a tag name in a kind-6 opening. */
const BLOCK_OPENING = /^<\/?([A-Za-z][A-Za-z0-9]*)(?:[ \t>]|\/>|$)/;
/** Characters Markdown rewrites even inside HTML (NUL) or reads as line endings (CR): remark's to read. */
const REWRITTEN = /[\r\u0000]/;
/** Blank lines, then `<`: the cheap test that sends most Markdown straight on. */
const STARTS_WITH_TAG = /^[ \t\n]*</;
/** A line of spaces and tabs only ends an HTML block, as an empty one does. */
const BLANK = /^[ \t]*$/;

/** The HTML blocks the text consists of, or null when any part of it is Markdown proper. */
export function htmlBlocksOf(markdown: string): HtmlBlock[] | null {
  if (!STARTS_WITH_TAG.test(markdown) || REWRITTEN.test(markdown)) return null;
  const lines = markdown.split('\n');
  const blocks: HtmlBlock[] = [];
  let open: { lines: string[]; line: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (BLANK.test(line)) {
      if (open) blocks.push({ html: open.lines.join('\n'), line: open.line });
      open = null;
    } else if (open) {
      open.lines.push(line);
    } else {
      const opening = BLOCK_OPENING.exec(line);
      if (!opening || !BLOCK_TAGS.has(opening[1]!.toLowerCase())) return null;
      open = { lines: [line], line: i + 1 };
    }
  }
  if (open) blocks.push({ html: open.lines.join('\n'), line: open.line });
  return blocks;
}
