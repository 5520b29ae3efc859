/**
 * Shared HTML fragments (render/page-view.ts) sent to a render thread once
 * instead of with every page. A topic's timeline axis is the same 9 KB of SVG
 * on each of its pages: at 16 000 Markdown posts 120 M of the 356 M
 * characters the main thread copied to the render threads, and as much of
 * what those threads then allocated and collected again. Each thread keeps
 * the last few shared fragments it was sent in numbered slots. The main
 * thread knows what each slot holds without asking: it chooses the slots,
 * and a thread reads its messages, and the pages in them, in the order they
 * were sent.
 */

/**
 * Slots per thread: the timelines of all topics are rendered interleaved (render/timeline.ts `renderOrder`), so
 * every topic's axis is in use at once. Past this many topics axes are sent again, the pages still whole.
 */
export const FRAGMENT_SLOTS = 64;

/** A fragment as a page job carries it: its HTML, or the slot of the copy the thread already holds. */
export type SentFragment = string | number;

/** A page's fragments as sent to one thread: `keep[i]`, when given and not -1, is the slot the thread keeps fragment `i` in. */
export interface SentFragments {
  fragments: SentFragment[];
  keep: number[] | null;
}

/** The main thread's record of what one render thread holds in its slots. */
export class FragmentSlots {
  private readonly slotOf = new Map<string, number>();
  private readonly held: (string | undefined)[] = [];
  private next = 0;

  /** `fragments` as this thread is sent them: each of the first `shared` it holds is replaced by its slot, each it does not is given one to be kept in. */
  send(fragments: string[], shared: number): SentFragments {
    const sent: SentFragment[] = fragments.slice();
    let keep: number[] | null = null;
    for (let i = 0; i < Math.min(shared, fragments.length); i++) {
      const fragment = fragments[i]!;
      const slot = this.slotOf.get(fragment);
      if (slot !== undefined) {
        sent[i] = slot;
        continue;
      }
      // Slots are reused in turn: the oldest shared fragment is the one least likely to come again.
      const free = this.next;
      this.next = (free + 1) % FRAGMENT_SLOTS;
      const replaced = this.held[free];
      if (replaced !== undefined) this.slotOf.delete(replaced);
      this.held[free] = fragment;
      this.slotOf.set(fragment, free);
      (keep ??= new Array<number>(fragments.length).fill(-1))[i] = free;
    }
    return { fragments: sent, keep };
  }
}

/** A render thread's slots, filled as the main thread says. */
export class KeptFragments {
  private readonly slots: string[] = [];

  /** The page's fragments as HTML, keeping those the main thread said to keep (in page order, as it chose the slots). */
  resolve({ fragments, keep }: SentFragments): string[] {
    return fragments.map((fragment, i) => {
      if (typeof fragment === 'number') {
        const kept = this.slots[fragment];
        // Never a page with a hole in it: the thread fails, and the main thread renders its pages itself.
        if (kept === undefined) throw new Error(`no fragment kept in slot ${fragment}`);
        return kept;
      }
      const slot = keep?.[i] ?? -1;
      if (slot >= 0) this.slots[slot] = fragment;
      return fragment;
    });
  }
}
