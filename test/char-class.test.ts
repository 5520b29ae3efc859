/**
 * Splitting and counting words, the language's sample and its common words are read one
 * character at a time (src/char-class.ts), sentences by a cheaper pattern
 * (src/text.ts): each gives exactly what the regular expression it stands in
 * for gives, on any text, astral letters, lone surrogates and unclosed tags included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, wordsIn } from '../src/char-class.js';
import { detectLanguage, withoutTags } from '../src/normalise/language.js';
import { oneSpaced, sentencesOf, sentenceSpans } from '../src/text.js';
import { gluedHeadings, relatedLead } from '../src/normalise/plain-text.js';
import { runs, seed } from './support/fuzz.js';

const params = { numRuns: runs, seed };

/** Pieces that sit at the edges of the classes: accents, a Turkish İ, astral letters and digits, surrogate halves, tags. */
const tricky = fc.constantFrom('é', 'İ', 'ß', 'Σ', '𝐀', '𝟙', '\ud835', '\udc00', '²', 'ﬁ', '-', '<', '>', '<b>', '</p>', ' ', '\n', 'de', 'the', 'Het', 'THE', 'een', 'worden', 'wordt', 'about', 'a', '1', '_');
const text = fc.array(fc.oneof(tricky, fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join(''));

/** What detectLanguage did with a regular expression and a Set of strings. */
function detectByRegex(text: string, fallback: 'nl' | 'en'): 'nl' | 'en' {
  const dutch = new Set('de het een en van in is dat op te zijn voor met niet aan er ook als bij door maar om nog naar wordt uit dan zo over heeft hun worden tegen deze al wel zou kan meer'.split(' '));
  const english = new Set('the a an and of in is that on to are for with not at it as by but or from this was be have has will would can their more which about'.split(' '));
  let nl = 0;
  let en = 0;
  for (const word of text.slice(0, 5000).toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (dutch.has(word)) nl++;
    if (english.has(word)) en++;
  }
  if (nl + en < 5) return fallback;
  return nl >= en ? 'nl' : 'en';
}

describe('character classes', () => {
  it('countWords counts what /[\\p{L}\\p{N}]+/gu matches', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(countWords(value)).toBe((value.match(/[\p{L}\p{N}]+/gu) ?? []).length);
      }),
      params,
    );
  });

  it('wordsIn finds what /[\\p{L}\\p{N}]+/gu matches', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(wordsIn(value)).toEqual(value.match(/[\p{L}\p{N}]+/gu) ?? []);
      }),
      params,
    );
  });

  it("withoutTags is the text's tags made spaces, cut to length", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 80 }), (value, length) => {
        expect(withoutTags(value, length)).toBe(value.replace(/<[^>]*>/g, ' ').slice(0, length));
      }),
      params,
    );
  });

  it('detectLanguage counts the common words a regular expression finds', () => {
    const words = fc.array(fc.oneof(tricky, fc.constantFrom('van', 'the', 'and', 'het', 'is', 'in', 'Of', 'été', 'wordt', 'would'), fc.string({ maxLength: 5 })), { maxLength: 40 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.oneof(words, text), fc.constantFrom('nl' as const, 'en' as const), (value, fallback) => {
        expect(detectLanguage(undefined, value, fallback)).toBe(detectByRegex(value, fallback));
      }),
      params,
    );
  });

  it('sentences are the pieces between the breaks the lookbehind pattern finds, trimmed', () => {
    // Marks, quotes on either side, white space of every kind (trim's and \s's), capitals and digits that start a sentence and ones that do not.
    const piece = fc.constantFrom('.', '!', '?', '."', ".'", '.”', '.’', '.)', '?)', '"', '‘', '“', '(', ' ', '  ', '\n', '\n\n', '\t', '\r\n', '\u00a0', '\u2028', '\ufeff', '\u3000', 'A', 'Z', 'À', 'Ý', '×', 'Þ', 'é', '0', '9', 'a', 'de', 'Het', '…', '.\n', '! "Ja', '? (1');
    const sentences = fc.array(fc.oneof(piece, piece, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(sentences, (value) => {
        const expected = value.split(/(?<=[.!?]["'”’)]?)\s+(?=["'‘“(]?[A-Z0-9À-Ý])|\n+/).map((s) => s.trim()).filter(Boolean);
        expect(sentencesOf(value)).toEqual(expected);
        const spans = sentenceSpans(value);
        for (let i = 0; i < spans.length; i += 2) expect(value.slice(spans[i], spans[i + 1])).toBe(expected[i / 2]);
      }),
      params,
    );
  });

  it("plain text's `Lees ook:` and glued subheadings are found where the lookbehind patterns found them", () => {
    // Words and gaps around `Lees ook` and sentence marks, and now and then a subheading glued between two sentences.
    const word = fc.constantFrom('Lees ook', 'LEES OOK', 'lees verder', 'See also', 'Read more', 'Lees ook:', 'Huawei', 'EU-lidstaten', 'Banden', 'Één', '5G', 'De', 'Het', 'Hij', 'Volgens', 'Daarnaast', 'een', 'ban', 'wordt', 'à', 'x', 'chips.', 'maakt.', 'zei!"', 'waarom?', 'nu.’', 'eind.)', ':', ',', 'a,', 'b;');
    const gap = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\t', '\u00a0', '', ' : ');
    const headingWords = fc.array(fc.constantFrom('EU', 'Banden', 'Huawei', 'Hij', '5G', 'beducht', 'voor', 'x.'), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
    const glued = fc.tuple(fc.constantFrom('maakt. ', 'zei!" ', 'nu.’  '), headingWords, fc.constantFrom(' De ', ' Het ', ' Volgens ', ' Hij ', ' Een\t', ' de '), fc.constantFrom('ban ', 'één ', 'Ban ', 'à '));
    const piece = fc.oneof({ weight: 6, arbitrary: fc.tuple(word, gap).map((p) => p.join('')) }, { weight: 1, arbitrary: glued.map((p) => p.join('')) });
    const paragraph = fc.array(fc.oneof({ weight: 9, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }), { maxLength: 30 }).map((parts) => parts.join(''));
    const oldLead = /(?:^|(?<=[.!?]["'”’)]?\s+))(?:Lees ook|Zie ook|Bekijk ook|Lees verder|See also|Read also|Read more)\s*:\s*/i;
    const starters = 'De|Het|Een|Dat|Die|Deze|Dit|Zo|Ook|Maar|En|Er|Hij|Zij|Ze|Wij|We|Ik|In|Op|Met|Voor|Na|Bij|Door|Om|Volgens|Zonder|Toch|Daarbij|Daarnaast|Nu|Wel|Niet|Al|Als|Want|Sinds|Tijdens|Vooral|Verder|Ondertussen|Intussen|Eerder|Inmiddels|Daarom|Omdat|Wat|Hoe|Waarom';
    const oldGlued = new RegExp(`(?<=[.!?]["'”’)]?)\\s+([A-Z0-9À-Ý][^\\s.!?,:;]*(?:\\s+[^\\s.!?,:;]+){0,6}?)\\s+(?=(?:${starters})\\s+[a-zà-ÿ])`, 'g');
    fc.assert(
      fc.property(paragraph, (value) => {
        const lead = oldLead.exec(value);
        expect(relatedLead(value)).toEqual(lead ? { start: lead.index, rest: lead.index + lead[0].length } : null);
        expect(gluedHeadings(value)).toEqual([...value.matchAll(oldGlued)].map((m) => ({ start: m.index, heading: m[1], end: m.index + m[0].length })));
      }),
      params,
    );
  });

  it("oneSpaced makes every run of white space one space, as /\\s+/g does", () => {
    const spaced = fc.array(fc.oneof(fc.constantFrom(' ', '  ', '\n', '\t', ' \n ', '\u00a0', '\u2028', '\ufeff', '\u3000', 'a', 'de', '.'), fc.string({ maxLength: 3 })), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(spaced, text), (value) => {
        expect(oneSpaced(value)).toBe(value.replace(/\s+/g, ' '));
      }),
      params,
    );
  });

  it('detectLanguage reads only the first 5 000 characters, and a declared language wins', () => {
    const english = 'the cat and the dog are on the mat with a hat '.repeat(120);
    expect(detectLanguage(undefined, english, 'nl')).toBe('en');
    expect(detectLanguage(undefined, `${'x'.repeat(5000)} ${english}`, 'nl')).toBe('nl');
    expect(detectLanguage('nl-BE', english, 'en')).toBe('nl');
  });
});
