/**
 * Which characters are letters (or digits), asked one character at a time:
 * what `/[\p{L}\p{N}]+/gu` or `/\p{L}+/gu` find, without the array of
 * strings a `match` makes, or making that array faster. For 3 000 Markdown
 * posts, counting words went from 98 to 76 ms, spotting the language's
 * common words from 219 to 133 ms (normalise/language.ts) and splitting
 * folded text into words from 250 to 105 ms.
 */

/** Code units of the character at `i` when it is in the class (2: a surrogate pair), else 0 (also past the end). */
export type CharWidth = (text: string, i: number) => number;

/** The width function of the class one character `pattern` matches (anchored, with the `u` flag). */
function charClass(pattern: RegExp): CharWidth {
  const ascii = asciiTable(pattern);
  // Each character of the Basic Multilingual Plane above 127, found once: 0 not yet known, 1 yes, 2 no.
  const bmp = new Uint8Array(65_536);
  return (text, i) => {
    // Past the end, before reading there: optimized code read out of bounds once, then was thrown away and made again.
    if (i >= text.length) return 0;
    const code = text.charCodeAt(i);
    if (code < 128) return ascii[code]!;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return pattern.test(text.slice(i, i + 2)) ? 2 : 0;
    }
    if (!bmp[code]) bmp[code] = pattern.test(String.fromCharCode(code)) ? 1 : 2;
    return bmp[code] === 1 ? 1 : 0;
  };
}

/** 1 for each character below 128 the one-character `pattern` matches, else 0. */
function asciiTable(pattern: RegExp): Uint8Array {
  return Uint8Array.from({ length: 128 }, (_, code) => Number(pattern.test(String.fromCharCode(code))));
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** A letter or digit at `i`: what `[\p{L}\p{N}]` matches there. */
export const letterOrDigitWidth = charClass(LETTER_OR_DIGIT);

/** Letters and digits below 128 (1, else 0), for loops that test them before calling the width function. */
export const ASCII_LETTER_OR_DIGIT = asciiTable(LETTER_OR_DIGIT);

/** A letter at `i`: what `\p{L}` matches there. */
export const letterWidth = charClass(/^\p{L}$/u);

/**
 * The runs of letters and digits of `text`, in order: `text.match(/[\p{L}\p{N}]+/gu) ?? []`. The search index
 * splits titles into words this way (an article's text is scanned by word-scan.ts, which finds the same words);
 * the regular expression took 2.4 times as long (250 against 105 ms for 3 000 Markdown posts).
 */
export function wordsIn(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const width = code < 128 ? ASCII_LETTER_OR_DIGIT[code]! : letterOrDigitWidth(text, i);
    if (width) {
      if (start < 0) start = i;
      i += width;
      continue;
    }
    if (start >= 0) words.push(text.slice(start, i));
    start = -1;
    i++;
  }
  if (start >= 0) words.push(text.slice(start));
  return words;
}

/** How many runs of letters and digits `text` holds: `(text.match(/[\p{L}\p{N}]+/gu) ?? []).length`. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const width = code < 128 ? ASCII_LETTER_OR_DIGIT[code]! : letterOrDigitWidth(text, i);
    if (width && !inWord) words++;
    inWord = width > 0;
    i += width || 1;
  }
  return words;
}
