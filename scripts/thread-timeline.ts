/**
 * Where a build leaves a core idle: reads the CPU profiles of one run (the
 * main thread's and every worker's, as `node --cpu-prof --cpu-prof-dir DIR
 * bin/dossier.mjs build …` writes them) and prints, per time bin, how busy
 * each thread was, on one clock. A profile counts wall time: a thread that
 * waits for a core still shows busy, so on two cores a sum above 2 means the
 * threads were competing, and a sum near 1 a core was idle.
 * Usage: npx tsx scripts/thread-timeline.ts DIR [BIN_SECONDS]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What this tool reads of a V8 CPU profile. */
interface CpuProfile {
  startTime: number;
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  samples: number[];
  timeDeltas: number[];
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: scripts/thread-timeline.ts DIR [BIN_SECONDS]');
const binMicros = Number(process.argv[3] ?? 0.5) * 1e6;

const files = readdirSync(dir)
  .filter((name) => name.endsWith('.cpuprofile'))
  .sort();
if (!files.length) throw new Error(`no .cpuprofile files in ${dir}`);
// Node names them CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile: thread 0 is the main one.
const threads = files.map((name) => ({ name: name.split('.').slice(-3, -1).join('.'), profile: JSON.parse(readFileSync(join(dir, name), 'utf8')) as CpuProfile }));
const start = Math.min(...threads.map((t) => t.profile.startTime));

/** Busy microseconds per bin for one profile: every sample but the idle ones. */
function busyByBin(profile: CpuProfile): Map<number, number> {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const bins = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((sample, k) => {
    const delta = profile.timeDeltas[k] ?? 0;
    at += delta;
    if (idle.has(sample)) return;
    const bin = Math.floor((at - start) / binMicros);
    bins.set(bin, (bins.get(bin) ?? 0) + delta);
  });
  return bins;
}

const busy = threads.map((t) => busyByBin(t.profile));
const last = Math.max(...busy.flatMap((bins) => [...bins.keys()]));
console.log(['t (s)', ...threads.map((t) => t.name), 'sum'].join('\t'));
for (let bin = 0; bin <= last; bin++) {
  const shares = busy.map((bins) => (bins.get(bin) ?? 0) / binMicros);
  const sum = shares.reduce((a, b) => a + b, 0);
  console.log([((bin * binMicros) / 1e6).toFixed(1), ...shares.map((s) => s.toFixed(2)), sum.toFixed(2)].join('\t'));
}
