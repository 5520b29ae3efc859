/**
 * The dev server's rebuild loop, wherever the builder runs (a worker thread,
 * or the main thread when no thread can start): edits are merged while a
 * rebuild runs; each round writes the edited articles' pages first (quick
 * pass), then rebuilds the rest, which gives way when newer edits arrive.
 */
import type { DevBuilder } from './builder.js';
import type { Changes, QuickReport, RebuildReport } from './builder-types.js';

/** What the loop tells whoever serves the site. */
export interface RebuildEvents {
  quick(report: QuickReport): void;
  rebuilt(report: RebuildReport, changes: Changes): void;
  /** A round threw (a bug in Dossier): what it said, with its stack. */
  failed(message: string): void;
  /** Every edit received so far is in the site on disk (`true`), or not yet. */
  settled(settled: boolean): void;
}

/** Changes of nothing. */
export function noChanges(): Changes {
  return { content: new Set(), data: false, templates: false };
}

/** True when `changes` names anything. */
export function hasChanges(changes: Changes): boolean {
  return changes.content.size > 0 || changes.data || changes.templates;
}

/** Both sets of changes together. */
export function mergeChanges(a: Changes, b: Changes): Changes {
  return { content: new Set([...a.content, ...b.content]), data: a.data || b.data, templates: a.templates || b.templates };
}

/** Runs rebuilds for the edits it is given, one round at a time. */
export class RebuildQueue {
  private pending = noChanges();
  // Changes the last finished full rebuild has not included yet (the quick pass may have shown some of them).
  private owed = noChanges();
  private running = false;

  /** `graceMs`: a pause after the quick pass, for open pages to fetch it when the full rebuild would hold this thread. */
  constructor(
    private readonly builder: DevBuilder,
    private readonly events: RebuildEvents,
    private readonly graceMs = 0,
  ) {}

  /** Adds edits; a round starts unless one is running (which then gives way to them). */
  add(changes: Changes): void {
    this.pending = mergeChanges(this.pending, changes);
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    this.events.settled(false);
    try {
      while (hasChanges(this.pending)) {
        this.owed = mergeChanges(this.owed, this.pending);
        this.pending = noChanges();
        const quick = await this.builder.quick(this.owed);
        if (quick.written.length) {
          this.events.quick(quick);
          if (this.graceMs) await new Promise((resolve) => setTimeout(resolve, this.graceMs));
        }
        const rebuilt = await this.builder.update(this.owed, () => hasChanges(this.pending));
        if (!rebuilt) continue;
        const changes = this.owed;
        this.owed = noChanges();
        this.events.rebuilt(rebuilt, changes);
      }
    } catch (error) {
      this.events.failed((error as Error).stack ?? String(error));
    } finally {
      this.running = false;
      // Edits that came in as a round failed get a round of their own.
      if (hasChanges(this.pending)) void this.run();
      else this.events.settled(true);
    }
  }
}
