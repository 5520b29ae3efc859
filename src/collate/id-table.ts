/**
 * How many times each 32-bit term id was counted, by open addressing over
 * one typed array. A similarity index counts millions of (article, term)
 * pairs over hundreds of thousands of distinct terms; a Map spent over a
 * second on that at 16 000 articles (boxed entries, rehashing, garbage).
 */

/** Counts by 32-bit integer key. */
export class IdTable {
  /**
   * Key and count side by side, slot k at 2k and 2k + 1 (a count of 0 marks
   * an empty slot): 8 bytes a slot, and one cache miss a lookup, in a table
   * larger than the processor's caches (measured at 100 000 articles, where
   * these lookups set the pace of collate).
   */
  private slots: Int32Array;
  private mask: number;
  private distinct = 0;

  /** A table sized for about `expected` distinct keys (it grows beyond that). */
  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** Distinct keys held. */
  get size(): number {
    return this.distinct;
  }

  /** Counts `key` once more. */
  add(key: number): void {
    const at = this.slotOf(key) * 2;
    if (this.slots[at + 1]! > 0) {
      this.slots[at + 1]!++;
      return;
    }
    this.slots[at] = key;
    this.slots[at + 1] = 1;
    if (++this.distinct * 2 > this.mask + 1) this.grow();
  }

  /** How many times `key` was counted (0: never). */
  count(key: number): number {
    return this.slots[this.slotOf(key) * 2 + 1]!;
  }

  /** The slot holding `key`, or the empty one where it would go (linear probing from a multiplicative hash). */
  private slotOf(key: number): number {
    const slots = this.slots;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    while (slots[slot * 2 + 1]! > 0 && slots[slot * 2] !== key) slot = (slot + 1) & this.mask;
    return slot;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1]! === 0) continue;
      const slot = this.slotOf(old[at]!) * 2;
      this.slots[slot] = old[at]!;
      this.slots[slot + 1] = old[at + 1]!;
    }
  }
}
