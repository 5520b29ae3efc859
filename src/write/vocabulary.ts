/**
 * The distinct words of a whole archive, each with a number, found without
 * cutting each article's word list into strings: a word is hashed and
 * compared where it stands in the list. At 100 000 articles the search index
 * looked up 35 million cut-out words in a Map (each hashed anew): most of
 * the exports' time.
 */
import { fnv1a, FNV_OFFSET, FNV_PRIME, sameSlice } from '../text.js';

const SPACE = 32;

/** Words by number, in the order they were first met. */
export class Vocabulary {
  readonly words: string[] = [];
  /** Each word's hash, by number: most probes that land on another word end here, without comparing text. */
  private hashes = new Int32Array(1024);
  /** Word number + 1 per slot (0: empty), linear probing. */
  private slots = new Int32Array(2048);
  private mask = 2047;

  /** The number of `word`, added if new. */
  numberOf(word: string): number {
    return this.numberAt(word, 0, word.length, fnv1a(word) | 0);
  }

  /**
   * Calls `each(number, position)` for every word of `list` (words separated
   * by single spaces, none empty), in order; `position` counts from 0. Each
   * word is hashed as `fnv1a` hashes it, while the list is scanned.
   */
  eachIn(list: string, each: (number: number, position: number) => void): void {
    let start = 0;
    let position = 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i <= list.length; i++) {
      const c = i < list.length ? list.charCodeAt(i) : SPACE;
      if (c !== SPACE) {
        hash = Math.imul(hash ^ c, FNV_PRIME);
        continue;
      }
      each(this.numberAt(list, start, i, hash | 0), position++);
      start = i + 1;
      hash = FNV_OFFSET;
    }
  }

  /** The number of `text.slice(start, end)`, whose hash is `hash`. */
  private numberAt(text: string, start: number, end: number, hash: number): number {
    const slots = this.slots;
    let slot = (Math.imul(hash, 0x9e3779b1) >>> 0) & this.mask;
    for (let held = slots[slot]!; held !== 0; held = slots[slot]!) {
      const number = held - 1;
      if (this.hashes[number] === hash && sameSlice(this.words[number]!, 0, this.words[number]!.length, text, start, end)) return number;
      slot = (slot + 1) & this.mask;
    }
    const number = this.words.length;
    this.words.push(text.slice(start, end));
    if (number === this.hashes.length) {
      const hashes = new Int32Array(number * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[number] = hash;
    slots[slot] = number + 1;
    if (this.words.length * 2 > this.mask) this.grow();
    return number;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    this.words.forEach((_, number) => {
      let slot = (Math.imul(this.hashes[number]!, 0x9e3779b1) >>> 0) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = number + 1;
    });
  }
}
