/**
 * How a list of search words is laid out as one piece of bytes in the spill
 * file: its counts (two bytes each), then its words as UTF-8. The main thread
 * writes and reads pieces (arrival.ts); the search index's thread reads them
 * too (search-worker.ts), without loading what arrival.ts needs.
 */
import type { SearchWords } from '../collate/analysis.js';

/** The piece for `words`, and how many of its bytes are counts. */
export function pieceOfSearchWords(words: SearchWords): { piece: Uint8Array; countBytes: number } {
  const countBytes = words.counts.byteLength;
  const piece = Buffer.allocUnsafe(countBytes + Buffer.byteLength(words.words));
  piece.set(new Uint8Array(words.counts.buffer, words.counts.byteOffset, countBytes));
  piece.write(words.words, countBytes, 'utf8');
  return { piece, countBytes };
}

/** The words of a piece (after its counts). */
export function wordsInPiece(piece: Uint8Array, countBytes: number): string {
  return Buffer.from(piece.buffer, piece.byteOffset + countBytes, piece.byteLength - countBytes).toString('utf8');
}

/** The counts of a piece (its first `countBytes` bytes), in an array of their own. */
export function countsInPiece(piece: Uint8Array, countBytes: number): Uint16Array {
  return new Uint16Array(piece.buffer.slice(piece.byteOffset, piece.byteOffset + countBytes));
}
