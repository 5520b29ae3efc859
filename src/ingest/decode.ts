/**
 * Bytes to text: BOM, line endings, encodings and binary files, so every
 * reader sees one clean string with `\n` line ends.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { SourceRef } from '../model.js';

/** Files larger than this are rejected unread (documented in the README). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Windows-1252's 0x80–0x9F range (€, curly quotes, dashes…). Node 20's
 * TextDecoder('windows-1252') decodes these as Latin-1 control characters, so
 * the table is applied by hand; the five undefined bytes stay as they are.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decodes one file's bytes, or returns null (with an error diagnostic) when it is no text at all. */
export function decodeText(bytes: Uint8Array, source: SourceRef, diagnostics: Diagnostics): string | null {
  if (bytes.length > MAX_FILE_BYTES) {
    diagnostics.add(
      'ingest/file-too-large',
      'error',
      source,
      `file is ${(bytes.length / 1048576).toFixed(1)} MiB, above the ${MAX_FILE_BYTES / 1048576} MiB limit for one article`,
      'split the file into one file per article, or move it out of the content folder',
    );
    return null;
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1 && !looksLikeUtf16(bytes)) {
    diagnostics.add(
      'ingest/binary-file',
      'error',
      { ...source, ...lineColumnAt(bytes, nul) },
      'file contains NUL bytes: it is binary, not an article',
      'remove it from the content folder, or add it to `ignore` in _data/site.yml',
    );
    return null;
  }
  return normaliseLineEnds(stripBom(decodeBytes(bytes, source, diagnostics)));
}

function decodeBytes(bytes: Uint8Array, source: SourceRef, diagnostics: Diagnostics): string {
  if (looksLikeUtf16(bytes)) {
    const littleEndian = bytes[0] === 0xff;
    return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    diagnostics.add(
      'ingest/not-utf8',
      'warning',
      { ...source, ...lineColumnAt(bytes, at) },
      'file is not valid UTF-8; read it as Windows-1252',
      'check the accented letters on the page; re-save the file as UTF-8 to silence this',
    );
    return decodeWindows1252(bytes);
  }
}

/** Decodes Windows-1252 bytes exactly. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** CRLF and lone CR become LF. */
export function normaliseLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return 0;
}

/** 1-based line and column of a byte offset (columns count bytes, which is exact for ASCII lines). */
function lineColumnAt(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
