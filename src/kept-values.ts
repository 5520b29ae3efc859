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
 * A string set with the number of times it will be used is kept apart
 * until it has been asked for that often (up to `limit` characters of such
 * strings; past that, they join the generations), then joins the newer
 * generation. A value may be other than a string that holds some (`sizeOf`
 * counts them).
 */
export class RecentStrings<K, V = string> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();
  private size = 0;
  /** Values still to be asked for, with how many more times. */
  private waiting = new Map<K, { value: V; left: number }>();
  private waitingSize = 0;

  /** `sizeOf`: a value's characters (a value other than a string says how many it holds). */
  constructor(
    private readonly limit: number,
    private readonly sizeOf: (value: V) => number = (value) => (value as string).length,
  ) {}

  /** The value kept for `key`, if it is still kept. */
  get(key: K): V | undefined {
    const waiting = this.waiting.get(key);
    if (waiting !== undefined) {
      waiting.left -= 1;
      if (waiting.left === 0) {
        this.stopWaiting(key, waiting.value);
        this.keep(key, waiting.value);
      }
      return waiting.value;
    }
    const found = this.newer.get(key);
    if (found !== undefined) return found;
    const old = this.older.get(key);
    if (old !== undefined) {
      this.older.delete(key);
      this.keep(key, old);
    }
    return old;
  }

  /**
   * Keeps `value` for `key`: in the newer generation, or, when it is known to be used `uses` times in all (this
   * setting one of them), apart until asked for the other times.
   */
  set(key: K, value: V, uses = 1): void {
    const waiting = this.waiting.get(key);
    if (waiting !== undefined) this.stopWaiting(key, waiting.value);
    if (uses <= 1) {
      this.keep(key, value);
      return;
    }
    this.newer.delete(key);
    this.older.delete(key);
    this.waiting.set(key, { value, left: uses - 1 });
    this.waitingSize += this.sizeOf(value);
    // Uses that never come (pages a build does not make) must not hold strings for ever: past the limit, those
    // waiting join the generations, where they are let go of in turn.
    if (this.waitingSize > this.limit) {
      const waited = this.waiting;
      this.waiting = new Map();
      this.waitingSize = 0;
      for (const [k, kept] of waited) this.keep(k, kept.value);
    }
  }

  private stopWaiting(key: K, value: V): void {
    this.waiting.delete(key);
    this.waitingSize -= this.sizeOf(value);
  }

  /** Keeps `value` for `key` in the newer generation. */
  private keep(key: K, value: V): void {
    const size = this.sizeOf(value);
    if (this.size + size > this.limit && this.newer.size > 0) {
      this.older = this.newer;
      this.newer = new Map();
      this.size = 0;
    }
    this.newer.set(key, value);
    this.size += size;
  }

  /** Characters held in both generations and waiting (for tests). */
  held(): number {
    let total = 0;
    for (const generation of [this.newer, this.older]) for (const value of generation.values()) total += this.sizeOf(value);
    for (const { value } of this.waiting.values()) total += this.sizeOf(value);
    return total;
  }
}
