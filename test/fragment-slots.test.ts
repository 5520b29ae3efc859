/**
 * Shared fragments go to a render thread once: whatever the order of pages
 * and however many shared fragments come and go, the thread reads each page's
 * fragments back exactly, and one it still holds is sent as its slot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAGMENT_SLOTS, FragmentSlots, KeptFragments, type SentFragments, type SentItems } from '../src/workers/fragment-slots.js';
import { fragmentHtml, fragmentItem, type Fragment } from '../src/render/page-view.js';
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
    expect(() => new KeptFragments().resolve({ fragments: [{ ids: [3], html: [] }], keep: null })).toThrow(/item 3 is not kept/);
  });

  it("give every page's fragments of items back as the HTML they join to, across any number of items coming and going", () => {
    // Items numbered from a pool larger than the item slots: the thread forgets items it held (another item takes
    // its slot) and is sent them again. Few slots, so that pages of tens of items go through them many times.
    const itemSlots = 16;
    const page = (size: number) =>
      fc.record({
        axis: fc.boolean(),
        shelves: fc.array(fc.array(fc.nat(size - 1), { maxLength: 12 }), { maxLength: 4 }),
        own: fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }),
      });
    let sentByNumber = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 * itemSlots }).chain((size) => fc.tuple(fc.constant(size), fc.array(page(size), { maxLength: 30 }))),
        ([size, pages]) => {
          const items = Array.from({ length: size }, (_, i) => fragmentItem(`<li>${i}${'x'.repeat(i % 7)}</li>`));
          const slots = new FragmentSlots(itemSlots);
          const thread = new KeptFragments(itemSlots);
          for (const { axis, shelves, own } of pages) {
            const fragments: Fragment[] = [...(axis ? ['<svg>axis</svg>'] : []), ...shelves.map((shelf) => shelf.map((i) => items[i]!)), ...own];
            const sent = slots.send(fragments, axis ? 1 : 0);
            sentByNumber += sent.fragments.filter((f): f is SentItems => typeof f === 'object').reduce((n, f) => n + f.ids.filter((id) => id >= 0).length, 0);
            expect(thread.resolve(sent)).toEqual(fragments.map(fragmentHtml));
          }
        },
      ),
      { numRuns: runs, seed },
    );
    expect(sentByNumber).toBeGreaterThan(0);
  });

  it('send an item the thread holds by its number, and make a thread that does not hold it fail', () => {
    const slots = new FragmentSlots();
    const thread = new KeptFragments();
    const [event, a, b, c] = ['<li>Huawei, mei 2019</li>', '<li>a</li>', '<li>b</li>', '<li>c</li>'].map(fragmentItem);
    const first = slots.send([[event!, a!]], 0);
    const second = slots.send([[b!, event!]], 0);
    expect((first.fragments[0] as SentItems).html).toEqual([event!.html, a!.html]);
    expect((second.fragments[0] as SentItems).html).toEqual([b!.html]);
    expect((second.fragments[0] as SentItems).ids[1]).toBe(event!.id);
    expect(thread.resolve(first)).toEqual([`${event!.html}${a!.html}`]);
    expect(thread.resolve(second)).toEqual([`${b!.html}${event!.html}`]);
    // A thread that missed the job that sent an item refuses a page that shows it, rather than show another there.
    const third = slots.send([[c!]], 0);
    const fourth = slots.send([[c!, a!]], 0);
    expect(() => new KeptFragments().resolve(fourth)).toThrow(/not kept/);
    expect(thread.resolve(third)).toEqual([c!.html]);
    expect(thread.resolve(fourth)).toEqual([`${c!.html}${a!.html}`]);
    // Items made for a page that no thread was sent (rendered where it was made) are joined as they are.
    expect(new KeptFragments().resolve({ fragments: [[a!, b!]], keep: null })).toEqual([`${a!.html}${b!.html}`]);
  });
});
