/**
 * Values shared by many views are made once per key, and a table that has
 * grown large is emptied rather than kept growing. Recent strings are kept
 * while others of fewer characters than the limit come after them, never
 * more than twice the limit, and a key never gives back a stale string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeptValues, RecentStrings } from '../src/kept-values.js';
import { runs, seed } from './support/fuzz.js';

describe('KeptValues', () => {
  it('makes each value once and gives the same object after that', () => {
    const kept = new KeptValues<{ key: string }>();
    let made = 0;
    const make = (key: string) => () => ((made += 1), { key });
    const first = kept.get('2019-05', make('2019-05'));
    expect(kept.get('2019-05', make('2019-05'))).toBe(first);
    expect(kept.get('2019-06', make('2019-06'))).not.toBe(first);
    expect(made).toBe(2);
  });

  it('empties itself once it holds 100 000 keys, and makes values again after that', () => {
    const kept = new KeptValues<object>();
    const first = kept.get('k0', () => ({}));
    for (let i = 1; i < 100_000; i++) kept.get(`k${i}`, () => ({}));
    expect(kept.get('k0', () => ({}))).toBe(first);
    kept.get('one more', () => ({}));
    expect(kept.get('k0', () => ({}))).not.toBe(first);
  });
});

describe('RecentStrings', () => {
  /** Set (a value for a key, perhaps with its uses) or get (a key), over few keys so that keys come back. */
  const operations = (uses: fc.Arbitrary<number>) =>
    fc.array(
      fc.oneof(
        fc.record({ set: fc.nat(30), value: fc.string({ maxLength: 40 }), uses }),
        fc.record({ get: fc.nat(30) }),
      ),
      { maxLength: 300 },
    );

  /**
   * Runs `operations` on a RecentStrings of `limit`: a get gives back nothing or the last string set for its key, and
   * after each operation it holds no more characters than `bound` allows, given the longest string set so far.
   */
  function replay(limit: number, operations: Array<{ set: number; value: string; uses: number } | { get: number }>, bound: (longest: number) => number): void {
    const recent = new RecentStrings<number>(limit);
    const last = new Map<number, string>();
    let longest = 0;
    for (const op of operations) {
      if ('set' in op) {
        recent.set(op.set, op.value, op.uses);
        last.set(op.set, op.value);
        longest = Math.max(longest, op.value.length);
      } else {
        const got = recent.get(op.get);
        if (got !== undefined) expect(got).toBe(last.get(op.get));
      }
      expect(recent.held()).toBeLessThanOrEqual(bound(longest));
    }
  }

  it('gives back only the last string set for a key, and holds at most two generations of the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), operations(fc.constant(1)), (limit, ops) => {
        // A generation fills up to the limit, or holds one string longer than it alone.
        replay(limit, ops, (longest) => 2 * Math.max(limit, longest));
      }),
      { numRuns: runs, seed },
    );
  });

  it('keeps a string while fewer characters than the limit have been set after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 60 }), fc.string({ minLength: 1, maxLength: 40 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 60 }), (limit, before, value, after) => {
        const recent = new RecentStrings<string>(limit);
        before.forEach((text, i) => recent.set(`before ${i}`, text));
        recent.set('key', value);
        let since = 0;
        for (const [i, text] of after.entries()) {
          if (since + text.length > limit) break;
          recent.set(`after ${i}`, text);
          since += text.length;
        }
        expect(recent.get('key')).toBe(value);
      }),
      { numRuns: runs, seed },
    );
  });

  it('lets go of a string once more than twice the limit has come after it', () => {
    const recent = new RecentStrings<string>(100);
    recent.set('key', 'x'.repeat(10));
    for (let i = 0; i < 21; i++) recent.set(`other ${i}`, 'y'.repeat(10));
    expect(recent.get('key')).toBeUndefined();
    expect(recent.held()).toBeLessThanOrEqual(200);
  });

  it('gives a string set with its uses back that often however much passes meanwhile, then keeps it as a recent one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 200 }), fc.integer({ min: 2, max: 6 }), fc.string({ minLength: 1, maxLength: 10 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 80 }), (limit, uses, value, others) => {
        const recent = new RecentStrings<string>(limit);
        recent.set('key', value, uses);
        // Far more than twice the limit of other strings between its uses: kept by recency alone, it would be gone.
        for (let use = 1; use < uses; use++) {
          others.forEach((text, i) => recent.set(`other ${use} ${i}`, text));
          expect(recent.get('key')).toBe(value);
        }
        // Used up, it is a recent string: kept while little comes after it, let go of once much has.
        expect(recent.get('key')).toBe(value);
        for (let i = 0; i <= 2 * limit; i++) recent.set(`after ${i}`, 'z');
        expect(recent.get('key')).toBeUndefined();
      }),
      { numRuns: runs, seed },
    );
  });

  it('holds at most the limit of strings waiting for their uses, besides its two generations, and gives back only the last set for a key', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), operations(fc.integer({ min: 1, max: 4 })), (limit, ops) => {
        // Waiting: up to the limit and one more string; each generation: up to the limit, or one string longer.
        replay(limit, ops, (longest) => limit + longest + 2 * Math.max(limit, longest));
      }),
      { numRuns: runs, seed },
    );
  });
});
