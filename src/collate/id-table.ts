/**
 * A table from 32-bit term ids to numbers, by open addressing over typed
 * arrays. A similarity index counts millions of (article, term) pairs over
 * hundreds of thousands of distinct terms; a Map spent over a second on that
 * at 16 000 articles (boxed entries, rehashing, garbage), this a fraction.
 */

/** Numbers by 32-bit integer key. */
export class IdTable {
  private keys: Int32Array;
  private values: Float64Array;
  private used: Uint8Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  /** Distinct keys held. */
  get size(): number {
    return this.count;
  }

  /** Adds `amount` to the value of `key` (0 if new). */
  add(key: number, amount: number): void {
    const slot = this.slotOf(key);
    if (!this.used[slot]) {
      this.used[slot] = 1;
      this.keys[slot] = key;
      this.values[slot] = amount;
      if (++this.count * 2 > this.keys.length) this.grow();
      return;
    }
    this.values[slot]! += amount;
  }

  /** The value of `key`, or `fallback` when it was never added. */
  get(key: number, fallback: number): number {
    const slot = this.slotOf(key);
    return this.used[slot] ? this.values[slot]! : fallback;
  }

  /** Replaces every value by `change(value)`. */
  mapValues(change: (value: number) => number): void {
    for (let slot = 0; slot < this.keys.length; slot++) if (this.used[slot]) this.values[slot] = change(this.values[slot]!);
  }

  /** The slot holding `key`, or the empty one where it would go (linear probing from a multiplicative hash). */
  private slotOf(key: number): number {
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    while (this.used[slot] && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    return slot;
  }

  private grow(): void {
    const { keys, values, used } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Float64Array(keys.length * 2);
    this.used = new Uint8Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.count = 0;
    for (let slot = 0; slot < keys.length; slot++) if (used[slot]) this.add(keys[slot]!, values[slot]!);
  }
}
