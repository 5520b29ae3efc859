/**
 * The build manifest: a fingerprint of every input of the last successful
 * build into an output folder, and of that folder as it was left. When both
 * still match, nothing can have changed and the build is skipped: the output
 * is already exactly what a new build would write.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CachedBuildResult } from './build.js';
import { Diagnostics } from './diagnostics.js';
import { FileColumns, folderPrefix, listFiles, type FileEntry } from './files.js';
import type { Diagnostic } from './model.js';
import { startOutputCheck, storeOutputState, type OutputState } from './output-state.js';

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
  // The output folder is checked meanwhile (in a thread, for a large site); it matters only if no input changed.
  const outputs = startOutputCheck(outputStatePath(options.cacheDir, options.outDir), options.outDir);
  const lock = await readFile(LOCK_FILE, 'utf8').catch(() => '');
  const previous = readManifest(options.cacheDir, options.outDir);
  const { hash: inputs, digests } = await fingerprintInputs([options.contentDir, options.templatesDir ?? DEFAULT_TEMPLATES, OWN_CODE], { baseUrl: options.baseUrl ?? null, lock }, previous?.digests);
  let unchanged: BuildManifest | null = null;
  if (previous && previous.inputs === inputs) {
    const found = await outputs.answer();
    if (found?.id === previous.outputsId && found.asLeft) unchanged = previous;
  } else outputs.cancel();
  return { unchanged, inputs, digests, lock };
}

/** The report of a build that was skipped: the last build's figures and diagnostics. */
export function upToDateResult(previous: BuildManifest, ms: number): CachedBuildResult {
  const diagnostics = new Diagnostics();
  diagnostics.addAll(previous.diagnostics);
  return { upToDate: true, diagnostics, articles: previous.articles, pages: previous.pages, files: previous.files, filesWritten: 0, timings: { check: ms }, reused: 0, threaded: { read: 0, render: 0, search: false, searchPatched: null, kinship: false }, pagesSkipped: 0, exportsKept: [] };
}

/**
 * What the manifest remembers of one build. The input files are kept in
 * columns (paths, sizes, times), not as objects keyed by path: at 16 000
 * articles the keyed form took 50-130 ms to parse, a tenth of a build that
 * finds nothing to do; the columns parse in a fifth of the time. The output
 * folder's state is stored beside it (output-state.ts), under `outputsId`.
 */
export interface BuildManifest {
  format: typeof MANIFEST_FORMAT;
  inputs: string;
  digests: DigestColumns;
  outputsId: string;
  articles: number;
  pages: number;
  files: number;
  diagnostics: Diagnostic[];
}

/** The manifest's layout: a manifest in any other is not read (the build runs as if there were none). */
const MANIFEST_FORMAT = 3;

/** A file's size, modification time and content hash (40 hex digits). */
export type FileDigest = FileEntry;

/**
 * Each input file's size, modification time and content hash, so an unchanged
 * file is not read again, by path. A build keeps them from its first check to
 * the manifest it writes last: an object keyed by path with an array and a
 * hash string per file took 295 bytes of memory a file (29 MB through a build
 * of 100 000 articles); in columns, 218.
 */
export class FileDigests extends FileColumns {
  /** The content hash of the file at `path`, if it was recorded. */
  sha1Of(path: string): string | undefined {
    const at = this.places.get(path);
    return at === undefined ? undefined : this.hashes[at];
  }

  /** Every path with its content hash, in the order recorded. */
  *hashed(): Generator<[path: string, sha1: string]> {
    for (let at = 0; at < this.paths.length; at++) yield [this.paths[at]!, this.hashes[at]!];
  }

  /** As the manifest keeps them. */
  columns(): DigestColumns {
    return { paths: this.paths, sizes: this.sizes, mtimes: this.mtimes, sha1: this.hashes.join('') };
  }
}

/** FileDigests as the manifest keeps them: in the order the files were listed, hashes as one string of 40 hex digits each. */
export interface DigestColumns {
  paths: string[];
  sizes: number[];
  mtimes: number[];
  sha1: string;
}

