/**
 * The term counts of a whole archive in a few large typed arrays instead of
 * two small ones per article. Each small array's memory comes from malloc,
 * outside the JavaScript heap: at 100 000 articles some 400 000 of them,
 * let go of together after collate, left the main thread's malloc arena full
 * of holes it never gave back (some 250 MB resident for the rest of the
 * build). Arrays this large are mapped from the system on their own and
 * returned to it whole when freed; pages never written cost nothing.
 * They are shared memory, so that a thread settling kinship
 * (collate/kin-thread.ts) reads the counts where they are, without a copy.
 */
import type { TermCounts } from './analysis.js';

/** Entries per segment: 64 MiB of ids, 32 MiB of counts, past the largest size malloc would take from its arena (32 MiB). */
const SEGMENT = 16 * 1024 * 1024;

/** Where a one-shot build keeps the term counts it reads. */
export class TermStore {
  /** `segment`: entries per segment (tests make it small). */
  constructor(private readonly segment = SEGMENT) {}

  private ids: Int32Array = new Int32Array(0);
  private counts: Uint16Array = new Uint16Array(0);
  /** The current segment's ids and counts as bytes, for `keepBytes` to copy into. */
  private idBytes: Uint8Array = new Uint8Array(0);
  private countBytes: Uint8Array = new Uint8Array(0);
  private used = 0;

  /** The same counts, as views into the store's current segment (a new one when it is full); counts in shared memory already (the record cache's store) as they are. */
  keep(terms: TermCounts): TermCounts {
    if (terms.ids.buffer instanceof SharedArrayBuffer && terms.counts.buffer instanceof SharedArrayBuffer) return terms;
    const kept = this.room(terms.ids.length);
    kept.ids.set(terms.ids);
    kept.counts.set(terms.counts);
    return kept;
  }

  /**
   * The `n` counts at `offset` of `bytes` (their ids' bytes, then their
   * counts', as the record cache's file holds them), as views into the store.
   * Copied by range: a view of each part and of each place it goes was four
   * typed arrays more per list, 128 000 after one edit at 16 000 articles.
   */
  keepBytes(bytes: Buffer, offset: number, n: number): TermCounts {
    const kept = this.room(n);
    const at = kept.ids.byteOffset;
    bytes.copy(this.idBytes, at, offset, offset + n * 4);
    bytes.copy(this.countBytes, at / 2, offset + n * 4, offset + n * 6);
    return kept;
  }

  /** Room for `n` counts, side by side in the current segment (a new one when it is full). */
  private room(n: number): TermCounts {
    if (this.used + n > this.ids.length) {
      const size = Math.max(this.segment, n);
      ({ ids: this.ids, counts: this.counts } = sharedCounts(size));
      this.idBytes = new Uint8Array(this.ids.buffer);
      this.countBytes = new Uint8Array(this.counts.buffer);
      this.used = 0;
    }
    const kept = { ids: this.ids.subarray(this.used, this.used + n), counts: this.counts.subarray(this.used, this.used + n) };
    this.used += n;
    return kept;
  }

  /** Lets go of the segment being filled (the counts kept stay with their articles): once they are forgotten, all of it is freed. */
  finish(): void {
    this.ids = new Int32Array(0);
    this.counts = new Uint16Array(0);
    this.idBytes = new Uint8Array(0);
    this.countBytes = new Uint8Array(0);
    this.used = 0;
  }
}

/** Room for `size` term counts (ids and counts) in memory other threads can be handed without a copy. */
export function sharedCounts(size: number): TermCounts {
  return { ids: new Int32Array(new SharedArrayBuffer(size * 4)), counts: new Uint16Array(new SharedArrayBuffer(size * 2)) };
}
