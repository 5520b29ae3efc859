/**
 * The collection a large build runs between stages (src/memory.ts) frees what
 * nothing reaches any more, at once, in a process started without `--expose-gc`.
 */
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../src/memory.js';

describe('collectGarbage', () => {
  it('frees an object nothing reaches any more, there and then', async () => {
    let target: object | null = { payload: new Array(1000).fill('x') };
    const weak = new WeakRef(target);
    target = null;
    // A WeakRef keeps its target alive until the job that made or read it ends.
    await new Promise((resolve) => setImmediate(resolve));
    expect(weak.deref()).toBeDefined();
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(weak.deref()).toBeUndefined();
  });
});
