/**
 * Front matter that is only `key: value` lines, each value a quoted string,
 * a plain word or date, or a list of those (`[a, "b"]` or `- a` lines), is
 * read here without the YAML library, which costs a tenth of a millisecond
 * per article. Anything else (a number, an escape, a comment, a nested map,
 * a repeated key, a word YAML reads as true, false or null, …) returns null
 * and goes to the library. test/property.test.ts holds the two to the same
 * result on generated front matter.
 */
import type { YamlResult } from './yaml.js';

const KEY = /^([A-Za-z_][\w-]*):(?: (.*))?$/;
/** Words the core schema reads as booleans or null; as keys or plain values they go to the library. */
const SPECIAL = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|__proto__)$/;
/** Printable characters a quoted string may hold as they are (no quotes, backslashes, controls, surrogates or BOM). */
const QUOTED_DOUBLE = /^"([^"\\\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff]*)" *$/;
const QUOTED_SINGLE = /^'([^'\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff]*)' *$/;
/** A plain scalar that is a string under the core schema: starts with a letter, no `:`/`#`/flow signs, no trailing space (a flow list's item). */
const PLAIN_WORDS = /^\p{L}[\p{L}\p{N} _.'()!?/&-]*$/u;
/**
 * A plain scalar after `key: ` or `- `: starts with a letter, then letters,
 * digits, spaces and visible ASCII signs (an RFC 2822 date, a URL, `koersen
 * 239`), never `: ` or ` #` (a mapping or a comment) nor a trailing `:`;
 * trailing spaces are not part of the value.
 */
const PLAIN_LINE = /^(\p{L}(?:[\p{L}\p{N} !-~]*[\p{L}\p{N}!-9;-~])?) *$/u;
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?: ?(?:[+-]\d{2}:?\d{2}|Z))?)?$/;
const ITEM = /^( *)- (.*)$/;

/** The fields of a plain front matter block, as the YAML library would give them, or null when it is not that plain. */
export function plainYaml(text: string): YamlResult | null {
  if (text.includes('\r') || text.includes('\t')) return null;
  const lines = text.split('\n');
  const value: Record<string, string | string[]> = {};
  const keyLines: Record<string, number> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const match = KEY.exec(line);
    if (!match) return null;
    const key = match[1]!;
    if (SPECIAL.test(key) || key in keyLines) return null;
    let field: string | string[] | null;
    // `key:` (spaces after it change nothing) and then its items, one per line.
    if (match[2] === undefined || /^ *$/.test(match[2])) {
      const items: string[] = [];
      let indent: string | null = null;
      for (let item = ITEM.exec(lines[i + 1] ?? ''); item && (indent === null || item[1] === indent); item = ITEM.exec(lines[i + 1] ?? '')) {
        indent = item[1]!;
        const scalar = blockScalar(item[2]!);
        if (scalar === null) return null;
        items.push(scalar);
        i++;
      }
      if (!items.length || (ITEM.test(lines[i + 1] ?? '') && lines[i + 1]!.startsWith(' '))) return null;
      field = items;
    } else field = match[2].startsWith('[') ? flowList(match[2]) : blockScalar(match[2]);
    if (field === null) return null;
    value[key] = field;
    keyLines[key] = i + 1 - (Array.isArray(field) && !match[2]?.trim() ? field.length : 0);
  }
  // No field at all is an empty document, which the library reads as null.
  return Object.keys(keyLines).length ? { value, keyLines, problems: [] } : null;
}

/** A value after `key: ` or `- `: quoted, a date or plain words. */
function blockScalar(text: string): string | null {
  const quoted = QUOTED_DOUBLE.exec(text) ?? QUOTED_SINGLE.exec(text);
  if (quoted) return quoted[1]!;
  if (PLAIN_DATE.test(text)) return text;
  const plain = PLAIN_LINE.exec(text)?.[1];
  return plain !== undefined && !plain.includes(': ') && !plain.includes(' #') && !SPECIAL.test(plain) ? plain : null;
}

/** `[a, "b c"]` on one line: quoted strings or plain words without flow signs. */
function flowList(text: string): string[] | null {
  const inner = /^\[(.*)\] *$/.exec(text)?.[1];
  if (inner === undefined) return null;
  if (inner.trim() === '') return [];
  const items: string[] = [];
  for (const part of inner.split(',')) {
    const item = part.trim();
    const quoted = QUOTED_DOUBLE.exec(item) ?? QUOTED_SINGLE.exec(item);
    if (quoted) items.push(quoted[1]!);
    else if (PLAIN_WORDS.test(item) && !SPECIAL.test(item)) items.push(item);
    else return null;
  }
  return items;
}
