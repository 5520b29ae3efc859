/**
 * The plain-Markdown reader gives exactly remark's tree (and the block start
 * lines diagnostics point at) whenever it answers, and leaves to remark
 * anything it does not fully understand. Documents are generated from lines
 * of the kinds that trip Markdown readers up: headings of every level and
 * their look-alikes, list items and their look-alikes, setext underlines,
 * indentation, trailing spaces, inline syntax characters, URLs.
 */
import fc from 'fast-check';
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { markdownToHast } from '../src/hast.js';
import { plainMarkdownToHast } from '../src/normalise/plain-markdown.js';
import { runs, seed } from './support/fuzz.js';
import { withoutPositions } from './support/hast.js';

/** The tree without positions, and the start line of each top-level block. */
function shape(tree: Root): { tree: unknown; lines: Array<number | undefined> } {
  return { tree: withoutPositions(tree), lines: tree.children.map((c) => c.position?.start.line) };
}

const word = fc.constantFrom('Huawei', 'chips', 'de', 'VS', '5G', '2019', 'Berlijn,', 'zei:', '"citaat"', '#tag', '-', '1.', 'a*b', '_x_', '[link]', '<b>', '&amp;', 'www.nos.nl', 'www.', 'WWW.', 'wWw.nos.nl.', 'www.nos.nl/nieuws?id=1,', 'www.,x', 'www.-', '(www.x.nl)', '(www.', 'xwww.nos.nl', '—www.nos.nl', 'www.ë.nl', 'www.x.nl"', '\u00a0www.x.nl', 'http://x.nl', 'mail@x.nl', '~~', '|', '\\', 'ë', '—', '...', '#');
const words = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const line = fc.oneof(
  { weight: 6, arbitrary: words },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), words).map(([n, w]) => `${'#'.repeat(n)} ${w}`) },
  { weight: 2, arbitrary: words.map((w) => `- ${w}`) },
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('---', '===', '-', '- ', '* item', '+ item', '1. item', '2) item', '    code', '\tcode', ' lead', 'tail  ', '> quote', '#', '## ', '# Kop #', '-  twee', '#hashtag', '```', '<div>', '***'),
  },
);
const document = fc.array(line, { minLength: 0, maxLength: 14 }).map((lines) => lines.join('\n'));

describe('plain Markdown without remark', () => {
  it('gives remark\'s tree whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(document, (markdown) => {
        const fast = plainMarkdownToHast(markdown);
        if (!fast) return;
        answered++;
        expect(shape(fast)).toEqual(shape(markdownToHast(markdown)));
      }),
      { numRuns: runs, seed },
    );
    // The generator must exercise the reader, not only its refusals.
    expect(answered).toBeGreaterThan(runs / 20);
  });

  it('answers for a typical news article and refuses what it does not understand', () => {
    const article = 'Washington zet Berlijn onder druk.\nDe VS dreigen.\n\n## Spionage\n\n- een punt\n- nog een\n\nSlot.\n';
    // A word that starts with `www.` is a link, as GFM makes it, with or without a domain after it.
    for (const linked of ['Meer op www.nos.nl.', 'Zie de site www.', 'www.nos.nl/a,b: en verder\nwww. WWW.X.NL', '## Kop www.x.nl?', '- www.nos.nl']) {
      expect(JSON.stringify(plainMarkdownToHast(linked)), linked).toContain('"tagName":"a"');
      expect(shape(plainMarkdownToHast(linked)!), linked).toEqual(shape(markdownToHast(linked)));
    }
    expect(shape(plainMarkdownToHast(article)!)).toEqual(shape(markdownToHast(article)));
    // A list with blank lines between its items is loose: each item's text in a paragraph of its own.
    const loose = 'Punten:\n\n- een punt\n\n- nog een\n- en een derde\n\nSlot.\n';
    expect(JSON.stringify(plainMarkdownToHast(loose))).toContain('"tagName":"li","properties":{},"children":[{"type":"text","value":"\\n"},{"type":"element","tagName":"p"');
    expect(shape(plainMarkdownToHast(loose)!)).toEqual(shape(markdownToHast(loose)));
    for (const refused of ['Zie [NOS](https://nos.nl).', 'Een *nadruk*.', 'Kop\n===', '- a\nlui vervolg', '1. eerste', '    code', 'regel  \nbreuk', 'A &amp; B', 'zie (www.nos.nl)', 'zie —www.nos.nl']) {
      expect(plainMarkdownToHast(refused), refused).toBeNull();
    }
  });
});
