/**
 * What cached records hold in bulk, kept beside their V8 frame in the record
 * cache's file: each article's term counts, body HTML and search words. A
 * frame is `[u32 length of the V8 part][u32 length of the counts][V8 part]
 * [counts][texts]`, and a record in the V8 part says where its own stand
 * (offsets from the start of their region, so a frame copied whole to
 * another file stays right). A one-shot build reads the V8 parts and the
 * counts, which go straight into shared memory (collate/term-store.ts); its
 * records' texts are read from the file when a page or the search index
 * needs them, as spilled texts are (spill-file.ts), never copied into the
 * spill file. After one edit at 16 000 articles, 72 of the file's 148 MB are
 * not read at all, and 40 MB of counts are not 64 000 small arrays.
 */
import type { TermCounts } from './collate/analysis.js';
import type { TermStore } from './collate/term-store.js';
import { bodyReadBy, hastToHtml, isSettled, spilledReaderOf } from './hast.js';
import { bytesInFile, textBytesOf, textInFile, type OpenFile } from './spill-file.js';
import { searchWordsPiece, searchWordsReadBy } from './workers/arrival.js';
import { countsInPiece, wordsInPiece } from './workers/search-words-piece.js';
import type { ReadResult } from './workers/read-one.js';

/** Bytes before a frame's V8 part: its length and the counts' length. */
export const FRAME_HEADER_BYTES = 8;

/** A record as a frame's V8 part holds it: its bulk taken out, and where it stands in the frame. */
export interface StoredRecord {
  result: ReadResult;
  /** The term counts, full text's then lead's (ids then counts, 6 bytes an entry): offset among the counts, entries of each. */
  terms?: [offset: number, full: number, lead: number];
  /** The body's HTML: offset among the texts and length in bytes (a settled body only, hast.ts `settledBody`). */
  body?: [offset: number, length: number];
  /** The search words' piece (workers/search-words-piece.ts): offset among the texts, length, and how many of its bytes are counts. */
  words?: [offset: number, length: number, countBytes: number];
}

/** A region of a frame being made: parts gathered one after another. */
class Region {
  readonly parts: Uint8Array[] = [];
  length = 0;

  add(bytes: Uint8Array): [number, number] {
    this.parts.push(bytes);
    this.length += bytes.byteLength;
    return [this.length - bytes.byteLength, bytes.byteLength];
  }
}

/** A frame's payload being made: its records' counts and texts gathered, then the parts to write (`parts`). */
export class FramePayload {
  private readonly counts = new Region();
  private readonly texts = new Region();

  /** The record with its bulk taken out into this frame (the record itself is left as it is). */
  store(result: ReadResult): StoredRecord {
    const stored: StoredRecord = { result };
    const draft = result.draft;
    if (draft && isSettled(draft.article.body)) {
      // Its bytes as they lie in the spill file or the old cache file, when it waits there: no string made and encoded again.
      const reader = spilledReaderOf(draft.article.body);
      stored.body = this.texts.add((reader && textBytesOf(reader)) ?? Buffer.from(hastToHtml(draft.article.body)));
      stored.result = { ...stored.result, draft: { ...draft, article: { ...draft.article, body: { ...draft.article.body, data: undefined } } } };
    }
    const analysis = result.analysis;
    if (analysis?.searchWords && analysis.fullTerms && analysis.leadTerms) {
      const { piece, countBytes } = searchWordsPiece(analysis.searchWords);
      stored.words = [...this.texts.add(piece), countBytes];
      const [offset] = this.counts.add(bytesOf(analysis.fullTerms));
      this.counts.add(bytesOf(analysis.leadTerms));
      stored.terms = [offset, analysis.fullTerms.ids.length, analysis.leadTerms.ids.length];
      stored.result = { ...stored.result, analysis: { ...analysis, searchWords: undefined, fullTerms: undefined, leadTerms: undefined } as never };
    }
    return stored;
  }

  /** The frame's payload in parts, to be written one after another: the lengths, the V8 part, the counts, then the texts. */
  parts(v8: Uint8Array): Uint8Array[] {
    const header = Buffer.alloc(FRAME_HEADER_BYTES);
    header.writeUInt32LE(v8.byteLength, 0);
    header.writeUInt32LE(this.counts.length, 4);
    // Not joined into one buffer: at 16 000 articles that was 148 MB of fresh memory to copy the file into (0.34 s).
    return [header, v8, ...this.counts.parts, ...this.texts.parts];
  }
}

/** One list of term counts as the counts region holds it: its ids' bytes, then its counts'. */
function bytesOf(terms: TermCounts): Uint8Array {
  const bytes = new Uint8Array(terms.ids.length * 6);
  bytes.set(new Uint8Array(terms.ids.buffer, terms.ids.byteOffset, terms.ids.byteLength));
  bytes.set(new Uint8Array(terms.counts.buffer, terms.counts.byteOffset, terms.counts.byteLength), terms.ids.byteLength);
  return bytes;
}

/** The rest of a frame as it was read: its counts, read, and its texts: in the open `file` from `start` (read when asked for), or read too. */
export interface FrameRest {
  counts: Buffer;
  texts: { file: OpenFile; start: number } | { bytes: Uint8Array };
  /** Where the counts go: shared memory (a one-shot build), or else arrays of their own. */
  store: TermStore | null;
}

/** The record as it was stored, its bulk in place again: counts in the store, texts as readers of the file, or all of their own. */
export function restoredRecord(stored: StoredRecord, rest: FrameRest): ReadResult {
  const { result } = stored;
  const { texts } = rest;
  if (stored.terms && result.analysis) {
    const [offset, full, lead] = stored.terms;
    result.analysis.fullTerms = termsAt(rest, offset, full);
    result.analysis.leadTerms = termsAt(rest, offset + full * 6, lead);
  }
  if (stored.body && result.draft) {
    const [offset, length] = stored.body;
    const body = result.draft.article.body;
    if ('file' in texts) bodyReadBy(body, textInFile(texts.file, texts.start + offset, length));
    else body.data = { settledHtml: Buffer.from(texts.bytes.buffer, texts.bytes.byteOffset + offset, length).toString('utf8') } as typeof body.data;
  }
  if (stored.words && result.analysis) {
    const [offset, length, countBytes] = stored.words;
    if ('file' in texts) result.analysis.searchWords = searchWordsReadBy(bytesInFile(texts.file, texts.start + offset, length), countBytes);
    else {
      const piece = texts.bytes.subarray(offset, offset + length);
      result.analysis.searchWords = { words: wordsInPiece(piece, countBytes), counts: countsInPiece(piece, countBytes) };
    }
  }
  return result;
}

/** The `n` term counts at `offset` of the frame's counts, in the store or in arrays of their own. */
function termsAt(rest: FrameRest, offset: number, n: number): TermCounts {
  if (rest.store) return rest.store.keepBytes(rest.counts, offset, n);
  const own = { ids: new Int32Array(n), counts: new Uint16Array(n) };
  rest.counts.copy(new Uint8Array(own.ids.buffer), 0, offset, offset + n * 4);
  rest.counts.copy(new Uint8Array(own.counts.buffer), 0, offset + n * 4, offset + n * 6);
  return own;
}
