/**
 * Markdown that is only HTML blocks is read without remark and gives exactly
 * remark's tree, positions included, whenever the reader answers; anything it
 * does not fully understand goes to remark. Documents are generated from the
 * lines that decide where a CommonMark HTML block starts and ends: block and
 * inline tags, tags remark reads as other kinds of block (`<pre>`,
 * `<script>`, comments), their look-alikes, indentation, blank lines with
 * spaces, Markdown syntax inside and between blocks, tabs and entities.
 * HTML parsed without source positions gives the same tree otherwise.
 */
import fc from 'fast-check';
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { htmlBlocksToHast, htmlFragmentToHast, markdownToHast } from '../src/hast.js';
import { htmlBlocksOf } from '../src/normalise/html-blocks.js';
import { runs, seed } from './support/fuzz.js';
import { withoutPositions } from './support/hast.js';

/** The tree as compared: everything but the root's own position, which nothing reads. */
function comparable(tree: Root): unknown {
  const { position: _position, ...rest } = tree;
  return rest;
}

/** What the body reader does: the HTML-block reader's tree when it answers, else null. */
function fast(markdown: string): Root | null {
  const blocks = htmlBlocksOf(markdown);
  return blocks && htmlBlocksToHast(blocks);
}

const text = fc.constantFrom('Huawei', 'de *VS*', '5G & co', '&amp;', '[link](x)', '`code`', 'ë —', '# kop', '- item', '\tinspringen', '2019.', '<b>vet</b>', '<a href="https://nos.nl">nos</a>', '</p>', '  ', '');
const opening = fc.constantFrom(
  '<p>',
  '<p class="intro">',
  '<P>',
  '</p>',
  '<div>',
  '<h2>',
  '<figure>',
  '<hr/>',
  '<hr />',
  '<table>',
  '<li>',
  '<section id="x">',
  '<pre>',
  '<script>',
  '<style>',
  '<!-- opmerking -->',
  '<span>',
  '<em>',
  '<img src="a.jpg">',
  '<paragraaf>',
  '<p\tclass="x">',
  '<p',
  ' <p>',
  '    <p>',
  '<?xml?>',
  '<!DOCTYPE html>',
);
const closing = fc.constantFrom('</p>', '</div>', '</h2>', '</figure>', '', '</pre>', '</script>', '-->');
const htmlLine = fc.tuple(opening, text, closing).map(([open, inner, close]) => `${open}${inner}${close}`);
const line = fc.oneof(
  { weight: 6, arbitrary: htmlLine },
  { weight: 2, arbitrary: fc.array(htmlLine, { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 3, arbitrary: fc.constantFrom('', ' ', '\t', '  \t') },
  { weight: 2, arbitrary: text },
);
const document = fc.tuple(fc.constantFrom('', '\n', '\n\n', ' \n'), fc.array(line, { minLength: 1, maxLength: 12 }), fc.boolean()).map(([before, lines, newline]) => before + lines.join('\n') + (newline ? '\n' : ''));

describe('Markdown made of HTML blocks, without remark', () => {
  it("gives remark's tree whenever it answers", () => {
    let answered = 0;
    fc.assert(
      fc.property(document, (markdown) => {
        const tree = fast(markdown);
        if (!tree) return;
        answered++;
        expect(comparable(tree)).toEqual(comparable(markdownToHast(markdown)));
      }),
      { numRuns: runs, seed },
    );
    // The generator must exercise the reader, not only its refusals.
    expect(answered).toBeGreaterThan(runs / 20);
  });

  it('parses HTML without source positions into the same tree, positions aside', () => {
    fc.assert(
      fc.property(document, (markdown) => {
        expect(withoutPositions(htmlFragmentToHast(markdown, false))).toEqual(withoutPositions(htmlFragmentToHast(markdown)));
        const blocks = htmlBlocksOf(markdown);
        if (blocks) expect(withoutPositions(htmlBlocksToHast(blocks, false))).toEqual(withoutPositions(htmlBlocksToHast(blocks)));
      }),
      { numRuns: runs, seed },
    );
    expect(JSON.stringify(htmlFragmentToHast('<p>Een <b>twee</b></p>\n<p>drie</p>', false))).not.toContain('position');
  });

  it('answers for an exported post and refuses what is Markdown or another kind of HTML block', () => {
    // As a Jekyll export has it: a blank line after the front matter.
    const post = '\n<p class="intro">Washington zet <b>Berlijn</b> onder druk.</p><p>De VS dreigen.</p>\n<h2>Spionage</h2>\n\n<figure><img src="a.jpg"><figcaption>Foto</figcaption></figure>\n';
    expect(fast(post)).not.toBeNull();
    expect(comparable(fast(post)!)).toEqual(comparable(markdownToHast(post)));
    for (const refused of ['Tekst', '<span>inline</span>', '<pre>\n\ncode</pre>', '<!-- x -->', '  <p>ingesprongen</p>', '<p>een</p>\n\nMarkdown *na*', '<p>regel</p>\r\n', '<script>x</script>']) {
      expect(htmlBlocksOf(refused), refused).toBeNull();
    }
  });
});
