/**
 * Worker thread entry: lists every file below a folder (the old output's
 * spare copy, write/index.ts `openSpare`), so that a build whose main thread
 * is busy from the start does not wait for the listing at the end.
 */
import { listFilesSync } from '../files.js';
import { serveBatches } from './pool.js';

serveBatches((folders: string[]) => folders.map(listFilesSync));
