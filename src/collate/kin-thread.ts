/**
 * Kinship (related articles and stories, kinship.ts) settled in a thread of
 * its own, while the main thread collates the rest of the archive and (below
 * a size, memory.ts) lists the routes: the similarity index was most of
 * collate's time (8 of 15 s at 100 000 articles) with the second core idle. The thread is handed the kin
 * table and the places of each article's term counts in the term store's
 * segments, which are shared memory: nothing of the counts is copied. The
 * thread's side is workers/kin-worker.ts.
 */
import type { SiteData } from '../config.js';
import type { Archive, ArchivedArticle, Article } from '../model.js';
import { runOnce } from '../workers/pool.js';
import { fullTermsOf, leadTermsOf, type TermCounts } from './analysis.js';
import { archiveInOrder, collateApart, kinshipOf } from './index.js';
import { applyKinship, kinTableOf, type KinTable, type Kinship } from './kinship.js';
import { sharedCounts } from './term-store.js';

/** Everything the thread needs. */
export interface KinJob {
  table: KinTable;
  /** Shared ids and counts, in which every article's counts stand. */
  segments: TermCounts[];
  /** Where each article's text counts stand: segment, offset and length, three numbers an article. */
  full: Int32Array;
  /** The same for its lead's counts. */
  lead: Int32Array;
}

/** Settles kinship of `articles` (the archive's, in its order) in a thread; resolves to null when the thread could not start or died. */
export function kinInThread(articles: readonly ArchivedArticle[]): Promise<Kinship | null> {
  return runOnce<KinJob, Kinship>('kin-worker', {}, kinJobOf(articles));
}

/** The job for `articles`: counts outside shared memory (read in this thread, say) are copied into one more segment. */
export function kinJobOf(articles: readonly ArchivedArticle[]): KinJob {
  const segments: TermCounts[] = [];
  const segmentOf = new Map<ArrayBufferLike, number>();
  const apart: Array<{ terms: TermCounts; places: Int32Array; at: number }> = [];
  const place = (terms: TermCounts, places: Int32Array, at: number) => {
    const { ids, counts } = terms;
    let segment = segmentOf.get(ids.buffer);
    // In a segment when both lie in shared memory side by side, as the term store keeps them.
    if (segment === undefined && ids.buffer instanceof SharedArrayBuffer && counts.buffer instanceof SharedArrayBuffer) {
      segment = segments.push({ ids: new Int32Array(ids.buffer), counts: new Uint16Array(counts.buffer) }) - 1;
      segmentOf.set(ids.buffer, segment);
    }
    const offset = ids.byteOffset / 4;
    if (segment === undefined || segments[segment]!.counts.buffer !== counts.buffer || counts.byteOffset / 2 !== offset) {
      apart.push({ terms, places, at });
      return;
    }
    places.set([segment, offset, ids.length], at * 3);
  };
  const full = new Int32Array(articles.length * 3);
  const lead = new Int32Array(articles.length * 3);
  articles.forEach((article, i) => {
    place(fullTermsOf(article), full, i);
    place(leadTermsOf(article), lead, i);
  });
  if (apart.length) {
    const extra = sharedCounts(apart.reduce((n, { terms }) => n + terms.ids.length, 0));
    const segment = segments.push(extra) - 1;
    let used = 0;
    for (const { terms, places, at } of apart) {
      extra.ids.set(terms.ids, used);
      extra.counts.set(terms.counts, used);
      places.set([segment, used, terms.ids.length], at * 3);
      used += terms.ids.length;
    }
  }
  return { table: kinTableOf(articles), segments, full, lead };
}

/**
 * Collates `articles` with kinship settled in a thread (`thread`), while
 * `beside` runs here with the archive whose kinship is not settled yet: it
 * may make what reads related articles and stories later (routes' lazy
 * views), but must not read them now. The archive is handed back as soon as
 * `beside` is done: whatever reads no related articles or stories may go on
 * meanwhile (the exports besides articles.json), and what reads them waits
 * for `settled`, which resolves (true: in a thread) once they are filled in.
 * Without a thread, or when it cannot start, kinship is settled here then.
 */
export function collateAhead<T>(articles: Article[], data: SiteData, beside: (archive: Archive) => T, thread: boolean): { archive: Archive; made: T; settled: Promise<boolean> } {
  const ordered = archiveInOrder(articles, data);
  const settling = thread ? kinInThread(ordered) : Promise.resolve(null);
  const archive = collateApart(ordered, data);
  const made = beside(archive);
  const settled = settling.then((kinship) => {
    applyKinship(archive, kinship ?? kinshipOf(ordered));
    return kinship !== null;
  });
  return { archive, made, settled };
}
