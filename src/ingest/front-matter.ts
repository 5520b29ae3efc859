/**
 * Splits front matter from the body (gray-matter) and parses it: YAML `---`,
 * TOML `+++`, JSON (`---json` or a bare `{…}` object as Hugo writes it).
 */
import matter from 'gray-matter';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { Diagnostics } from '../diagnostics.js';
import type { FrontMatterKind, SourceRef } from '../model.js';
import { parseYaml, type YamlProblem } from './yaml.js';

/** Front matter fields and the body that follows them. */
export interface SplitArticle {
  kind: FrontMatterKind;
  fields: Record<string, unknown>;
  fieldLines: Record<string, number>;
  body: string;
  bodyLine: number;
}

type Language = 'yaml' | 'toml' | 'json';

/** Separates and parses front matter; returns null (with an error) when it cannot be read without misreading it. */
export function splitFrontMatter(text: string, source: SourceRef, diagnostics: Diagnostics): SplitArticle | null {
  const blankLead = /^(?:[ \t]*\n)+(?=(?:---|\+\+\+)[ \t]*[a-z]*[ \t]*\n)/i.exec(text)?.[0];
  if (!blankLead) return splitAtTop(text, source, diagnostics);
  // Front matter after blank lines: read it, and keep every line number true to the file.
  const shift = blankLead.split('\n').length - 1;
  const local = new Diagnostics();
  const split = splitAtTop(text.slice(blankLead.length), source, local);
  for (const d of local.list()) diagnostics.add(d.code, d.severity, d.source.line ? { ...d.source, line: d.source.line + shift } : d.source, d.message, d.hint);
  diagnostics.add(
    'ingest/front-matter-late',
    'info',
    { ...source, line: shift + 1, column: 1 },
    `front matter starts on line ${shift + 1}, after blank lines; read it anyway`,
    'remove the blank lines above the opening delimiter: Jekyll and Hugo only read front matter on line 1',
  );
  if (!split) return null;
  const fieldLines = Object.fromEntries(Object.entries(split.fieldLines).map(([k, line]) => [k, line + shift]));
  return { ...split, fieldLines, bodyLine: split.bodyLine + shift };
}

function splitAtTop(text: string, source: SourceRef, diagnostics: Diagnostics): SplitArticle | null {
  const opening = detectOpening(text);
  if (!opening) return { kind: 'none', fields: {}, fieldLines: {}, body: text, bodyLine: 1 };
  if (opening.unsupported) {
    diagnostics.add(
      'ingest/front-matter-unsupported',
      'error',
      { ...source, line: 1, column: 4 },
      `front matter is declared as ${opening.unsupported}, which is code: Dossier never runs code from content`,
      'rewrite the fields as YAML (`---`), TOML (`+++`) or JSON (`---json`)',
    );
    return null;
  }
  if (opening.language === 'json' && opening.delimiter === '{') return splitBareJson(text, source, diagnostics);

  const lines = text.split('\n');
  const closeIndex = lines.findIndex((line, i) => i > 0 && line.trimEnd() === opening.delimiter);
  if (closeIndex === -1) {
    diagnostics.add(
      'ingest/front-matter-unclosed',
      'error',
      { ...source, line: 1, column: 1 },
      `front matter opens with \`${opening.delimiter}\` on line 1 but is never closed`,
      `add a line \`${opening.delimiter}\` after the last field, before the article text`,
    );
    return null;
  }
  let parsed: ParsedFields = { value: {}, keyLines: {}, problems: [] };
  // gray-matter hands the engine the text after the delimiter, usually starting with the newline that ends line 1.
  let lineOffset = 1;
  const engine = (parse: (block: string) => ParsedFields) => (block: string) => {
    lineOffset = block.startsWith('\n') ? 0 : 1;
    parsed = parse(block);
    return {};
  };
  const options = {
    delimiters: opening.delimiter,
    language: opening.language,
    engines: {
      yaml: engine(parseYaml),
      toml: engine(parseTomlBlock),
      json: engine(parseJsonBlock),
    },
  };
  // gray-matter closes the block at the first `\n` + delimiter after the opening one, then drops one `\r` and one
  // `\n` after it. It is handed the text up to there and the body is cut here the same way: given the whole text, it
  // also made a Buffer of it and hashed it as a cache key, 50 of the 60 µs it took per 3.4 KB article.
  const close = text.indexOf(`\n${opening.delimiter}`, opening.delimiter.length) + 1 + opening.delimiter.length;
  // gray-matter's typings only allow engines that return objects of their own option type.
  matter(text.slice(0, close), options as never);
  const after = text.charCodeAt(close) === 13 ? close + 1 : close;
  const body = text.slice(text.charCodeAt(after) === 10 ? after + 1 : after);
  const fatal = reportProblems(parsed.problems, opening.language, lineOffset, source, diagnostics);
  if (fatal) return null;
  if (parsed.lenient) {
    diagnostics.add(
      'ingest/front-matter-lenient',
      'info',
      { ...source, line: parsed.lenient.line + lineOffset, column: parsed.lenient.column },
      `front matter is not strict YAML (${parsed.lenient.message}); read it the lenient way Jekyll does`,
      'indent the continuation lines of a multi-line quoted value, so every YAML tool reads it the same',
    );
  }
  const fields = asRecord(parsed.value, opening.language, source, diagnostics);
  const fieldLines = Object.fromEntries(Object.entries(parsed.keyLines).map(([k, line]) => [k, line + lineOffset]));
  return { kind: opening.language, fields, fieldLines, body, bodyLine: closeIndex + 2 };
}

