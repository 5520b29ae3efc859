/**
 * The tf-idf vectors of a whole archive, kept flat: every article's term ids
 * and weights in two large typed arrays, found by where each starts. A
 * vector of its own per article was two typed arrays and an object, each
 * with its own small allocation outside the heap: at 100 000 articles,
 * 400 000 of them, some hundreds of megabytes with what the heap kept around them.
 */

/** Places per vector for the term's position when sorting by id (a vector never holds this many terms). */
export const POSITIONS = 65_536;

/** Unit vectors, one per article, term ids ascending within each (for the merge in `cosineOf`). */
export class VectorShelf {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
  /** Vector `i` is at `starts[i]` up to `starts[i + 1]`. */
  readonly starts: Int32Array;
  private keys = new Float64Array(64);

  /** Room for vectors of the given lengths (each at most POSITIONS). */
  constructor(lengths: readonly number[]) {
    this.starts = new Int32Array(lengths.length + 1);
    lengths.forEach((length, i) => (this.starts[i + 1] = this.starts[i]! + length));
    this.ids = new Int32Array(this.starts[lengths.length]!);
    this.weights = new Float64Array(this.starts[lengths.length]!);
  }

  /**
   * Puts vector `i`: the unit vector of `ids` with their `weights` (as many
   * as its length), sorted as numbers `id * 65536 + position` by the native
   * typed array sort: no pair arrays, no comparator calls.
   */
  put(i: number, ids: ArrayLike<number>, weights: ArrayLike<number>): void {
    const at = this.starts[i]!;
    const n = this.starts[i + 1]! - at;
    if (this.keys.length < n) this.keys = new Float64Array(n);
    const keys = this.keys.subarray(0, n);
    for (let k = 0; k < n; k++) keys[k] = ids[k]! * POSITIONS + k;
    keys.sort();
    for (let k = 0; k < n; k++) {
      const id = Math.floor(keys[k]! / POSITIONS);
      this.ids[at + k] = id;
      this.weights[at + k] = weights[keys[k]! - id * POSITIONS]!;
    }
    // The norm over the weights in id order: Math.hypot's rounding depends on the order.
    const norm = Math.hypot.apply(null, this.weights.subarray(at, at + n) as unknown as number[]) || 1;
    for (let k = at; k < at + n; k++) this.weights[k]! /= norm;
  }
}

/** Cosine of vector `i` of `a` and vector `j` of `b`: a merge over their ascending term ids. */
export function cosineOf(a: VectorShelf, i: number, b: VectorShelf, j: number): number {
  let sum = 0;
  let x = a.starts[i]!;
  let y = b.starts[j]!;
  const xEnd = a.starts[i + 1]!;
  const yEnd = b.starts[j + 1]!;
  while (x < xEnd && y < yEnd) {
    const p = a.ids[x]!;
    const q = b.ids[y]!;
    if (p === q) sum += a.weights[x++]! * b.weights[y++]!;
    else if (p < q) x++;
    else y++;
  }
  return sum;
}
