/**
 * Dutch or English, from a declared language or else from common words, so a
 * mixed archive gets `lang` right on every page.
 */
import { letterWidth } from '../char-class.js';

const DUTCH_WORDS = 'de het een en van in is dat op te zijn voor met niet aan er ook als bij door maar om nog naar wordt uit dan zo over heeft hun worden tegen deze al wel zou kan meer';
const ENGLISH_WORDS = 'the a an and of in is that on to are for with not at it as by but or from this was be have has will would can their more which about';

/** Characters looked at: the start of an article says which language it is in. */
export const LANGUAGE_SAMPLE = 5000;

/** Longest common word: a longer run of letters is none of them. */
const LONGEST = Math.max(...`${DUTCH_WORDS} ${ENGLISH_WORDS}`.split(' ').map((word) => word.length));

/**
 * A word of up to LONGEST letters a-z as a number (base 27, each letter 1-26):
 * the text's words are looked up without cutting a string out for each.
 */
function keyOf(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = key * 27 + word.charCodeAt(i) - 96;
  return key;
}

/** Marks of the languages a common word is common in (`commonLanguages`). */
const DUTCH = 1;
const ENGLISH = 2;

/**
 * The common words' keys in an open-addressing table, with which language each is common in (both: `in`, `is`):
 * looked up for most words of the sample, the two Sets took a sixth of the language's time (175 against 210 ms for
 * 6 000 posts and the seeds' mix).
 */
const COMMON_MASK = 511;
const commonKeys = new Int32Array(COMMON_MASK + 1);
const commonLanguages = new Uint8Array(COMMON_MASK + 1);
for (const [words, language] of [[DUTCH_WORDS, DUTCH], [ENGLISH_WORDS, ENGLISH]] as const) {
  for (const key of words.split(' ').map(keyOf)) {
    let slot = slotOf(key);
    while (commonKeys[slot] && commonKeys[slot] !== key) slot = (slot + 1) & COMMON_MASK;
    commonKeys[slot] = key;
    commonLanguages[slot] = commonLanguages[slot]! | language;
  }
}

/** Where a key's search starts in the table: its bits mixed (keys of short words differ mostly in their high digits). */
function slotOf(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 23;
}

/** DUTCH, ENGLISH, both or neither (0) for the word whose key this is. */
function commonIn(key: number): number {
  for (let slot = slotOf(key); commonKeys[slot]; slot = (slot + 1) & COMMON_MASK) if (commonKeys[slot] === key) return commonLanguages[slot]!;
  return 0;
}

/** `nl` or `en`: a declared `lang`/`language` wins, then word counts, then the site's locale. */
export function detectLanguage(declared: unknown, text: string, fallback: 'nl' | 'en'): 'nl' | 'en' {
  if (typeof declared === 'string') {
    const code = declared.trim().toLowerCase().slice(0, 2);
    if (code === 'nl' || code === 'en') return code;
  }
  let dutch = 0;
  let english = 0;
  // The runs of letters (`\p{L}+`) of the lowercased sample; only short runs of a-z can be a common word.
  const sample = text.slice(0, LANGUAGE_SAMPLE).toLowerCase();
  let key = 0;
  let plain = true;
  let length = 0;
  for (let i = 0; i <= sample.length; ) {
    // Past the end ends the last word. Read there, charCodeAt's NaN cost a deoptimization and a new compile in every thread.
    const code = i < sample.length ? sample.charCodeAt(i) : 0;
    // Lowercased, the only letters below 128 are a-z.
    const width = code >= 97 && code <= 122 ? 1 : code < 128 ? 0 : letterWidth(sample, i);
    if (width) {
      if (width === 1 && code <= 122) key = key * 27 + code - 96;
      else plain = false;
      length++;
      i += width;
      continue;
    }
    if (length && plain && length <= LONGEST) {
      const common = commonIn(key);
      if (common & DUTCH) dutch++;
      if (common & ENGLISH) english++;
    }
    key = 0;
    plain = true;
    length = 0;
    i++;
  }
  if (dutch + english < 5) return fallback;
  return dutch >= english ? 'nl' : 'en';
}

/**
 * The first `length` characters of `text` with every tag (`<` to the next `>`)
 * made a space: `text.replace(/<[^>]*>/g, ' ').slice(0, length)`, without
 * going through a whole long body for the language's sample.
 */
export function withoutTags(text: string, length: number): string {
  let out = '';
  let i = 0;
  while (i < text.length && out.length < length) {
    const open = text.indexOf('<', i);
    const close = open === -1 ? -1 : text.indexOf('>', open + 1);
    // A `<` with no `>` after it starts no tag, and neither does any later one.
    if (close === -1) return (out + text.slice(i, i + length - out.length)).slice(0, length);
    out += text.slice(i, Math.min(open, i + length - out.length));
    if (out.length < length) out += ' ';
    i = close + 1;
  }
  return out.slice(0, length);
}