/** The body gray-matter cuts from the whole text after front matter opened by `delimiter`: the reference splitAtTop's own cut is tested against. */
export function bodyAsGrayMatterCutsIt(text: string, delimiter: string): string {
  const language = delimiter === '+++' ? 'toml' : 'yaml';
  return matter(text, { delimiters: delimiter, language, engines: { [language]: () => ({}) } } as never).content;
}

interface ParsedFields {
  value: unknown;
  keyLines: Record<string, number>;
  problems: YamlProblem[];
  lenient?: YamlProblem;
}

function detectOpening(text: string): { delimiter: string; language: Language; unsupported?: string } | null {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')).trimEnd();
  const dashes = /^---\s*([a-z]+)?$/i.exec(firstLine);
  if (dashes) {
    const lang = (dashes[1] ?? sniffLanguage(text)).toLowerCase();
    if (lang === 'yaml' || lang === 'yml') return { delimiter: '---', language: 'yaml' };
    if (lang === 'json' || lang === 'toml') return { delimiter: '---', language: lang };
    return { delimiter: '---', language: 'yaml', unsupported: lang };
  }
  if (firstLine === '+++') return { delimiter: '+++', language: 'toml' };
  if (/^\{\s*("|$)/.test(firstLine)) return { delimiter: '{', language: 'json' };
  return null;
}

/** Undeclared front matter between `---` lines is YAML, unless every field line is TOML's `key = value`. */
function sniffLanguage(text: string): Language {
  const lines = text.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  const block = lines.slice(1, close === -1 ? 0 : close).filter((line) => line.trim() && !line.trim().startsWith('#'));
  const toml = block.length > 0 && block.every((line) => /^\s*(\[[^\]]+\]|[\w."-]+\s*=\s*\S)/.test(line) && !/^\s*[\w-]+\s*:/.test(line));
  return toml ? 'toml' : 'yaml';
}

/** Hugo's JSON front matter: a JSON object at the very start, the body after its closing brace. */
function splitBareJson(text: string, source: SourceRef, diagnostics: Diagnostics): SplitArticle | null {
  const end = findJsonObjectEnd(text);
  const parsed = end === -1 ? null : parseJsonBlock(text.slice(0, end));
  if (!parsed || parsed.problems.length) {
    const problem = parsed?.problems[0];
    diagnostics.add(
      'ingest/front-matter-syntax',
      'error',
      { ...source, line: problem?.line ?? 1, column: problem?.column ?? 1 },
      `JSON front matter cannot be read: ${problem?.message ?? 'the object opened on line 1 is never closed'}`,
      'fix the JSON (quoted keys, commas between fields, no trailing comma) or switch to YAML front matter',
    );
    return null;
  }
  const rest = text.slice(end).replace(/^[ \t]*\n/, '');
  const bodyLine = text.slice(0, text.length - rest.length).split('\n').length;
  return {
    kind: 'json',
    fields: asRecord(parsed.value, 'json', source, diagnostics),
    fieldLines: parsed.keyLines,
    body: rest,
    bodyLine,
  };
}

function findJsonObjectEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

function parseJsonBlock(block: string): ParsedFields {
  try {
    return { value: JSON.parse(block), keyLines: keyLinesByPattern(block, /^\s{0,4}"([^"]+)"\s*:/), problems: [] };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const at = position ? lineColumnOf(block, Number(position[1])) : { line: 1, column: 1 };
    return { value: null, keyLines: {}, problems: [{ message, ...at, fatal: true }] };
  }
}

function parseTomlBlock(block: string): ParsedFields {
  try {
    return { value: plainToml(parseToml(block)), keyLines: keyLinesByPattern(block, /^\s*([A-Za-z0-9_-]+)\s*=/), problems: [] };
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const column = error instanceof TomlError ? error.column : 1;
    return { value: null, keyLines: {}, problems: [{ message: firstLine((error as Error).message), line, column, fatal: true }] };
  }
}

/** TOML dates become the text as written (`2021-03-04`, `2022-11-15T00:30:00+01:00`), never a shifted Date. */
function plainToml(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map(plainToml);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainToml(v)]));
  }
  return value;
}

function keyLinesByPattern(block: string, pattern: RegExp): Record<string, number> {
  const lines: Record<string, number> = {};
  block.split('\n').forEach((line, i) => {
    const key = pattern.exec(line)?.[1];
    if (key !== undefined && !(key in lines)) lines[key] = i + 1;
  });
  return lines;
}

/** Reports the first fatal problem (later ones are usually its echoes) and every warning. */
function reportProblems(problems: YamlProblem[], language: Language, lineOffset: number, source: SourceRef, diagnostics: Diagnostics): boolean {
  const firstFatal = problems.find((p) => p.fatal);
  for (const problem of problems.filter((p) => !p.fatal || p === firstFatal)) {
    diagnostics.add(
      problem.fatal ? 'ingest/front-matter-syntax' : 'ingest/front-matter-suspect',
      problem.fatal ? 'error' : 'warning',
      { ...source, line: problem.line + lineOffset, column: problem.column },
      `${language.toUpperCase()} front matter: ${problem.message}`,
      problem.fatal
        ? 'fix the front matter at this line (a quote left open, a missing colon or a bad indent is the usual cause); the article is left out until then'
        : 'check this field; the rest of the front matter was read',
    );
  }
  return problems.some((p) => p.fatal);
}

function asRecord(value: unknown, language: Language, source: SourceRef, diagnostics: Diagnostics): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  diagnostics.add(
    'ingest/front-matter-not-mapping',
    'warning',
    { ...source, line: 2, column: 1 },
    `${language.toUpperCase()} front matter is a ${Array.isArray(value) ? 'list' : typeof value}, not a set of fields; ignored`,
    'write front matter as `key: value` lines',
  );
  return {};
}

function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}
