/**
 * Titles: whether a line reads as one, and a title derived from the lead when
 * the article has none, cut on a word boundary.
 */
import { oneSpaced } from '../text.js';

/** A text ending like a sentence (or a clause): not a title or subheading. */
export const TERMINAL_PUNCTUATION = /[.,;:…]["'”’)]?$/;

const MAX_TITLE_CHARS = 150;
const MAX_TITLE_WORDS = 22;
const DERIVED_MAX_CHARS = 90;

/** True for a short line without a closing full stop (a question or exclamation may close a title). */
export function readsAsTitle(line: string): boolean {
  const text = line.trim();
  return (
    text.length >= 2 &&
    text.length <= MAX_TITLE_CHARS &&
    text.split(/\s+/).length <= MAX_TITLE_WORDS &&
    !TERMINAL_PUNCTUATION.test(text) &&
    /[\p{L}\p{N}]/u.test(text)
  );
}

/** The lead's first sentence, cut on a word boundary to at most ~90 characters. */
export function deriveTitle(lead: string): string {
  const text = oneSpaced(lead).trim();
  const sentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  const clean = sentence.replace(/[.]$/, '');
  if (clean.length <= DERIVED_MAX_CHARS) return clean;
  const cut = clean.slice(0, DERIVED_MAX_CHARS + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 30 ? cut.slice(0, space) : cut.slice(0, DERIVED_MAX_CHARS)).replace(/[\s,;:–-]+$/, '')}…`;
}

/** Collapses whitespace in a title from any source; a non-string becomes its text form. */
export function cleanTitle(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  return oneSpaced(text).trim();
}
