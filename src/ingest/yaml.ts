/**
 * The one module that imports `yaml` and `js-yaml`. YAML 1.2 core schema, so
 * `2021-03-04` stays the string as written (never a time-zone-shifted Date)
 * and `2017` a number. The strict parser goes first for its exact positions;
 * what it rejects but Jekyll reads (multi-line quoted strings at column 0) is
 * read again leniently by js-yaml, and said so.
 */
import jsYaml from 'js-yaml';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { plainYaml } from './plain-yaml.js';

/** A YAML problem with its 1-based position inside the parsed text. */
export interface YamlProblem {
  message: string;
  line: number;
  column: number;
  fatal: boolean;
}

/** The outcome of parsing one YAML text. */
export interface YamlResult {
  value: unknown;
  /** Line (1-based, within the text) of each top-level key. */
  keyLines: Record<string, number>;
  problems: YamlProblem[];
  /** Set when only the lenient parser could read it: where the strict one stopped, and why. */
  lenient?: YamlProblem;
}

/** Parses YAML without throwing; a syntax error is reported where the faulty value starts. */
export function parseYaml(text: string): YamlResult {
  // Most front matter is a few plain fields: read without the library (a tenth of a millisecond an article).
  return plainYaml(text) ?? parseYamlDocument(text);
}

/** parseYaml by the YAML library alone, whatever the text (plain-yaml.ts is held to it). */
export function parseYamlDocument(text: string): YamlResult {
  const lineCounter = new LineCounter();
  // logLevel 'silent': the parser's own console warnings would duplicate our diagnostics.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true, logLevel: 'silent' });
  const keyLines: Record<string, number> = {};
  const valueStarts: Array<{ start: number; end: number }> = [];
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const range = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (key !== undefined && range) keyLines[key] = lineCounter.linePos(range[0]).line;
      const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
      if (valueRange) valueStarts.push({ start: valueRange[0], end: valueRange[2] });
    }
  }
  const problems: YamlProblem[] = [];
  for (const error of doc.errors) {
    // An unclosed quote is reported by the parser where the text ends; point at the value that opened it.
    const owner = valueStarts.find((v) => error.pos[0] >= v.start && error.pos[0] <= v.end);
    const at = lineCounter.linePos(owner && error.code === 'MISSING_CHAR' ? owner.start : error.pos[0]);
    problems.push({ message: firstLine(error.message), line: at.line, column: at.col, fatal: error.code !== 'DUPLICATE_KEY' });
  }
  for (const warning of doc.warnings) {
    const at = lineCounter.linePos(warning.pos[0]);
    problems.push({ message: firstLine(warning.message), line: at.line, column: at.col, fatal: false });
  }
  let value: unknown = null;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    problems.push({ message: (error as Error).message, line: 1, column: 1, fatal: true });
  }
  const firstFatal = problems.find((p) => p.fatal);
  if (firstFatal) {
    const lenient = parseLeniently(text);
    if (lenient !== undefined) {
      return { value: lenient, keyLines: topLevelKeyLines(text), problems: problems.filter((p) => !p.fatal), lenient: firstFatal };
    }
  }
  return { value, keyLines, problems };
}

/** js-yaml with its core schema (no Date objects, no custom types); undefined when it cannot read the text either. */
function parseLeniently(text: string): unknown {
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: true });
  } catch {
    return undefined;
  }
}

function topLevelKeyLines(text: string): Record<string, number> {
  const lines: Record<string, number> = {};
  text.split('\n').forEach((line, i) => {
    const key = /^([^\s#:'"][^:]*?|'[^']*'|"[^"]*"):(\s|$)/.exec(line)?.[1]?.replace(/^['"]|['"]$/g, '');
    if (key !== undefined && !(key in lines)) lines[key] = i + 1;
  });
  return lines;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
