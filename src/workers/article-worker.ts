/**
 * Worker thread entry: reads the batches of article files it is sent and
 * answers with their results (see read-articles.ts).
 */
import { workerData } from 'node:worker_threads';
import type { SiteData } from '../config.js';
import type { ScannedFile } from '../ingest/scan.js';
import { inParallel } from '../parallel.js';
import { serveBatches } from './pool.js';
import { readOne } from './read-one.js';

const { contentDir, data } = workerData as { contentDir: string; data: SiteData };

// A few reads in flight hide the disk's latency; the parsing itself is one file at a time.
serveBatches((files: ScannedFile[]) => inParallel(files, 4, (file) => readOne(contentDir, file, data)));
