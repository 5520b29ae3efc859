/**
 * Worker thread entry: settles kinship (related articles and stories) of a
 * whole archive (see collate/kin-thread.ts), reading the term counts in the
 * shared segments it is handed. It loads only the similarity index and the
 * kinship rules. A job comes whole, or in two parts: the counts first (the
 * vectors are made from them at once), the archive's kin table later.
 */
import type { TermCounts } from '../collate/analysis.js';
import type { KinCounts, KinPart } from '../collate/kin-thread.js';
import { findKin, type Kinship } from '../collate/kinship.js';
import { buildSimilarityIndex, similarityIndex, similarityVectors, type SimilarityVectors } from '../collate/similarity.js';
import { serveBatches } from './pool.js';

/** What the first part of a job left: the vectors of the articles as read, and their counts. */
let early: { vectors: SimilarityVectors; full: TermCounts[]; lead: TermCounts[] } | null = null;

serveBatches((parts: KinPart[]) => parts.map(settle));

/** A whole job or its second part: kinship, as the main thread would settle it; a first part: null, the vectors kept. */
function settle(part: KinPart): Kinship | null {
  if (!('table' in part)) {
    const full = countsAt(part.segments, part.full);
    const lead = countsAt(part.segments, part.lead);
    early = { vectors: similarityVectors(full, lead), full, lead };
    return null;
  }
  if (!('places' in part)) return findKin(part.table, buildSimilarityIndex(countsAt(part.segments, part.full), countsAt(part.segments, part.lead)));
  const { vectors, full, lead } = early!;
  early = null;
  // Every article read is in the archive (the usual case): the vectors made as they were read serve it. Else (a
  // record that failed validation is left out) they are made again of the archive's articles alone: idf counts only those.
  if (part.places.length === vectors.count) return findKin(part.table, similarityIndex(vectors, part.places));
  const places = Array.from(part.places);
  return findKin(part.table, buildSimilarityIndex(places.map((v) => full[v]!), places.map((v) => lead[v]!)));
}

/** Each article's counts as views of the segments, at the places the job gives (segment, offset, length). */
function countsAt(segments: KinCounts['segments'], places: Int32Array): TermCounts[] {
  return Array.from({ length: places.length / 3 }, (_, i) => {
    const { ids, counts } = segments[places[i * 3]!]!;
    const start = places[i * 3 + 1]!;
    const end = start + places[i * 3 + 2]!;
    return { ids: ids.subarray(start, end), counts: counts.subarray(start, end) };
  });
}
