/**
 * Ingest stage: one article file to a RawArticle, or a diagnostic saying why
 * not (src/workers/read-articles.ts runs it over every file of the archive).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostics } from '../diagnostics.js';
import type { RawArticle } from '../model.js';
import { decodeText } from './decode.js';
import { readArticle } from './read-article.js';
import type { ScannedFile } from './scan.js';
import { copyToComplete } from '../objects.js';

/** Reads and decodes one file; read failures become diagnostics. */
export async function ingestFile(contentDir: string, file: ScannedFile, diagnostics: Diagnostics): Promise<RawArticle | null> {
  const local = new Diagnostics();
  const raw = await readOneFile(contentDir, file, local);
  const found = local.list();
  diagnostics.addAll(found);
  if (!raw) return null;
  const withDiagnostics = copyToComplete<RawArticle>(raw);
  withDiagnostics.diagnostics = found;
  return withDiagnostics;
}

async function readOneFile(contentDir: string, file: ScannedFile, diagnostics: Diagnostics): Promise<RawArticle | null> {
  const source = { path: file.path };
  let bytes: Uint8Array;
  try {
    // Synchronous: a small file reads in tens of microseconds; the promise form's open/stat/read/close round trips cost more than the read (measured: ~10% of a worker's time).
    bytes = readFileSync(join(contentDir, file.path));
  } catch (error) {
    diagnostics.add('ingest/unreadable', 'error', source, `cannot read file: ${(error as Error).message}`, 'check the file permissions');
    return null;
  }
  const text = decodeText(bytes, source, diagnostics);
  return text === null ? null : readArticle(text, source, file.format, diagnostics);
}
