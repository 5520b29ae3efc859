/**
 * Finds an article's text repeated inside itself: scrapers often append the
 * body a second time with its paragraphs glued together (`maakt.Een`). Only a
 * copy whose letters match earlier text exactly counts; paragraphs that merely
 * look alike stay.
 */

/** Below this many letters a repeat is too short to be sure it is a copy. */
const MIN_REPEAT_LETTERS = 120;
/** Above this many paragraphs the quadratic search is skipped. */
const MAX_PARAGRAPHS = 2000;

/** Letters a repeat must start with to be worth a full comparison. */
const PROBE_LETTERS = 40;

/** Indices of paragraphs that repeat earlier text, to be removed. */
export function findRepeatedParagraphs(paragraphs: readonly string[]): number[] {
  if (paragraphs.length < 2 || paragraphs.length > MAX_PARAGRAPHS) return [];
  const letters = paragraphs.map(lettersOf);
  const all = letters.join('');
  const offsets: number[] = [];
  letters.reduce((offset, p) => (offsets.push(offset), offset + p.length), 0);
  // A copy must begin with letters already seen earlier: one indexOf rules most candidates out cheaply.
  const seenEarlier = (index: number) => {
    const probe = all.slice(offsets[index], offsets[index]! + PROBE_LETTERS);
    const found = all.indexOf(probe);
    return probe.length > 0 && found !== -1 && found < offsets[index]!;
  };
  // A repeated tail: everything from `start` on already stands, in order, in what comes before.
  for (let start = 1; start < paragraphs.length; start++) {
    if (all.length - offsets[start]! < MIN_REPEAT_LETTERS) break;
    if (seenEarlier(start) && containedIn(all.slice(offsets[start]), letters.slice(0, start))) return range(start, paragraphs.length);
  }
  // Single glued copies further up.
  const removed: number[] = [];
  for (let i = 1; i < paragraphs.length; i++) {
    if (letters[i]!.length < MIN_REPEAT_LETTERS || !seenEarlier(i)) continue;
    if (containedIn(letters[i]!, letters.slice(0, i).filter((_, k) => !removed.includes(k)))) removed.push(i);
  }
  return removed;
}

/** True when `needle` stands in the earlier paragraphs, with or without their short (heading-like) ones. */
function containedIn(needle: string, earlier: string[]): boolean {
  if (earlier.join('').includes(needle)) return true;
  const substantial = earlier.filter((p) => p.length >= 40);
  return substantial.length !== earlier.length && substantial.join('').includes(needle);
}

function lettersOf(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
