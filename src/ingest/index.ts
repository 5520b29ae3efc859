/**
 * Ingest stage: every article file below the content folder to a RawArticle,
 * or a diagnostic saying why not.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Diagnostics } from '../diagnostics.js';
import type { RawArticle } from '../model.js';
import { inParallel } from '../parallel.js';
import { decodeText } from './decode.js';
import { readArticle } from './read-article.js';
import { scanContent, type ScannedFile } from './scan.js';

const READ_CONCURRENCY = 64;

/** Reads the content folder; the result is sorted by path whatever order the disk lists files in. */
export async function ingest(contentDir: string, ignore: string[], diagnostics: Diagnostics): Promise<RawArticle[]> {
  const files = await scanContent(contentDir, ignore, diagnostics);
  const results = await inParallel(files, READ_CONCURRENCY, (file) => ingestFile(contentDir, file, diagnostics));
  return results.filter((r): r is RawArticle => r !== null);
}

/** Reads and decodes one file; read failures become diagnostics. */
export async function ingestFile(contentDir: string, file: ScannedFile, diagnostics: Diagnostics): Promise<RawArticle | null> {
  const local = new Diagnostics();
  const raw = await readOneFile(contentDir, file, local);
  const found = local.list();
  diagnostics.addAll(found);
  return raw && { ...raw, diagnostics: found };
}

async function readOneFile(contentDir: string, file: ScannedFile, diagnostics: Diagnostics): Promise<RawArticle | null> {
  const source = { path: file.path };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(contentDir, file.path));
  } catch (error) {
    diagnostics.add('ingest/unreadable', 'error', source, `cannot read file: ${(error as Error).message}`, 'check the file permissions');
    return null;
  }
  const text = decodeText(bytes, source, diagnostics);
  return text === null ? null : readArticle(text, source, file.format, diagnostics);
}
