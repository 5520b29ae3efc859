/**
 * Large JSON exports as bytes, built in pieces: `api/topics.json` of a
 * 100 000-article archive is larger than the longest string V8 can make
 * (about 512 MiB), so JSON.stringify of the whole would throw.
 */

/** Elements of an array stringified per native call at most (each is small: an event, a tag, a record's field). */
const ELEMENTS_PER_CALL = 256;

/**
 * Characters a call's JSON is kept below, elements per call following the
 * sizes met so far. V8 makes a string past 128 KiB (64 Ki characters with
 * any beyond Latin-1) a large object, on pages of its own fresh from the
 * system, which cost about 20 µs per 4 KiB on this machine; smaller ones
 * live and die in the young generation's reused pages. api/articles.json of
 * 16 000 articles (39 MB) took 430 ms in groups of 256 records and 160 ms in
 * groups of up to 24 (2.4 KB a record; 28 crossed the line).
 */
const CHARS_PER_CALL = 24_000;

/** Bytes per piece handed out. */
const PIECE = 1 << 20;

/** JSON text encoded into pieces of about a megabyte as it comes, handed out (`drain`) between elements. */
class Pieces {
  private readonly parts: Buffer[] = [];
  // Text is encoded as it comes into the piece being filled: joined into a string first, it was a chain of pieces
  // to walk and a megabyte to encode at once (at 16 000 articles, a third of api/topics.json's time).
  // Made when text is first written into it: a text too long for any piece is one of its own,
  // and a piece made ahead for the text after it would be a megabyte held for a comma.
  private piece: Buffer | null = null;
  private used = 0;

  /** Ends the piece being filled: it is handed out with the next `drain`. */
  private cut(): void {
    if (!this.piece || !this.used) return;
    this.parts.push(this.piece.subarray(0, this.used));
    this.piece = null;
    this.used = 0;
  }

  emit(text: string): void {
    // Three bytes at most per UTF-16 unit: a text that may not fit starts the next piece (or is one, if longer).
    if (text.length * 3 > PIECE - this.used) {
      this.cut();
      if (text.length * 3 > PIECE) {
        this.parts.push(Buffer.from(text));
        return;
      }
    }
    this.piece ??= Buffer.allocUnsafe(PIECE);
    this.used += this.piece.write(text, this.used);
  }

  /** The pieces made so far: at most one element's worth is held at a time. */
  *drain(): Generator<Buffer> {
    while (this.parts.length) yield this.parts.shift()!;
  }

  /** The last pieces, the one being filled among them. */
  *end(): Generator<Buffer> {
    this.cut();
    yield* this.drain();
  }
}

/**
 * The bytes of `JSON.stringify` of an array of `length` elements that are
 * made a group at a time (`make(start, end)`) as they are written, so
 * that none outlives its group: what `jsonChunks(array, 1)` writes of the
 * array made whole, byte for byte.
 */
export function* madeArrayChunks(length: number, make: (start: number, end: number) => unknown[]): Generator<Buffer> {
  const out = new Pieces();
  yield* elementsInGroups(out, length, make);
  yield* out.end();
}

/** An array's elements, written whole many per native call instead of one (same bytes, a fraction of the time), each call's JSON kept small (`CHARS_PER_CALL`). */
function* elementsInGroups(out: Pieces, length: number, elements: (start: number, end: number) => unknown[]): Generator<Buffer> {
  out.emit('[');
  let group = 16;
  for (let start = 0; start < length; ) {
    const end = Math.min(start + group, length);
    if (start) out.emit(',');
    const json = JSON.stringify(elements(start, end));
    out.emit(json.slice(1, -1));
    group = Math.max(1, Math.min(ELEMENTS_PER_CALL, Math.floor((CHARS_PER_CALL * (end - start)) / json.length)));
    start = end;
    yield* out.drain();
  }
  out.emit(']');
}

/**
 * The bytes of `JSON.stringify(value)` in pieces of about a megabyte, each made when the one before has been taken; the outer
 * `depth` levels of arrays and objects are written piece by piece.
 */
export function* jsonChunks(value: unknown, depth = 3): Generator<Buffer> {
  const out = new Pieces();
  const visit = function* (item: unknown, level: number): Generator<Buffer> {
    if (level + 1 === depth && Array.isArray(item)) {
      yield* elementsInGroups(out, item.length, (start, end) => item.slice(start, end));
    } else if (level < depth && Array.isArray(item)) {
      out.emit('[');
      for (let i = 0; i < item.length; i++) {
        if (i) out.emit(',');
        yield* visit(item[i], level + 1);
        yield* out.drain();
      }
      out.emit(']');
    } else if (level < depth && item !== null && typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON !== 'function' && Object.getPrototypeOf(item) === Object.prototype) {
      out.emit('{');
      let first = true;
      for (const [key, element] of Object.entries(item)) {
        if (element === undefined || typeof element === 'function' || typeof element === 'symbol') continue;
        out.emit(`${first ? '' : ','}${JSON.stringify(key)}:`);
        first = false;
        yield* visit(element, level + 1);
        yield* out.drain();
      }
      out.emit('}');
    } else {
      // As JSON.stringify writes an array element it cannot represent.
      out.emit(JSON.stringify(item) ?? 'null');
    }
  };
  yield* visit(value, 0);
  yield* out.end();
}
