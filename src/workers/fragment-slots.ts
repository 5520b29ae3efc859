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
 *
 * A list's items (a timeline's events and cards, a list page's cards) are
 * fragments of items (render/page-view.ts): each shows on several pages in a
 * row (the timelines of all topics and the lists are rendered interleaved in
 * time), so a thread keeps the items it was sent, each in the slot its number
 * gives (a later item of that slot takes its place), and is sent one it holds
 * as its number. The thread joins a fragment's items itself: joined by the
 * main thread and copied whole to a thread, the timelines' HTML was 311 M
 * characters at 16 000 Markdown posts.
 */
import { fragmentHtml, type Fragment, type FragmentItem } from '../render/page-view.js';

/**
 * Slots per thread: the timelines of all topics are rendered interleaved (render/timeline.ts `renderOrder`), so
 * every topic's axis is in use at once. Past this many topics axes are sent again, the pages still whole.
 */
export const FRAGMENT_SLOTS = 64;

/** A fragment as a page job carries it: its HTML, the slot of the copy the thread already holds, or its items. */
export type SentFragment = string | number | SentItems;

/**
 * A fragment's items as sent to one thread, in order: the number of each item the thread holds, and for each it
 * does not, `~number` (below zero) and its HTML, the next of `html`, for the thread to keep.
 */
export interface SentItems {
  ids: number[];
  html: string[];
}

/** Slots for items a thread keeps: a few pages' worth (an event's or card's HTML is some hundreds of characters). */
export const ITEM_SLOTS = 4096;

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
  /** The number of the item the thread holds in each item slot (-1: none). */
  private readonly itemIn: Int32Array;

  /** `itemSlots`: items a thread keeps (tests make it small); the thread's KeptFragments must be given the same. */
  constructor(itemSlots = ITEM_SLOTS) {
    this.itemIn = new Int32Array(itemSlots).fill(-1);
  }

  /**
   * `fragments` as this thread is sent them: each of the first `shared` it holds is replaced by its slot, each it
   * does not is given one to be kept in; of each fragment of items, each item it holds is replaced by its slot.
   */
  send(fragments: readonly Fragment[], shared: number): SentFragments {
    const sent: SentFragment[] = fragments.map((fragment) => (typeof fragment === 'string' ? fragment : this.sendItems(fragment)));
    let keep: number[] | null = null;
    for (let i = 0; i < Math.min(shared, fragments.length); i++) {
      const fragment = fragments[i]!;
      if (typeof fragment !== 'string') continue;
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

  private sendItems(items: readonly FragmentItem[]): SentItems {
    const sent: SentItems = { ids: new Array<number>(items.length), html: [] };
    const itemIn = this.itemIn;
    for (let k = 0; k < items.length; k++) {
      const { id, html } = items[k]!;
      const slot = id % itemIn.length;
      if (itemIn[slot] === id) sent.ids[k] = id;
      else {
        itemIn[slot] = id;
        sent.ids[k] = ~id;
        sent.html.push(html);
      }
    }
    return sent;
  }
}

/** A render thread's slots, filled as the main thread says. */
export class KeptFragments {
  private readonly slots: string[] = [];
  /** Each item slot's item: its number (-1: none) and HTML. */
  private readonly itemIn: Int32Array;
  private readonly itemHtml: string[];

  /** `itemSlots`: as the main thread's FragmentSlots for this thread has them. */
  constructor(itemSlots = ITEM_SLOTS) {
    this.itemIn = new Int32Array(itemSlots).fill(-1);
    this.itemHtml = new Array<string>(itemSlots);
  }

  /** The page's fragments as HTML, keeping those the main thread said to keep (in page order, as it chose the slots). */
  resolve({ fragments, keep }: { fragments: readonly (SentFragment | Fragment)[]; keep: number[] | null }): string[] {
    return fragments.map((fragment, i) => {
      if (typeof fragment === 'number') {
        const kept = this.slots[fragment];
        // Never a page with a hole in it: the thread fails, and the main thread renders its pages itself.
        if (kept === undefined) throw new Error(`no fragment kept in slot ${fragment}`);
        return kept;
      }
      if (typeof fragment !== 'string') return this.joinItems(fragment);
      const slot = keep?.[i] ?? -1;
      if (slot >= 0) this.slots[slot] = fragment;
      return fragment;
    });
  }

  /** A fragment's items joined: as sent (numbers of items kept, and items to keep), or as made (in the thread that made the page). */
  private joinItems(fragment: SentItems | readonly FragmentItem[]): string {
    if (!('ids' in fragment)) return fragmentHtml(fragment);
    const { itemIn, itemHtml } = this;
    let html = '';
    let next = 0;
    for (const sent of fragment.ids) {
      const id = sent < 0 ? ~sent : sent;
      const slot = id % itemIn.length;
      if (sent < 0) {
        itemIn[slot] = id;
        itemHtml[slot] = fragment.html[next++]!;
      } else if (itemIn[slot] !== id) {
        // Never an item in another's place: the thread fails, and the main thread renders its pages itself.
        throw new Error(`item ${id} is not kept (slot ${slot} holds ${itemIn[slot]})`);
      }
      html += itemHtml[slot]!;
    }
    return html;
  }
}
