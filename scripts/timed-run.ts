/**
 * Developer tool for the benches: runs a command once under GNU time (when
 * /usr/bin/time exists) and reports wall time, CPU time and the peak RSS of
 * it and its children. CPU time says what a build costs when the machine's
 * speed drifts: the wall time of the same build moves by up to 40 % from one
 * hour to the next, mostly with the time the disk and the neighbours take.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall time, CPU time (user and system, all threads and children) and peak RSS of one run. */
export interface Run {
  seconds: number;
  cpuSeconds: number | null;
  peakRssMb: number | null;
}

/** Dossier exits 1 when some articles had errors, and also when it crashes: only its summary line tells a build that finished. */
export const dossierFinished = (status: number | null, stdout: string) => (status === 0 || status === 1) && /^(Built \d+ articles|Nothing changed)/m.test(stdout);

/** Runs `command` once; throws unless `finished` (default: exit 0) says it succeeded. */
export function timedRun(command: string, args: string[], cwd: string, finished: (status: number | null, stdout: string) => boolean = (status) => status === 0): Run {
  const started = performance.now();
  const options = { cwd, encoding: 'utf8' as const, maxBuffer: 1 << 26 };
  const result = gnuTime ? spawnSync(gnuTime, ['-f', '%M %U %S', command, ...args], options) : spawnSync(command, args, options);
  const seconds = (performance.now() - started) / 1000;
  if (!finished(result.status, result.stdout ?? '')) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${(result.stderr ?? '').slice(-800)}`);
  const [peak, user, system] = gnuTime ? (result.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number) : [];
  const cpu = (user ?? NaN) + (system ?? NaN);
  return { seconds, cpuSeconds: Number.isFinite(cpu) ? cpu : null, peakRssMb: peak !== undefined && Number.isFinite(peak) ? Math.round(peak / 1024) : null };
}

/**
 * Where outputs of earlier runs go instead of being deleted. On ext4 (this
 * machine) an inode freed less than a minute or five ago is skipped, after a
 * costly look, by every file and folder created next: a cold build run right
 * after deleting a site of 60 000 files spends 10 to 30 s of CPU in the
 * kernel (`recently_deleted`, seen with perf) that it does not spend otherwise.
 * So nothing is deleted between timed runs; the trash goes at the very end.
 */
const trash = join(tmpdir(), `dossier-bench-trash-${process.pid}`);
let trashed = 0;

/** Moves `path` (if it exists) out of the way, to be deleted by `emptyTrash` once nothing is timed any more. */
export function setAside(path: string): void {
  if (!existsSync(path)) return;
  mkdirSync(trash, { recursive: true });
  renameSync(path, join(trash, String(trashed++)));
}

/** Deletes what `setAside` kept; call when every timed run is done. */
export function emptyTrash(): void {
  rmSync(trash, { recursive: true, force: true });
}