/**
 * A fingerprint of every file below the given folders (paths and bytes), plus
 * the options. A file whose size and modification time match `known` keeps its
 * known hash (as git's index does); any other file is read and hashed.
 */
export async function fingerprintInputs(folders: string[], options: Record<string, unknown>, known?: DigestColumns): Promise<{ hash: string; digests: FileDigests }> {
  const hash = createHash('sha256').update(BUILD_VERSION).update(JSON.stringify(options));
  const digests = new FileDigests();
  const lookUp = knownDigests(known);
  let at = 0;
  for (const folder of folders) {
    const root = folderPrefix(folder);
    const files = (await listFiles(folder)).map((path) => root + path);
    // Synchronous stat and read (for many small files several times faster than promises); only changed files are read.
    for (const file of files) {
      const info = statSync(file);
      const previous = lookUp(file, at++);
      const entry: FileDigest =
        previous && previous[0] === info.size && previous[1] === info.mtimeMs ? previous : [info.size, info.mtimeMs, createHash('sha1').update(readFileSync(file)).digest('hex')];
      digests.set(file, entry);
      hash.update(`\0${file}\0${entry[2]}`);
    }
  }
  return { hash: hash.digest('hex'), digests };
}

/**
 * The known digest of a file, asked for with its place in this listing: found
 * at the same place when the files are those of the last build (the usual
 * case), else by path.
 */
function knownDigests(known: DigestColumns | undefined): (file: string, at: number) => FileDigest | undefined {
  if (!known) return () => undefined;
  let places: Map<string, number> | null = null;
  return (file, at) => {
    if (known.paths[at] !== file) at = (places ??= new Map(known.paths.map((path, i) => [path, i]))).get(file) ?? -1;
    return at < 0 ? undefined : [known.sizes[at]!, known.mtimes[at]!, known.sha1.slice(at * 40, at * 40 + 40)];
  };
}

/** The manifest of the last build into `outDir`, or null (none, unreadable, or of another layout). */
export function readManifest(cacheDir: string, outDir: string): BuildManifest | null {
  try {
    // Read in one piece: fs/promises' readFile decodes its chunks one by one.
    const manifest = JSON.parse(readFileSync(manifestPath(cacheDir, outDir), 'utf8')) as BuildManifest;
    return manifest.format === MANIFEST_FORMAT ? manifest : null;
  } catch {
    return null;
  }
}

/** What a build stores in the manifest, and the state of the output folder it left. */
export type ManifestOf = Omit<BuildManifest, 'format' | 'digests' | 'outputsId'> & { digests: FileDigests; outputs: OutputState };

/** Stores the manifest (written beside and renamed, so a killed build never leaves half a manifest). */
export async function writeManifest(cacheDir: string, outDir: string, manifest: ManifestOf): Promise<void> {
  const path = manifestPath(cacheDir, outDir);
  await mkdir(join(cacheDir, 'builds'), { recursive: true });
  // The output state first: the manifest, renamed into place last, vouches for it by its id.
  const { outputs, digests, ...figures } = manifest;
  const outputsId = await storeOutputState(outputStatePath(cacheDir, outDir), outputs);
  const stored: BuildManifest = { ...figures, format: MANIFEST_FORMAT, digests: digests.columns(), outputsId };
  await writeFile(`${path}.tmp`, JSON.stringify(stored));
  await rename(`${path}.tmp`, path);
}

function manifestPath(cacheDir: string, outDir: string): string {
  return cacheFileFor(cacheDir, 'builds', outDir, '.json');
}

function outputStatePath(cacheDir: string, outDir: string): string {
  return cacheFileFor(cacheDir, 'builds', outDir, '.outputs.json');
}

/** A cache file that belongs to one output folder: `<cacheDir>/<folder>/<hash of the folder's path><suffix>`. */
export function cacheFileFor(cacheDir: string, folder: string, outDir: string, suffix: string): string {
  return join(cacheDir, folder, `${createHash('sha1').update(resolve(outDir)).digest('hex').slice(0, 16)}${suffix}`);
}
