/**
 * The build manifest: a fingerprint of every input of the last successful
 * build into an output folder, and of that folder as it was left. When both
 * still match, nothing can have changed and the build is skipped: the output
 * is already exactly what a new build would write.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CachedBuildResult } from './build.js';
import { Diagnostics } from './diagnostics.js';
import { listFiles } from './files.js';
import type { Diagnostic } from './model.js';

/** Bumped whenever the output for the same input could change (a new Dossier version). */
const BUILD_VERSION = 'dossier-0.1.0-manifest-2';

/** The templates that ship with Dossier. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../templates', import.meta.url));
/** Dossier's own code and locked dependencies are inputs too: a new version never reuses an old build. */
export const OWN_CODE = fileURLToPath(new URL('.', import.meta.url));
const LOCK_FILE = fileURLToPath(new URL('../package-lock.json', import.meta.url));

/** Where the inputs stand against the last build into an output folder. */
export interface InputState {
  /** The last build's manifest when every input and the output folder are as it left them, else null. */
  unchanged: BuildManifest | null;
  inputs: string;
  digests: FileDigests;
  lock: string;
}

/**
 * Fingerprints every input (content, templates, Dossier's code, options) and,
 * if that matches the last build into `outDir`, the output folder too. Cheap
 * by design: the CLI asks this before it loads the rest of Dossier.
 */
export async function compareWithLastBuild(options: { contentDir: string; outDir: string; templatesDir?: string; baseUrl?: string; cacheDir: string }): Promise<InputState> {
  const lock = await readFile(LOCK_FILE, 'utf8').catch(() => '');
  const previous = await readManifest(options.cacheDir, options.outDir);
  const { hash: inputs, digests } = await fingerprintInputs([options.contentDir, options.templatesDir ?? DEFAULT_TEMPLATES, OWN_CODE], { baseUrl: options.baseUrl ?? null, lock }, previous?.digests);
  const unchanged = previous && previous.inputs === inputs && outputAsLeft(options.outDir, previous.outputs) ? previous : null;
  return { unchanged, inputs, digests, lock };
}

/** The report of a build that was skipped: the last build's figures and diagnostics. */
export function upToDateResult(previous: BuildManifest, ms: number): CachedBuildResult {
  const diagnostics = new Diagnostics();
  diagnostics.addAll(previous.diagnostics);
  return { upToDate: true, diagnostics, articles: previous.articles, pages: previous.pages, files: previous.files, filesWritten: 0, timings: { check: ms }, reused: 0, threaded: { read: 0, render: 0, search: false, kinship: false }, pagesSkipped: 0, exportsKept: [] };
}

/** What the manifest remembers of one build. */
export interface BuildManifest {
  inputs: string;
  digests: FileDigests;
  outputs: OutputState;
  articles: number;
  pages: number;
  files: number;
  diagnostics: Diagnostic[];
}

/** Each input file's size, modification time and content hash, so an unchanged file is not read again. */
export type FileDigests = Record<string, [size: number, mtimeMs: number, sha1: string]>;

/**
 * A fingerprint of every file below the given folders (paths and bytes), plus
 * the options. A file whose size and modification time match `known` keeps its
 * known hash (as git's index does); any other file is read and hashed.
 */
export async function fingerprintInputs(folders: string[], options: Record<string, unknown>, known: FileDigests = {}): Promise<{ hash: string; digests: FileDigests }> {
  const hash = createHash('sha256').update(BUILD_VERSION).update(JSON.stringify(options));
  const digests: FileDigests = {};
  for (const folder of folders) {
    const files = (await listFiles(folder)).map((path) => join(resolve(folder), path));
    // Synchronous stat and read (for many small files several times faster than promises); only changed files are read.
    const entries = files.map((file): FileDigests[string] => {
      const info = statSync(file);
      const previous = known[file];
      if (previous && previous[0] === info.size && previous[1] === info.mtimeMs) return previous;
      return [info.size, info.mtimeMs, createHash('sha1').update(readFileSync(file)).digest('hex')];
    });
    files.forEach((file, i) => {
      digests[file] = entries[i]!;
      hash.update(`\0${file}\0${entries[i]![2]}`);
    });
  }
  return { hash: hash.digest('hex'), digests };
}

/** An output folder as a build left it: the names at its top and every file's size and modification time. */
export interface OutputState {
  top: string[];
  files: Record<string, [size: number, mtimeMs: number]>;
}

/**
 * Records the output folder after a build; `paths` (the files the build wrote) spares a walk of its folders,
 * and `seen` (what the build already knows of some of them: the pages) a stat each.
 */
export async function recordOutput(outDir: string, paths?: string[], seen: Record<string, [size: number, mtimeMs: number, ...unknown[]]> = {}): Promise<OutputState> {
  const files: OutputState['files'] = {};
  // Synchronous stat in a loop: for tens of thousands of small files it is several times faster than promises.
  for (const path of (paths ?? (await listFiles(outDir))).sort()) {
    const known = seen[path];
    if (known) {
      files[path] = [known[0], known[1]];
      continue;
    }
    const info = statSync(join(outDir, path));
    files[path] = [info.size, info.mtimeMs];
  }
  return { top: topEntries(outDir), files };
}

/**
 * True when every file the last build wrote is still there, unchanged by size
 * and modification time, and nothing was added at the top. Files are checked
 * by stat alone: walking a site of tens of thousands of one-page folders
 * (a readdir each) took half of a no-op build, so a file added deep inside
 * the output is not noticed (the next real build removes it).
 */
export function outputAsLeft(outDir: string, state: OutputState | undefined): boolean {
  if (!state?.files || topEntries(outDir).join('\0') !== state.top.join('\0')) return false;
  for (const [path, [size, mtimeMs]] of Object.entries(state.files)) {
    const info = statOrNull(join(outDir, path));
    if (!info || info.size !== size || info.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

/** A file's stat, or null when it is gone or cannot be reached (a folder on its path replaced by a file, say). */
function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function topEntries(outDir: string): string[] {
  try {
    return readdirSync(outDir).sort();
  } catch {
    return [];
  }
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
  return cacheFileFor(cacheDir, 'builds', outDir, '.json');
}

/** A cache file that belongs to one output folder: `<cacheDir>/<folder>/<hash of the folder's path><suffix>`. */
export function cacheFileFor(cacheDir: string, folder: string, outDir: string, suffix: string): string {
  return join(cacheDir, folder, `${createHash('sha1').update(resolve(outDir)).digest('hex').slice(0, 16)}${suffix}`);
}
