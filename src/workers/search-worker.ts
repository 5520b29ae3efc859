/**
 * Worker thread entry: makes and writes the search index's `terms/` files
 * (see write/search-thread.ts).
 */
import { workerData } from 'node:worker_threads';
import { SpareFiles } from '../write/index.js';
import { runSearchJob, type SearchJob } from '../write/search-thread.js';
import { serveBatches } from './pool.js';

const files = new SpareFiles((workerData as { root: string }).root);

serveBatches((jobs: SearchJob[]) => jobs.map((job) => runSearchJob(job, files)));
