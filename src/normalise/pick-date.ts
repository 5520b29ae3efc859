/**
 * Chooses an article's date by policy: an override, then front matter, then
 * the page's own meta, then an inline marker, then the file name. A written
 * date that cannot be read is a diagnostic and the next source is tried.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { ArticleDate, DateEstimate, DateSource, RawArticle } from '../model.js';
import { sentencesOf } from '../text.js';
import { parseDateText, parseDateValue } from './dates.js';

/** Front-matter keys that hold the publication date, in order of preference. */
export const DATE_FIELDS = ['date', 'published', 'pubDate', 'pubdate', 'publishDate', 'publish_date', 'datePublished', 'published_at', 'datum', 'created'];

const FILE_NAME_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?=[-_.]|$)/;
const INLINE_MARKER = /^[ \t]*(?:date|datum)[ \t]*:?[ \t]+(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?=\s|$)[ \t]*/i;

interface Candidate {
  value: unknown;
  source: DateSource;
  line?: number;
  field: string;
}

/** Picks the date; `overridden` names the fields an override supplied. */
export function pickDate(raw: RawArticle, marker: string | null, overridden: Set<string>, diagnostics: Diagnostics): ArticleDate | null {
  for (const candidate of candidates(raw, marker, overridden)) {
    const parsed = parseDateValue(candidate.value);
    if (parsed === null) continue;
    const at = { ...raw.source, ...(candidate.line ? { line: candidate.line, column: 1 } : {}) };
    if (!parsed.ok) {
      diagnostics.add(
        'normalise/invalid-date',
        candidate.source === 'file-name' ? 'warning' : 'error',
        at,
        `${describe(candidate)}: ${parsed.reason}`,
        'write the date as YYYY-MM-DD (or YYYY-MM, YYYY when only that is known), or correct it in _data/overrides.yml',
      );
      continue;
    }
    if (parsed.warning) diagnostics.add('normalise/date-suspect', 'warning', at, `${describe(candidate)}: ${parsed.warning}`, 'check the date and write it as YYYY-MM-DD (with a time as HH:MM and an offset like +02:00)');
    const { value, precision, time } = parsed.date;
    return time ? { value, precision, time, source: candidate.source } : { value, precision, source: candidate.source };
  }
  return null;
}

function candidates(raw: RawArticle, marker: string | null, overridden: Set<string>): Candidate[] {
  const list: Candidate[] = [];
  for (const field of DATE_FIELDS) {
    // `published: false` is Jekyll's draft flag, not a date.
    if (raw.fields[field] === undefined || typeof raw.fields[field] === 'boolean') continue;
    const source: DateSource = overridden.has(field) ? 'override' : 'front-matter';
    list.push({ value: raw.fields[field], source, line: raw.fieldLines[field], field });
  }
  if (raw.pageMeta.date) list.push({ value: raw.pageMeta.date, source: 'html-meta', line: raw.fieldLines['meta:date'], field: 'meta' });
  if (marker) list.push({ value: marker, source: 'inline-marker', line: raw.bodyLine, field: 'marker' });
  const fromName = fileNameDate(raw.source.path);
  if (fromName) list.push({ value: fromName, source: 'file-name', field: 'file name' });
  for (const field of PERMALINK_FIELDS) {
    const fromAddress = typeof raw.fields[field] === 'string' ? addressDate(raw.fields[field] as string) : null;
    if (fromAddress) {
      list.push({ value: fromAddress, source: 'permalink', line: raw.fieldLines[field], field });
      break;
    }
  }
  // Overrides come first whatever field they set.
  return list.sort((a, b) => Number(b.source === 'override') - Number(a.source === 'override'));
}

function describe(candidate: Candidate): string {
  if (candidate.source === 'file-name') return 'the date in the file name';
  if (candidate.source === 'inline-marker') return 'the date marker at the start of the text';
  if (candidate.source === 'html-meta') return "the page's date meta tag";
  if (candidate.source === 'permalink') return `the date in \`${candidate.field}\``;
  return `${candidate.source === 'override' ? 'override' : 'front matter'} field \`${candidate.field}\``;
}

/** Front-matter fields that give the article's address, which may hold its date (`path = "2014/09/15/Rust-1.0"`). */
const PERMALINK_FIELDS = ['path', 'permalink', 'url', 'slug'];

/** The date in a file's name (`2014-3-12-slug.md`) or, failing that, in its folders (`2019/05/31/slug.md`, `2019/05/slug.md`). */
export function fileNameDate(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const match = FILE_NAME_DATE.exec(name);
  if (match) return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return addressDate(path.slice(0, path.lastIndexOf('/') + 1));
}

/** `2014/09/15` → `2014-09-15`, `2019/05/` → `2019-05` in a path or URL; null when there is no such run. */
function addressDate(address: string): string | null {
  const match = /(?:^|\/)((?:1[89]|20)\d{2})\/(0?[1-9]|1[0-2])(?:\/(0?[1-9]|[12]\d|3[01]))?(?=\/|$)/.exec(address);
  if (!match) return null;
  return match[3] ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3].padStart(2, '0')}` : `${match[1]}-${match[2]!.padStart(2, '0')}`;
}

/** A leading ` date 2025-06 ` marker: its date text and the body without it, or null when there is none. */
export function takeInlineMarker(body: string): { date: string; rest: string } | null {
  const match = INLINE_MARKER.exec(body);
  if (!match || !parseDateText(match[1]!).ok) return null;
  return { date: match[1]!, rest: body.slice(match[0].length) };
}

const YEAR_MENTION = /(?<![\d.,€$£/-])\b(1[89]\d{2}|20\d{2})\b(?![\d.,]\d|%|\s?(?:euro|dollar|miljoen|miljard|procent|km|kilometer|meter|werknemers|mensen|medewerkers))/gi;

/** For an undated article: not before the latest year its text names, with the sentences that name it. */
export function estimateFromText(text: string): DateEstimate | null {
  let latest = 0;
  for (const match of text.matchAll(YEAR_MENTION)) latest = Math.max(latest, Number(match[1]));
  if (!latest) return null;
  const evidence = sentencesOf(text)
    .filter((sentence) => new RegExp(`\\b${latest}\\b`).test(sentence))
    .slice(0, 3);
  return { notBefore: String(latest), precision: 'year', reason: 'latest-year-mentioned', evidence };
}
