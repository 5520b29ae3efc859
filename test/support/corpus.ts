/** Generated corpora for tests: scripts/gen-corpus.ts run in a process of its own. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Writes a deterministic corpus of `count` articles in the seeds' mix of shapes into `out`. */
export function generateCorpus(count: number, out: string): void {
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'gen-corpus.ts'), '--count', String(count), '--out', out], { cwd: root, stdio: 'ignore' });
}
