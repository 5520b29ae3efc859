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
import { runInParts, runOnce } from '../workers/pool.js';
import { fullTermsOf, leadTermsOf, type AnalysedArticle, type TermCounts } from './analysis.js';
import { archiveInOrder, collateApart, kinshipOf } from './index.js';
import { applyKinship, kinTableOf, type KinTable, type Kinship } from './kinship.js';
import { sharedCounts } from './term-store.js';

/** Every article's term counts for a thread: the shared segments they stand in, and where each article's stand. */
export interface KinCounts {
  /** Shared ids and counts, in which every article's counts stand. */
  segments: TermCounts[];
  /** Where each article's text counts stand: segment, offset and length, three numbers an article. */
  full: Int32Array;
  /** The same for its lead's counts. */
  lead: Int32Array;
}

/** Everything the thread needs. */
export interface KinJob extends KinCounts {
  table: KinTable;
}

/**
 * The second part of a job sent in two (`startKinship`): the archive's kin
 * table, and where each of its articles' counts stand among the first part's
 * (`places[i]`: article `i`'s).
 */
export interface KinPlaces {
  table: KinTable;
  places: Int32Array;
}

/** What the thread is sent: a whole job, or a job's counts first and its places later. */
export type KinPart = KinJob | KinCounts | KinPlaces;

/** Settles kinship of `articles` (the archive's, in its order) in a thread; resolves to null when the thread could not start or died. */
export function kinInThread(articles: readonly ArchivedArticle[]): Promise<Kinship | null> {
  return runOnce<KinJob, Kinship>('kin-worker', {}, kinJobOf(articles));
}

/** The job for `articles`: counts outside shared memory (read in this thread, say) are copied into one more segment. */
export function kinJobOf(articles: readonly ArchivedArticle[]): KinJob {
  return { table: kinTableOf(articles), ...kinCountsOf(articles) };
}

/** The counts of `articles`, in their order, as a thread is handed them. */
export function kinCountsOf(articles: readonly AnalysedArticle[]): KinCounts {
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
  return { segments, full, lead };
}

/** Kinship started before the archive is in order: `settle` it with the archive's articles, or `cancel` it (its thread stops). */
export interface StartedKinship {
  settle(ordered: readonly ArchivedArticle[]): Promise<Kinship | null>;
  cancel(): void;
}

/**
 * Starts settling kinship of the articles just read, in a thread: it makes
 * every article's vectors from the counts (most of kinship's work, which
 * needs no order) while this thread settles slugs and tags, orders the
 * archive and collates it, and is handed the archive's kin table after
 * (`settle`). After one edit at 16 000 articles the thread started about half
 * a second earlier, on a core that was otherwise idle.
 */
export function startKinship(read: readonly AnalysedArticle[]): StartedKinship {
  let handOver = (_: KinPart | null) => undefined as void;
  const second = new Promise<KinPart | null>((resolve) => (handOver = resolve));
  const settling = runInParts<Kinship>('kin-worker', {}, [kinCountsOf(read), second]);
  // Only the ids are kept: the articles as read are let go of once the archive's are made.
  const ids = read.map((article) => article.id);
  return {
    settle(ordered) {
      const placeOfId = new Map(ids.map((id, i) => [id, i]));
      const places = new Int32Array(ordered.length);
      const taken = new Uint8Array(ids.length);
      let each = placeOfId.size === ids.length;
      ordered.forEach((article, i) => {
        const place = placeOfId.get(article.id);
        if (place === undefined || taken[place]) each = false;
        else taken[(places[i] = place)] = 1;
      });
      // Each article of the archive is one of those read, once (ids are unique): else (none is, today) it is settled from a whole job.
      handOver(each ? { table: kinTableOf(ordered), places } : kinJobOf(ordered));
      return settling;
    },
    cancel: () => handOver(null),
  };
}

/**
 * Collates `articles` with kinship settled in a thread (`thread`: true, or one
 * started already, `startKinship`), while
 * `beside` runs here with the archive whose kinship is not settled yet: it
 * may make what reads related articles and stories later (routes' lazy
 * views), but must not read them now. The archive is handed back as soon as
 * `beside` is done: whatever reads no related articles or stories may go on
 * meanwhile (the exports besides articles.json), and what reads them waits
 * for `settled`, which resolves (true: in a thread) once they are filled in.
 * Without a thread, or when it cannot start, kinship is settled here then.
 */
export function collateAhead<T>(articles: Article[], data: SiteData, beside: (archive: Archive) => T, thread: boolean | StartedKinship): { archive: Archive; made: T; settled: Promise<boolean> } {
  const ordered = archiveInOrder(articles, data);
  const settling = thread === false ? Promise.resolve(null) : thread === true ? kinInThread(ordered) : thread.settle(ordered);
  const archive = collateApart(ordered, data);
  const made = beside(archive);
  const settled = settling.then((kinship) => {
    applyKinship(archive, kinship ?? kinshipOf(ordered));
    return kinship !== null;
  });
  return { archive, made, settled };
}
