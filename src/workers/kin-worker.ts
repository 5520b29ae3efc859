/**
 * Worker thread entry: settles kinship (related articles and stories) of a
 * whole archive (see collate/kin-thread.ts), reading the term counts in the
 * shared segments it is handed. It loads only the similarity index and the
 * kinship rules.
 */
import type { TermCounts } from '../collate/analysis.js';
import type { KinJob } from '../collate/kin-thread.js';
import { findKin, type Kinship } from '../collate/kinship.js';
import { buildSimilarityIndex } from '../collate/similarity.js';
import { serveBatches } from './pool.js';

serveBatches((jobs: KinJob[]) => jobs.map(settleKinship));

/** Kinship of the job's archive, as the main thread would settle it. */
function settleKinship(job: KinJob): Kinship {
  return findKin(job.table, buildSimilarityIndex(countsAt(job.segments, job.full), countsAt(job.segments, job.lead)));
}

/** Each article's counts as views of the segments, at the places the job gives (segment, offset, length). */
function countsAt(segments: readonly TermCounts[], places: Int32Array): TermCounts[] {
  return Array.from({ length: places.length / 3 }, (_, i) => {
    const { ids, counts } = segments[places[i * 3]!]!;
    const start = places[i * 3 + 1]!;
    const end = start + places[i * 3 + 2]!;
    return { ids: ids.subarray(start, end), counts: counts.subarray(start, end) };
  });
}
