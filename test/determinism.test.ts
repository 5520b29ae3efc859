/**
 * The same content gives byte-identical output whatever the time zone, the
 * locale settings or the order in which the files were created.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process.js';
import { hashTree, listFiles } from './support/tree.js';

const temp = mkdtempSync(join(tmpdir(), 'dossier-determinism-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const sources = [join(import.meta.dirname, '..', 'content'), join(import.meta.dirname, 'fixtures', 'dates', 'content'), join(import.meta.dirname, 'fixtures', 'tags', 'content')];

/** Copies the sources into one folder, creating the files in the given order. */
function assemble(target: string, order: 'forward' | 'reverse'): void {
  const files = sources.flatMap((source) => listFiles(source).map((path) => ({ source, path })));
  if (order === 'reverse') files.reverse();
  for (const { source, path } of files) {
    mkdirSync(join(target, path, '..'), { recursive: true });
    cpSync(join(source, path), join(target, path));
  }
}

describe('determinism', () => {
  it('gives byte-identical trees across TZ, locale settings and file order', async () => {
    const a = join(temp, 'a');
    const b = join(temp, 'b');
    assemble(a, 'forward');
    assemble(b, 'reverse');
    const [first, second] = await Promise.all([
      runCli(['build', '--content', a, '--out', join(temp, 'out-a')], { TZ: 'Pacific/Kiritimati', LANG: 'nl_NL.UTF-8', LC_ALL: 'nl_NL.UTF-8' }),
      runCli(['build', '--content', b, '--out', join(temp, 'out-b')], { TZ: 'America/Los_Angeles', LANG: 'C', LC_ALL: 'C' }),
    ]);
    expect([first.code, second.code]).toEqual([1, 1]);
    const treeA = hashTree(join(temp, 'out-a'));
    const treeB = hashTree(join(temp, 'out-b'));
    expect(Object.keys(treeA).length).toBeGreaterThan(30);
    expect(Object.keys(treeA).some((p) => p.startsWith('search/terms/'))).toBe(true);
    expect(treeB).toEqual(treeA);
    expect(readdirSync(temp).filter((n) => n.includes('dossier-'))).toEqual([]);
  });
});
