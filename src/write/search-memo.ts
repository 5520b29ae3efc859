/**
 * What the search index's `terms/` files were made from at the last build,
 * kept in the cache folder: every word's postings, what each article posted
 * them from (its file's name and content hash, its title and tags), and each
 * shard file's digest. After an edit the search thread patches the lists
 * with the few articles that changed instead of counting every article's
 * words again (1.5 s of the second core at 16 000 articles), makes only the
 * shards whose words changed, and leaves the other files of the spare copy
 * as they are when the page memory knows them as made with the same bytes.
 * Patched or counted afresh, the files are the same (search-index.ts makes
 * both from the lists).
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeParts, type FileEntry } from '../files.js';
import type { Archive, OutputFile } from '../model.js';
import { inputsHash, keptAsMade, PageTable, statIn } from '../page-memory.js';
import { countTerms, searchDocFiles, searchEntriesOf, searchIndexJson, shardKeyOf, shardsOf, termFile, termPath, type SearchSummary } from './search-index.js';
import { patchTermLists, postedBy, TermLists, type SearchEntry } from './term-lists.js';

/** Bumped when what the memo's file holds changes shape. */
const FORMAT = 'search-memo-1';
/** Patched while at most this share of the articles changed; past it, a patch costs about what counting afresh does. */
const PATCH_SHARE = 0.25;

/** What a build hands the thread for the memo: where it lives, what it is valid for, and the spare copy's page table entries of `terms/` files. */
export interface MemoJob {
  file: string;
  /** The page memory's salt: Dossier's code, `_data/`, the options (a file's name then stands for its words). */
  salt: string;
  spare: Array<[string, FileEntry]>;
}

/** What made one article's postings: the record cache's name of its file (path and content hash) and its titled text; null when unknown (always counted again). */
export type PostingStamp = string | null;

/** The stamp of an article whose file the record cache names `name` (if it does), with `titled` as its title and tags. */
export function postingStamp(name: string | undefined, titled: string): PostingStamp {
  return name === undefined ? null : `${name}\0${titled}`;
}

/** What the thread made with the memo: the index's summary and files, their page table entries, and how many articles it patched (null: counted afresh). */
export interface MemoOutcome {
  summary: SearchSummary;
  paths: string[];
  written: number;
  entries: Array<[string, FileEntry]>;
  patched: number | null;
}

/** The search index's lists of one build with what made them: what the next build patches. */
export interface TermMemo {
  lists: TermLists;
  stamps: PostingStamp[];
  /** Each shard's file digest, by key. */
  digests: Map<string, string>;
}

/** One `terms/` file of an index made with a memo: its bytes' digest, the file if it was made already, else how to make it. */
export interface TermFileMade {
  path: string;
  digest: string;
  made: OutputFile | null;
  make: () => OutputFile;
}

/** An index's `terms/` files as `termsFromMemo` makes them, and its memo for the next build. */
export interface TermsMade {
  summary: SearchSummary;
  /** How many articles the last memo was patched with; null when every article was counted. */
  patched: number | null;
  /** The files, one at a time: made only when a shard's words changed or the last memo has no digest for it. */
  files: Iterable<TermFileMade>;
  /** Complete once `files` has been gone through. */
  memo: TermMemo;
}

/**
 * The `terms/` files of `entries` (stamped `stamps`): from the last build's
 * memo patched with the articles whose stamps differ, or counted afresh when
 * there is none (for this number of articles) or too many changed.
 */
export function termsFromMemo(last: TermMemo | null, entries: readonly SearchEntry[], stamps: PostingStamp[]): TermsMade {
  const count = entries.length;
  const memo = last && last.stamps.length === count ? last : null;
  const changed = memo ? stamps.flatMap((stamp, ordinal) => (stamp === null || stamp !== memo.stamps[ordinal] ? [ordinal] : [])) : [];
  let lists: TermLists;
  let touched: Set<string> | null = null;
  if (memo && changed.length <= count * PATCH_SHARE) {
    const patch = patchTermLists(memo.lists, count, new Map(changed.map((ordinal) => [ordinal, postedBy(entries[ordinal]!)])));
    lists = patch.lists;
    touched = new Set([...patch.touched].map(shardKeyOf));
  } else {
    lists = TermLists.of(countTerms(entries));
  }
  const shards = shardsOf(lists, count);
  const digests = new Map<string, string>();
  const files = function* (): Generator<TermFileMade> {
    for (const key of shards.keys) {
      const make = () => termFile(lists, key, shards.members.get(key)!);
      // A shard none of whose words changed has the bytes it had: its digest is the memo's.
      const made = touched === null || touched.has(key) || !memo!.digests.has(key) ? make() : null;
      const digest = made ? digestOf(made.bytes) : memo!.digests.get(key)!;
      digests.set(key, digest);
      yield { path: termPath(key), digest, made, make };
    }
  };
  return { summary: { keys: shards.keys, common: shards.common }, patched: touched ? changed.length : null, files: files(), memo: { lists, stamps, digests } };
}

/**
 * Makes the `terms/` files of `entries` in the spare copy at `root` with the
 * memo kept in `job.file` (`termsFromMemo`). A file is kept when the spare
 * copy holds it as made with the same bytes, else handed to `write` (true:
 * its bytes changed). The memo is saved for the next build; one that cannot
 * be saved is left as it was (its lists still match its stamps).
 */
