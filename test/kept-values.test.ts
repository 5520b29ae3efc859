/**
 * Values shared by many views are made once per key, and a table that has
 * grown large is emptied rather than kept growing.
 */
import { describe, expect, it } from 'vitest';
import { KeptValues } from '../src/kept-values.js';

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
