/**
 * Stage timing and progress of one build: the pipeline says which stage it is
 * in and how far; the CLI shows that on a terminal, the bench and `--timings`
 * read the durations.
 */

/** Receives the current stage and how far it is (`total` 0 when there is nothing to count). */
export type ProgressListener = (stage: string, done: number, total: number) => void;

/** Times the stages of one build and forwards progress to a listener. */
export class StageClock {
  /** Milliseconds per stage, in the order the stages ran. */
  readonly timings: Record<string, number> = {};
  private current: { name: string; started: number; total: number } | null = null;

  constructor(private readonly listener?: ProgressListener) {}

  /** Ends the stage running (if any) and starts `name`. */
  start(name: string, total = 0): void {
    this.end();
    this.current = { name, started: performance.now(), total };
    this.listener?.(name, 0, total);
  }

  /** Reports how much of the current stage is done. */
  tick(done: number, total?: number): void {
    if (!this.current) return;
    if (total !== undefined) this.current.total = total;
    this.listener?.(this.current.name, done, this.current.total);
  }

  /** Ends the current stage. */
  end(): void {
    if (!this.current) return;
    this.timings[this.current.name] = (this.timings[this.current.name] ?? 0) + performance.now() - this.current.started;
    this.current = null;
  }
}

/** Shows progress as one line rewritten in place, only after `delayMs` (a quick build shows nothing) and at most every 100 ms. */
export function terminalProgress(stream: NodeJS.WriteStream, labels: Record<string, string>, delayMs = 1500): { listener: ProgressListener; clear: () => void } {
  const started = performance.now();
  let shownAt = 0;
  let shown = false;
  const listener: ProgressListener = (stage, done, total) => {
    const now = performance.now();
    if (now - started < delayMs || (now - shownAt < 100 && done !== total)) return;
    shownAt = now;
    shown = true;
    const count = total ? ` ${done}/${total}` : '';
    stream.write(`\r\x1b[2K${labels[stage] ?? stage}${count}`);
  };
  return { listener, clear: () => void (shown && stream.write('\r\x1b[2K')) };
}

/** `read 1.2 s, collate 0.4 s, …`. */
export function formatTimings(timings: Record<string, number>): string {
  return Object.entries(timings)
    .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(2)} s`)
    .join(', ');
}