export function termFilesWithMemo(job: MemoJob, entries: readonly SearchEntry[], stamps: PostingStamp[], root: string, write: (file: OutputFile) => boolean): MemoOutcome {
  const made = termsFromMemo(readMemo(job.file, job.salt, entries.length), entries, stamps);
  const spare = PageTable.from(job.spare);
  const statOf = statIn(root);
  const outcome: MemoOutcome = { summary: made.summary, paths: [], written: 0, entries: [], patched: made.patched };
  for (const file of made.files) {
    outcome.paths.push(file.path);
    // Recorded as an export made from its digest is (page-memory.ts): the dev server's first pass keeps it so too.
    const hash = inputsHash(job.salt, file.path, file.digest);
    if (keptAsMade(statOf, spare, null, file.path, () => hash)) {
      outcome.entries.push([file.path, spare.get(file.path)!]);
      continue;
    }
    outcome.written += Number(write(file.made ?? file.make()));
    const info = statSync(join(root, file.path));
    outcome.entries.push([file.path, [info.size, info.mtimeMs, hash]]);
  }
  try {
    writeMemo(job.file, job.salt, made.memo);
  } catch {
    // The next build counts afresh, or patches the memo as it was.
  }
  return outcome;
}

/**
 * The whole search index of `archive` with the last memo (the dev server's,
 * kept in memory): `hashOf` gives an article file's content hash. A `terms/`
 * file says its digest as what it is made from (`OutputFile.inputs`) and is
 * made only when its bytes are read, so one whose words did not change is
 * not made again. `keep` gets the new memo once every file was made: a pass
 * stopped before leaves the last, which still matches its stamps.
 */
export function* searchFilesWithMemo(archive: Archive, hashOf: (path: string) => string | undefined, last: TermMemo | null, keep: (memo: TermMemo) => void): Generator<OutputFile> {
  const entries = searchEntriesOf(archive);
  const stamps = archive.articles.map((article, i) => {
    const hash = hashOf(article.source.path);
    return postingStamp(hash ? `${article.source.path}\0${hash}` : undefined, entries[i]!.titled);
  });
  const made = termsFromMemo(last, entries, stamps);
  for (const file of made.files) {
    yield {
      path: file.path,
      inputs: () => file.digest,
      get bytes() {
        return (file.made ?? file.make()).bytes;
      },
    };
  }
  keep(made.memo);
  yield* searchDocFiles(archive);
  yield searchIndexJson(archive.articles.length, made.summary);
}

function digestOf(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The memo's file: a JSON header (its length first, in 4 bytes), padded to 4 bytes, then the lists' two arrays. */
interface Header {
  format: string;
  salt: string;
  count: number;
  words: readonly string[];
  stamps: PostingStamp[];
  keys: string[];
  digests: string[];
  values: number;
  /** Digest of the arrays' bytes: a damaged file counts as none. */
  check: string;
}

/** The memo saved for this salt and number of articles, or null (none, another, damaged). */
function readMemo(file: string, salt: string, count: number): TermMemo | null {
  try {
    const bytes = readFileSync(file);
    const length = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString('utf8', 4, 4 + length)) as Header;
    if (header.format !== FORMAT || header.salt !== salt || header.count !== count || header.stamps.length !== count) return null;
    const start = padded(4 + length);
    const arrays = bytes.subarray(start);
    const size = (header.words.length + 1 + header.values) * 4;
    if (arrays.length !== size || digestOf(arrays) !== header.check) return null;
    // A view of the file's bytes where they are aligned to 4 bytes (a file this large has a buffer of its own), else a copy.
    const aligned = arrays.byteOffset % 4 === 0;
    const ints = aligned ? new Int32Array(arrays.buffer, arrays.byteOffset, size / 4) : new Int32Array(size / 4);
    if (!aligned) new Uint8Array(ints.buffer).set(arrays);
    const starts = ints.subarray(0, header.words.length + 1);
    const lists = new TermLists(header.words, starts, ints.subarray(header.words.length + 1));
    return { lists, stamps: header.stamps, digests: new Map(header.keys.map((key, i) => [key, header.digests[i]!])) };
  } catch {
    return null;
  }
}

/** Saves the memo (a whole file or none: written aside, then renamed over the last). */
function writeMemo(file: string, salt: string, memo: TermMemo): void {
  const { words, starts, values } = memo.lists;
  const arrays = [starts, values].map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength));
  const header: Header = { format: FORMAT, salt, count: memo.stamps.length, words, stamps: memo.stamps, keys: [...memo.digests.keys()], digests: [...memo.digests.values()], values: values.length, check: createHash('sha1').update(arrays[0]!).update(arrays[1]!).digest('hex') };
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(padded(4 + json.length));
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 4);
  mkdirSync(dirname(file), { recursive: true });
  const staging = `${file}.${process.pid}.tmp`;
  const fd = openSync(staging, 'w');
  try {
    try {
      writeParts(fd, [head, ...arrays]);
    } finally {
      closeSync(fd);
    }
    renameSync(staging, file);
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
}

function padded(length: number): number {
  return Math.ceil(length / 4) * 4;
}
