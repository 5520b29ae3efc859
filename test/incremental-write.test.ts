/**
 * The dev server's in-place writer: only changed bytes are written, phases
 * of many files at once come out whole, files the site no longer has go
 * (with their emptied folders), and a null `keep` removes nothing; the
 * batched writer writes as a pass goes, in order.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Diagnostics } from '../src/diagnostics.js';
import type { OutputFile } from '../src/model.js';
import { BatchedWriter, writeChanged } from '../src/write/incremental.js';
import { listFiles } from './support/tree.js';

let outDir: string;
const file = (path: string, text: string): OutputFile => ({ path, bytes: Buffer.from(text) });
const pages = (n: number, text: string) => Array.from({ length: n }, (_, i) => file(`artikel/pagina-${i}/index.html`, `${text} ${i}`));

beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'dossier-incremental-'));
});
afterEach(() => rmSync(outDir, { recursive: true, force: true }));

describe('writeChanged', () => {
  it('writes every file of every phase, reports them in order, and rewrites only what changed', async () => {
    const previous = new Map<string, string>();
    const diagnostics = new Diagnostics();
    const articles = pages(40, 'artikel');
    const lists = [file('index.html', 'voorpagina'), file('tag/chips/index.html', 'chips')];
    const first = await writeChanged(outDir, [articles, lists], new Set([...articles, ...lists].map((f) => f.path)), previous, diagnostics);
    expect(first.written).toEqual([...articles, ...lists].map((f) => f.path));
    expect(listFiles(outDir)).toEqual([...articles, ...lists].map((f) => f.path).sort());
    expect(readFileSync(join(outDir, 'artikel/pagina-7/index.html'), 'utf8')).toBe('artikel 7');

    const before = statSync(join(outDir, 'index.html')).mtimeMs;
    const changed = [...articles.slice(0, 39), file('artikel/pagina-39/index.html', 'nieuw')];
    const second = await writeChanged(outDir, [changed, lists], new Set([...changed, ...lists].map((f) => f.path)), previous, diagnostics);
    expect(second.written).toEqual(['artikel/pagina-39/index.html']);
    expect(statSync(join(outDir, 'index.html')).mtimeMs).toBe(before);
    expect(diagnostics.list()).toEqual([]);
  });

  it('removes what the site no longer has, with its emptied folder, unless keep is null', async () => {
    const previous = new Map<string, string>();
    const all = [file('artikel/weg/index.html', 'weg'), file('index.html', 'voorpagina')];
    await writeChanged(outDir, [all], new Set(all.map((f) => f.path)), previous, new Diagnostics());
    const ahead = await writeChanged(outDir, [[file('index.html', 'nieuwe voorpagina')]], null, previous, new Diagnostics());
    expect(ahead).toEqual({ written: ['index.html'], removed: [] });
    expect(existsSync(join(outDir, 'artikel/weg/index.html'))).toBe(true);

    const report = await writeChanged(outDir, [[file('index.html', 'nieuwe voorpagina')]], new Set(['index.html']), previous, new Diagnostics());
    expect(report).toEqual({ written: [], removed: ['artikel/weg/index.html'] });
    expect(existsSync(join(outDir, 'artikel'))).toBe(false);
  });

  it('refuses a path outside the output folder with a diagnostic and writes the rest', async () => {
    const diagnostics = new Diagnostics();
    const report = await writeChanged(outDir, [[file('../buiten.html', 'x'), file('binnen.html', 'y')]], null, new Map(), diagnostics);
    expect(report.written).toEqual(['binnen.html']);
    expect(diagnostics.list().map((d) => d.code)).toEqual(['write/unsafe-path']);
    expect(existsSync(join(outDir, '..', 'buiten.html'))).toBe(false);
  });
});

describe('writeChanged with a streamed export and files found on disk', () => {
  /** A large export as the build makes it: bytes in pieces, made as they are asked for; `made` counts whole makings. */
  const streamed = (path: string, pieces: string[]) => {
    const counter = { made: 0 };
    const file: OutputFile = {
      path,
      chunks: function* () {
        for (const piece of pieces) yield Buffer.from(piece);
      },
      get bytes(): Uint8Array {
        counter.made++;
        return Buffer.from(pieces.join(''));
      },
    };
    return { file, counter };
  };

  it('streams pieces to disk without making the whole, and leaves the file alone when its bytes are the same', async () => {
    const previous = new Map<string, string>();
    const first = streamed('api/topics.json', ['[{"id":', '"chips"}', ']\n']);
    expect((await writeChanged(outDir, [[first.file]], null, previous, new Diagnostics())).written).toEqual(['api/topics.json']);
    expect(readFileSync(join(outDir, 'api/topics.json'), 'utf8')).toBe('[{"id":"chips"}]\n');
    expect(first.counter.made).toBe(0);
    const before = statSync(join(outDir, 'api/topics.json')).mtimeMs;
    const again = streamed('api/topics.json', ['[{"id":"chips"}]', '\n']);
    expect((await writeChanged(outDir, [[again.file]], null, previous, new Diagnostics())).written).toEqual([]);
    expect(statSync(join(outDir, 'api/topics.json')).mtimeMs).toBe(before);
    // Nothing is left beside it.
    expect(listFiles(outDir)).toEqual(['api/topics.json']);
  });

  it('compares a file found on disk (its hash unknown) with the new bytes before writing it', async () => {
    await writeChanged(outDir, [[file('index.html', 'voorpagina'), file('api/topics.json', '[]\n')]], null, new Map(), new Diagnostics());
    const found = new Map([
      ['index.html', ''],
      ['api/topics.json', ''],
    ]);
    const report = await writeChanged(outDir, [[file('index.html', 'voorpagina'), streamed('api/topics.json', ['[1]', '\n']).file]], null, found, new Diagnostics());
    expect(report.written).toEqual(['api/topics.json']);
    expect(readFileSync(join(outDir, 'api/topics.json'), 'utf8')).toBe('[1]\n');
    expect(found.get('index.html')).not.toBe('');
    expect(listFiles(outDir).sort()).toEqual(['api/topics.json', 'index.html']);
  });
});

