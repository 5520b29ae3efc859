/**
 * The output folder's stored state: checked in a thread of its own or here,
 * it finds the same changes, and a state the manifest does not vouch for
 * (another build's) never lets a build be skipped.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWithCache } from '../src/build.js';
import { recordOutput, startOutputCheck, storeOutputState } from '../src/output-state.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-output-state-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A small site: a page in a folder of its own, one at the top. */
function site(name: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, 'artikel', 'een'), { recursive: true });
  writeFileSync(join(dir, 'artikel', 'een', 'index.html'), '<p>een</p>');
  writeFileSync(join(dir, 'index.html'), '<p>start</p>');
  return dir;
}

/** What was found by the check in a thread (a threshold of 0 bytes) and by the one here. */
async function bothChecks(file: string, dir: string) {
  return Promise.all([startOutputCheck(file, dir, 0).answer(), startOutputCheck(file, dir, Infinity).answer()]);
}

const changes: [string, (dir: string) => void][] = [
  ['a page rewritten', (dir) => appendFileSync(join(dir, 'artikel', 'een', 'index.html'), ' meer')],
  ['a page deleted', (dir) => rmSync(join(dir, 'artikel', 'een', 'index.html'))],
  ['a file added at the top', (dir) => writeFileSync(join(dir, 'extra.html'), 'x')],
  ['a folder replaced by a file', (dir) => (rmSync(join(dir, 'artikel'), { recursive: true }), writeFileSync(join(dir, 'artikel'), 'x'))],
];

describe('stored output state', () => {
  it('is found as left, in a thread and here, until the folder changes', async () => {
    for (const [what, change] of changes) {
      const dir = site(`site-${what.replaceAll(' ', '-')}`);
      const file = join(temp, `${what}.outputs.json`);
      const id = await storeOutputState(file, await recordOutput(dir));
      expect(await bothChecks(file, dir), what).toEqual([{ id, asLeft: true }, { id, asLeft: true }]);
      change(dir);
      expect(await bothChecks(file, dir), what).toEqual([{ id, asLeft: false }, { id, asLeft: false }]);
    }
  });

  it('answers nothing for a state that is missing or unreadable, or a check that was cancelled', async () => {
    const dir = site('site-missing');
    expect(await bothChecks(join(temp, 'none.outputs.json'), dir)).toEqual([null, null]);
    const broken = join(temp, 'broken.outputs.json');
    writeFileSync(broken, '{"id": "half');
    expect(await bothChecks(broken, dir)).toEqual([null, null]);
    const file = join(temp, 'cancelled.outputs.json');
    await storeOutputState(file, await recordOutput(dir));
    const check = startOutputCheck(file, dir, 0);
    check.cancel();
    expect(await check.answer()).toBeNull();
  });

  it('skips a build only when the manifest vouches for the state beside it', async () => {
    const options = { contentDir: join(import.meta.dirname, '..', 'content'), outDir: join(temp, 'dist'), cacheDir: join(temp, 'cache') };
    expect((await buildWithCache(options)).upToDate).toBe(false);
    expect((await buildWithCache(options)).upToDate).toBe(true);
    // The same folder state stored again, as a build killed between the two files would leave it: another id.
    const builds = join(options.cacheDir, 'builds');
    const file = join(builds, readdirSync(builds).find((name) => name.endsWith('.outputs.json'))!);
    const { id, ...state } = JSON.parse(readFileSync(file, 'utf8')) as { id: string };
    const other = await storeOutputState(file, state as Parameters<typeof storeOutputState>[1]);
    expect(other).not.toBe(id);
    expect((await buildWithCache(options)).upToDate).toBe(false);
    expect((await buildWithCache(options)).upToDate).toBe(true);
  });
});
