/**
 * Developer tool for the benches: runs a command once under GNU time (when
 * /usr/bin/time exists) and reports wall time and the peak RSS of it and its
 * children.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall time and peak RSS of one run. */
export interface Run {
  seconds: number;
  peakRssMb: number | null;
}

/** Dossier exits 1 when some articles had errors, and also when it crashes: only its summary line tells a build that finished. */
export const dossierFinished = (status: number | null, stdout: string) => (status === 0 || status === 1) && /^(Built \d+ articles|Nothing changed)/m.test(stdout);

/** Runs `command` once; throws unless `finished` (default: exit 0) says it succeeded. */
export function timedRun(command: string, args: string[], cwd: string, finished: (status: number | null, stdout: string) => boolean = (status) => status === 0): Run {
  const started = performance.now();
  const options = { cwd, encoding: 'utf8' as const, maxBuffer: 1 << 26 };
  const result = gnuTime ? spawnSync(gnuTime, ['-f', '%M', command, ...args], options) : spawnSync(command, args, options);
  const seconds = (performance.now() - started) / 1000;
  if (!finished(result.status, result.stdout ?? '')) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${(result.stderr ?? '').slice(-800)}`);
  const peak = gnuTime ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, peakRssMb: Number.isFinite(peak) ? Math.round(peak / 1024) : null };
}