describe('writeChanged when a write fails', () => {
  it('passes the error on and leaves no temporary file behind', async () => {
    const failing: OutputFile = {
      path: 'api/topics.json',
      chunks: function* () {
        yield Buffer.from('[');
        throw new Error('schijf vol');
      },
      get bytes(): Uint8Array {
        throw new Error('not made whole');
      },
    };
    await expect(writeChanged(outDir, [[failing]], null, new Map(), new Diagnostics())).rejects.toThrow('schijf vol');
    // A folder where the file should go: writing beside it works, renaming over it does not.
    mkdirSync(join(outDir, 'index.html'));
    await expect(writeChanged(outDir, [[file('index.html', 'voorpagina')]], null, new Map(), new Diagnostics())).rejects.toThrow();
    expect(listFiles(outDir).filter((path) => path.includes('.tmp'))).toEqual([]);
  });
});

describe('BatchedWriter', () => {
  it('writes a batch as soon as it is full, tells each file once it is on disk, and collects only what it really wrote', async () => {
    const previous = new Map<string, string>();
    const written = new Set<string>();
    const writer = new BatchedWriter(outDir, previous, new Diagnostics(), written);
    const onDisk: string[] = [];
    const many = pages(100, 'artikel');
    for (const page of many) {
      await writer.add(page, () => onDisk.push(page.path));
      // Whatever it has said is on disk is there; what it holds back waits for a full batch or a flush.
      for (const path of onDisk) expect(existsSync(join(outDir, path))).toBe(true);
    }
    expect(onDisk.length).toBeGreaterThan(0);
    expect(onDisk.length).toBeLessThan(many.length);
    await writer.flush();
    expect(onDisk).toEqual(many.map((f) => f.path));
    expect([...written]).toEqual(many.map((f) => f.path));

    // The same bytes again: on disk already, so told but not written.
    written.clear();
    onDisk.length = 0;
    await writer.add(many[0]!, () => onDisk.push(many[0]!.path));
    await writer.flush();
    expect(onDisk).toEqual([many[0]!.path]);
    expect(written.size).toBe(0);
  });
});
