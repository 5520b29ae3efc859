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
