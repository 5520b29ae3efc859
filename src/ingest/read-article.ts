/**
 * One decoded file to a RawArticle: front matter split off, the body's own
 * format recognised (a `.txt` may hold HTML), whole HTML pages unpacked.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { ArticleFormat, BodyFormat, RawArticle, SourceRef } from '../model.js';
import { splitFrontMatter } from './front-matter.js';
import { MAX_HTML_DEPTH } from '../normalise/limits.js';
import { isWholePage, readHtmlPage } from './html-page.js';

const HTML_BODY_START = /^\s*<(p|div|h[1-6]|ul|ol|article|section|blockquote|figure|table|main|span|img|br|em|strong|a)[\s>/]/i;

/** Reads one article's text, or returns null with a diagnostic when there is nothing to read. */
export function readArticle(text: string, source: SourceRef, format: ArticleFormat, diagnostics: Diagnostics): RawArticle | null {
  if (text.trim() === '') {
    diagnostics.add('ingest/empty-file', 'warning', source, 'file is empty; no article made', 'write the article, or delete the file');
    return null;
  }
  if (format === 'html' && isWholePage(text)) {
    const page = readHtmlPage(text);
    if (page.flattened) {
      diagnostics.add(
        'ingest/nesting-too-deep',
        'warning',
        { ...source, line: 1 },
        `the page nests deeper than ${MAX_HTML_DEPTH} levels; ${page.flattened} level${page.flattened === 1 ? '' : 's'} past that were flattened (the text is kept)`,
        'simplify the markup; deeply nested tags are usually the debris of a broken export',
      );
    }
    const fieldLines = Object.fromEntries(Object.entries(page.lines).map(([k, line]) => [`meta:${k}`, line]));
    return { source, format, frontMatter: 'none', fields: {}, fieldLines, pageMeta: page.values, body: page.body, bodyFormat: 'html', bodyLine: page.bodyLine, diagnostics: [] };
  }
  const split = splitFrontMatter(text, source, diagnostics);
  if (!split) return null;
  return {
    source,
    format,
    frontMatter: split.kind,
    fields: split.fields,
    fieldLines: split.fieldLines,
    pageMeta: {},
    body: split.body,
    bodyFormat: bodyFormatOf(format, split.body),
    bodyLine: split.bodyLine,
    diagnostics: [],
  };
}

function bodyFormatOf(format: ArticleFormat, body: string): BodyFormat {
  if (format === 'text' && HTML_BODY_START.test(body)) return 'html';
  return format;
}
