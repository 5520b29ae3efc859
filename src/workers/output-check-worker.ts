/**
 * Worker thread entry: checks the output folder against the state the last
 * build stored (output-state.ts), while the main thread fingerprints the inputs.
 */
import { checkStoredOutput, type OutputCheck } from '../output-state.js';
import { serveBatches } from './pool.js';

serveBatches((checks: [file: string, outDir: string][]): (OutputCheck | null)[] => checks.map(([file, outDir]) => checkStoredOutput(file, outDir)));
