/**
 * Shared fragments go to a render thread once: whatever the order of pages
 * and however many shared fragments come and go, the thread reads each page's
 * fragments back exactly, and one it still holds is sent as its slot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAGMENT_SLOTS, FragmentSlots, KeptFragments, type SentFragments } from '../src/workers/fragment-slots.js';
import { runs, seed } from './support/fuzz.js';

/** A page's fragments: `shared` from a pool (the same strings on many pages), then its own. */
interface PageFragments {
  fragments: string[];
  shared: number;
}

/** Characters of HTML a job carries (slots carry none). */
const carried = (sent: SentFragments) => sent.fragments.reduce<number>((n, f) => n + (typeof f === 'string' ? f.length : 0), 0);

describe('fragment slots', () => {
  it('give every page its fragments back, in order, across any number of shared fragments coming and going', () => {
    // Pools larger than the slots make the thread forget fragments it held, and be sent them again.
    const pool = (size: number) => Array.from({ length: size }, (_, i) => `<svg id="axis-${i}">${'x'.repeat(i)}</svg>`);
    const page = (size: number) =>
      fc.record({
        shared: fc.array(fc.nat(size - 1), { maxLength: 3 }),
        own: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 * FRAGMENT_SLOTS }).chain((size) => fc.tuple(fc.constant(size), fc.array(page(size), { maxLength: 60 }))),
        ([size, pages]) => {
          const strings = pool(size);
          const slots = new FragmentSlots();
          const thread = new KeptFragments();
          for (const { shared, own } of pages) {
            // Equal strings made apart, as pages of one topic would hold the same axis.
            const made: PageFragments = { fragments: [...shared.map((i) => strings[i]!.slice()), ...own], shared: shared.length };
            expect(thread.resolve(slots.send(made.fragments, made.shared))).toEqual(made.fragments);
          }
        },
      ),
      { numRuns: runs, seed },
    );
  });

  it('send a shared fragment the thread holds as its slot, and fragments that are not shared always as HTML', () => {
    const slots = new FragmentSlots();
    const thread = new KeptFragments();
    const axis = '<svg>axis</svg>';
    const first = slots.send([axis, '<li>a</li>'], 1);
    const second = slots.send([axis, '<li>a</li>'], 1);
    expect(carried(first)).toBe(axis.length + '<li>a</li>'.length);
    expect(carried(second)).toBe('<li>a</li>'.length);
    expect(second.fragments[0]).toBeTypeOf('number');
    expect(second.fragments[1]).toBe('<li>a</li>');
    expect(thread.resolve(first)).toEqual([axis, '<li>a</li>']);
    expect(thread.resolve(second)).toEqual([axis, '<li>a</li>']);
    // Past FRAGMENT_SLOTS other shared fragments the axis is forgotten, and sent whole again.
    for (let i = 0; i < FRAGMENT_SLOTS; i++) thread.resolve(slots.send([`<svg>${i}</svg>`], 1));
    expect(slots.send([axis], 1).fragments[0]).toBe(axis);
  });

  it('make a thread fail, never show a page with a hole, when it is pointed to a slot it does not hold', () => {
    expect(() => new KeptFragments().resolve({ fragments: [0], keep: null })).toThrow(/slot 0/);
  });
});
