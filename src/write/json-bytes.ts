/**
 * Large JSON exports as bytes, built in pieces: `api/topics.json` of a
 * 100 000-article archive is larger than the longest string V8 can make
 * (about 512 MiB), so JSON.stringify of the whole would throw.
 */

/** Elements of an innermost array stringified per native call (each is small: an event, a tag, a record's field). */
const ELEMENTS_PER_CALL = 256;

/** Bytes per piece handed out. */
const PIECE = 1 << 20;

/**
 * The bytes of `JSON.stringify(value)` in pieces of about a megabyte, each made when the one before has been taken; the outer
 * `depth` levels of arrays and objects are written piece by piece.
 */
export function* jsonChunks(value: unknown, depth = 3): Generator<Buffer> {
  const parts: Buffer[] = [];
  // Text is encoded as it comes into the piece being filled: joined into a string first, it was a chain of pieces
  // to walk and a megabyte to encode at once (at 16 000 articles, a third of api/topics.json's time).
  // Made when text is first written into it: a text too long for any piece (a few hundred records) is one of its own,
  // and a piece made ahead for the text after it would be a megabyte held for a comma.
  let piece: Buffer | null = null;
  let used = 0;
  const cut = () => {
    if (!piece || !used) return;
    parts.push(piece.subarray(0, used));
    piece = null;
    used = 0;
  };
  const emit = (text: string) => {
    // Three bytes at most per UTF-16 unit: a text that may not fit starts the next piece (or is one, if longer).
    if (text.length * 3 > PIECE - used) {
      cut();
      if (text.length * 3 > PIECE) {
        parts.push(Buffer.from(text));
        return;
      }
    }
    piece ??= Buffer.allocUnsafe(PIECE);
    used += piece.write(text, used);
  };
  // Pieces made so far are handed out between elements: at most one element's worth is held at a time.
  const drain = function* (): Generator<Buffer> {
    while (parts.length) yield parts.shift()!;
  };
  const visit = function* (item: unknown, level: number): Generator<Buffer> {
    if (level + 1 === depth && Array.isArray(item)) {
      // Its elements are written whole anyway: a few hundred per native call instead of one (same bytes, a fraction of the time).
      emit('[');
      for (let start = 0; start < item.length; start += ELEMENTS_PER_CALL) {
        if (start) emit(',');
        const elements = item.slice(start, start + ELEMENTS_PER_CALL);
        emit(JSON.stringify(elements).slice(1, -1));
        yield* drain();
      }
      emit(']');
    } else if (level < depth && Array.isArray(item)) {
      emit('[');
      for (let i = 0; i < item.length; i++) {
        if (i) emit(',');
        yield* visit(item[i], level + 1);
        yield* drain();
      }
      emit(']');
    } else if (level < depth && item !== null && typeof item === 'object' && typeof (item as { toJSON?: unknown }).toJSON !== 'function' && Object.getPrototypeOf(item) === Object.prototype) {
      emit('{');
      let first = true;
      for (const [key, element] of Object.entries(item)) {
        if (element === undefined || typeof element === 'function' || typeof element === 'symbol') continue;
        emit(`${first ? '' : ','}${JSON.stringify(key)}:`);
        first = false;
        yield* visit(element, level + 1);
        yield* drain();
      }
      emit('}');
    } else {
      // As JSON.stringify writes an array element it cannot represent.
      emit(JSON.stringify(item) ?? 'null');
    }
  };
  yield* visit(value, 0);
  cut();
  yield* drain();
}
