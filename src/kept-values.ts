/**
 * Values made once per key and shared by every record or view that holds
 * them (a topic match, an event's date, a formatted date, a tag's link): a
 * large archive holds the same few thousand over and over. Each table is
 * emptied once it holds KEPT_MAX keys, so a long dev session never grows it
 * without bound.
 */

/** Keys a table holds before it is emptied. */
const KEPT_MAX = 100_000;

/** A table of values made once per key. */
export class KeptValues<T> {
  private readonly values = new Map<string, T>();

  /** The value for `key`, made by `make` the first time it is asked for. */
  get(key: string, make: () => T): T {
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= KEPT_MAX) this.values.clear();
      this.values.set(key, (value = make()));
    }
    return value;
  }
}

/**
 * Strings kept while they are in use, in two generations: the newer fills
 * until it holds `limit` characters, then becomes the older, and the older
 * is let go of. A string asked for from the older moves to the newer. So
 * what is asked for again within about `limit` characters of others is
 * kept, and at most twice `limit` characters are held, however many pass.
 * A value may be other than a string that holds some (`sizeOf` counts them).
 */
export class RecentStrings<K, V = string> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();
  private size = 0;

  /** `sizeOf`: a value's characters (a value other than a string says how many it holds). */
  constructor(
    private readonly limit: number,
    private readonly sizeOf: (value: V) => number = (value) => (value as string).length,
  ) {}

  /** The value kept for `key`, if it is still kept. */
  get(key: K): V | undefined {
    const found = this.newer.get(key);
    if (found !== undefined) return found;
    const old = this.older.get(key);
    if (old !== undefined) {
      this.older.delete(key);
      this.set(key, old);
    }
    return old;
  }

  /** Keeps `value` for `key` in the newer generation. */
  set(key: K, value: V): void {
    const size = this.sizeOf(value);
    if (this.size + size > this.limit && this.newer.size > 0) {
      this.older = this.newer;
      this.newer = new Map();
      this.size = 0;
    }
    this.newer.set(key, value);
    this.size += size;
  }

  /** Characters held in both generations (for tests). */
  held(): number {
    let total = 0;
    for (const generation of [this.newer, this.older]) for (const value of generation.values()) total += this.sizeOf(value);
    return total;
  }
}
