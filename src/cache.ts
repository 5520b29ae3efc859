/**
 * The build manifest: a fingerprint of every input of the last successful
 * build into an output folder, and of that folder as it was left. When both
 * still match, nothing can have changed and the build is skipped: the output
 * is already exactly what a new build would write.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { listFiles } from './files.js';
import type { Diagnostic } from './model.js';
import { inParallel } from './parallel.js';

/** Bumped whenever the output for the same input could change (a new Dossier version). */
const BUILD_VERSION = 'dossier-0.1.0-manifest-1';

/** What the manifest remembers of one build. */
export interface BuildManifest {
  inputs: string;
  outputs: string;
  articles: number;
  pages: number;
  files: number;
  diagnostics: Diagnostic[];
}

/** A fingerprint of every file below the given folders (paths and bytes), plus the options. */
export async function fingerprintInputs(folders: string[], options: Record<string, unknown>): Promise<string> {
  const hash = createHash('sha256').update(BUILD_VERSION).update(JSON.stringify(options));
  for (const folder of folders) {
    const files = await listFiles(folder);
    const digests = await inParallel(files, 64, async (path) => createHash('sha1').update(await readFile(join(folder, path))).digest('hex'));
    hash.update(`\0${resolve(folder)}`);
    files.forEach((path, i) => hash.update(`\0${path}\0${digests[i]}`));
  }
  return hash.digest('hex');
}

/** A fingerprint of an output folder as it stands: every path with its size and modification time. */
export async function fingerprintOutput(outDir: string): Promise<string> {
  const files = await listFiles(outDir);
  const stats = await inParallel(files, 64, (path) => stat(join(outDir, path)));
  const hash = createHash('sha256');
  files.forEach((path, i) => hash.update(`${path}\0${stats[i]!.size}\0${stats[i]!.mtimeMs}\0`));
  return hash.digest('hex');
}

/** The manifest of the last build into `outDir`, or null. */
export async function readManifest(cacheDir: string, outDir: string): Promise<BuildManifest | null> {
  try {
    return JSON.parse(await readFile(manifestPath(cacheDir, outDir), 'utf8')) as BuildManifest;
  } catch {
    return null;
  }
}

/** Stores the manifest (written beside and renamed, so a killed build never leaves half a manifest). */
export async function writeManifest(cacheDir: string, outDir: string, manifest: BuildManifest): Promise<void> {
  const path = manifestPath(cacheDir, outDir);
  await mkdir(join(cacheDir, 'builds'), { recursive: true });
  await writeFile(`${path}.tmp`, JSON.stringify(manifest));
  await rename(`${path}.tmp`, path);
}

function manifestPath(cacheDir: string, outDir: string): string {
  return join(cacheDir, 'builds', `${createHash('sha1').update(resolve(outDir)).digest('hex').slice(0, 16)}.json`);
}
