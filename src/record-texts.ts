/**
 * The long texts of cached records kept beside their V8 frame in the record
 * cache's file: each article's body HTML and its search words. A frame is
 * `[u32 length of the V8 part][V8 part][texts]`, and a record in the V8 part
 * says where its texts stand among the frame's (offsets from their start, so
 * a frame copied whole to another file stays right). A one-shot build reads
 * only the V8 parts: its records' texts are read from the file when a page
 * or the search index needs them, as spilled texts are (spill-file.ts), and
 * are never copied into the spill file. After one edit at 16 000 articles,
 * that is 72 of the file's 148 MB neither deserialised into the heap (and
 * copied twice by its collector) nor written to the spill file again.
 */
import { bodyReadBy, hastToHtml, isSettled } from './hast.js';
import { bytesInFile, textInFile, type OpenFile } from './spill-file.js';
import { searchWordsReadBy } from './workers/arrival.js';
import { countsInPiece, pieceOfSearchWords, wordsInPiece } from './workers/search-words-piece.js';
import type { ReadResult } from './workers/read-one.js';

/** Bytes before a frame's V8 part: its length. */
export const V8_LENGTH_BYTES = 4;

/** A record as a frame's V8 part holds it: its texts taken out, and where they stand among the frame's texts. */
export interface StoredRecord {
  result: ReadResult;
  /** The body's HTML: offset and length in bytes (a settled body only, hast.ts `settledBody`). */
  body?: [offset: number, length: number];
  /** The search words' piece (workers/search-words-piece.ts): offset, length, and how many of its bytes are counts. */
  words?: [offset: number, length: number, countBytes: number];
}

/** A frame's payload being made: its records' texts gathered one after another. */
export class FrameTexts {
  private readonly parts: Uint8Array[] = [];
  private length = 0;

  /** The record with its texts taken out into this frame (the record itself is left as it is). */
  store(result: ReadResult): StoredRecord {
    const stored: StoredRecord = { result };
    const draft = result.draft;
    if (draft && isSettled(draft.article.body)) {
      stored.body = this.add(Buffer.from(hastToHtml(draft.article.body)));
      stored.result = { ...stored.result, draft: { ...draft, article: { ...draft.article, body: { ...draft.article.body, data: undefined } } } };
    }
    const analysis = result.analysis;
    if (analysis?.searchWords) {
      const { piece, countBytes } = pieceOfSearchWords(analysis.searchWords);
      stored.words = [...this.add(piece), countBytes];
      stored.result = { ...stored.result, analysis: { ...analysis, searchWords: { words: '', counts: new Uint16Array(0) } } };
    }
    return stored;
  }

  /** The frame's payload: the V8 part's length, the V8 part, then the texts. */
  payload(v8: Uint8Array): Buffer {
    const length = Buffer.alloc(V8_LENGTH_BYTES);
    length.writeUInt32LE(v8.byteLength);
    return Buffer.concat([length, v8, ...this.parts]);
  }

  private add(bytes: Uint8Array): [number, number] {
    this.parts.push(bytes);
    this.length += bytes.byteLength;
    return [this.length - bytes.byteLength, bytes.byteLength];
  }
}

/** Where a frame's texts are: in the open `file` from `start` (read when asked for), or in `bytes`, read already. */
export type TextsAt = { file: OpenFile; start: number } | { bytes: Uint8Array };

/** The record as it was stored, its texts in place again: readers of the file, or strings and arrays of their own. */
export function restoredRecord(stored: StoredRecord, texts: TextsAt): ReadResult {
  const { result } = stored;
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
