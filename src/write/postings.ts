/**
 * The search index's postings: for each word (numbered densely from 0), the
 * numbers posted for it, in order. They live in blocks of a few fixed-size
 * typed arrays instead of an array per word: about 4 bytes a posting, no
 * object per word and no copying as lists grow (a JavaScript array of small
 * integers takes 8 bytes an element here, plus what it keeps for growth; at
 * 100 000 articles, some 20 million postings).
 */

/** Numbers per block; the slot after them holds the index of the word's next block. */
const BLOCK_VALUES = 15;
const BLOCK_INTS = BLOCK_VALUES + 1;
/** Blocks per segment (a segment is one Int32Array of 4 MiB). */
const SEGMENT_BITS = 16;
const SEGMENT_BLOCKS = 1 << SEGMENT_BITS;

/** Numbers posted per word, in the order they were posted. */
export class Postings {
  private readonly segments: Int32Array[] = [];
  private blocks = 0;
  /** Per word: its first block, its last block and how many numbers it holds (0: none yet). */
  private first = new Int32Array(1024);
  private last = new Int32Array(1024);
  private counts = new Int32Array(1024);

  /** Posts `value` (a 32-bit integer) for `word`. */
  add(word: number, value: number): void {
    if (word >= this.counts.length) this.grow(word);
    const n = this.counts[word]!;
    const at = n % BLOCK_VALUES;
    if (n === 0) this.first[word] = this.last[word] = this.newBlock();
    else if (at === 0) {
      const block = this.newBlock();
      this.set(this.last[word]!, BLOCK_VALUES, block);
      this.last[word] = block;
    }
    this.set(this.last[word]!, at, value);
    this.counts[word] = n + 1;
  }

  /** How many numbers `word` holds. */
  count(word: number): number {
    return word < this.counts.length ? this.counts[word]! : 0;
  }

  /** Calls `each` with every number posted for `word`, in order. */
  forEach(word: number, each: (value: number, index: number) => void): void {
    const n = this.count(word);
    let block = this.first[word]!;
    for (let i = 0; i < n; i++) {
      const at = i % BLOCK_VALUES;
      if (at === 0 && i > 0) block = this.get(block, BLOCK_VALUES);
      each(this.get(block, at), i);
    }
  }

  private newBlock(): number {
    if (this.blocks === this.segments.length * SEGMENT_BLOCKS) this.segments.push(new Int32Array(SEGMENT_BLOCKS * BLOCK_INTS));
    return this.blocks++;
  }

  private get(block: number, slot: number): number {
    return this.segments[block >>> SEGMENT_BITS]![(block & (SEGMENT_BLOCKS - 1)) * BLOCK_INTS + slot]!;
  }

  private set(block: number, slot: number, value: number): void {
    this.segments[block >>> SEGMENT_BITS]![(block & (SEGMENT_BLOCKS - 1)) * BLOCK_INTS + slot] = value;
  }

  private grow(word: number): void {
    let size = this.counts.length;
    while (size <= word) size *= 2;
    for (const key of ['first', 'last', 'counts'] as const) {
      const bigger = new Int32Array(size);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
}
