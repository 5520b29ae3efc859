/**
 * Worker thread entry: lists every file below a folder (the old output's
 * spare copy, write/index.ts `openSpare`) with its size and modification
 * time, so that a build whose main thread is busy from the start neither
 * waits for the listing at the end nor stats each page it may keep.
 */
import { listFilesWithStats } from '../files.js';
import { serveBatches } from './pool.js';

serveBatches((folders: string[]) => folders.map(listFilesWithStats));
